using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace CodeMode.Runtimes.CSharp.Compilation;

/// <summary>
/// The API allowlist, checked on the semantic model: every name, member access and expression type in the script must
/// belong to an allowed namespace (System basics, collections, LINQ, text, regular expressions, JSON nodes, tasks,
/// globalization, the proxies), to a type the script declares itself, or to a few named types; and none may be a
/// denied type or member (Environment, GC, Type and reflection, Console, Task.Run, object.GetType, ...).
/// </summary>
internal static class SymbolPolicy
{
    private static readonly HashSet<string> AllowedNamespaces = new(StringComparer.Ordinal)
    {
        "System", "System.Collections", "System.Collections.Generic", "System.Linq", "System.Text", "System.Text.Json.Nodes",
        "System.Text.RegularExpressions", "System.Threading.Tasks", "System.Globalization",
        "CodeMode.Scripting", "CodeMode.Runtimes.CSharp.ScriptApi",
    };

    // Parents of allowed namespaces may be written on the way (System.Text.Json.Nodes), but grant nothing themselves.
    private static readonly HashSet<string> PathNamespaces = new(StringComparer.Ordinal)
    {
        "CodeMode", "CodeMode.Runtimes", "CodeMode.Runtimes.CSharp", "System.Text.Json", "System.Threading",
    };

    private static readonly HashSet<string> AllowedTypes = new(StringComparer.Ordinal)
    {
        "System.Threading.CancellationToken", "System.Text.Json.JsonValueKind",
        "System.Runtime.CompilerServices.YieldAwaitable", "System.Runtime.CompilerServices.TaskAwaiter",
        "System.Runtime.CompilerServices.ConfiguredTaskAwaitable", "System.Runtime.CompilerServices.ValueTaskAwaiter",
        "System.Runtime.CompilerServices.ConfiguredValueTaskAwaitable",
    };

    private static readonly Dictionary<string, string> DeniedTypes = new(StringComparer.Ordinal)
    {
        ["System.Environment"] = "no access to the environment",
        ["System.AppContext"] = "no access to the environment",
        ["System.AppDomain"] = "no access to the process",
        ["System.OperatingSystem"] = "no access to the environment",
        ["System.Activator"] = "no reflection",
        ["System.Type"] = "no reflection",
        ["System.Delegate"] = "no reflection",
        ["System.MulticastDelegate"] = "no reflection",
        ["System.RuntimeTypeHandle"] = "no reflection",
        ["System.RuntimeMethodHandle"] = "no reflection",
        ["System.RuntimeFieldHandle"] = "no reflection",
        ["System.ModuleHandle"] = "no reflection",
        ["System.TypedReference"] = "no reflection",
        ["System.ArgIterator"] = "no interop",
        ["System.RuntimeArgumentHandle"] = "no interop",
        ["System.Buffer"] = "no raw memory access",
        ["System.GC"] = "no control of the garbage collector",
        ["System.GCMemoryInfo"] = "no control of the garbage collector",
        ["System.Console"] = "use Console.WriteLine or log(...), which the script's own Console provides",
        ["System.LocalDataStoreSlot"] = "no threads",
        ["System.Threading.Tasks.Parallel"] = "no threads",
        ["System.Threading.Tasks.TaskFactory"] = "no threads",
        ["System.Threading.Tasks.TaskScheduler"] = "no threads",
        ["CodeMode.Runtimes.CSharp.ScriptApi.ExecutionBudget"] = "it belongs to the runtime",
        ["CodeMode.Runtimes.CSharp.ScriptApi.ScriptHost"] = "it belongs to the runtime",
        ["CodeMode.Runtimes.CSharp.ScriptApi.ScriptTerminatedException"] = "it belongs to the runtime",
    };

    private static readonly Dictionary<string, string> DeniedMembers = new(StringComparer.Ordinal)
    {
        ["System.Object.GetType"] = "no reflection",
        ["System.Threading.Tasks.Task.Run"] = "no threads: await the work directly",
        ["System.Threading.Tasks.Task.Factory"] = "no threads",
        ["System.Exception.TargetSite"] = "no reflection",
    };

    private static readonly (string Prefix, string Reason)[] NamespaceReasons =
    [
        ("System.IO", "no file system access"),
        ("System.Net", "no network access"),
        ("System.Diagnostics", "no processes or diagnostics"),
        ("System.Reflection", "no reflection"),
        ("System.Runtime.InteropServices", "no interop"),
        ("System.Runtime", "no runtime services"),
        ("System.Threading", "no threads"),
        ("System.Security", "no security APIs"),
        ("Microsoft.Win32", "no registry or native access"),
        ("Microsoft.CSharp", "no dynamic"),
    ];

    public static PolicyViolation? Check(SyntaxNode root, SemanticModel model, CancellationToken cancellationToken)
    {
        foreach (var node in root.DescendantNodes(descendIntoChildren: n => !IsNameOf(n, model)))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (node is not ExpressionSyntax expression)
            {
                continue;
            }

            var info = model.GetSymbolInfo(expression, cancellationToken);
            var symbol = info.Symbol ?? (info.CandidateSymbols.Length == 1 ? info.CandidateSymbols[0] : null);
            if (symbol is null && expression is QualifiedNameSyntax or MemberAccessExpressionSyntax && UnresolvedDenial(expression) is { } unresolved)
            {
                // Not even referenced (System.Console, System.Net.Http...): still a denial, not a puzzling compile error.
                return PolicyViolation.At(node, unresolved);
            }

            if (symbol is not null && Denial(symbol, model.Compilation) is { } reason)
            {
                return PolicyViolation.At(node, Describe(symbol, reason));
            }

            if (expression is LambdaExpressionSyntax or AnonymousMethodExpressionSyntax && symbol is IMethodSymbol { IsAsync: true, ReturnsVoid: true })
            {
                return PolicyViolation.At(node, SyntaxPolicy.AsyncVoid);
            }

            var type = model.GetTypeInfo(expression, cancellationToken).Type;
            if (type is not null && TypeDenial(type, model.Compilation) is { } typeReason)
            {
                return PolicyViolation.At(node, Describe(type, typeReason));
            }
        }

        return null;
    }

    private static string? UnresolvedDenial(ExpressionSyntax expression)
    {
        var text = string.Concat(expression.ToString().Where(c => !char.IsWhiteSpace(c)));
        if (text.StartsWith("global::", StringComparison.Ordinal))
        {
            text = text["global::".Length..];
        }

        foreach (var (type, reason) in DeniedTypes)
        {
            if (text == type || text.StartsWith(type + ".", StringComparison.Ordinal))
            {
                return $"'{type}' is not allowed in scripts ({reason}).";
            }
        }

        foreach (var (prefix, reason) in NamespaceReasons)
        {
            if (text.StartsWith(prefix + ".", StringComparison.Ordinal))
            {
                return $"'{text}' is not allowed in scripts ({reason}).";
            }
        }

        return null;
    }

    private static bool IsNameOf(SyntaxNode node, SemanticModel model) =>
        node is InvocationExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.ValueText: "nameof" } } invocation
        && model.GetSymbolInfo(invocation.Expression).Symbol is null;

    private static string Describe(ISymbol symbol, string reason) =>
        $"'{symbol.ToDisplayString(SymbolDisplayFormat.CSharpErrorMessageFormat)}' is not allowed in scripts ({reason}).";

    private static string? Denial(ISymbol symbol, Microsoft.CodeAnalysis.Compilation compilation)
    {
        switch (symbol)
        {
            case INamespaceSymbol ns:
                return NamespaceDenial(ns);
            case ITypeSymbol type:
                return TypeDenial(type, compilation);
            case IAliasSymbol alias:
                return Denial(alias.Target, compilation);
            case IMethodSymbol { MethodKind: MethodKind.LocalFunction or MethodKind.AnonymousFunction }:
                return null;
            case IMethodSymbol method:
                var definition = method.ReducedFrom ?? method;
                return MemberDenial(definition, compilation)
                    ?? method.TypeArguments.Select(t => TypeDenial(t, compilation)).FirstOrDefault(r => r is not null);
            case IPropertySymbol or IFieldSymbol or IEventSymbol:
                return MemberDenial(symbol, compilation);
            default:
                // Locals, parameters, labels, range variables: their types are checked as expression types.
                return null;
        }
    }

    private static string? MemberDenial(ISymbol member, Microsoft.CodeAnalysis.Compilation compilation)
    {
        if (member.ContainingType is not { } containing)
        {
            return null;
        }

        if (IsScriptDeclared(containing, compilation))
        {
            return null;
        }

        var name = FullName(containing.OriginalDefinition) + "." + member.Name;
        return DeniedMembers.TryGetValue(name, out var reason) ? reason : TypeDenial(containing, compilation);
    }

    private static string? TypeDenial(ITypeSymbol type, Microsoft.CodeAnalysis.Compilation compilation)
    {
        switch (type)
        {
            case IErrorTypeSymbol or ITypeParameterSymbol:
                return null;
            case IArrayTypeSymbol array:
                return TypeDenial(array.ElementType, compilation);
            case IPointerTypeSymbol or IFunctionPointerTypeSymbol:
                return "no pointers";
            case IDynamicTypeSymbol:
                return "no dynamic";
            case INamedTypeSymbol named:
                return NamedTypeDenial(named, compilation);
            default:
                return null;
        }
    }

    private static string? NamedTypeDenial(INamedTypeSymbol named, Microsoft.CodeAnalysis.Compilation compilation)
    {
        if (named.IsAnonymousType || IsScriptDeclared(named, compilation))
        {
            return null;
        }

        var definition = named.OriginalDefinition;
        var outermost = definition;
        while (outermost.ContainingType is { } parent)
        {
            outermost = parent;
        }

        var name = FullName(outermost);
        if (DeniedTypes.TryGetValue(FullName(definition), out var reason) || DeniedTypes.TryGetValue(name, out reason))
        {
            return reason;
        }

        if (!AllowedTypes.Contains(name) && !AllowedNamespaces.Contains(outermost.ContainingNamespace.ToDisplayString()))
        {
            return ReasonFor(outermost.ContainingNamespace.ToDisplayString());
        }

        foreach (var argument in named.TypeArguments)
        {
            if (TypeDenial(argument, compilation) is { } argumentReason)
            {
                return argumentReason;
            }
        }

        return null;
    }

    private static string? NamespaceDenial(INamespaceSymbol ns)
    {
        if (ns.IsGlobalNamespace)
        {
            return null;
        }

        var name = ns.ToDisplayString();
        return AllowedNamespaces.Contains(name) || PathNamespaces.Contains(name) ? null : ReasonFor(name);
    }

    private static string ReasonFor(string ns)
    {
        foreach (var (prefix, reason) in NamespaceReasons)
        {
            if (ns == prefix || ns.StartsWith(prefix + ".", StringComparison.Ordinal))
            {
                return reason;
            }
        }

        return "outside the script API: System basics, collections, LINQ, text, regular expressions, JSON nodes, tasks and the proxies";
    }

    private static bool IsScriptDeclared(ITypeSymbol type, Microsoft.CodeAnalysis.Compilation compilation) =>
        SymbolEqualityComparer.Default.Equals(type.ContainingAssembly, compilation.Assembly);

    private static string FullName(INamedTypeSymbol type)
    {
        var prefix = type.ContainingType is { } parent ? FullName(parent) : type.ContainingNamespace.IsGlobalNamespace ? null : type.ContainingNamespace.ToDisplayString();
        return prefix is null ? type.MetadataName.Split('`')[0] : prefix + "." + type.MetadataName.Split('`')[0];
    }
}
