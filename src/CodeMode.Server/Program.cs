using CodeMode.Server;

var app = CodeModeServer.CreateApp(args);
await app.RunAsync();

/// <summary>The HTTP host's entry point; public so WebApplicationFactory can start it in tests.</summary>
public partial class Program;
