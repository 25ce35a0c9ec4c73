// 'fs' with globSync, for @modelcontextprotocol/conformance on Node 20 (globSync came in Node 22): a small
// recursive matcher (*, **, ?) over readdirSync. hooks.mjs sends every import of 'fs' here.
import fs from 'node:fs';
import path from 'node:path';

export * from 'node:fs';
export default fs;

export const globSync = typeof fs.globSync === 'function' ? fs.globSync : globSyncFallback;

function globSyncFallback(patterns, options) {
  const cwd = options && options.cwd ? String(options.cwd) : process.cwd();
  const results = new Set();
  for (const pattern of Array.isArray(patterns) ? patterns : [patterns]) {
    const normalized = String(pattern).split(path.sep).join('/');
    const absolute = path.isAbsolute(normalized);
    const regex = toRegExp(absolute ? normalized.replace(/^\/+/, '') : normalized.replace(/^\.\//, ''));
    const candidates = [];
    walk(absolute ? '/' : cwd, '', candidates);
    for (const candidate of candidates) {
      if (regex.test(candidate)) {
        results.add(absolute ? '/' + candidate : candidate);
      }
    }
  }
  return [...results];
}

function toRegExp(pattern) {
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '*' && pattern[i + 1] === '*') {
      const slash = pattern[i + 2] === '/';
      source += slash ? '(?:.*/)?' : '.*';
      i += slash ? 2 : 1;
    } else if (c === '*') {
      source += '[^/]*';
    } else if (c === '?') {
      source += '[^/]';
    } else {
      source += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
    }
  }
  return new RegExp('^' + source + '$');
}

function walk(root, relative, found) {
  let entries;
  try {
    entries = fs.readdirSync(path.join(root, relative), { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries) {
    const child = relative ? relative + '/' + entry.name : entry.name;
    found.push(child);
    if (entry.isDirectory() && entry.name !== 'node_modules') {
      walk(root, child, found);
    }
  }
}
