using System.CommandLine;
using CodeMode.Mocks;
using CodeMode.Mocks.Hosting;

namespace CodeMode.Cli.Commands;

/// <summary><c>codemode mock automem|serena|helpscout</c>: one mock as a real MCP server over stdio, until stdin closes.</summary>
internal static class MockCommand
{
    public static Command Create(TextWriter stderr)
    {
        var name = new Argument<string>("name") { Description = "The mock to serve: automem, serena or helpscout." };
        var command = new Command("mock", "Serve a mock MCP server (automem, serena, helpscout) over stdio.") { name };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            // Built here, not at parse time: the mocks' data is only worth generating when one is served.
            var registry = MockServerRegistry.CreateDefault();
            var requested = parsed.GetValue(name)!;
            if (!registry.TryGet(requested, out var mock))
            {
                await stderr.WriteLineAsync($"codemode: there is no mock named '{requested}'. Mocks: {string.Join(", ", registry.Names)}.");
                return ExitCodes.UsageError;
            }

            // Stdout belongs to the protocol from here on; anything the command says goes to stderr.
            await MockStdioServer.RunAsync(mock, cancellationToken);
            return ExitCodes.Succeeded;
        });
        return command;
    }
}
