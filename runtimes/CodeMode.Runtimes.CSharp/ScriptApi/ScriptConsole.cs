namespace CodeMode.Runtimes.CSharp.ScriptApi;

/// <summary>
/// What a script's <c>Console</c> is: lines go to the execution's logs (counted against the output limit), never to
/// the worker's streams. <c>Console.Error</c> writes at level <c>error</c>.
/// </summary>
public sealed class ScriptConsole
{
    private readonly ScriptHost _host;
    private readonly string _level;

    internal ScriptConsole(ScriptHost host, string level)
    {
        _host = host;
        _level = level;
        Error = level == "error" ? this : new ScriptConsole(host, "error");
    }

    public ScriptConsole Error { get; }

    public void WriteLine() => _host.Output.Append(_level, string.Empty);

    public void WriteLine(object? value) => _host.Output.Append(_level, _host.Output.Format(value));

    public void WriteLine(string format, params object?[] arguments) =>
        _host.Output.Append(_level, string.Format(System.Globalization.CultureInfo.InvariantCulture, format, arguments));
}
