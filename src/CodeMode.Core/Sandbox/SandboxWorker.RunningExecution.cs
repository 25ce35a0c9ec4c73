using CodeMode.Abstractions.Sandbox;

namespace CodeMode.Core.Sandbox;

internal sealed partial class SandboxWorker
{
    /// <summary>Why the host killed a worker during an execution; the first reason wins.</summary>
    private enum KillReason
    {
        None,
        Timeout,
        Cancelled,
        ProtocolViolation,
        Shutdown,
    }

    /// <summary>
    /// One execution's kill timer, caller cancellation and tool-call token. The timer has two phases: at the
    /// timeout it cancels in-flight tool calls and gives the worker <see cref="SandboxPoolOptions.KillGrace"/> to
    /// report the timeout itself; after that it kills. A caller cancel sends cancel and starts the same grace.
    /// </summary>
    private sealed class RunningExecution(SandboxWorker worker, ExecuteMessage message, ISandboxToolHandler tools)
    {
        private readonly Lock _lock = new();
        private ITimer? _timer;
        private CancellationTokenRegistration _cancellation;
        private CancellationTokenSource? _toolCancellation;
        // Never disposed: a timer callback may still kill after End, and a CTS without a timer holds nothing to free.
        private readonly CancellationTokenSource _killed = new();
        private KillReason _graceReason;
        private KillReason _killReason;
        private bool _ended;

        public ExecuteMessage Message => message;

        /// <summary>
        /// Cancelled when the host decides to kill: its verdict is certain then, so the caller is answered at once
        /// rather than after the kernel has torn down a process that may hold hundreds of megabytes.
        /// </summary>
        public CancellationToken Killed => _killed.Token;

        public ISandboxToolHandler Tools => tools;

        public KillReason KillReason
        {
            get
            {
                lock (_lock)
                {
                    return _killReason;
                }
            }
        }

        public bool HasEnded
        {
            get
            {
                lock (_lock)
                {
                    return _ended;
                }
            }
        }

        /// <summary>Cancelled once the execution ends, passes its timeout or is cancelled; created on the first tool call only.</summary>
        public CancellationToken ToolCancellationToken
        {
            get
            {
                lock (_lock)
                {
                    if (_ended || _graceReason != KillReason.None || _killReason != KillReason.None)
                    {
                        return new CancellationToken(canceled: true);
                    }

                    _toolCancellation ??= new CancellationTokenSource();
                    return _toolCancellation.Token;
                }
            }
        }

        public void StartDeadline()
        {
            // Created under the lock: with a tiny timeout the callback may fire before the field is set.
            lock (_lock)
            {
                _timer = worker._time.CreateTimer(
                    static s => ((RunningExecution)s!).OnTimer(), this, TimeSpan.FromMilliseconds(message.Limits.TimeoutMs), Timeout.InfiniteTimeSpan);
            }
        }

        public void WatchCancellation(CancellationToken cancellationToken)
        {
            if (cancellationToken.CanBeCanceled)
            {
                var registration = cancellationToken.UnsafeRegister(static s => ((RunningExecution)s!).OnCancelled(), this);
                lock (_lock)
                {
                    _cancellation = registration;
                }
            }
        }

        /// <summary>A done message arrived. False when the host has already decided to kill.</summary>
        public bool TryComplete()
        {
            lock (_lock)
            {
                if (_killReason != KillReason.None)
                {
                    return false;
                }

                _ended = true;
                return true;
            }
        }

        /// <summary>The channel ended; returns why the host killed the worker, or None if it died by itself.</summary>
        public KillReason Finish()
        {
            lock (_lock)
            {
                _ended = true;
                return _killReason;
            }
        }

        /// <summary>Kills for <paramref name="reason"/> unless another reason came first; returns the reason that stands.</summary>
        public KillReason Kill(KillReason reason)
        {
            lock (_lock)
            {
                if (_killReason == KillReason.None)
                {
                    _killReason = reason;
                }

                reason = _killReason;
            }

            CancelTools();
            worker.Kill($"killed: {reason}");
            _killed.Cancel();
            return reason;
        }

        public void End()
        {
            CancellationTokenSource? toolCancellation;
            ITimer? timer;
            lock (_lock)
            {
                _ended = true;
                toolCancellation = _toolCancellation;
                timer = _timer;
            }

            timer?.Dispose();
            _cancellation.Dispose();
            toolCancellation?.Cancel();
        }

        private void OnTimer()
        {
            var startGrace = false;
            KillReason kill;
            lock (_lock)
            {
                if (_ended || _killReason != KillReason.None)
                {
                    return;
                }

                if (_graceReason == KillReason.None)
                {
                    _graceReason = KillReason.Timeout;
                    _timer!.Change(worker._options.KillGrace, Timeout.InfiniteTimeSpan);
                    startGrace = true;
                }

                kill = _graceReason;
            }

            if (startGrace)
            {
                // The script's budget includes its tool calls: they end here too, and a script waiting for one
                // learns it from the cancel (a computing script is stopped by its own deadline).
                CancelTools();
                _ = worker.SendCancelAsync(message.ExecutionId, timedOut: true);
            }
            else
            {
                Kill(kill);
            }
        }

        private void OnCancelled()
        {
            lock (_lock)
            {
                // Past its timeout already, it stays a timeout.
                if (_ended || _killReason != KillReason.None || _graceReason != KillReason.None)
                {
                    return;
                }

                _graceReason = KillReason.Cancelled;
                _timer!.Change(worker._options.KillGrace, Timeout.InfiniteTimeSpan);
            }

            CancelTools();
            _ = worker.SendCancelAsync(message.ExecutionId, timedOut: false);
        }

        private void CancelTools()
        {
            CancellationTokenSource? toolCancellation;
            lock (_lock)
            {
                toolCancellation = _toolCancellation;
            }

            toolCancellation?.Cancel();
        }
    }
}
