namespace CodeMode.Core.Configuration;

/// <summary>The JSON kinds runtimes.json fields come in.</summary>
internal enum ConfigShapeKind
{
    String,
    Int32,
    Int64,
    Boolean,
    List,
    Map,
    Record,
}
