using System.Text;

namespace CodeMode.Benchmarks;

using Samples = LatencyBenchmark.Samples;

/// <summary>
/// The csharp runtime's targets against a real `codemode serve --offline` process over loopback: the first request
/// after serve is healthy, a warm `return 1+2;` that misses the compile cache (each request differs by a comment), a
/// 6-line script with two proxy calls (cache misses), and the same script again (cache hits).
/// Usage: CodeMode.Benchmarks --csharp [--iterations N] [--output docs/benchmarks.md]
/// </summary>
internal static class CSharpLatencyBenchmark
{
    private const string SectionHeading = "## csharp runtime";

    private const string TwoToolCalls = """
        var stored = await automem.store_memory(content: "benchmark note", tags: new[] { "bench" });
        var health = await automem.check_database_health();
        var words = "a b c".Split(' ').Select(w => w.ToUpperInvariant()).ToList();
        Console.WriteLine($"stored {stored.memory_id}");
        var total = words.Count + (health is null ? 0 : 1);
        return new { stored.memory_id, total };
        """;

    private const int CompilerWarmUp = 1000;

    public static async Task<int> RunAsync(string[] args, string root, string config, int iterations, string? output)
    {
        await using var server = await ServeProcess.StartAsync(config);
        using var client = new ExecuteClient(server.BaseAddress, "csharp");

        var firstMs = await client.RunAsync("return 1+2;", cacheBody: false);
        await server.WaitForAllWorkersAsync();

        // A serve that has been up a while: Roslyn's own hot paths tiered up by the JIT in every worker. The first few
        // hundred compiles of a fresh worker run Roslyn's unoptimised code and take about twice as long.
        for (var i = 0; i < CompilerWarmUp; i++)
        {
            await client.RunAsync($"return {i} * 2; // warm-up", cacheBody: false);
        }

        var tiny = await MeasureAsync(client, i => $"return 1+2; // {i}", iterations);
        var script = await MeasureAsync(client, i => TwoToolCalls + $"// {i}", Math.Max(50, iterations / 2));
        var cached = await MeasureAsync(client, _ => TwoToolCalls, iterations);

        var report = new StringBuilder();
        report.AppendLine("| Scenario | Target | Result |");
        report.AppendLine("|---|---|---|");
        report.AppendLine($"| First csharp request after `serve` is healthy (`return 1+2;`) | ≤ 200 ms | {firstMs:F1} ms |");
        report.AppendLine($"| Warm (after {CompilerWarmUp} compiles) `return 1+2;`, compile cache missed (distinct code), {tiny.Count} requests | p50 ≤ 10 ms | p50 {tiny.P(50):F2} ms, p90 {tiny.P(90):F2} ms, p99 {tiny.P(99):F2} ms |");
        report.AppendLine($"| 6-line script, two proxy calls, LINQ, anonymous type (distinct code), {script.Count} requests | p50 ≤ 30 ms | p50 {script.P(50):F2} ms, p90 {script.P(90):F2} ms, p99 {script.P(99):F2} ms |");
        report.AppendLine($"| The same script again (compile cache hit), {cached.Count} requests | p50 ≤ 2 ms | p50 {cached.P(50):F2} ms, p90 {cached.P(90):F2} ms, p99 {cached.P(99):F2} ms |");
        Console.WriteLine(report.ToString());

        if (output is not null)
        {
            WriteSection(Path.Combine(root, output), report.ToString(), iterations);
        }

        return 0;
    }

    private static async Task<Samples> MeasureAsync(ExecuteClient client, Func<int, string> code, int count)
    {
        // Warm the connection and the JIT of every path first, with codes the timed loop does not reuse.
        for (var i = 0; i < 20; i++)
        {
            await client.RunAsync(code(-1 - i), cacheBody: false);
        }

        var samples = new Samples();
        for (var i = 0; i < count; i++)
        {
            samples.Add(await client.RunAsync(code(i), cacheBody: false));
        }

        return samples;
    }

    // The csharp section sits below the javascript report's analysis, which that report keeps across its runs.
    private static void WriteSection(string path, string table, int iterations)
    {
        var existing = File.Exists(path) ? File.ReadAllText(path) : "# Benchmarks\n";
        var start = existing.IndexOf(SectionHeading, StringComparison.Ordinal);
        var before = start >= 0 ? existing[..start] : existing.TrimEnd() + "\n\n";
        var next = start >= 0 ? existing.IndexOf("\n## ", start + SectionHeading.Length, StringComparison.Ordinal) : -1;
        var after = next >= 0 ? existing[(next + 1)..] : string.Empty;
        var section = $"""
            {SectionHeading}

            Latest run: {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, on {Environment.ProcessorCount} cores, .NET {Environment.Version}.

            ```bash
            dotnet run -c Release --project benchmarks/CodeMode.Benchmarks -- --csharp --iterations {iterations} --output docs/benchmarks.md
            ```

            {table}
            """;
        File.WriteAllText(path, before + section.ReplaceLineEndings("\n") + (after.Length > 0 ? "\n" + after : string.Empty));
    }
}
