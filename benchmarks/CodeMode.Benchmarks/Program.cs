using CodeMode.Benchmarks;

return await LatencyBenchmark.RunAsync(args);
