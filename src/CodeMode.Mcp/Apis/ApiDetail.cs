namespace CodeMode.Mcp.Apis;

/// <summary>
/// How much of the schemas' prose a declaration carries. The types are exact at both levels; what differs is the
/// documentation, which is most of the bytes of a tools/list.
/// </summary>
public enum ApiDetail
{
    /// <summary>Types, and each tool's description cut to its first sentence: the listing a model reads first.</summary>
    Brief,

    /// <summary>Types with every description, format and default: what <c>describe</c> gives for one tool.</summary>
    Full,
}
