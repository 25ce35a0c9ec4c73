namespace CodeMode.Mcp.Apis;

/// <summary>
/// How much of each parameter's note a full declaration carries. <c>describe</c> steps down these levels only for a
/// tool whose declaration would not fit its budget; the types are the same at every level.
/// </summary>
internal enum NoteLength
{
    /// <summary>Every note as the schema has it (less what the name, type or default already say).</summary>
    Whole,

    /// <summary>Each note's first sentence, with its format and default.</summary>
    FirstSentence,

    /// <summary>No notes: the types, the tool's description, and a line saying where the notes are.</summary>
    None,
}
