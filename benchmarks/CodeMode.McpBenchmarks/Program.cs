using CodeMode.McpBenchmarks;

return await LiveCallBenchmark.RunAsync(args);
