using System.Text.Json.Serialization;

namespace CodeMode.Abstractions.Sandbox;

/// <summary>
/// A message on a sandbox worker's channel (its stdin/stdout), one per frame (<see cref="FrameWriter"/>, <see cref="FrameReader"/>).
/// The worker speaks only through these: it has no other way to reach the host, servers or secrets.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(ReadyMessage), "ready")]
[JsonDerivedType(typeof(ConfigureMessage), "configure")]
[JsonDerivedType(typeof(ExecuteMessage), "execute")]
[JsonDerivedType(typeof(ToolCallMessage), "toolCall")]
[JsonDerivedType(typeof(ToolResultMessage), "toolResult")]
[JsonDerivedType(typeof(CancelMessage), "cancel")]
[JsonDerivedType(typeof(DoneMessage), "done")]
[JsonDerivedType(typeof(ShutdownMessage), "shutdown")]
public abstract record WorkerMessage;
