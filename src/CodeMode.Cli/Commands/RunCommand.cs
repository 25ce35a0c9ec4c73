using System.CommandLine;
using System.Text.Json;
using CodeMode.Abstractions;
using CodeMode.Abstractions.Execution;
using CodeMode.Core.Configuration;
using CodeMode.Core.Execution;
using CodeMode.Server.Composition;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CodeMode.Cli.Commands;

/// <summary><c>codemode run FILE [--runtime R] [--offline] [--config PATH] [--mcp-config PATH]</c>: runs one file and prints its ScriptResult as JSON.</summary>
internal static class RunCommand
{
    private static readonly JsonSerializerOptions Indented = new(CodeModeJson.Options) { WriteIndented = true };

    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var file = new Argument<string>("file") { Description = "The snippet to run (.js javascript, .csx csharp, .mjs/.ts node)." };
        var runtime = new Option<string?>("--runtime") { Description = "The runtime to use; defaults from the file's extension." };
        var offline = new Option<bool>("--offline") { Description = "Answer every proxy call from the in-process mocks." };
        var config = ConfigOption.Create();
        var mcpConfig = ConfigOption.CreateMcpConfig();
        var command = new Command("run", "Run a snippet and print its ScriptResult as JSON.") { file, runtime, offline, config, mcpConfig };
        command.SetAction((parsed, cancellationToken) => RunAsync(
            parsed.GetValue(file)!, parsed.GetValue(runtime), parsed.GetValue(offline), parsed.GetValue(config), parsed.GetValue(mcpConfig), stdout, stderr, cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(string file, string? runtime, bool offline, string? configPath, string? mcpConfigPath, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        if (!File.Exists(file))
        {
            await stderr.WriteLineAsync($"codemode: file '{file}' not found.");
            return ExitCodes.UsageError;
        }

        runtime ??= RuntimeInference.FromPath(file);
        if (runtime is null)
        {
            await stderr.WriteLineAsync($"codemode: cannot tell the runtime from '{Path.GetFileName(file)}'; pass --runtime javascript|csharp|node.");
            return ExitCodes.UsageError;
        }

        if (await ConfigOption.TryLoadAsync(configPath, mcpConfigPath, stderr) is not { } config)
        {
            return ExitCodes.UsageError;
        }

        var code = await File.ReadAllTextAsync(file, cancellationToken);
        var services = new ServiceCollection()
            .AddLogging(logging => logging
                .SetMinimumLevel(LogLevel.Warning)
                .AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace))
            .AddCodeMode(config, new CodeModeHostOptions { Offline = offline, PoolSize = 1, Runtimes = new HashSet<string> { runtime } });
        await using var provider = services.BuildServiceProvider();
        try
        {
            // Resolving the runtimes connects the MCP client manager: a required server's missing variable stops here.
            var runtimes = provider.GetRequiredService<RuntimeManager>();
            await runtimes.StartAsync(cancellationToken);
            // Through the audited executor, so a CLI run is in the audit log like any other execution.
            var result = await provider.GetRequiredService<IScriptExecutor>().ExecuteAsync(new ExecutionRequest(runtime, code, ClientId: "cli"), cancellationToken);
            await stdout.WriteLineAsync(JsonSerializer.Serialize(result, Indented));
            return result.Status == ScriptStatus.Succeeded ? ExitCodes.Succeeded : ExitCodes.ScriptFailed;
        }
        catch (ExecutionRequestException ex)
        {
            await stderr.WriteLineAsync($"codemode: {ex.Code} {ex.Message}");
            return ExitCodes.UsageError;
        }
        catch (ConfigurationException ex)
        {
            await stderr.WriteLineAsync(ex.Message);
            return ExitCodes.UsageError;
        }
    }
}
