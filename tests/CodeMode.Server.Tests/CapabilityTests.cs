using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using CodeMode.Testing;

namespace CodeMode.Server.Tests;

/// <summary>
/// The brokered capabilities and the tool-path checks end to end: HTTP request → real sandbox worker → fs/fetch globals →
/// host gateway → ScriptResult. Offline mocks; fetch goes to a loopback HTTP server started by the fixture.
/// </summary>
public sealed class CapabilityTests(CapabilityTests.Host host) : IClassFixture<CapabilityTests.Host>
{
    private readonly HttpClient _client = host.CreateClient();

    [Fact]
    public async Task Fs_ReadWriteListExists_InsideTheGrantedDirectories()
    {
        var body = await RunAsync("""
            var n = fs.write('out/result.txt', 'written by a script');
            return { text: fs.read('data/notes.txt'), n: n, names: fs.list('data').map(function (e) { return e.name; }), there: fs.exists('out/result.txt') };
            """);

        Assert.Equal("succeeded", body.Str("status"));
        var value = body.GetProperty("value");
        Assert.Equal("hello from the host", value.Str("text"));
        Assert.Equal(19, value.GetProperty("n").GetInt32());
        Assert.True(value.GetProperty("there").GetBoolean());
        Assert.Equal("written by a script", File.ReadAllText(Path.Combine(host.Directory, "out", "result.txt")));
        var calls = body.GetProperty("toolCalls").EnumerateArray().Select(c => c.Str("server") + "." + c.Str("tool")).ToArray();
        Assert.Equal(["fs.write", "fs.read", "fs.list", "fs.exists"], calls);
    }

    [Theory]
    [InlineData("fs.read('data/../secret/key.txt')")]
    [InlineData("fs.read('/etc/passwd')")]
    [InlineData("fs.read('data/escape/key.txt')")]
    public async Task Fs_Escapes_EndTheScriptAsPolicyDenied(string call)
    {
        var body = await RunAsync($"try {{ {call} }} catch (e) {{ 'caught: ' + e.message }}");

        Assert.Equal("policyDenied", body.Str("status"));
        Assert.Equal("CM4014", body.GetProperty("error").Str("code"));
        Assert.Equal("fs.read", body.GetProperty("error").Str("tool"));
        Assert.DoesNotContain("top secret", body.GetRawText());
    }

    [Fact]
    public async Task Fs_WriteWithOnlyReadGranted_IsDenied()
    {
        var body = await RunAsync("fs.write('data/x.txt', 'x')", runtime: "restricted");

        Assert.Equal("policyDenied", body.Str("status"));
        Assert.Equal("CM4013", body.GetProperty("error").Str("code"));
        Assert.False(File.Exists(Path.Combine(host.Directory, "data", "x.txt")));
    }

    [Fact]
    public async Task Fs_FileOverTheSizeLimit_IsACatchableError()
    {
        var body = await RunAsync("try { fs.read('data/big.txt'); 'read' } catch (e) { e.code }");

        Assert.Equal("succeeded", body.Str("status"));
        Assert.Equal("CM4016", body.GetProperty("value").GetString());
    }

    [Fact]
    public async Task Fetch_GrantedLoopbackServer_ReturnsTheResponse()
    {
        var body = await RunAsync($"var r = fetch('{host.Http.Url("/json")}'); [r.status, r.json().a]");

        Assert.Equal("succeeded", body.Str("status"));
        Assert.Equal("[200,1]", body.GetProperty("value").GetRawText());
    }

    [Theory]
    [InlineData("http://localhost:{port}/json")]
    [InlineData("http://127.0.0.1:1/json")]
    [InlineData("{server}/redirect?to=http%3A%2F%2Flocalhost%3A{port}%2Fjson")]
    public async Task Fetch_DeniedHostPortOrRedirect_EndsTheScript(string url)
    {
        var port = host.Http.Port.ToString(CultureInfo.InvariantCulture);
        var target = url.Replace("{server}", host.Http.Url(""), StringComparison.Ordinal).Replace("{port}", port, StringComparison.Ordinal);

        var body = await RunAsync($"fetch('{target}')");

        Assert.Equal("policyDenied", body.Str("status"));
        Assert.Equal("CM4015", body.GetProperty("error").Str("code"));
    }

    [Fact]
    public async Task Fetch_SlowServer_TimesOutCatchably()
    {
        var body = await RunAsync($"try {{ fetch('{host.Http.Url("/slow")}'); 'answered' }} catch (e) {{ e.code }}");

        Assert.Equal("succeeded", body.Str("status"));
        Assert.Equal("CM5004", body.GetProperty("value").GetString());
    }

    [Fact]
    public async Task Fetch_ResponseOverTheSizeLimit_IsACatchableError()
    {
        var body = await RunAsync($"try {{ fetch('{host.Http.Url("/big?bytes=8000")}'); 'answered' }} catch (e) {{ e.code }}");

        Assert.Equal("CM4016", body.GetProperty("value").GetString());
    }

    [Fact]
    public async Task ToolResult_OverTheSizeLimit_IsRefusedCatchablyNotTruncated()
    {
        // The helpscout mock's conversation search answers about 25 KB; this host's maxPayloadBytes is 4 KB.
        var body = await RunAsync("try { helpscout.searchConversations({}); 'answered' } catch (e) { e.code + ' ' + e.tool }");

        Assert.Equal("succeeded", body.Str("status"));
        Assert.Equal("CM4012 helpscout.searchConversations", body.GetProperty("value").GetString());
        Assert.Equal("failed", Assert.Single(body.GetProperty("toolCalls").EnumerateArray()).Str("status"));
    }

    [Fact]
    public async Task Capabilities_AbsentForARuntimeWithoutThem()
    {
        var body = await RunAsync("[typeof fs, typeof fetch]", runtime: "plain");

        Assert.Equal("""["undefined","undefined"]""", body.GetProperty("value").GetRawText());
    }

    [Fact]
    public async Task DestructiveTool_SwitchedOff_IsDenied()
    {
        var body = await RunAsync("automem.delete_memory({ memory_id: 'x' })", runtime: "restricted");

        Assert.Equal("policyDenied", body.Str("status"));
        Assert.Equal("CM4008", body.GetProperty("error").Str("code"));
    }

    [Fact]
    public async Task ToolAllowList_UnlistedTool_IsDenied()
    {
        var body = await RunAsync("automem.store_memory({ content: 'x' })", runtime: "restricted");

        Assert.Equal("policyDenied", body.Str("status"));
        Assert.Equal("CM4007", body.GetProperty("error").Str("code"));
    }

    [Fact]
    public async Task SchemaViolation_NamesTheProperty()
    {
        var body = await RunAsync("automem.store_memory({ content: 42 })");

        Assert.Equal("policyDenied", body.Str("status"));
        Assert.Equal("CM4011", body.GetProperty("error").Str("code"));
        Assert.Contains("'content' must be a string", body.GetProperty("error").Str("message"));
    }

    [Theory]
    [InlineData("automem.store_memory({ content: 'a\\u0000b' })", "CM4009")]
    [InlineData("var o = {}; var c = o; for (var i = 0; i < 40; i++) { c.n = {}; c = c.n; } automem.store_memory({ content: 'x', metadata: o })", "CM4010")]
    public async Task UnsafeArguments_AreDenied(string code, string expected)
    {
        var body = await RunAsync(code);

        Assert.Equal("policyDenied", body.Str("status"));
        Assert.Equal(expected, body.GetProperty("error").Str("code"));
    }

    private async Task<JsonElement> RunAsync(string code, string runtime = "javascript")
    {
        var (status, body) = await _client.ExecuteAsync(code, runtime: runtime);
        Assert.Equal(200, status);
        return body;
    }

    /// <summary>
    /// The host with three javascript runtimes: <c>javascript</c> (fs read data/, write out/; fetch 127.0.0.1 on the
    /// loopback server's port), <c>restricted</c> (fs read only; automem limited to recall/delete; no destructive tools)
    /// and <c>plain</c> (no capability). data/ holds notes.txt, big.txt (over the 4 KB payload limit) and a link to secret/.
    /// </summary>
    public sealed class Host : CodeModeAppFactory
    {
        private readonly TempDirectory _directory = new();
        private readonly Lazy<string> _config;

        public Host()
        {
            Http = new LoopbackHttpServer();
            var data = System.IO.Directory.CreateDirectory(Path.Combine(_directory.Path, "data")).FullName;
            System.IO.Directory.CreateDirectory(Path.Combine(_directory.Path, "out"));
            var secret = System.IO.Directory.CreateDirectory(Path.Combine(_directory.Path, "secret")).FullName;
            File.WriteAllText(Path.Combine(data, "notes.txt"), "hello from the host");
            File.WriteAllText(Path.Combine(data, "big.txt"), new string('x', 8192));
            File.WriteAllText(Path.Combine(secret, "key.txt"), "top secret");
            System.IO.Directory.CreateSymbolicLink(Path.Combine(data, "escape"), secret);

            _config = new Lazy<string>(() => ConfigFiles.Variant(_directory, root =>
            {
                var runtimes = root["runtimes"]!.AsObject();
                var javascript = runtimes["javascript"]!.AsObject();
                runtimes.Remove("csharp");
                var restricted = javascript.DeepClone().AsObject();
                var plain = javascript.DeepClone().AsObject();

                javascript["allowedModules"] = new JsonArray("fs", "fetch");
                javascript["permissions"]!["fileSystem"] = new JsonObject { ["read"] = new JsonArray("data"), ["write"] = new JsonArray("out") };
                javascript["permissions"]!["network"] = new JsonObject { ["allowedHosts"] = new JsonArray("127.0.0.1"), ["allowedPorts"] = new JsonArray(Http.Port), ["timeoutMs"] = 1500 };

                restricted["allowedModules"] = new JsonArray("fs");
                restricted["permissions"]!["fileSystem"] = new JsonObject { ["read"] = new JsonArray("data") };
                restricted["allowDestructive"] = false;
                restricted["tools"] = new JsonObject { ["automem"] = new JsonArray("recall_memory", "delete_memory") };
                runtimes["restricted"] = restricted;
                runtimes["plain"] = plain;

                root["security"] = new JsonObject { ["maxPayloadBytes"] = 4096 };
                root["sandbox"] = new JsonObject { ["poolSize"] = 1 };
            }));
        }

        public LoopbackHttpServer Http { get; }

        public string Directory => _directory.Path;

        protected override string ConfigPath => _config.Value;

        protected override void Dispose(bool disposing)
        {
            base.Dispose(disposing);
            if (disposing)
            {
                Http.DisposeAsync().AsTask().GetAwaiter().GetResult();
                _directory.Dispose();
            }
        }
    }
}
