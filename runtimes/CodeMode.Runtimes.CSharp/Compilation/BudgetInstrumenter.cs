using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using static Microsoft.CodeAnalysis.CSharp.SyntaxFactory;

namespace CodeMode.Runtimes.CSharp.Compilation;

/// <summary>
/// Writes the budget checks into a script: <c>Tick()</c> first in every loop body and catch block and before every
/// <c>goto</c>; <c>Enter()</c> / <c>try { body } finally { Exit(); }</c> around every method, local function, lambda,
/// accessor, constructor and operator body (expression bodies become blocks, with the return taken from the semantic
/// model). Inserted code carries no line breaks and removed tokens hand theirs on, so every original token keeps its
/// line: runtime errors map back to the user's code.
/// </summary>
internal sealed class BudgetInstrumenter(SemanticModel model) : CSharpSyntaxRewriter
{
    // Top-level code reaches the globals' field; code inside the script's own types cannot, and uses the current budget.
    private const string TopLevelBudget = "__budget";
    private const string TypeBudget = "global::CodeMode.Runtimes.CSharp.ScriptApi.ExecutionBudget.__Current";

    private static readonly StatementSyntax TopTick = ParseStatement(TopLevelBudget + ".Tick();");
    private static readonly StatementSyntax TopEnter = ParseStatement(TopLevelBudget + ".Enter();");
    private static readonly StatementSyntax TopExit = ParseStatement(TopLevelBudget + ".Exit();");
    private static readonly StatementSyntax TypeTick = ParseStatement(TypeBudget + ".Tick();");
    private static readonly StatementSyntax TypeEnter = ParseStatement(TypeBudget + ".Enter();");
    private static readonly StatementSyntax TypeExit = ParseStatement(TypeBudget + ".Exit();");

    public static SyntaxNode Instrument(SyntaxNode root, SemanticModel model) => new BudgetInstrumenter(model).Visit(root);

    public override SyntaxNode? VisitWhileStatement(WhileStatementSyntax node)
    {
        var visited = (WhileStatementSyntax)base.VisitWhileStatement(node)!;
        return visited.WithStatement(Ticked(node, visited.Statement));
    }

    public override SyntaxNode? VisitDoStatement(DoStatementSyntax node)
    {
        var visited = (DoStatementSyntax)base.VisitDoStatement(node)!;
        return visited.WithStatement(Ticked(node, visited.Statement));
    }

    public override SyntaxNode? VisitForStatement(ForStatementSyntax node)
    {
        var visited = (ForStatementSyntax)base.VisitForStatement(node)!;
        return visited.WithStatement(Ticked(node, visited.Statement));
    }

    public override SyntaxNode? VisitForEachStatement(ForEachStatementSyntax node)
    {
        var visited = (ForEachStatementSyntax)base.VisitForEachStatement(node)!;
        return visited.WithStatement(Ticked(node, visited.Statement));
    }

    public override SyntaxNode? VisitForEachVariableStatement(ForEachVariableStatementSyntax node)
    {
        var visited = (ForEachVariableStatementSyntax)base.VisitForEachVariableStatement(node)!;
        return visited.WithStatement(Ticked(node, visited.Statement));
    }

    public override SyntaxNode? VisitGotoStatement(GotoStatementSyntax node) => Block(Tick(node), node);

    public override SyntaxNode? VisitCatchClause(CatchClauseSyntax node)
    {
        var visited = (CatchClauseSyntax)base.VisitCatchClause(node)!;
        return visited.WithBlock(visited.Block.WithStatements(visited.Block.Statements.Insert(0, Tick(node))));
    }

    public override SyntaxNode? VisitMethodDeclaration(MethodDeclarationSyntax node)
    {
        var visited = (MethodDeclarationSyntax)base.VisitMethodDeclaration(node)!;
        if (visited.ExpressionBody is { } arrow)
        {
            var symbol = model.GetDeclaredSymbol(node);
            return visited.WithExpressionBody(null).WithSemicolonToken(default)
                .WithBody(Guarded(node, BodyOf(symbol, arrow.Expression), arrow, node.SemicolonToken));
        }

        return visited.Body is { } body ? visited.WithBody(Guarded(node, body)) : visited;
    }

    public override SyntaxNode? VisitLocalFunctionStatement(LocalFunctionStatementSyntax node)
    {
        var visited = (LocalFunctionStatementSyntax)base.VisitLocalFunctionStatement(node)!;
        if (visited.ExpressionBody is { } arrow)
        {
            var symbol = model.GetDeclaredSymbol(node) as IMethodSymbol;
            return visited.WithExpressionBody(null).WithSemicolonToken(default)
                .WithBody(Guarded(node, BodyOf(symbol, arrow.Expression), arrow, node.SemicolonToken));
        }

        return visited.Body is { } body ? visited.WithBody(Guarded(node, body)) : visited;
    }

    public override SyntaxNode? VisitConstructorDeclaration(ConstructorDeclarationSyntax node)
    {
        var visited = (ConstructorDeclarationSyntax)base.VisitConstructorDeclaration(node)!;
        if (visited.ExpressionBody is { } arrow)
        {
            return visited.WithExpressionBody(null).WithSemicolonToken(default)
                .WithBody(Guarded(node, Statement(arrow.Expression), arrow, node.SemicolonToken));
        }

        return visited.Body is { } body ? visited.WithBody(Guarded(node, body)) : visited;
    }

    public override SyntaxNode? VisitOperatorDeclaration(OperatorDeclarationSyntax node)
    {
        var visited = (OperatorDeclarationSyntax)base.VisitOperatorDeclaration(node)!;
        if (visited.ExpressionBody is { } arrow)
        {
            return visited.WithExpressionBody(null).WithSemicolonToken(default)
                .WithBody(Guarded(node, BodyOf(model.GetDeclaredSymbol(node), arrow.Expression), arrow, node.SemicolonToken));
        }

        return visited.Body is { } body ? visited.WithBody(Guarded(node, body)) : visited;
    }

    public override SyntaxNode? VisitConversionOperatorDeclaration(ConversionOperatorDeclarationSyntax node)
    {
        var visited = (ConversionOperatorDeclarationSyntax)base.VisitConversionOperatorDeclaration(node)!;
        if (visited.ExpressionBody is { } arrow)
        {
            return visited.WithExpressionBody(null).WithSemicolonToken(default)
                .WithBody(Guarded(node, ReturnStatement(arrow.Expression), arrow, node.SemicolonToken));
        }

        return visited.Body is { } body ? visited.WithBody(Guarded(node, body)) : visited;
    }

    public override SyntaxNode? VisitAccessorDeclaration(AccessorDeclarationSyntax node)
    {
        var visited = (AccessorDeclarationSyntax)base.VisitAccessorDeclaration(node)!;
        if (visited.ExpressionBody is { } arrow)
        {
            var symbol = model.GetDeclaredSymbol(node);
            return visited.WithExpressionBody(null).WithSemicolonToken(default)
                .WithBody(Guarded(node, BodyOf(symbol, arrow.Expression), arrow, node.SemicolonToken));
        }

        return visited.Body is { } body ? visited.WithBody(Guarded(node, body)) : visited;
    }

    public override SyntaxNode? VisitPropertyDeclaration(PropertyDeclarationSyntax node)
    {
        var visited = (PropertyDeclarationSyntax)base.VisitPropertyDeclaration(node)!;
        if (visited.ExpressionBody is not { } arrow)
        {
            return visited;
        }

        var getter = AccessorDeclaration(SyntaxKind.GetAccessorDeclaration, Guarded(node, ReturnStatement(arrow.Expression), arrow, node.SemicolonToken));
        return visited.WithExpressionBody(null).WithSemicolonToken(default).WithAccessorList(AccessorList(SingletonList(getter)));
    }

    public override SyntaxNode? VisitIndexerDeclaration(IndexerDeclarationSyntax node)
    {
        var visited = (IndexerDeclarationSyntax)base.VisitIndexerDeclaration(node)!;
        if (visited.ExpressionBody is not { } arrow)
        {
            return visited;
        }

        var getter = AccessorDeclaration(SyntaxKind.GetAccessorDeclaration, Guarded(node, ReturnStatement(arrow.Expression), arrow, node.SemicolonToken));
        return visited.WithExpressionBody(null).WithSemicolonToken(default).WithAccessorList(AccessorList(SingletonList(getter)));
    }

    // A record class's synthesized Equals and GetHashCode are not script code, so nothing above reaches them, and on a
    // record that contains itself (a.Next = a) they recurse until the stack overflows, which kills the worker. Both
    // read EqualityContract first at every level: declared here with a stack check, a cycle ends as recursionLimit.
    // GetType() is what the synthesized one returns in effect: every record of a hierarchy declares its own.
    public override SyntaxNode? VisitRecordDeclaration(RecordDeclarationSyntax node)
    {
        var visited = (RecordDeclarationSyntax)base.VisitRecordDeclaration(node)!;
        if (node.ClassOrStructKeyword.IsKind(SyntaxKind.StructKeyword)
            || node.Members.Any(m => m is PropertyDeclarationSyntax { Identifier.ValueText: "EqualityContract" })
            || model.GetDeclaredSymbol(node) is not { } record)
        {
            return visited;
        }

        var modifiers = record.BaseType is { IsRecord: true } ? "protected override" : record.IsSealed ? "private" : "protected virtual";
        var contract = ParseMemberDeclaration(
            $"{modifiers} global::System.Type EqualityContract {{ get {{ global::CodeMode.Runtimes.CSharp.Running.RecordGuard.Check(); return GetType(); }} }}")!;
        if (visited.OpenBraceToken.IsKind(SyntaxKind.None))
        {
            // 'record N(int X);' has no body: the ';' hands its trivia to the new braces.
            var semicolon = visited.SemicolonToken;
            return visited.WithSemicolonToken(default)
                .WithOpenBraceToken(Token(SyntaxKind.OpenBraceToken).WithLeadingTrivia(semicolon.LeadingTrivia))
                .WithMembers(SingletonList(contract))
                .WithCloseBraceToken(Token(SyntaxKind.CloseBraceToken).WithTrailingTrivia(semicolon.TrailingTrivia));
        }

        return visited.WithMembers(visited.Members.Insert(0, contract));
    }

    public override SyntaxNode? VisitParenthesizedLambdaExpression(ParenthesizedLambdaExpressionSyntax node)
    {
        var symbol = model.GetSymbolInfo(node).Symbol as IMethodSymbol;
        var visited = (ParenthesizedLambdaExpressionSyntax)base.VisitParenthesizedLambdaExpression(node)!;
        return visited.ExpressionBody is { } expression
            ? visited.WithExpressionBody(null).WithBlock(Guarded(node, BodyOf(symbol, expression)))
            : visited.WithBlock(Guarded(node, visited.Block!));
    }

    public override SyntaxNode? VisitSimpleLambdaExpression(SimpleLambdaExpressionSyntax node)
    {
        var symbol = model.GetSymbolInfo(node).Symbol as IMethodSymbol;
        var visited = (SimpleLambdaExpressionSyntax)base.VisitSimpleLambdaExpression(node)!;
        return visited.ExpressionBody is { } expression
            ? visited.WithExpressionBody(null).WithBlock(Guarded(node, BodyOf(symbol, expression)))
            : visited.WithBlock(Guarded(node, visited.Block!));
    }

    public override SyntaxNode? VisitAnonymousMethodExpression(AnonymousMethodExpressionSyntax node)
    {
        var visited = (AnonymousMethodExpressionSyntax)base.VisitAnonymousMethodExpression(node)!;
        return visited.WithBlock(Guarded(node, visited.Block));
    }

    // A value-returning body returns the expression; a void one (or an async Task one) evaluates it.
    private static StatementSyntax BodyOf(IMethodSymbol? method, ExpressionSyntax expression)
    {
        var returnsNothing = method is not null
            && (method.ReturnsVoid || (method.IsAsync && method.ReturnType is INamedTypeSymbol { IsGenericType: false }));
        return returnsNothing ? Statement(expression) : expression is ThrowExpressionSyntax ? Statement(expression) : ReturnStatement(expression);
    }

    private static StatementSyntax Statement(ExpressionSyntax expression) =>
        expression is ThrowExpressionSyntax thrown ? ThrowStatement(thrown.Expression) : ExpressionStatement(expression);

    private static bool InsideType(SyntaxNode original) => original.Ancestors().Any(a => a is TypeDeclarationSyntax);

    private static StatementSyntax Tick(SyntaxNode original) => InsideType(original) ? TypeTick : TopTick;

    private static BlockSyntax Ticked(SyntaxNode original, StatementSyntax body) =>
        body is BlockSyntax block ? block.WithStatements(block.Statements.Insert(0, Tick(original))) : Block(Tick(original), body);

    private static BlockSyntax Guarded(SyntaxNode original, StatementSyntax body, ArrowExpressionClauseSyntax arrow, SyntaxToken semicolon)
    {
        var guarded = Guarded(original, body is BlockSyntax block ? block : Block(body));

        // The removed '=>' and ';' hand their trivia (line breaks among it) to the new braces.
        return guarded
            .WithOpenBraceToken(guarded.OpenBraceToken.WithLeadingTrivia(arrow.ArrowToken.LeadingTrivia).WithTrailingTrivia(arrow.ArrowToken.TrailingTrivia))
            .WithCloseBraceToken(guarded.CloseBraceToken.WithLeadingTrivia(semicolon.LeadingTrivia).WithTrailingTrivia(semicolon.TrailingTrivia));
    }

    private static BlockSyntax Guarded(SyntaxNode original, StatementSyntax body)
    {
        var inside = InsideType(original);
        var block = body as BlockSyntax ?? Block(body);
        return Block(
            inside ? TypeEnter : TopEnter,
            TryStatement(block, default, FinallyClause(Block(inside ? TypeExit : TopExit))));
    }
}
