using System.Text.Json;
using CodeMode.Abstractions.Tools;

namespace CodeMode.Core.Audit;

/// <summary>
/// Keeps configured secret values (<see cref="SecretRedactor"/>) out of what a script receives: a server that echoes
/// its environment or headers (server-everything's <c>get-env</c>, a verbose error) has them replaced by
/// <c>[REDACTED]</c> in text, structured content and error messages before the sandbox, the trace or the result see them.
/// </summary>
public sealed class SecretRedactingToolGateway(IToolGateway inner, SecretRedactor redactor) : DelegatingToolGateway(inner)
{
    public override async ValueTask<ToolCallOutcome> CallAsync(ToolCallRequest request, CancellationToken cancellationToken = default)
    {
        var outcome = await Inner.CallAsync(request, cancellationToken).ConfigureAwait(false);
        if (!redactor.HasSecrets)
        {
            return outcome;
        }

        var message = redactor.Redact(outcome.ErrorMessage);
        var result = outcome.Result is { } raw ? Redact(raw) : null;
        return ReferenceEquals(message, outcome.ErrorMessage) && ReferenceEquals(result, outcome.Result)
            ? outcome
            : outcome with { ErrorMessage = message, Result = result };
    }

    private ToolResult Redact(ToolResult result)
    {
        var changed = false;
        var content = result.Content.Select(block =>
        {
            var text = redactor.Redact(block.Text);
            var data = redactor.Redact(block.Data);
            var uri = redactor.Redact(block.Uri);
            if (ReferenceEquals(text, block.Text) && ReferenceEquals(data, block.Data) && ReferenceEquals(uri, block.Uri))
            {
                return block;
            }

            changed = true;
            return block with { Text = text, Data = data, Uri = uri };
        }).ToArray();

        var structured = result.StructuredContent;
        if (structured is { } element && redactor.Contains(element.GetRawText()))
        {
            structured = JsonElement.Parse(redactor.Redact(element.GetRawText())!);
            changed = true;
        }

        return changed ? result with { Content = content, StructuredContent = structured } : result;
    }
}
