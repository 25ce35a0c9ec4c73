using CodeMode.Abstractions.Execution;
using CodeMode.Abstractions.Tools;

namespace CodeMode.Core.Tools;

/// <summary>
/// Enforces the execution's <c>maxToolCalls</c>: every call that reaches the tool path counts, refused ones
/// included, so a script cannot probe past its budget. The call after the last allowed one ends the script.
/// </summary>
public sealed class ToolCallBudgetGateway(IToolGateway inner) : DelegatingToolGateway(inner)
{
    public override ValueTask<ToolCallOutcome> CallAsync(ToolCallRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var context = request.Context;
        var number = context.CountCall();
        if (number > context.MaxToolCalls)
        {
            return new(ToolCallOutcome.Limited(
                ErrorCodes.ToolCallLimit,
                $"Tool call limit reached: this execution may make at most maxToolCalls ({context.MaxToolCalls}) tool calls; " +
                $"{request.Server}.{request.Tool} would have been call {number}."));
        }

        return Inner.CallAsync(request, cancellationToken);
    }
}
