using CodeMode.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace CodeMode.Server.Tests;

/// <summary>
/// The real HTTP host in memory (real worker processes, offline mocks), configured by the repository's runtimes.json.
/// Any type of the server assembly names its entry point; Program would be ambiguous with the CLI's.
/// </summary>
public class CodeModeAppFactory : WebApplicationFactory<CodeModeServerOptions>
{
    protected virtual string ConfigPath => RepositoryPaths.RuntimesJson;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("CodeMode:ConfigPath", ConfigPath);
        builder.UseSetting("CodeMode:Offline", "true");
    }
}
