using System.CommandLine;
using CodeMode.Abstractions.Execution;
using CodeMode.Abstractions.Tools;
using CodeMode.Mcp.Apis;
using CodeMode.Server.Composition;
using Microsoft.Extensions.DependencyInjection;

namespace CodeMode.Cli.Commands;

/// <summary>
/// <c>codemode apis [--lang ts|js|cs] [--server NAME] [--full] [--config PATH] [--mcp-config PATH]</c>: prints the declarations an
/// agent reads, for the servers runtimes.json configures. No sandbox is started.
/// </summary>
internal static class ApisCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var lang = new Option<string>("--lang") { Description = "ts (node), js (javascript, ES5) or cs (csharp).", DefaultValueFactory = _ => "ts" };
        var server = new Option<string?>("--server") { Description = "Only this server's API." };
        var full = new Option<bool>("--full") { Description = "Every description, format and default (default: types and first sentences)." };
        var config = ConfigOption.Create();
        var mcpConfig = ConfigOption.CreateMcpConfig();
        var command = new Command("apis", "Print the API declarations of the configured MCP servers.") { lang, server, full, config, mcpConfig };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            if (!ApiLanguages.TryParse(parsed.GetValue(lang), out var language))
            {
                await stderr.WriteLineAsync($"codemode: {ErrorCodes.UnknownApiLanguage} --lang '{parsed.GetValue(lang)}' is not one of: {ApiLanguages.Accepted}.");
                return ExitCodes.UsageError;
            }

            if (await ConfigOption.TryLoadAsync(parsed.GetValue(config), parsed.GetValue(mcpConfig), stderr) is not { } loaded)
            {
                return ExitCodes.UsageError;
            }

            // The same composition as the hosts, so the CLI prints exactly the API scripts get; only the catalog is resolved.
            await using var provider = new ServiceCollection().AddLogging().AddCodeMode(loaded, new CodeModeHostOptions { Offline = true }).BuildServiceProvider();
            var generator = new ApiDeclarationGenerator(provider.GetRequiredService<IToolCatalog>());
            var only = parsed.GetValue(server);
            if (only is not null && !generator.Catalog.Servers.Contains(only, StringComparer.Ordinal))
            {
                await stderr.WriteLineAsync($"codemode: {ErrorCodes.UnknownServer} no server is named '{only}'. Servers: {string.Join(", ", generator.Catalog.Servers)}.");
                return ExitCodes.UsageError;
            }

            var document = generator.Generate(language, only, parsed.GetValue(full) ? ApiDetail.Full : ApiDetail.Brief);
            foreach (var problem in document.Problems)
            {
                await stderr.WriteLineAsync($"codemode: warning: {problem}");
            }

            await stdout.WriteAsync(document.Text.AsMemory(), cancellationToken);
            return ExitCodes.Succeeded;
        });
        return command;
    }
}
