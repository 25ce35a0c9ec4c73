namespace CodeMode.Runtimes.CSharp.ScriptApi;

/// <summary>
/// The object whose members a script sees as globals: <c>Console</c>, <c>log</c>/<c>warn</c>/<c>error</c>, and (in
/// the generated subclass) one proxy per server. <c>__budget</c> is for the instrumented checks only; scripts
/// cannot name it.
/// </summary>
public abstract class ScriptGlobals
{
    protected ScriptGlobals(ScriptHost host)
    {
        ArgumentNullException.ThrowIfNull(host);
        Host = host;
        __budget = host.Budget;
        Console = new ScriptConsole(host, "log");
    }

#pragma warning disable SA1307, IDE1006 // The instrumenter's name: a prefix scripts are not allowed to use.
    public readonly ExecutionBudget __budget;
#pragma warning restore SA1307, IDE1006

    public ScriptConsole Console { get; }

    internal ScriptHost Host { get; }

    /// <summary>Logs the values separated by spaces, like <c>console.log</c>.</summary>
    public void log(params object?[] values) => Write("log", values);

    public void warn(params object?[] values) => Write("warn", values);

    public void error(params object?[] values) => Write("error", values);

    private void Write(string level, object?[] values) =>
        Host.Output.Append(level, string.Join(' ', (values ?? [null]).Select(Host.Output.Format)));
}
