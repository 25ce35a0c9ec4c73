using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace CodeMode.Runtimes.CSharp.Compilation;

/// <summary>
/// What is refused by its shape alone, before any binding: attributes (DllImport and friends), <c>unsafe</c>,
/// <c>extern</c>, pointers, <c>stackalloc</c>, <c>fixed</c>, the undocumented <c>__makeref</c> family, finalizers
/// (they run on the finalizer thread, where an exception kills the process), <c>async void</c> (same, on the thread
/// pool), <c>#r</c>/<c>#load</c>, and identifiers starting with <c>__</c>, which belong to the instrumentation.
/// </summary>
internal static class SyntaxPolicy
{
    public static PolicyViolation? Check(SyntaxNode root)
    {
        foreach (var trivia in root.DescendantTrivia(descendIntoTrivia: true))
        {
            if (trivia.IsKind(SyntaxKind.ReferenceDirectiveTrivia) || trivia.IsKind(SyntaxKind.LoadDirectiveTrivia))
            {
                return PolicyViolation.At(trivia, "'#r' and '#load' are not allowed: scripts cannot load assemblies or files.");
            }
        }

        foreach (var token in root.DescendantTokens())
        {
            if (token.IsKind(SyntaxKind.IdentifierToken) && token.ValueText.StartsWith("__", StringComparison.Ordinal))
            {
                return PolicyViolation.At(token, $"'{token.ValueText}' is not allowed: identifiers starting with '__' are reserved.");
            }

            switch (token.Kind())
            {
                case SyntaxKind.UnsafeKeyword:
                case SyntaxKind.ExternKeyword:
                case SyntaxKind.FixedKeyword:
                case SyntaxKind.StackAllocKeyword:
                case SyntaxKind.MakeRefKeyword:
                case SyntaxKind.RefTypeKeyword:
                case SyntaxKind.RefValueKeyword:
                case SyntaxKind.ArgListKeyword:
                    return PolicyViolation.At(token, $"'{token.Text}' is not allowed in scripts.");
            }
        }

        foreach (var node in root.DescendantNodes())
        {
            var violation = node switch
            {
                AttributeListSyntax => "Attributes (such as DllImport) are not allowed in scripts.",
                PointerTypeSyntax or FunctionPointerTypeSyntax => "Pointers are not allowed in scripts.",
                DestructorDeclarationSyntax => "Finalizers are not allowed in scripts.",
                MethodDeclarationSyntax method when IsAsyncVoid(method.Modifiers, method.ReturnType) => AsyncVoid,
                LocalFunctionStatementSyntax function when IsAsyncVoid(function.Modifiers, function.ReturnType) => AsyncVoid,
                _ => null,
            };
            if (violation is not null)
            {
                return PolicyViolation.At(node, violation);
            }
        }

        return null;
    }

    public const string AsyncVoid = "'async void' is not allowed: its exceptions cannot be observed; return a Task.";

    private static bool IsAsyncVoid(SyntaxTokenList modifiers, TypeSyntax returnType) =>
        modifiers.Any(SyntaxKind.AsyncKeyword) && returnType is PredefinedTypeSyntax { Keyword.RawKind: (int)SyntaxKind.VoidKeyword };
}
