using CodeMode.Abstractions.Execution;
using CodeMode.Runtimes.CSharp.Compilation;
using CodeMode.Runtimes.CSharp.Tests.Support;
using Microsoft.CodeAnalysis.CSharp;

namespace CodeMode.Runtimes.CSharp.Tests;

/// <summary>Compile-cache hits reuse a loaded copy of a script only when that cannot carry state from one run to the next.</summary>
public sealed class LoadedScriptTests
{
    public static TheoryData<string, bool> Shapes => new()
    {
        // code, declares static state
        { "var n = 1; n++; return n;", false },
        { "int Twice(int x) => x * 2; return Twice(2);", false },
        { "static int Twice(int x) => x * 2; return Twice(2);", false },
        { "class C { public const int N = 1; public static int Twice(int x) => x * 2; } return C.Twice(C.N);", false },
        { "record Point(int X, int Y); return new Point(1, 2);", false },
        { "Func<int, int> f = static x => x + 1; return f(1);", false },
        { "class Counter { public static int Count; } return Counter.Count;", true },
        { "class Counter { public static readonly List<int> Seen = new(); } return Counter.Seen.Count;", true },
        { "class Counter { public static int Count { get; set; } } return Counter.Count;", true },
        { "class Counter { public static event Action Changed; } return 1;", true },
        { "class Counter { static Counter() { } } return 1;", true },
        { "static int count = 0; count++; return count;", true },
        { "struct S { static int Hidden; } return 1;", true },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void StaticState_IsRecognisedBySyntax(string code, bool declaresStaticState)
    {
        var root = CSharpSyntaxTree.ParseText(code, new CSharpParseOptions(LanguageVersion.Latest, kind: Microsoft.CodeAnalysis.SourceCodeKind.Script)).GetRoot();

        Assert.Equal(declaresStaticState, StaticState.IsDeclaredIn(root));
    }

    [Fact]
    public void CacheHit_RunsTheKeptCopyWithFreshTopLevelState()
    {
        var runtime = new CSharpRuntime();
        const string Code = "var seen = new List<int>(); seen.Add(seen.Count); var add = () => seen.Add(seen.Count); add(); log(seen.Count); return seen;";

        var first = ScriptRunner.Run(Code, runtime: runtime);
        var kept = runtime.LoadedScriptCount;
        var second = ScriptRunner.Run(Code, runtime: runtime);

        Assert.Equal(1, kept);
        Assert.Equal(1, runtime.LoadedScriptCount);
        Assert.Equal("[0,1]", first.Json());
        Assert.Equal("[0,1]", second.Json());
        Assert.Equal("2", Assert.Single(second.Logs).Message);
    }

    [Theory]
    [InlineData("class Counter { public static int Count; } Counter.Count++; return Counter.Count;")]
    [InlineData("class Counter { public static int Count { get; set; } } Counter.Count++; return Counter.Count;")]
    [InlineData("class Counter { public static readonly List<int> Seen = new(); } Counter.Seen.Add(1); return Counter.Seen.Count;")]
    [InlineData("static int count = 0; count++; return count;")]
    public void ScriptsWithStaticState_AreNeverKept(string code)
    {
        var runtime = new CSharpRuntime();

        var runs = Enumerable.Range(0, 3).Select(_ => ScriptRunner.Run(code, runtime: runtime)).ToList();

        Assert.All(runs, run => Assert.Equal("1", run.Json()));
        Assert.Equal(0, runtime.LoadedScriptCount);
    }

    [Fact]
    public void KeptCopies_AreBounded()
    {
        var runtime = new CSharpRuntime();

        for (var i = 0; i < CSharpRuntime.LoadedScriptCapacity + 8; i++)
        {
            Assert.Equal(i.ToString(System.Globalization.CultureInfo.InvariantCulture), ScriptRunner.Run($"return {i};", runtime: runtime).Json());
        }

        Assert.Equal(CSharpRuntime.LoadedScriptCapacity, runtime.LoadedScriptCount);
    }

    [Fact]
    public void CacheHit_AfterAFailure_StillRunsCleanly()
    {
        var runtime = new CSharpRuntime();
        const string Code = "var items = new List<int> { 1 }; if (items.Count > 0) { throw new InvalidOperationException(\"boom\"); } return items;";

        var first = ScriptRunner.Run(Code, runtime: runtime);
        var second = ScriptRunner.Run(Code, runtime: runtime);

        Assert.All(new[] { first, second }, run => Assert.Equal(ErrorCodes.UncaughtException, run.Error?.Code));
        Assert.Equal(first.Error!.Line, second.Error!.Line);
        Assert.NotNull(second.Error.Line);
    }
}
