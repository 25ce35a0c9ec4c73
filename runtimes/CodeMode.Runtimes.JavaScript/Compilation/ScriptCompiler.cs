using CodeMode.Abstractions.Execution;
using Jint.Parser;
using Jint.Parser.Ast;

namespace CodeMode.Runtimes.JavaScript.Compilation;

/// <summary>
/// Parses a snippet with Jint's ES5.1 parser and turns a failure into a compile error an author can act on.
/// <para>
/// A top-level <c>return</c> ends the snippet with a value. ES5 forbids it outside functions, but Jint's parser in
/// tolerant mode records "Illegal return statement" and builds the AST anyway, and <c>Engine.Execute</c> then stops
/// at the return with its value as the completion value. So the code is parsed as written (no wrapper function:
/// lines, columns, <c>var</c> scoping and <c>this</c> stay exactly as submitted), and the program is accepted when
/// every tolerated error is an illegal return.
/// </para>
/// </summary>
internal static class ScriptCompiler
{
    private const string RuntimeAdvice =
        "The javascript runtime is ECMAScript 5.1 (Jint). For modern JavaScript or TypeScript use the `node` runtime; for C# use `csharp`.";

    private const string FunctionWrapperPrefix = "(function(){";

    public static CompileResult Compile(string code)
    {
        Program program;
        try
        {
            program = new JavaScriptParser().Parse(code, new ParserOptions { Tolerant = true });
        }
        catch (ParserException error)
        {
            return CompileResult.Failure(Describe(code, error, indexOffset: 0));
        }
        catch (Exception error) when (error is not OutOfMemoryException)
        {
            // A parser bug on odd input: still the code's problem to report, not the host's.
            return CompileResult.Failure(new ScriptError(ErrorCodes.SyntaxError, $"SyntaxError: the parser could not read the code ({error.GetType().Name})."));
        }

        if (program.Errors is { Count: > 0 } errors && !errors.TrueForAll(IsIllegalReturn))
        {
            return CompileResult.Failure(LocateTolerantError(code, errors.Find(e => !IsIllegalReturn(e))!));
        }

        return CompileResult.Success(ScriptInstrumenter.Instrument(program));
    }

    private static bool IsIllegalReturn(ParserException error) =>
        error.Message.EndsWith(Messages.IllegalReturn, StringComparison.Ordinal);

    /// <summary>
    /// Tolerated errors carry only a message. To get a position, parse strictly: as written when the code has no
    /// top-level return before the error, otherwise inside a function wrapper on the same first line.
    /// </summary>
    private static ScriptError LocateTolerantError(string code, ParserException tolerated)
    {
        try
        {
            new JavaScriptParser().Parse(code);
        }
        catch (ParserException error) when (!IsIllegalReturn(error))
        {
            return Describe(code, error, indexOffset: 0);
        }
        catch (ParserException)
        {
            try
            {
                new JavaScriptParser().Parse(FunctionWrapperPrefix + code + "\n})");
            }
            catch (ParserException error)
            {
                return Describe(code, error, indexOffset: FunctionWrapperPrefix.Length);
            }
        }

        var message = tolerated.Message;
        var colon = message.IndexOf(": ", StringComparison.Ordinal);
        return new ScriptError(ErrorCodes.SyntaxError, "SyntaxError: " + (colon >= 0 ? message[(colon + 2)..] : message));
    }

    private static ScriptError Describe(string code, ParserException error, int indexOffset)
    {
        var index = Math.Clamp(error.Index - indexOffset, 0, code.Length);
        var modern = ModernSyntaxDetector.FindFirst(code);
        if (modern is { } finding && finding.Index <= index)
        {
            var (markerLine, markerColumn) = SourceText.PositionOf(code, finding.Index);
            return new ScriptError(
                ErrorCodes.UnsupportedSyntax,
                $"Unsupported syntax: {finding.Feature} is not available. {RuntimeAdvice} In ES5: {finding.Instead}.",
                markerLine,
                markerColumn);
        }

        var (line, column) = SourceText.PositionOf(code, index);
        var description = string.IsNullOrEmpty(error.Description) ? error.Message : error.Description;
        if (description == string.Format(Messages.UnexpectedToken, "ILLEGAL"))
        {
            description = "Invalid or unexpected token";
        }

        return new ScriptError(ErrorCodes.SyntaxError, "SyntaxError: " + description, line, column);
    }
}
