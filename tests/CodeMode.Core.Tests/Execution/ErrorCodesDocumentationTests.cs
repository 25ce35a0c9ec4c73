using System.Reflection;
using CodeMode.Abstractions.Execution;
using CodeMode.Testing;

namespace CodeMode.Core.Tests.Execution;

public sealed class ErrorCodesDocumentationTests
{
    private static IEnumerable<(string Name, string Code)> DeclaredCodes() =>
        typeof(ErrorCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Select(field => (field.Name, (string)field.GetValue(null)!));

    [Fact]
    public void ErrorCodes_AreUniqueAndWellFormed()
    {
        var codes = DeclaredCodes().ToArray();

        Assert.Equal(codes.Length, codes.Select(c => c.Code).Distinct().Count());
        Assert.All(codes, c => Assert.Matches("^CM[1-9][0-9]{3}$", c.Code));
    }

    [Fact]
    public void ErrorCodes_EachIsDocumentedWithItsName()
    {
        var doc = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "docs", "error-codes.md"));

        foreach (var (name, code) in DeclaredCodes())
        {
            Assert.Contains($"| {code} | {name} |", doc);
        }
    }
}
