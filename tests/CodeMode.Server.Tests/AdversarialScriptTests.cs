namespace CodeMode.Server.Tests;

/// <summary>
/// Scripts written to defeat the sandbox, through the real HTTP host and real worker processes. Each must end with
/// its status and code, as a 200 ScriptResult, and the host must answer the next request normally.
/// </summary>
public sealed class AdversarialScriptTests(TightLimitsAppFactory factory) : IClassFixture<TightLimitsAppFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    public static TheoryData<string, string, int?, string, string> Attacks() => new()
    {
        // name, code, timeoutMs, expected status, expected code
        { "statement budget", "for (var i = 0; i < 1e9; i++) { i = i; }", null, "statementLimit", "CM3003" },
        { "statement budget swallowed", "for (;;) { try { for (;;) {} } catch (e) {} }", null, "statementLimit", "CM3003" },
        { "deep recursion", "function f(n) { return f(n + 1) + 1; } f(0)", null, "recursionLimit", "CM3004" },
        { "recursion swallowed", "function f() { try { return f(); } catch (e) { return f(); } } f()", null, "recursionLimit", "CM3004" },
        { "memory bomb", "var keep = []; var s = 'xxxxxxxxxxxxxxxx'; while (true) { s = s + s; keep.push(s + '.'); }", null, "memoryLimit", "CM3002" },
        { "array memory bomb", "var s = 'x'; for (var j = 0; j < 17; j++) { s += s; } var a = []; for (var i = 0; i < 5000; i++) { a.push(s + i); }", null, "memoryLimit", "CM3002" },
        { "output flood", "while (true) { console.log('flood flood flood flood flood flood'); }", null, "outputLimit", "CM3005" },
        { "huge return value", "var a = []; for (var i = 0; i < 2000; i++) a.push('value ' + i); return a;", null, "outputLimit", "CM3005" },
        { "tool call flood", "for (var i = 0; i < 100; i++) { automem.check_database_health({}); }", null, "rateLimited", "CM3006" },
        { "tool call flood swallowed", "for (var i = 0; i < 100; i++) { try { automem.check_database_health({}); } catch (e) {} }", null, "rateLimited", "CM3006" },
        { "quadratic built-in", "new Array(1e6).join('x').length", 1000, "timeout", "CM3001" },
        { "eval", "eval('1+1')", null, "policyDenied", "CM4001" },
        { "indirect eval", "(0, eval)('1+1')", null, "policyDenied", "CM4001" },
        { "Function constructor", "new Function('return 1')()", null, "policyDenied", "CM4001" },
        { "Function via a function's constructor", "(function () {}).constructor('return this')()", null, "policyDenied", "CM4001" },
        { "Function via a proxy's constructor", "automem.store_memory.constructor('return this')()", null, "policyDenied", "CM4001" },
        { "denial swallowed", "try { eval('1'); } catch (e) { 'caught' }", null, "policyDenied", "CM4001" },
        { "unknown tool", "automem.drop_database({})", null, "runtimeError", "CM2001" },
    };

    [Theory]
    [MemberData(nameof(Attacks))]
    public Task Execute_Attack_EndsWithItsStatusAndTheHostAnswersNext(string name, string code, int? timeoutMs, string status, string errorCode) =>
        AttackAssertions.EndsWithAsync(_client, name, code, timeoutMs, status, errorCode);

    public static TheoryData<string, string> EscapeProbes() => new()
    {
        // Each probe returns true when it found a way out; every one must return false.
        { "CLR namespaces", "typeof System !== 'undefined' || typeof importNamespace !== 'undefined' || typeof require !== 'undefined'" },
        { "GetType on a proxy", "typeof automem.GetType !== 'undefined' || typeof automem.store_memory.GetType !== 'undefined'" },
        { "GetType on a result", "var r = automem.check_database_health({}); typeof r.GetType !== 'undefined' || typeof r.constructor.GetType !== 'undefined'" },
        { "GetType on a thrown tool error", "var found = false; try { automem.update_memory({ memory_id: 'x' }); } catch (e) { for (var k in e) { if (typeof e[k] === 'object' && e[k] !== null && typeof e[k].GetType !== 'undefined') found = true; } found = found || typeof e.GetType !== 'undefined'; } found" },
        { "thrown error values are primitives", "var bad = false; try { automem.update_memory({ memory_id: 'x' }); } catch (e) { var names = Object.getOwnPropertyNames(e); for (var i = 0; i < names.length; i++) { var v = e[names[i]]; if (v !== null && typeof v === 'object') bad = true; } } bad" },
        { "global has no host objects", "var names = Object.getOwnPropertyNames(this); var bad = false; for (var i = 0; i < names.length; i++) { var v = this[names[i]]; if (v && typeof v.GetType !== 'undefined') bad = true; } bad" },
        { "proxies are frozen", "try { automem.store_memory = function () { return 1; }; } catch (e) {} automem.store_memory.toString().indexOf('return 1') >= 0" },
    };

    [Theory]
    [MemberData(nameof(EscapeProbes))]
    public async Task Execute_EscapeProbe_FindsNoWayOut(string name, string code)
    {
        var (_, body) = await _client.ExecuteAsync(code);

        Assert.True(body.Str("status") == "succeeded", $"{name}: {body}");
        Assert.False(body.GetProperty("value").GetBoolean(), name);
    }
}
