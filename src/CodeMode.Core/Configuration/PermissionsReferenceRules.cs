using CodeMode.Core.Security;
using FluentValidation;

namespace CodeMode.Core.Configuration;

/// <summary>
/// The rules on a runtime's grants that need the whole configuration: granted directories exist (resolved against the
/// directory of runtimes.json), and every server of the tool allow-list is an <c>mcpServers</c> entry.
/// </summary>
internal static class PermissionsReferenceRules
{
    public static void Check(RuntimeConfig runtime, string runtimePath, ValidationContext<CodeModeConfig> context)
    {
        var config = context.InstanceToValidate;
        var fileSystemPath = ConfigJsonPath.Property(ConfigJsonPath.Property(runtimePath, "permissions"), "fileSystem");
        CheckDirectories(runtime.Permissions.FileSystem.Read, ConfigJsonPath.Property(fileSystemPath, "read"), config.BaseDirectory, context);
        CheckDirectories(runtime.Permissions.FileSystem.Write, ConfigJsonPath.Property(fileSystemPath, "write"), config.BaseDirectory, context);

        foreach (var server in runtime.Tools?.Keys ?? [])
        {
            if (!config.McpServers.ContainsKey(server))
            {
                context.AddError(
                    ConfigJsonPath.Key(ConfigJsonPath.Property(runtimePath, "tools"), server),
                    $"\"{server}\" is not a server in mcpServers",
                    "use the name of an mcpServers entry (names are case-sensitive), or remove the entry");
            }
        }
    }

    private static void CheckDirectories(IReadOnlyList<string> directories, string path, string baseDirectory, ValidationContext<CodeModeConfig> context)
    {
        for (var i = 0; i < directories.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(directories[i]) || directories[i].Any(char.IsControl))
            {
                continue; // PermissionsConfigValidator reports it.
            }

            var resolved = GrantedDirectory.Resolve(baseDirectory, directories[i]);
            if (!Directory.Exists(resolved))
            {
                context.AddError(
                    ConfigJsonPath.Index(path, i),
                    $"\"{directories[i]}\" does not exist (resolved to {resolved})",
                    "create the directory, or fix the path (relative paths start at the directory of runtimes.json)");
            }
        }
    }
}
