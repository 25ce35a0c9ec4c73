using System.CommandLine;
using CodeMode.Abstractions.Execution;
using CodeMode.Core.Configuration;
using CodeMode.Core.Execution;
using CodeMode.Mcp.Apis;
using CodeMode.Mcp.Server;
using CodeMode.Server.Composition;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Server;

namespace CodeMode.Cli.Commands;

/// <summary>
/// <c>codemode mcp [--offline] [--config PATH] [--mcp-config PATH]</c>: CodeMode as an MCP server on stdin/stdout
/// (tools execute, search, describe; the declarations as resources; the instructions as a prompt), until the client
/// closes stdin. stdout carries only the protocol; logs go to stderr.
/// </summary>
internal static class McpCommand
{
    public static Command Create(TextWriter stderr)
    {
        var offline = new Option<bool>("--offline") { Description = "Answer every proxy call from the in-process mocks." };
        var config = ConfigOption.Create();
        var mcpConfig = ConfigOption.CreateMcpConfig();
        var command = new Command("mcp", "Serve CodeMode as an MCP server over stdio (tools execute, search, describe; API resources; the code-mode prompt).") { offline, config, mcpConfig };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            if (await ConfigOption.TryLoadAsync(parsed.GetValue(config), parsed.GetValue(mcpConfig), stderr) is not { } loaded)
            {
                return ExitCodes.UsageError;
            }

            var services = new ServiceCollection()
                .AddLogging(logging => logging
                    .SetMinimumLevel(LogLevel.Warning)
                    .AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace))
                .AddCodeMode(loaded, new CodeModeHostOptions { Offline = parsed.GetValue(offline) });
            await using var provider = services.BuildServiceProvider();
            RuntimeManager runtimes;
            try
            {
                // Connecting to MCP servers starts here: a required server's missing variable stops start-up.
                runtimes = provider.GetRequiredService<RuntimeManager>();
            }
            catch (ConfigurationException ex)
            {
                await stderr.WriteLineAsync(ex.Message);
                return ExitCodes.UsageError;
            }

            // The session opens while the workers start (see StartGatedScriptExecutor); a failed start ends it.
            using var stopping = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var started = runtimes.StartAsync(stopping.Token);
            _ = started.ContinueWith(_ => stopping.Cancel(), CancellationToken.None, TaskContinuationOptions.NotOnRanToCompletion, TaskScheduler.Default);
            var options = CodeModeMcpServer.CreateOptions(
                new StartGatedScriptExecutor(provider.GetRequiredService<IScriptExecutor>(), started),
                provider.GetRequiredService<ApiDeclarationGenerator>(),
                provider.GetRequiredService<ToolSearch>(),
                [.. runtimes.AvailableRuntimes],
                typeof(McpCommand).Assembly.GetName().Version?.ToString() ?? "1.0.0");
            var loggers = provider.GetRequiredService<ILoggerFactory>();
            await using var server = McpServer.Create(new StdioServerTransport("codemode", loggers), options, loggers, provider);
            await server.RunAsync(stopping.Token);
            if (started.IsFaulted)
            {
                await started; // rethrows why start-up failed
            }

            // The session ended: a start still under way has nobody left to serve.
            await stopping.CancelAsync();
            try
            {
                await started;
            }
            catch (OperationCanceledException)
            {
            }

            return ExitCodes.Succeeded;
        });
        return command;
    }
}
