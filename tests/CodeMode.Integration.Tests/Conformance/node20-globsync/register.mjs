// node --import ./register.mjs: gives Node 20 the fs.globSync that @modelcontextprotocol/conformance imports.
// Named imports of a built-in module cannot be added to at run time, so imports of 'fs' are redirected to fs.mjs.
// Nothing is done on Node 22 and later.
import fs from 'node:fs';
import { register } from 'node:module';

if (typeof fs.globSync !== 'function') {
  register('./hooks.mjs', import.meta.url);
}
