using CodeMode.Abstractions.Execution;
using CodeMode.Runtimes.JavaScript.Tests.Support;

namespace CodeMode.Runtimes.JavaScript.Tests;

public sealed class CompileErrorTests
{
    [Theory]
    [InlineData("var x = ;", 1, 9)]
    [InlineData("var a = 1;\nif (a {\n}", 2, 7)]
    [InlineData("foo(;", 1, 5)]
    [InlineData("var s = 'unterminated;", 1, 23)]
    [InlineData("funtion f() { return 1; }", 1, 9)]
    [InlineData("retrun 5;", 1, 8)]
    [InlineData("var obj = { a: 1 b: 2 };", 1, 18)]
    [InlineData("for (var i = 0; i < 3; i++ {}", 1, 28)]
    [InlineData("var x = 1;\nvar y = x +* 2;", 2, 12)]
    [InlineData("return 1;\nvar = 2;", 2, 5)]
    [InlineData("'use strict';\nreturn 1;\nwith (Math) { max(1, 2); }", 3, 1)]
    public void Execute_SyntaxError_ReturnsCompileErrorWithPosition(string code, int line, int column)
    {
        var outcome = ScriptRunner.Run(code);

        var error = outcome.AssertFailed(ScriptStatus.CompileError, ErrorCodes.SyntaxError);
        Assert.StartsWith("SyntaxError: ", error.Message);
        Assert.DoesNotContain("ECMAScript", error.Message);
        Assert.Equal(line, error.Line);
        Assert.Equal(column, error.Column);
    }

    public static TheoryData<string, string, string, int, int> ModernSyntax => new()
    {
        { "arrow function", "var f = x => x * 2;", "arrow functions", 1, 11 },
        { "arrow with parentheses", "[1].map((a, b) => a);", "arrow functions", 1, 16 },
        { "template literal", "var s = `hi ${name}`;", "template literals", 1, 9 },
        { "class", "class Foo {\n  bar() {}\n}", "classes", 1, 1 },
        { "array destructuring", "var [a, b] = [1, 2];", "destructuring", 1, 1 },
        { "object destructuring with const", "const { a } = { a: 1 };", "destructuring", 1, 1 },
        { "spread in a call", "Math.max(...[1, 2]);", "spread", 1, 10 },
        { "spread in an array", "var a = [...b];", "spread", 1, 10 },
        { "async function", "async function main() { return 1; }", "async functions", 1, 1 },
        { "await", "var r = await automem.search({});", "await", 1, 9 },
        { "for-of", "var xs = [1];\nfor (var x of xs) {}", "for...of", 2, 1 },
        { "default parameters", "function f(a, b = 2) { return a + b; }", "default parameter", 1, 17 },
        { "optional chaining", "var v = a?.b;", "optional chaining", 1, 10 },
        { "nullish coalescing", "var v = a ?? 1;", "nullish coalescing", 1, 11 },
        { "exponent operator", "var v = 2 ** 10;", "exponent", 1, 11 },
        { "shorthand properties", "var a = 1; var o = { a, b: 2 };", "shorthand properties", 1, 22 },
        { "method shorthand", "var o = { run() { return 1; } };", "method shorthand", 1, 11 },
        { "computed property", "var k = 'x'; var o = { [k]: 1 };", "computed property", 1, 24 },
        { "import", "import fs from 'fs';", "modules", 1, 1 },
        { "export", "export var x = 1;", "modules", 1, 1 },
        { "generator", "function* gen() { yield 1; }", "generator", 1, 1 },
        { "BigInt", "var big = 10n;", "BigInt", 1, 11 },
        { "numeric separator", "var n = 1_000;", "numeric separators", 1, 9 },
        { "binary literal", "var n = 0b1010;", "binary and octal", 1, 9 },
        { "trailing comma in a call", "Math.max(1, 2,);", "trailing commas", 1, 14 },
        { "logical assignment", "var a; a ||= 1;", "logical assignment", 1, 10 },
        { "let with arrow", "let add = (a, b) => a + b;", "arrow functions", 1, 18 },
    };

    [Theory]
    [MemberData(nameof(ModernSyntax))]
    public void Execute_ModernSyntax_ReturnsUnsupportedSyntaxPointingToOtherRuntimes(string name, string code, string feature, int line, int column)
    {
        var outcome = ScriptRunner.Run(code);

        var error = outcome.AssertFailed(ScriptStatus.CompileError, ErrorCodes.UnsupportedSyntax);
        Assert.Contains(feature, error.Message);
        Assert.Contains("ECMAScript 5.1 (Jint)", error.Message);
        Assert.Contains("`node`", error.Message);
        Assert.Contains("`csharp`", error.Message);
        Assert.Equal(line, error.Line);
        Assert.True(column == error.Column, $"{name}: expected column {column} but got {error.Column}");
    }

    [Theory]
    [InlineData("var x = ;\nvar f = y => y;")]
    [InlineData("var s = 'a => b'; // x => y ... `tpl`\nvar t = ;")]
    [InlineData("/* class Foo { } */ var t = ;")]
    [InlineData("var r = /a=>b/; var t = ;")]
    [InlineData("var o = { get: 1, set: 2, async: 3 }; var t = ;")]
    [InlineData("switch (1) { case 1: { run(); } }\nvar t = ;")]
    [InlineData("var c = a ?.5 : 1; var t = ;")]
    public void Execute_TypoBeforeOrBesideModernLookalikes_IsASyntaxError(string code)
    {
        var outcome = ScriptRunner.Run(code);

        outcome.AssertFailed(ScriptStatus.CompileError, ErrorCodes.SyntaxError);
    }

    [Theory]
    [InlineData("const a = 1; let b = 2; a + b", "3")]
    [InlineData("var o = { get size() { return 3; }, set size(v) {} }; o.size", "3")]
    [InlineData("var async = function (x) { return x; }; async(5)", "5")]
    [InlineData("var o = { class: 1, let: 2 }; o.class + o.let", "3")]
    public void Execute_Es5CodeThatLooksModern_Runs(string code, string expectedJson)
    {
        var outcome = ScriptRunner.Run(code);

        Assert.Equal(expectedJson, outcome.ValueJson());
    }
}
