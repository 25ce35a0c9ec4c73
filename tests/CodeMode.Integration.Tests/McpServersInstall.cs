using System.Diagnostics;
using CodeMode.Testing;

namespace CodeMode.Integration.Tests;

/// <summary>
/// The third-party servers of tests/mcp-servers, installed once per run from the lockfile (<c>npm ci</c>) when
/// node_modules is missing. Tests that need them are skipped, with the reason, when node or npm is absent.
/// </summary>
internal static class McpServersInstall
{
    private static readonly Lazy<string> Installed = new(Install, LazyThreadSafetyMode.ExecutionAndPublication);

    public static string Directory => Path.Combine(RepositoryPaths.Root, "tests", "mcp-servers");

    /// <summary>Null when node and npm are on PATH; otherwise why the tests cannot run.</summary>
    public static string? MissingTools { get; } = FindOnPath("node") is null || FindOnPath("npm") is null
        ? "node and npm are needed to run the third-party MCP servers, and they are not on PATH"
        : null;

    public static string Everything => Script("server-everything");

    public static string Memory => Script("server-memory");

    public static string FileSystem => Script("server-filesystem");

    /// <summary>The official MCP conformance suite's CLI (<c>conformance server --url ...</c>).</summary>
    public static string Conformance => Script("conformance");

    private static string Script(string package) =>
        Path.Combine(Installed.Value, "@modelcontextprotocol", package, "dist", "index.js");

    private static string Install()
    {
        var modules = Path.Combine(Directory, "node_modules");
        if (File.Exists(Path.Combine(modules, "@modelcontextprotocol", "server-everything", "dist", "index.js"))
            && File.Exists(Path.Combine(modules, "@modelcontextprotocol", "conformance", "dist", "index.js")))
        {
            return modules;
        }

        var start = new ProcessStartInfo("npm", ["ci", "--no-audit", "--no-fund", "--prefix", Directory])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var npm = Process.Start(start)!;
        var errors = npm.StandardError.ReadToEndAsync();
        _ = npm.StandardOutput.ReadToEndAsync();
        if (!npm.WaitForExit(TimeSpan.FromMinutes(3)))
        {
            npm.Kill(entireProcessTree: true);
            throw new InvalidOperationException("npm ci --prefix tests/mcp-servers did not finish within 3 minutes");
        }

        if (npm.ExitCode != 0)
        {
            throw new InvalidOperationException($"npm ci --prefix tests/mcp-servers failed with exit code {npm.ExitCode}: {errors.Result}");
        }

        return modules;
    }

    private static string? FindOnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, program))
            .FirstOrDefault(File.Exists);
}
