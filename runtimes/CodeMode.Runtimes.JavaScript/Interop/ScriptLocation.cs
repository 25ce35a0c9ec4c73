using CodeMode.Runtimes.JavaScript.Limits;
using Jint;
using Jint.Parser;

namespace CodeMode.Runtimes.JavaScript.Interop;

/// <summary>Where in the user's code the engine is, as 1-based line and column (Jint's columns are 0-based).</summary>
internal static class ScriptLocation
{
    /// <summary>The call expression that invoked the running host function, else the last node the engine evaluated.</summary>
    public static (int? Line, int? Column) CurrentCallSite(Engine engine)
    {
        var frames = JintInternals.FramesOf(JintInternals.CallStackOf(engine));
        if (frames.Count > 0 && frames.Peek().CallExpression?.Location is { } location)
        {
            return From(location);
        }

        return LastEvaluated(engine);
    }

    public static (int? Line, int? Column) LastEvaluated(Engine engine) => From(engine.GetLastSyntaxNode()?.Location);

    public static (int? Line, int? Column) From(Location? location) =>
        location is { Start.Line: > 0 } ? (location.Start.Line, location.Start.Column + 1) : (null, null);
}
