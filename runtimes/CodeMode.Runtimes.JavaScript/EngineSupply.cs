using System.Globalization;
using Jint;

namespace CodeMode.Runtimes.JavaScript;

/// <summary>
/// Hands out the fresh engine each execution runs in. Jint 2 builds every built-in object in its constructor, about a
/// third of a trivial execution's CPU, so the worker builds the next engine while it waits for work
/// (<see cref="Prepare"/>) and an execution only sets its own limits on it. No engine is ever used twice: a
/// prepared engine has run nothing, and <see cref="Take"/> gives it away exactly once.
/// </summary>
internal sealed class EngineSupply
{
    private PreparedEngine? _prepared;

    /// <summary>Builds the engine for the next <see cref="Take"/>, unless one is already waiting.</summary>
    public void Prepare()
    {
        if (Volatile.Read(ref _prepared) is null)
        {
            Interlocked.CompareExchange(ref _prepared, Build(), null);
        }
    }

    /// <summary>The prepared engine if there is one, otherwise a new one, with this execution's limits set.</summary>
    public Engine Take(TimeSpan timeout, int maxStatements, int maxRecursion)
    {
        // Atomic, because executions on separate threads may overlap: two of them must never share an engine.
        var (engine, options) = Interlocked.Exchange(ref _prepared, null) ?? Build();
        // Jint reads these options when a run starts and while it runs, never in its constructor.
        options.TimeoutInterval(timeout).MaxStatements(maxStatements).LimitRecursion(maxRecursion);
        return engine;
    }

    private static PreparedEngine Build()
    {
        Options? options = null;
        var engine = new Engine(o => options = o.Culture(CultureInfo.InvariantCulture).LocalTimeZone(TimeZoneInfo.Utc));
        return new PreparedEngine(engine, options!);
    }

    private sealed record PreparedEngine(Engine Engine, Options Options);
}
