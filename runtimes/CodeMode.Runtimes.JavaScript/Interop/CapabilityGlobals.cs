using CodeMode.Abstractions.Security;
using Jint;
using Jint.Native;
using Jint.Native.Object;
using Jint.Runtime;
using Jint.Runtime.Interop;

namespace CodeMode.Runtimes.JavaScript.Interop;

/// <summary>
/// The script-facing shape of the host's brokered capabilities. They reach the host as ordinary proxy calls on the
/// reserved servers <c>fs</c> and <c>fetch</c> (so limits, tracing and audit see them), but read like the familiar APIs:
/// <code>
/// fs.read(path) → string            fs.write(path, text) → bytes written
/// fs.list(dir)  → [{name, type, size}]  fs.exists(path) → boolean
/// fetch(url, {method, headers, body}) or fetch({url, method, headers, body}) → {status, ok, headers, text, url, json()}
/// </code>
/// Synchronous, JSON at the boundary; the host decides what is allowed. Objects and functions are frozen.
/// </summary>
internal sealed class CapabilityGlobals(Engine engine, CapabilityGlobals.ToolCall call, Func<string, Exception> typeError)
{
    /// <summary>One proxy call: server, tool, qualified name for messages, and the argument object.</summary>
    public delegate JsValue ToolCall(string server, string tool, string qualifiedName, JsValue[] arguments);

    public void Install(string server)
    {
        if (server == CapabilityNames.FileSystem)
        {
            InstallFileSystem();
        }
        else
        {
            var fetch = new ClrFunctionInstance(engine, (_, arguments) => CallFetch(arguments), 2) { Extensible = false };
            engine.Global.FastAddProperty(CapabilityNames.Fetch, fetch, writable: false, enumerable: true, configurable: false);
        }
    }

    private void InstallFileSystem()
    {
        var fs = engine.Object.Construct(Arguments.Empty);
        Add(fs, "read", 1, arguments => Member(CallFs("read", PathArgument("read", arguments)), "text"));
        Add(fs, "write", 2, arguments =>
        {
            var request = PathArgument("write", arguments);
            var text = arguments.Length > 1 ? arguments[1] : JsValue.Undefined;
            if (!text.IsString())
            {
                throw typeError("fs.write(path, text) needs the text as a string; use JSON.stringify(value) for data.");
            }

            request.FastAddProperty("text", text, true, true, true);
            return Member(CallFs("write", request), "bytes");
        });
        Add(fs, "list", 1, arguments => Member(CallFs("list", PathArgument("list", arguments)), "entries"));
        Add(fs, "exists", 1, arguments => Member(CallFs("exists", PathArgument("exists", arguments)), "exists"));
        fs.Extensible = false;
        engine.Global.FastAddProperty(CapabilityNames.FileSystem, fs, writable: false, enumerable: true, configurable: false);
    }

    private void Add(ObjectInstance target, string name, int length, Func<JsValue[], JsValue> body)
    {
        var function = new ClrFunctionInstance(engine, (_, arguments) => body(arguments), length) { Extensible = false };
        target.FastAddProperty(name, function, writable: false, enumerable: true, configurable: false);
    }

    private ObjectInstance PathArgument(string operation, JsValue[] arguments)
    {
        var path = arguments.Length > 0 ? arguments[0] : JsValue.Undefined;
        if (!path.IsString())
        {
            throw typeError($"fs.{operation} needs a path string as its first argument.");
        }

        var request = engine.Object.Construct(Arguments.Empty);
        request.FastAddProperty("path", path, true, true, true);
        return request;
    }

    private JsValue CallFs(string operation, ObjectInstance request) =>
        call(CapabilityNames.FileSystem, operation, CapabilityNames.FileSystem + "." + operation, [request]);

    private JsValue CallFetch(JsValue[] arguments)
    {
        var first = arguments.Length > 0 ? arguments[0] : JsValue.Undefined;
        JsValue url;
        JsValue options;
        if (first.IsString())
        {
            url = first;
            options = arguments.Length > 1 ? arguments[1] : JsValue.Undefined;
        }
        else if (first.IsObject() && first.AsObject() is not ICallable && first.AsObject().Class != "Array")
        {
            options = first;
            url = first.AsObject().Get("url");
        }
        else
        {
            throw typeError("fetch needs a URL: fetch('https://host/path', { method, headers, body }) or fetch({ url, method, headers, body }).");
        }

        if (!url.IsString())
        {
            throw typeError("fetch needs the URL as a string.");
        }

        var request = engine.Object.Construct(Arguments.Empty);
        request.FastAddProperty("url", url, true, true, true);
        if (!options.IsUndefined() && !options.IsNull())
        {
            if (!options.IsObject() || options.AsObject() is ICallable)
            {
                throw typeError("fetch options must be an object: { method, headers, body }.");
            }

            var source = options.AsObject();
            CopyString(source, request, "method");
            CopyString(source, request, "body");
            var headers = source.Get("headers");
            if (!headers.IsUndefined() && !headers.IsNull())
            {
                if (!headers.IsObject() || headers.AsObject() is ICallable || headers.AsObject().Class == "Array")
                {
                    throw typeError("fetch headers must be an object of strings: { 'Accept': 'application/json' }.");
                }

                request.FastAddProperty("headers", headers, true, true, true);
            }
        }

        var response = call(CapabilityNames.Fetch, CapabilityNames.Request, CapabilityNames.Fetch, [request]);
        if (response.IsObject())
        {
            // response.json(): the body parsed as JSON, as in the browser's API (synchronous here).
            var text = response.AsObject().Get("text");
            var json = new ClrFunctionInstance(engine, (_, _) => engine.Json.Parse(JsValue.Undefined, [text]), 0) { Extensible = false };
            response.AsObject().FastAddProperty("json", json, writable: false, enumerable: false, configurable: false);
        }

        return response;
    }

    private void CopyString(ObjectInstance source, ObjectInstance target, string name)
    {
        var value = source.Get(name);
        if (value.IsUndefined() || value.IsNull())
        {
            return;
        }

        if (!value.IsString())
        {
            throw typeError($"fetch option '{name}' must be a string{(name == "body" ? "; use JSON.stringify(data) for a JSON body" : "")}.");
        }

        target.FastAddProperty(name, value, true, true, true);
    }

    private static JsValue Member(JsValue result, string name) =>
        result.IsObject() ? result.AsObject().Get(name) : JsValue.Undefined;
}
