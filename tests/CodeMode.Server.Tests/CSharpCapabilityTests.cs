using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using CodeMode.Testing;

namespace CodeMode.Server.Tests;

/// <summary>
/// The csharp runtime's <c>Files</c>, <c>Http</c> and <c>fetch(...)</c> end to end: HTTP request → real csharp sandbox
/// worker → host capability gateway → ScriptResult and audit log. The same cases as the javascript
/// <see cref="CapabilityTests"/>, with the same statuses and codes; fetch goes to a loopback server started here.
/// </summary>
public sealed class CSharpCapabilityTests(CSharpCapabilityTests.Host host) : IClassFixture<CSharpCapabilityTests.Host>
{
    private readonly HttpClient _client = host.Factory.CreateClient();

    [Fact]
    public async Task Files_ReadWriteListExists_InsideTheGrantedDirectories()
    {
        var body = await RunAsync("""
            var n = Files.WriteText("out/result.txt", "written by a script");
            var text = await Files.ReadTextAsync("data/notes.txt");
            var entries = Files.List("data");
            return new { text, n, names = entries.Select(e => e.Name + ":" + e.Type).ToArray(), there = Files.Exists("out/result.txt"), gone = Files.Exists("out/nothing.txt") };
            """);

        Assert.Equal("succeeded", body.Str("status"));
        var value = body.GetProperty("value");
        Assert.Equal("hello from the host", value.Str("text"));
        Assert.Equal(19, value.GetProperty("n").GetInt32());
        Assert.Equal(["big.txt:file", "escape:link", "notes.txt:file"], value.GetProperty("names").EnumerateArray().Select(e => e.GetString()));
        Assert.True(value.GetProperty("there").GetBoolean());
        Assert.False(value.GetProperty("gone").GetBoolean());
        Assert.Equal("written by a script", File.ReadAllText(Path.Combine(host.Directory, "out", "result.txt")));
        var calls = body.GetProperty("toolCalls").EnumerateArray().Select(c => c.Str("server") + "." + c.Str("tool")).ToArray();
        Assert.Equal(["fs.write", "fs.read", "fs.list", "fs.exists", "fs.exists"], calls);
    }

    [Theory]
    [InlineData("Files.ReadText(\"data/../secret/key.txt\")")]
    [InlineData("Files.ReadText(\"/etc/passwd\")")]
    [InlineData("Files.ReadText(\"data/escape/key.txt\")")]
    [InlineData("Files.WriteText(\"out/../secret/key.txt\", \"overwritten\")")]
    public async Task Files_Escapes_EndTheScriptAsPolicyDenied(string call)
    {
        var body = await RunAsync($"try {{ return {call}; }} catch (Exception e) {{ return \"caught: \" + e.Message; }}");

        Assert.Equal("policyDenied", body.Str("status"));
        Assert.Equal("CM4014", body.GetProperty("error").Str("code"));
        Assert.DoesNotContain("top secret", body.GetRawText());
        Assert.Equal("top secret", File.ReadAllText(Path.Combine(host.Directory, "secret", "key.txt")));
    }

    [Fact]
    public async Task Files_WriteWithOnlyReadGranted_IsDenied()
    {
        var body = await RunAsync("Files.WriteText(\"data/x.txt\", \"x\");", runtime: "restricted");

        Assert.Equal("policyDenied", body.Str("status"));
        Assert.Equal("CM4013", body.GetProperty("error").Str("code"));
        Assert.False(File.Exists(Path.Combine(host.Directory, "data", "x.txt")));
    }

    [Fact]
    public async Task Files_ReadOverTheSizeLimit_IsACatchableError()
    {
        var body = await RunAsync("try { Files.ReadText(\"data/big.txt\"); return \"read\"; } catch (ToolException e) { return e.Code; }");

        Assert.Equal("succeeded", body.Str("status"));
        Assert.Equal("CM4016", body.GetProperty("value").GetString());
    }

    [Fact]
    public async Task Files_WriteOverThePayloadLimit_IsRefusedBeforeTheBroker()
    {
        // The text travels as the call's argument, so the payload check (security.maxPayloadBytes) refuses it first.
        var body = await RunAsync("try { Files.WriteText(\"out/big.txt\", new string('x', 5000)); } catch (Exception) { } return \"escaped\";");

        Assert.Equal("policyDenied", body.Str("status"));
        Assert.Equal("CM4004", body.GetProperty("error").Str("code"));
        Assert.False(File.Exists(Path.Combine(host.Directory, "out", "big.txt")));
    }

    [Fact]
    public async Task Files_Missing_IsACatchableError()
    {
        var body = await RunAsync("try { return Files.ReadText(\"data/none.txt\"); } catch (ToolException e) { return e.Code + \" \" + e.Tool; }");

        Assert.Equal("CM5003 fs.read", body.GetProperty("value").GetString());
    }

    [Fact]
    public async Task Fetch_GrantedLoopbackServer_ReturnsTheResponse()
    {
        var body = await RunAsync($$"""
            var r = await fetch("{{host.Http.Url("/json")}}");
            var echo = Http.Fetch("{{host.Http.Url("/echo")}}", "POST", new Dictionary<string, string> { ["x-test"] = "yes" }, "ping");
            return new { r.Status, r.Ok, a = r.Json()!["a"]!.GetValue<int>(), type = r.Headers["content-type"], echo = echo.Json() };
            """);

        Assert.Equal("succeeded", body.Str("status"));
        var value = body.GetProperty("value");
        Assert.Equal(200, value.GetProperty("Status").GetInt32());
        Assert.True(value.GetProperty("Ok").GetBoolean());
        Assert.Equal(1, value.GetProperty("a").GetInt32());
        Assert.StartsWith("application/json", value.Str("type"), StringComparison.Ordinal);
        Assert.Equal("""{"method":"POST","body":"ping","test":"yes"}""", value.GetProperty("echo").GetRawText());
    }

    [Theory]
    [InlineData("http://localhost:{port}/json")]
    [InlineData("http://127.0.0.1:1/json")]
    [InlineData("{server}/redirect?to=http%3A%2F%2Flocalhost%3A{port}%2Fjson")]
    public async Task Fetch_DeniedHostPortOrRedirect_EndsTheScript(string url)
    {
        var port = host.Http.Port.ToString(CultureInfo.InvariantCulture);
        var target = url.Replace("{server}", host.Http.Url(""), StringComparison.Ordinal).Replace("{port}", port, StringComparison.Ordinal);

        var body = await RunAsync($"try {{ return (await fetch(\"{target}\")).Status; }} catch (Exception) {{ return -1; }}");

        Assert.Equal("policyDenied", body.Str("status"));
        Assert.Equal("CM4015", body.GetProperty("error").Str("code"));
    }

    [Fact]
    public async Task Fetch_RedirectToAGrantedUrl_IsFollowed()
    {
        var target = Uri.EscapeDataString(host.Http.Url("/text"));

        var body = await RunAsync($"var r = await fetch(\"{host.Http.Url("/redirect?to=" + target)}\"); return r.Url + \" \" + r.Text;");

        Assert.Equal(host.Http.Url("/text") + " hello", body.GetProperty("value").GetString());
    }

    [Fact]
    public async Task Fetch_SlowServer_TimesOutCatchably()
    {
        var body = await RunAsync($"try {{ await fetch(\"{host.Http.Url("/slow")}\"); return \"answered\"; }} catch (ToolException e) {{ return e.Code + \" \" + e.Tool; }}");

        Assert.Equal("succeeded", body.Str("status"));
        Assert.Equal("CM5004 fetch", body.GetProperty("value").GetString());
    }

    [Fact]
    public async Task Fetch_ResponseOverTheSizeLimit_IsACatchableError()
    {
        var body = await RunAsync($"try {{ await fetch(\"{host.Http.Url("/big?bytes=8000")}\"); return \"answered\"; }} catch (ToolException e) {{ return e.Code; }}");

        Assert.Equal("CM4016", body.GetProperty("value").GetString());
    }

    [Fact]
    public async Task Capabilities_NotGranted_AreACompileErrorNamingTheGrant()
    {
        var body = await RunAsync("return (await fetch(\"http://127.0.0.1/\")).Status;", runtime: "restricted");

        Assert.Equal("compileError", body.Str("status"));
        Assert.Contains("add \"fetch\" to its allowedModules", body.GetProperty("error").Str("message"), StringComparison.Ordinal);
        Assert.Empty(body.GetProperty("toolCalls").EnumerateArray());
    }

    [Fact]
    public async Task CapabilityUse_IsAudited_AllowedAndDenied()
    {
        var body = await RunAsync("""
            Files.Exists("data/notes.txt");
            return Files.ReadText("data/../secret/key.txt");
            """);
        Assert.Equal("policyDenied", body.Str("status"));

        var audit = await HttpJson.ReadAsync(await _client.GetAsync("/v1/audit?limit=1000"));
        var records = audit.GetProperty("records").EnumerateArray().Where(r => r.Str("kind") == "capability" && r.Str("runtime") == "csharp").ToArray();
        Assert.Contains(records, r => r.Str("server") == "fs" && r.Str("tool") == "exists" && r.Str("outcome") == "allowed");
        Assert.Contains(records, r => r.Str("server") == "fs" && r.Str("tool") == "read" && r.Str("outcome") == "denied" && r.Str("code") == "CM4014");
    }

    private async Task<JsonElement> RunAsync(string code, string runtime = "csharp")
    {
        var (status, body) = await _client.ExecuteAsync(code, runtime: runtime);
        Assert.Equal(200, status);
        return body;
    }

    /// <summary>
    /// The host with two csharp runtimes and no javascript one: <c>csharp</c> (fs read data/, write out/; fetch
    /// 127.0.0.1 on the loopback server's port) and <c>restricted</c> (fs read only, no fetch). data/ holds notes.txt,
    /// big.txt (over the 4 KB payload limit) and a link to secret/.
    /// </summary>
    public sealed class Host : IDisposable
    {
        private readonly TempDirectory _directory = new();

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

            Factory = new AuditAppFactory(_directory, root =>
            {
                var runtimes = root["runtimes"]!.AsObject();
                var csharp = runtimes["csharp"]!.AsObject();
                runtimes.Remove("javascript");
                var restricted = csharp.DeepClone().AsObject();

                csharp["allowedModules"] = new JsonArray("fs", "fetch");
                csharp["permissions"]!["fileSystem"] = new JsonObject { ["read"] = new JsonArray("data"), ["write"] = new JsonArray("out") };
                csharp["permissions"]!["network"] = new JsonObject { ["allowedHosts"] = new JsonArray("127.0.0.1"), ["allowedPorts"] = new JsonArray(Http.Port), ["timeoutMs"] = 2000 };

                restricted["allowedModules"] = new JsonArray("fs");
                restricted["permissions"]!["fileSystem"] = new JsonObject { ["read"] = new JsonArray("data") };
                runtimes["restricted"] = restricted;

                root["security"] = new JsonObject { ["maxPayloadBytes"] = 4096 };
                root["sandbox"] = new JsonObject { ["poolSize"] = 1 };
            });
        }

        public AuditAppFactory Factory { get; }

        public LoopbackHttpServer Http { get; }

        public string Directory => _directory.Path;

        public void Dispose()
        {
            Factory.Dispose();
            Http.DisposeAsync().AsTask().GetAwaiter().GetResult();
            _directory.Dispose();
        }
    }
}
