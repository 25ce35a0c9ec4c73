using CodeMode.Abstractions.Execution;
using CodeMode.Runtimes.CSharp.Tests.Support;

namespace CodeMode.Runtimes.CSharp.Tests;

/// <summary>Escapes and runaway scripts, written the way an attacker would; each asserts the status and the code.</summary>
public sealed class AdversarialTests
{
    private static readonly ExecutionLimits Tight = ScriptRunner.DefaultLimits with { TimeoutMs = 10_000, MaxStatements = 1_000_000, MaxRecursion = 64 };

    public static TheoryData<string, string, ScriptStatus, string> Denied => new()
    {
        // name, code, status, code
        { "file read", "return System.IO.File.ReadAllText(\"/etc/passwd\");", ScriptStatus.PolicyDenied, ErrorCodes.DeniedApi },
        { "file via using", "using System.IO;\nreturn File.Exists(\"/etc/passwd\");", ScriptStatus.PolicyDenied, ErrorCodes.DeniedApi },
        { "environment", "return Environment.GetEnvironmentVariable(\"PATH\");", ScriptStatus.PolicyDenied, ErrorCodes.DeniedApi },
        { "environment exit", "Environment.Exit(1);", ScriptStatus.PolicyDenied, ErrorCodes.DeniedApi },
        { "process", "System.Diagnostics.Process.Start(\"sh\");", ScriptStatus.PolicyDenied, ErrorCodes.DeniedApi },
        { "network", "var c = new System.Net.Sockets.TcpClient(\"127.0.0.1\", 80);", ScriptStatus.PolicyDenied, ErrorCodes.DeniedApi },
        { "http", "var c = new System.Net.Http.HttpClient();", ScriptStatus.PolicyDenied, ErrorCodes.DeniedApi },
        { "reflection GetType", "return \"x\".GetType().Assembly.FullName;", ScriptStatus.PolicyDenied, ErrorCodes.DeniedApi },
        { "reflection typeof", "var t = typeof(string); return t.Name;", ScriptStatus.PolicyDenied, ErrorCodes.DeniedApi },
        { "reflection namespace", "return System.Reflection.Assembly.GetExecutingAssembly().FullName;", ScriptStatus.PolicyDenied, ErrorCodes.DeniedApi },
        { "activator", "return Activator.CreateInstance<object>();", ScriptStatus.PolicyDenied, ErrorCodes.DeniedApi },
        { "delegate method", "Func<int> f = () => 1; return f.Method.Name;", ScriptStatus.PolicyDenied, ErrorCodes.DeniedApi },
        { "exception target site", "try { throw new Exception(); } catch (Exception e) { return e.TargetSite?.Name; }", ScriptStatus.PolicyDenied, ErrorCodes.DeniedApi },
        { "interop marshal", "return System.Runtime.InteropServices.Marshal.AllocHGlobal(10);", ScriptStatus.PolicyDenied, ErrorCodes.DeniedApi },
        { "dll import", "class N { [System.Runtime.InteropServices.DllImport(\"libc\")] public static extern int getpid(); }", ScriptStatus.PolicyDenied, ErrorCodes.DeniedApi },
        { "unsafe", "unsafe { int x = 1; int* p = &x; }", ScriptStatus.PolicyDenied, ErrorCodes.DeniedApi },
        { "stackalloc", "Span<byte> s = stackalloc byte[100000000];", ScriptStatus.PolicyDenied, ErrorCodes.DeniedApi },
        { "dynamic", "dynamic d = 1; return d + 1;", ScriptStatus.PolicyDenied, ErrorCodes.DeniedApi },
        { "#r", "#r \"System.IO.dll\"\nreturn 1;", ScriptStatus.PolicyDenied, ErrorCodes.DeniedApi },
        { "#load", "#load \"other.csx\"\nreturn 1;", ScriptStatus.PolicyDenied, ErrorCodes.DeniedApi },
        { "thread", "new System.Threading.Thread(() => { }).Start();", ScriptStatus.PolicyDenied, ErrorCodes.DeniedApi },
        { "task run", "await Task.Run(() => 1);", ScriptStatus.PolicyDenied, ErrorCodes.DeniedApi },
        { "task factory", "await Task.Factory.StartNew(() => 1);", ScriptStatus.PolicyDenied, ErrorCodes.DeniedApi },
        { "thread pool", "System.Threading.ThreadPool.QueueUserWorkItem(_ => { });", ScriptStatus.PolicyDenied, ErrorCodes.DeniedApi },
        { "gc", "GC.Collect();", ScriptStatus.PolicyDenied, ErrorCodes.DeniedApi },
        { "real console", "System.Console.Out.WriteLine(\"x\");", ScriptStatus.PolicyDenied, ErrorCodes.DeniedApi },
        { "app domain", "return AppDomain.CurrentDomain.BaseDirectory;", ScriptStatus.PolicyDenied, ErrorCodes.DeniedApi },
        { "budget", "__budget.Exit();", ScriptStatus.PolicyDenied, ErrorCodes.DeniedApi },
        { "record guard", "CodeMode.Runtimes.CSharp.Running.RecordGuard.Check();", ScriptStatus.PolicyDenied, ErrorCodes.DeniedApi },
        { "budget type", "return CodeMode.Runtimes.CSharp.ScriptApi.ExecutionBudget.__Current;", ScriptStatus.PolicyDenied, ErrorCodes.DeniedApi },
        { "async void", "async void F() { await Task.Yield(); throw new Exception(); } F();", ScriptStatus.PolicyDenied, ErrorCodes.DeniedApi },
        { "async void lambda", "Action a = async () => { await Task.Yield(); throw new Exception(); }; a();", ScriptStatus.PolicyDenied, ErrorCodes.DeniedApi },
        { "finalizer", "class F { ~F() { while (true) { } } }", ScriptStatus.PolicyDenied, ErrorCodes.DeniedApi },
        { "json serializer", "return System.Text.Json.JsonSerializer.Serialize(new { a = 1 });", ScriptStatus.PolicyDenied, ErrorCodes.DeniedApi },
        { "unsafe accessor", "return System.Runtime.CompilerServices.Unsafe.SizeOf<int>();", ScriptStatus.PolicyDenied, ErrorCodes.DeniedApi },
    };

    public static TheoryData<string, string, ScriptStatus, string> Runaway => new()
    {
        { "while true", "while (true) { }", ScriptStatus.StatementLimit, ErrorCodes.StatementLimit },
        { "catch-all around a loop", "for (;;) { try { while (true) { } } catch { } }", ScriptStatus.StatementLimit, ErrorCodes.StatementLimit },
        { "swallowed then returned", "try { while (true) { } } catch (Exception) { } return 1;", ScriptStatus.StatementLimit, ErrorCodes.StatementLimit },
        { "goto", "L: goto L;", ScriptStatus.StatementLimit, ErrorCodes.StatementLimit },
        { "loop in lambda", "Action f = () => { while (true) { } }; f();", ScriptStatus.StatementLimit, ErrorCodes.StatementLimit },
        { "infinite linq", "return Enumerable.Range(0, int.MaxValue).Select(i => i * 2).Count();", ScriptStatus.StatementLimit, ErrorCodes.StatementLimit },
        { "infinite iterator", "IEnumerable<int> F() { while (true) yield return 1; } return F().Count();", ScriptStatus.StatementLimit, ErrorCodes.StatementLimit },
        { "recursion", "int F(int n) => F(n + 1); return F(0);", ScriptStatus.RecursionLimit, ErrorCodes.RecursionLimit },
        { "async recursion", "async Task<int> F(int n) => await F(n + 1); return await F(0);", ScriptStatus.RecursionLimit, ErrorCodes.RecursionLimit },
        { "lambda recursion", "Func<int, int> f = null; f = n => f(n + 1); return f(0);", ScriptStatus.RecursionLimit, ErrorCodes.RecursionLimit },
        { "getter recursion", "class C { public int P => P; } return new C().P;", ScriptStatus.RecursionLimit, ErrorCodes.RecursionLimit },
        { "recursion in catch", "int F(int n) { try { return F(n + 1); } catch { return F(n + 1); } } return F(0);", ScriptStatus.RecursionLimit, ErrorCodes.RecursionLimit },
        { "record equality on a cycle", "record N { public N Next { get; set; } } var a = new N(); a.Next = a; var b = new N(); b.Next = b; return a == b;", ScriptStatus.RecursionLimit, ErrorCodes.RecursionLimit },
        { "record hash on a cycle", "record N(int V) { public N Next { get; set; } } var a = new N(1); a.Next = a; return a.GetHashCode();", ScriptStatus.RecursionLimit, ErrorCodes.RecursionLimit },
        { "derived record on a cycle", "record A(int V) { public A Next { get; set; } } sealed record B(int V) : A(V); var a = new B(1); a.Next = a; var b = new B(1); b.Next = b; return a.Equals(b);", ScriptStatus.RecursionLimit, ErrorCodes.RecursionLimit },
        { "memory bomb", "var list = new List<string>(); while (true) list.Add(new string('x', 1_000_000));", ScriptStatus.MemoryLimit, ErrorCodes.MemoryLimit },
        { "task delay forever", "await Task.Delay(-1);", ScriptStatus.Timeout, ErrorCodes.Timeout },
        { "blocking wait forever", "Task.Delay(-1).Wait();", ScriptStatus.Timeout, ErrorCodes.Timeout },
        { "regex backtracking", "return Regex.IsMatch(new string('a', 40) + \"!\", \"^(a+)+$\");", ScriptStatus.Timeout, ErrorCodes.Timeout },
        { "output flood", "while (true) Console.WriteLine(new string('x', 1000));", ScriptStatus.OutputLimit, ErrorCodes.OutputLimit },
        { "tool call flood", "while (true) await automem.CallAsync(\"recall_memory\");", ScriptStatus.RateLimited, ErrorCodes.ToolCallLimit },
    };

    [Theory]
    [MemberData(nameof(Denied))]
    public void Escape_IsDeniedBeforeRunning(string name, string code, ScriptStatus status, string errorCode)
    {
        var tools = new FakeToolBridge();
        var outcome = ScriptRunner.Run(code, Tight, tools);

        Assert.True(outcome.Status == status && outcome.Error?.Code == errorCode, name + ": " + outcome.Describe());
        Assert.NotNull(outcome.Error!.Line);
        Assert.NotNull(outcome.Error.Column);
        Assert.Empty(tools.Calls);
    }

    [Theory]
    [MemberData(nameof(Runaway))]
    public void Runaway_EndsWithItsLimit(string name, string code, ScriptStatus status, string errorCode)
    {
        var limits = Tight with { MaxToolCalls = 5, MaxOutputBytes = 64 * 1024, MemoryLimitBytes = 64L * 1024 * 1024 };
        var outcome = ScriptRunner.Run(code, limits);

        Assert.True(outcome.Status == status && outcome.Error?.Code == errorCode, name + ": " + outcome.Describe());
    }

    [Fact]
    public void StaticState_DoesNotLeakIntoTheNextRun()
    {
        const string Code = "class Counter { public static int Count; } Counter.Count++; return Counter.Count;";

        var first = ScriptRunner.Run(Code);
        var second = ScriptRunner.Run(Code);

        Assert.Equal("1", first.Json());
        Assert.Equal("1", second.Json());
    }

    [Fact]
    public void Denial_NamesTheSymbolAndItsPosition()
    {
        var outcome = ScriptRunner.Run("var a = 1;\nvar b = 2;\nvar p = Environment.ProcessorCount;");

        Assert.Equal(ScriptStatus.PolicyDenied, outcome.Status);
        Assert.Contains("Environment", outcome.Error!.Message);
        Assert.Equal(3, outcome.Error.Line);
        Assert.Equal(9, outcome.Error.Column);
    }

    [Fact]
    public void CompileTimeBomb_EndsWithinItsTimeout()
    {
        // Nested generic lambdas make overload resolution exponential.
        var code = "int F(Func<int, int> f) => 0; long F(Func<long, long> f) => 0; return " + string.Concat(Enumerable.Repeat("F(x => ", 30)) + "0" + new string(')', 30) + ";";
        var outcome = ScriptRunner.Run(code, Tight with { TimeoutMs = 2_000 });

        Assert.True(outcome.Status is ScriptStatus.Timeout or ScriptStatus.CompileError, outcome.Describe());
        Assert.True(outcome.Error!.Code is ErrorCodes.Timeout or ErrorCodes.CompileError, outcome.Describe());
    }
}
