using Jint.Native;
using Jint.Parser;
using Jint.Parser.Ast;

namespace CodeMode.Runtimes.JavaScript.Compilation;

/// <summary>
/// One pass over a parsed program that
/// <list type="bullet">
/// <item><description>makes every function body start with <c>enterFunction(site)</c> for
/// <see cref="Limits.FunctionDepthGuard"/>;</description></item>
/// <item><description>instruments every <c>try</c> with a <c>catch</c> for <see cref="Limits.CallStackRepair"/>: the try
/// block starts with <c>enterTry(site)</c> and each catch block with <c>enterCatch(site)</c>;</description></item>
/// <item><description>wraps every <c>throw</c> argument as <c>prepareThrow(value)</c> for
/// <see cref="Interop.ThrownValueGuard"/>;</description></item>
/// <item><description>The callee of those hook calls is a literal node whose cached value is set to the host
/// function per execution, so no name in any scope refers to it and the script cannot reach it;</description></item>
/// <item><description>collects the nodes in which Jint caches engine-bound values (regular-expression literals, and
/// call expressions whose cached argument arrays hold them), so a cached program can be reset before it runs in
/// another engine.</description></item>
/// </list>
/// </summary>
internal sealed class ScriptInstrumenter
{
    private readonly List<int[]> _sites = [];
    private readonly List<string> _functionNames = [];
    private readonly List<Literal> _regexLiterals = [];
    private readonly List<CallExpression> _callsWithRegexArguments = [];
    private readonly HashSet<TryStatement> _instrumented = [];
    private List<int> _enclosingTries = [];
    private Literal? _enterFunction;
    private Literal? _enterTry;
    private Literal? _enterCatch;
    private Literal? _prepareThrow;

    public static CompiledScript Instrument(Program program)
    {
        var instrumenter = new ScriptInstrumenter();
        foreach (var statement in program.Body)
        {
            instrumenter.VisitStatement(statement);
        }

        return new CompiledScript(
            program,
            instrumenter._enterFunction,
            [.. instrumenter._functionNames],
            instrumenter._enterTry,
            instrumenter._enterCatch,
            instrumenter._prepareThrow,
            [.. instrumenter._sites],
            [.. instrumenter._regexLiterals],
            [.. instrumenter._callsWithRegexArguments]);
    }

    private void VisitStatement(Statement? statement)
    {
        switch (statement)
        {
            case null:
                return;
            case BlockStatement block:
                VisitStatements(block.Body);
                return;
            case ExpressionStatement expression:
                VisitExpression(expression.Expression);
                return;
            case IfStatement ifStatement:
                VisitExpression(ifStatement.Test);
                VisitStatement(ifStatement.Consequent);
                VisitStatement(ifStatement.Alternate);
                return;
            case LabelledStatement labelled:
                VisitStatement(labelled.Body);
                return;
            case DoWhileStatement doWhile:
                VisitStatement(doWhile.Body);
                VisitExpression(doWhile.Test);
                return;
            case WhileStatement whileStatement:
                VisitExpression(whileStatement.Test);
                VisitStatement(whileStatement.Body);
                return;
            case ForStatement forStatement:
                VisitNode(forStatement.Init);
                VisitExpression(forStatement.Test);
                VisitExpression(forStatement.Update);
                VisitStatement(forStatement.Body);
                return;
            case ForInStatement forIn:
                VisitNode(forIn.Left);
                VisitExpression(forIn.Right);
                VisitStatement(forIn.Body);
                return;
            case ReturnStatement returnStatement:
                VisitExpression(returnStatement.Argument);
                return;
            case ThrowStatement throwStatement:
                VisitExpression(throwStatement.Argument);
                if (throwStatement.Argument is not CallExpression { Callee: var thrownCallee } || thrownCallee != _prepareThrow)
                {
                    _prepareThrow ??= CreateHookLiteral(throwStatement.Location);
                    throwStatement.Argument = new CallExpression
                    {
                        Type = SyntaxNodes.CallExpression,
                        Location = throwStatement.Argument.Location ?? throwStatement.Location,
                        Callee = _prepareThrow,
                        Arguments = [throwStatement.Argument],
                    };
                }

                return;
            case WithStatement withStatement:
                VisitExpression(withStatement.Object);
                VisitStatement(withStatement.Body);
                return;
            case SwitchStatement switchStatement:
                VisitExpression(switchStatement.Discriminant);
                foreach (var switchCase in switchStatement.Cases ?? [])
                {
                    VisitExpression(switchCase.Test);
                    VisitStatements(switchCase.Consequent);
                }

                return;
            case VariableDeclaration declaration:
                foreach (var declarator in declaration.Declarations ?? [])
                {
                    VisitExpression(declarator.Init);
                }

                return;
            case FunctionDeclaration function:
                VisitFunction(function.Id, function.Body, function.Location);
                return;
            case TryStatement tryStatement:
                VisitTry(tryStatement);
                return;
            default:
                // Empty, break, continue, debugger: nothing inside.
                return;
        }
    }

    private void VisitStatements(IEnumerable<Statement>? statements)
    {
        foreach (var statement in statements ?? [])
        {
            VisitStatement(statement);
        }
    }

    private void VisitNode(SyntaxNode? node)
    {
        if (node is Statement statement)
        {
            VisitStatement(statement);
        }
        else if (node is Expression expression)
        {
            VisitExpression(expression);
        }
    }

    private void VisitExpression(Expression? expression)
    {
        switch (expression)
        {
            case null:
                return;
            case Literal literal:
                if (literal.Type == SyntaxNodes.RegularExpressionLiteral)
                {
                    _regexLiterals.Add(literal);
                }

                return;
            case AssignmentExpression assignment:
                VisitExpression(assignment.Left);
                VisitExpression(assignment.Right);
                return;
            case ArrayExpression array:
                foreach (var element in array.Elements ?? [])
                {
                    VisitExpression(element);
                }

                return;
            case BinaryExpression binary:
                VisitExpression(binary.Left);
                VisitExpression(binary.Right);
                return;
            case LogicalExpression logical:
                VisitExpression(logical.Left);
                VisitExpression(logical.Right);
                return;
            case CallExpression call:
                VisitExpression(call.Callee);
                var hasRegexArgument = false;
                foreach (var argument in call.Arguments ?? [])
                {
                    hasRegexArgument |= argument is Literal { Type: SyntaxNodes.RegularExpressionLiteral };
                    VisitExpression(argument);
                }

                if (hasRegexArgument)
                {
                    _callsWithRegexArguments.Add(call);
                }

                return;
            case NewExpression newExpression:
                VisitExpression(newExpression.Callee);
                foreach (var argument in newExpression.Arguments ?? [])
                {
                    VisitExpression(argument);
                }

                return;
            case ConditionalExpression conditional:
                VisitExpression(conditional.Test);
                VisitExpression(conditional.Consequent);
                VisitExpression(conditional.Alternate);
                return;
            case FunctionExpression function:
                VisitFunction(function.Id, function.Body, function.Location);
                return;
            case MemberExpression member:
                VisitExpression(member.Object);
                if (member.Computed)
                {
                    VisitExpression(member.Property);
                }

                return;
            case ObjectExpression objectExpression:
                foreach (var property in objectExpression.Properties ?? [])
                {
                    VisitExpression(property.Value);
                }

                return;
            case SequenceExpression sequence:
                foreach (var item in sequence.Expressions ?? [])
                {
                    VisitExpression(item);
                }

                return;
            case UnaryExpression unary:
                VisitExpression(unary.Argument);
                return;
            case VariableDeclarator declarator:
                VisitExpression(declarator.Init);
                return;
            default:
                // Identifier, this.
                return;
        }
    }

    private void VisitFunction(Identifier? id, Statement? body, Location? location)
    {
        // Try statements in another function never enclose this one's in the same activation.
        var outer = _enclosingTries;
        _enclosingTries = [];
        VisitStatement(body);
        _enclosingTries = outer;

        if (body is not BlockStatement block || block.Body?.FirstOrDefault() is ExpressionStatement { Expression: CallExpression { Callee: var callee } } && callee == _enterFunction)
        {
            // Not a block (never from the parser), or already instrumented (a node reachable twice).
            return;
        }

        var site = _functionNames.Count;
        _functionNames.Add(string.IsNullOrEmpty(id?.Name) ? "anonymous function" : id.Name);
        _enterFunction ??= CreateHookLiteral(location ?? block.Location);
        block.Body = Prepend(CreateHookCall(_enterFunction, site, location ?? block.Location), block.Body);
    }

    private void VisitTry(TryStatement tryStatement)
    {
        var handlers = tryStatement.Handlers?.ToArray() ?? [];
        if (handlers.Length == 0 || tryStatement.Block is not BlockStatement block || !_instrumented.Add(tryStatement))
        {
            VisitStatement(tryStatement.Block);
            VisitStatement(tryStatement.Finalizer);
            return;
        }

        var site = _sites.Count;
        _sites.Add([.. _enclosingTries]);

        // Only the try block counts as enclosing: by the time a catch or finally block runs, this try's mark is gone or stale.
        _enclosingTries.Add(site);
        VisitStatement(block);
        _enclosingTries.RemoveAt(_enclosingTries.Count - 1);
        foreach (var handler in handlers)
        {
            VisitStatement(handler.Body);
        }

        VisitStatement(tryStatement.Finalizer);

        _enterTry ??= CreateHookLiteral(tryStatement.Location);
        _enterCatch ??= CreateHookLiteral(tryStatement.Location);
        block.Body = Prepend(CreateHookCall(_enterTry, site, tryStatement.Location), block.Body);
        foreach (var handler in handlers)
        {
            handler.Body.Body = Prepend(CreateHookCall(_enterCatch, site, handler.Location ?? tryStatement.Location), handler.Body.Body);
        }
    }

    private static Statement[] Prepend(Statement first, IEnumerable<Statement>? rest)
    {
        var list = new List<Statement> { first };
        list.AddRange(rest ?? []);
        return [.. list];
    }

    private static Literal CreateHookLiteral(Location location) => new()
    {
        Type = SyntaxNodes.Literal,
        Location = location,
        // Cached with a null value until CompiledScript.PrepareForRun stores this execution's host function.
        Cached = true,
    };

    private static ExpressionStatement CreateHookCall(Literal callee, int site, Location location) => new()
    {
        Type = SyntaxNodes.ExpressionStatement,
        Location = location,
        Expression = new CallExpression
        {
            Type = SyntaxNodes.CallExpression,
            Location = location,
            Callee = callee,
            Arguments =
            [
                new Literal
                {
                    Type = SyntaxNodes.Literal,
                    Location = location,
                    Value = (double)site,
                    Raw = site.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    Cached = true,
                    CachedValue = new JsValue(site),
                },
            ],
        },
    };
}
