using CodeMode.Abstractions.Audit;
using CodeMode.Abstractions.Tools;
using CodeMode.Core.Audit;

namespace CodeMode.Server.Composition;

/// <summary>
/// Puts the audit and the secret redaction around the tool pipeline: <c>Audit → RedactSecrets → pipeline</c>. Audit is
/// outermost so it sees every outcome; redaction sits inside it so neither the script nor the audit sees a secret.
/// </summary>
public sealed class AuditedToolGateway(IAuditSink sink, SecurityMetrics metrics, SecretRedactor redactor, bool auditArguments, TimeProvider timeProvider)
{
    public IToolGateway Wrap(IToolGateway pipeline) =>
        new AuditToolGateway(new SecretRedactingToolGateway(pipeline, redactor), sink, metrics, auditArguments, timeProvider);
}
