using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace CodeMode.Runtimes.CSharp.Compilation;

/// <summary>
/// Whether a script declares state that would outlive one run if its loaded assembly were reused: static fields,
/// static auto-properties and events (their backing fields), and static constructors (they run once per load, so a
/// second run would not see their effects again). Scripts with any of these get a fresh load context every run;
/// the rest (top-level variables are fields of a submission object created anew by each run) may keep theirs.
/// Conservative on purpose: every static property counts, computed or not.
/// </summary>
internal static class StaticState
{
    public static bool IsDeclaredIn(SyntaxNode root)
    {
        foreach (var node in root.DescendantNodes())
        {
            var modifiers = node switch
            {
                BaseFieldDeclarationSyntax field => field.Modifiers,
                BasePropertyDeclarationSyntax property => property.Modifiers,
                ConstructorDeclarationSyntax constructor => constructor.Modifiers,
                _ => default,
            };
            if (modifiers.Any(SyntaxKind.StaticKeyword))
            {
                return true;
            }
        }

        return false;
    }
}
