namespace CodeMode.Abstractions.Audit;

/// <summary>What an <see cref="AuditRecord"/> is about. Serialized camelCase.</summary>
public enum AuditKind
{
    /// <summary>One script execution, with its final status.</summary>
    Execution,

    /// <summary>One proxy call, whatever its outcome (refused calls included).</summary>
    ToolCall,

    /// <summary>A request refused before it ran: no or wrong API key, runtime out of the key's scope, key over its rate.</summary>
    Denial,

    /// <summary>A brokered capability access (<c>fs</c>, <c>fetch</c>) granted or refused.</summary>
    Capability,
}
