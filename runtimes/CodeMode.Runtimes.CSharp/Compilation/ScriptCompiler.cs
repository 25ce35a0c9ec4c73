using System.Collections.Immutable;
using System.Text;
using CodeMode.Abstractions.Execution;
using CodeMode.Runtimes.CSharp.Proxies;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Emit;
using Microsoft.CodeAnalysis.Text;

namespace CodeMode.Runtimes.CSharp.Compilation;

/// <summary>
/// Parse → syntax policy → symbol policy → compile errors → budget instrumentation → emit. Everything the user is
/// told (errors, denials) comes from the tree as written, so positions are in the user's code; only the instrumented
/// copy is emitted. Binding honours <paramref name="cancellationToken"/>, which the runtime ties to the deadline, so
/// a compile-time bomb ends as a timeout.
/// </summary>
internal static class ScriptCompiler
{
    public static readonly ImmutableArray<string> Imports =
    [
        "System", "System.Collections.Generic", "System.Linq", "System.Text", "System.Text.Json.Nodes",
        "System.Text.RegularExpressions", "System.Threading.Tasks", ProxySourceWriter.Namespace, "CodeMode.Runtimes.CSharp.ScriptApi",
    ];

    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest, DocumentationMode.None, SourceCodeKind.Script);

    private static readonly EmitOptions EmitOptions = new(debugInformationFormat: DebugInformationFormat.PortablePdb);

    // The PDB's document name, and what stack frames of the script report as their file.
    private const string ScriptPath = "script.csx";

    private static int _counter;

    public static CompileResult Compile(string code, ProxyAssembly proxies, CancellationToken cancellationToken)
    {
        var tree = CSharpSyntaxTree.ParseText(SourceText.From(code, Encoding.UTF8), ParseOptions, ScriptPath, cancellationToken);
        var root = tree.GetRoot(cancellationToken);
        if (FirstError(tree.GetDiagnostics(cancellationToken), syntaxOnly: true) is { } syntaxError)
        {
            return syntaxError;
        }

        if (SyntaxPolicy.Check(root) is { } shape)
        {
            return Denied(shape);
        }

        var name = "CodeMode.Script" + Interlocked.Increment(ref _counter).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var compilation = CSharpCompilation.CreateScriptCompilation(
            name,
            tree,
            [.. ScriptReferences.All, proxies.Reference],
            new CSharpCompilationOptions(
                OutputKind.DynamicallyLinkedLibrary,
                usings: Imports,
                // Debug: its async state machines are classes, so the JIT shares the async builder's generic code
                // across scripts. With Release's structs every fresh script made the JIT compile those methods again
                // for its own value type (~6 ms of a cache miss's first run, against ~1 ms). Script code runs without
                // JIT optimizations as a result; scripts are glue around tool calls, budget-checked at every step.
                optimizationLevel: OptimizationLevel.Debug,
                allowUnsafe: false,
                concurrentBuild: false,
                nullableContextOptions: NullableContextOptions.Disable,
                metadataReferenceResolver: null,
                sourceReferenceResolver: null),
            previousScriptCompilation: null,
            returnType: typeof(object),
            globalsType: proxies.GlobalsType);
        var model = compilation.GetSemanticModel(tree);
        if (SymbolPolicy.Check(root, model, cancellationToken) is { } symbol)
        {
            return Denied(symbol);
        }

        if (FirstError(compilation.GetDiagnostics(cancellationToken), syntaxOnly: false) is { } compileError)
        {
            return compileError;
        }

        var instrumented = CSharpSyntaxTree.Create((CSharpSyntaxNode)BudgetInstrumenter.Instrument(root, model), ParseOptions, ScriptPath, Encoding.UTF8);
        var emitted = compilation.ReplaceSyntaxTree(tree, instrumented);
        using var image = new MemoryStream();
        using var symbols = new MemoryStream();
        var result = emitted.Emit(image, symbols, options: EmitOptions, cancellationToken: cancellationToken);
        if (!result.Success)
        {
            // The user's code compiled; the instrumented copy did not. A fault of this runtime, reported as such.
            var first = result.Diagnostics.First(d => d.Severity == DiagnosticSeverity.Error);
            return CompileResult.Failure(
                ScriptStatus.InternalError,
                new ScriptError(ErrorCodes.InternalError, $"The csharp runtime could not instrument this script ({first.Id}: {first.GetMessage(System.Globalization.CultureInfo.InvariantCulture)})."));
        }

        var entry = emitted.GetEntryPoint(cancellationToken)!;
        return CompileResult.Success(new CompiledScript(
            image.ToArray(), symbols.ToArray(), entry.ContainingType.MetadataName, entry.MetadataName, Reusable: !StaticState.IsDeclaredIn(root)));
    }

    private static CompileResult? FirstError(IEnumerable<Diagnostic> diagnostics, bool syntaxOnly)
    {
        var errors = diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).OrderBy(d => d.Location.SourceSpan.Start).ToList();
        if (errors.Count == 0)
        {
            return null;
        }

        var first = errors[0];
        var position = first.Location.GetLineSpan().StartLinePosition;
        var message = $"{first.Id}: {first.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}";
        if (errors.Count > 1)
        {
            message += $" (and {errors.Count - 1} more error{(errors.Count == 2 ? string.Empty : "s")})";
        }

        return CompileResult.Failure(
            ScriptStatus.CompileError,
            new ScriptError(syntaxOnly ? ErrorCodes.SyntaxError : ErrorCodes.CompileError, message, first.Location.IsInSource ? position.Line + 1 : null, first.Location.IsInSource ? position.Character + 1 : null));
    }

    private static CompileResult Denied(PolicyViolation violation) =>
        CompileResult.Failure(ScriptStatus.PolicyDenied, new ScriptError(ErrorCodes.DeniedApi, violation.Message, violation.Line, violation.Column));
}
