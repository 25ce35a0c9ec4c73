using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using CodeMode.Testing;

namespace CodeMode.Integration.Tests.Conformance;

/// <summary>
/// The official MCP conformance suite (@modelcontextprotocol/conformance, tests/mcp-servers) against <c>/mcp</c> of a
/// real <c>codemode serve --offline</c>. Its baseline (expected-failures.yml) lists the scenarios that need the suite's
/// own fixtures; the suite exits non-zero on any other failure and on a baseline entry that starts passing.
/// </summary>
public sealed partial class McpConformanceTests
{
    private const int ExpectedPassedChecks = 13;
    private const int ExpectedFailedChecks = 19;

    private static readonly string Here = Path.Combine(RepositoryPaths.Root, "tests", "CodeMode.Integration.Tests", "Conformance");

    [NodeFact]
    public async Task ConformanceSuite_PassesEverythingButTheScenariosThatNeedItsOwnFixtures()
    {
        await using var serve = await CodeModeProcess.StartServeAsync();
        using var results = new TempDirectory();

        var (exitCode, output) = await RunSuiteAsync(new Uri(serve.BaseAddress, "/mcp"), results.Path);

        Assert.True(exitCode == 0, $"conformance exited with {exitCode} (a failure outside the baseline, or a stale entry):\n{output}");
        var total = TotalPattern().Match(output);
        Assert.True(total.Success, $"no summary line in:\n{output}");
        Assert.Equal(ExpectedPassedChecks, int.Parse(total.Groups["passed"].Value));
        Assert.Equal(ExpectedFailedChecks, int.Parse(total.Groups["failed"].Value));

        // Each expected failure must be the fixture missing, never a protocol error of ours.
        var failures = Directory.EnumerateFiles(results.Path, "checks.json", SearchOption.AllDirectories)
            .SelectMany(file => JsonDocument.Parse(File.ReadAllText(file)).RootElement.EnumerateArray().Select(check => check.Clone()))
            .Where(check => check.GetProperty("status").GetString() == "FAILURE")
            .ToList();
        Assert.Equal(ExpectedFailedChecks, failures.Count);
        Assert.All(failures, check => Assert.Matches(UnknownFixturePattern(), check.GetProperty("errorMessage").GetString()));
    }

    private static async Task<(int ExitCode, string Output)> RunSuiteAsync(Uri endpoint, string resultsDirectory)
    {
        var info = new ProcessStartInfo("node")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = resultsDirectory,
        };
        // Node 20 lacks fs.globSync, which the suite imports; the hook supplies it (a no-op on Node 22+).
        foreach (var arg in new[]
                 {
                     "--import", new Uri(Path.Combine(Here, "node20-globsync", "register.mjs")).AbsoluteUri,
                     McpServersInstall.Conformance, "server", "--url", endpoint.ToString(),
                     "--expected-failures", Path.Combine(Here, "expected-failures.yml"), "--output-dir", resultsDirectory,
                 })
        {
            info.ArgumentList.Add(arg);
        }

        using var node = Process.Start(info)!;
        var stdout = node.StandardOutput.ReadToEndAsync();
        var stderr = node.StandardError.ReadToEndAsync();
        // About 10 s on a quiet machine; the bound is for a hung run, not a speed check.
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        try
        {
            await node.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            node.Kill(entireProcessTree: true);
            throw new TimeoutException($"the conformance suite did not finish within 3 minutes:\n{await stdout}\n{await stderr}");
        }

        return (node.ExitCode, await stdout + await stderr);
    }

    [GeneratedRegex(@"Total: (?<passed>\d+) passed, (?<failed>\d+) failed")]
    private static partial Regex TotalPattern();

    [GeneratedRegex("Unknown (tool|prompt|resource)")]
    private static partial Regex UnknownFixturePattern();
}
