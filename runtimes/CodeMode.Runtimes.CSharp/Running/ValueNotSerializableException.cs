using CodeMode.Abstractions.Execution;

namespace CodeMode.Runtimes.CSharp.Running;

/// <summary>The script's value (or a logged value) has no JSON form.</summary>
internal sealed class ValueNotSerializableException(string message) : Exception(message)
{
    public string Code => ErrorCodes.ValueNotSerializable;
}
