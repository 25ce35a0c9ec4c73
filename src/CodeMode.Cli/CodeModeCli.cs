using System.CommandLine;
using CodeMode.Cli.Commands;

namespace CodeMode.Cli;

/// <summary>The <c>codemode</c> command line: parses, reports usage errors with exit code 2, and runs the chosen command.</summary>
public static class CodeModeCli
{
    public static async Task<int> InvokeAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken = default)
    {
        var root = new RootCommand("CodeMode: run JavaScript snippets that call MCP tools, in sandboxes.")
        {
            RunCommand.Create(stdout, stderr),
            ServeCommand.Create(stderr),
            MockCommand.Create(stderr),
            ApisCommand.Create(stdout, stderr),
            McpCommand.Create(stderr),
            ServersCommand.Create(stdout, stderr),
        };

        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors)
            {
                await stderr.WriteLineAsync($"codemode: {error.Message}");
            }

            await stderr.WriteLineAsync("Run 'codemode --help' for usage.");
            return ExitCodes.UsageError;
        }

        var configuration = new InvocationConfiguration { Output = stdout, Error = stderr };
        return await parsed.InvokeAsync(configuration, cancellationToken);
    }
}
