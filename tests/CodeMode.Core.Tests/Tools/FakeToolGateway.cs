using CodeMode.Abstractions.Tools;

namespace CodeMode.Core.Tests.Tools;

/// <summary>A hand-written gateway double: answers with a callback and counts the calls that reached it.</summary>
internal sealed class FakeToolGateway(Func<ToolCallRequest, CancellationToken, ValueTask<ToolCallOutcome>> answer) : IToolGateway
{
    private int _calls;

    public FakeToolGateway(ToolCallOutcome outcome)
        : this((_, _) => new ValueTask<ToolCallOutcome>(outcome))
    {
    }

    public int Calls => Volatile.Read(ref _calls);

    public CancellationToken LastToken { get; private set; }

    public ValueTask<ToolCallOutcome> CallAsync(ToolCallRequest request, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _calls);
        LastToken = cancellationToken;
        return answer(request, cancellationToken);
    }

    public static FakeToolGateway Answering(string text) => new(ToolCallOutcome.Answered(ToolResult.Text(text), ToolCallSource.Live));
}
