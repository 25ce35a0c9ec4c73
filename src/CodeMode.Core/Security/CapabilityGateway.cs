using CodeMode.Abstractions.Execution;
using CodeMode.Abstractions.Security;
using CodeMode.Abstractions.Tools;

namespace CodeMode.Core.Security;

/// <summary>
/// Brokers the capabilities a runtime's <c>permissions</c> grant: calls to the reserved servers <c>fs</c> and
/// <c>fetch</c> are carried out here, by the host, and never reach an MCP server; every other call passes on.
/// Default-deny: a runtime without the grant is refused (<see cref="ErrorCodes.CapabilityNotGranted"/>). Every use,
/// granted or refused, is reported to the <see cref="ICapabilityAuditSink"/>.
/// </summary>
public sealed class CapabilityGateway : DelegatingToolGateway, IDisposable
{
    private readonly IReadOnlyDictionary<string, RuntimeGrants> _grants;
    private readonly ICapabilityAuditSink _audit;
    private readonly TimeProvider _time;
    private readonly FetchCapability _fetch = new();

    /// <param name="inner">Where calls to MCP servers go.</param>
    /// <param name="grants">Each runtime's grants by name (<see cref="RuntimeGrants.From(Configuration.CodeModeConfig)"/>); a runtime not listed has none.</param>
    /// <param name="audit">Receives every capability use; <see cref="NoCapabilityAudit"/> by default.</param>
    /// <param name="timeProvider">The clock of audit records.</param>
    public CapabilityGateway(IToolGateway inner, IReadOnlyDictionary<string, RuntimeGrants> grants, ICapabilityAuditSink? audit = null, TimeProvider? timeProvider = null)
        : base(inner)
    {
        _grants = grants ?? throw new ArgumentNullException(nameof(grants));
        _audit = audit ?? NoCapabilityAudit.Instance;
        _time = timeProvider ?? TimeProvider.System;
    }

    public override ValueTask<ToolCallOutcome> CallAsync(ToolCallRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!CapabilityNames.IsCapability(request.Server))
        {
            return Inner.CallAsync(request, cancellationToken);
        }

        var grants = _grants.GetValueOrDefault(request.Context.Runtime);
        void Audit(string target, ToolCallOutcome outcome) => Record(request, target, outcome);

        if (request.Server == CapabilityNames.FileSystem)
        {
            if (!CapabilityNames.FileSystemOperations.Contains(request.Tool, StringComparer.Ordinal))
            {
                return new(Refuse(request, ErrorCodes.UnknownTool, $"fs has no operation '{request.Tool}'. Its operations: {string.Join(", ", CapabilityNames.FileSystemOperations)}."));
            }

            return grants?.FileSystem is { } fileSystem
                ? new(FileSystemCapability.Handle(request.Tool, request.Arguments, fileSystem, Audit))
                : new(Refuse(request, ErrorCodes.CapabilityNotGranted, $"Runtime '{request.Context.Runtime}' has no file access: its allowedModules and permissions.fileSystem do not grant fs."));
        }

        if (request.Tool != CapabilityNames.Request)
        {
            return new(Refuse(request, ErrorCodes.UnknownTool, $"fetch has no operation '{request.Tool}'; call fetch(url, options)."));
        }

        return grants?.Network is { } network
            ? new(_fetch.HandleAsync(request.Arguments, network, Audit, cancellationToken))
            : new(Refuse(request, ErrorCodes.CapabilityNotGranted, $"Runtime '{request.Context.Runtime}' has no network access: its allowedModules and permissions.network do not grant fetch."));
    }

    public void Dispose() => _fetch.Dispose();

    private ToolCallOutcome Refuse(ToolCallRequest request, string code, string message)
    {
        var outcome = ToolCallOutcome.Denied(code, message);
        Record(request, CapabilityResults.String(request.Arguments, request.Server == CapabilityNames.Fetch ? "url" : "path") ?? "", outcome);
        return outcome;
    }

    private void Record(ToolCallRequest request, string target, ToolCallOutcome outcome)
    {
        var allowed = outcome.Status is ToolCallStatus.Ok;
        var detail = allowed ? null : outcome.ErrorMessage;
        try
        {
            _audit.Record(new CapabilityAuditRecord(
                _time.GetUtcNow(),
                request.Context.ExecutionId,
                request.Context.Runtime,
                request.Context.ClientId,
                request.Server,
                request.Tool,
                target,
                allowed,
                outcome.ErrorCode,
                detail));
        }
        catch (Exception)
        {
            // The sink's contract is not to throw; if one does, the script's outcome must not change because of it.
        }
    }
}
