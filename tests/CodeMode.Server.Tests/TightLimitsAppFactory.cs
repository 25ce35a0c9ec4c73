using System.Text.Json.Nodes;
using CodeMode.Testing;

namespace CodeMode.Server.Tests;

/// <summary>
/// The host with small limits, so each limit is reached by a short script and reached first:
/// 10,000 statements, recursion 50, 32 MB, 4 KB of output, 5 tool calls, 3 s.
/// </summary>
public sealed class TightLimitsAppFactory : CodeModeAppFactory
{
    private readonly TempDirectory _directory = new();
    private readonly Lazy<string> _config;

    public TightLimitsAppFactory()
    {
        _config = new Lazy<string>(() => ConfigFiles.Variant(_directory, root =>
        {
            var javascript = root["runtimes"]!["javascript"]!.AsObject();
            javascript["timeout"] = 3000;
            javascript["maxStatements"] = 10_000;
            javascript["maxRecursion"] = 50;
            javascript["memoryLimit"] = "32MB";
            javascript["maxOutputBytes"] = 4096;
            javascript["maxToolCalls"] = 5;
            root["sandbox"] = new JsonObject { ["poolSize"] = 2 };
        }));
    }

    protected override string ConfigPath => _config.Value;

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        _directory.Dispose();
    }
}
