using System.Diagnostics;
using System.IO.Pipes;
using CodeMode.Abstractions.Sandbox;
using Microsoft.Win32.SafeHandles;

namespace CodeMode.Core.Tests.Sandbox;

/// <summary>
/// The brief wait for a reply on the worker channel's pipes: it notices data and hang-ups, gives up after its budget,
/// never consumes the frame, and is harmless on streams it cannot poll or that were closed under it.
/// </summary>
public sealed class ChannelSpinTests
{
    private static readonly TimeSpan LongBudget = TimeSpan.FromSeconds(30);

    [Fact]
    public void WaitForData_FrameWaiting_ReturnsTrueAndLeavesTheFrameToTheReader()
    {
        using var pipe = new PipePair();
        new FrameWriter(pipe.Writer).Write(new ShutdownMessage());

        var spin = ChannelSpin.For(pipe.Reader, LongBudget);

        Assert.True(spin.WaitForData());
        Assert.IsType<ShutdownMessage>(new FrameReader(pipe.Reader).Read());
    }

    [Fact]
    public void WaitForData_FrameArrivesWhileSpinning_ReturnsTrue()
    {
        using var pipe = new PipePair();
        var spin = ChannelSpin.For(pipe.Reader, LongBudget);

        using var writer = Task.Run(async () =>
        {
            await Task.Delay(50);
            new FrameWriter(pipe.Writer).Write(new ShutdownMessage());
        });

        Assert.True(spin.WaitForData());
        Assert.IsType<ShutdownMessage>(new FrameReader(pipe.Reader).Read());
    }

    [Fact]
    public void WaitForData_NothingArrives_GivesUpAfterItsBudget()
    {
        using var pipe = new PipePair();
        var budget = TimeSpan.FromMilliseconds(20);
        var spin = ChannelSpin.For(pipe.Reader, budget);

        var started = Stopwatch.GetTimestamp();
        var ready = spin.WaitForData();

        Assert.False(ready);
        Assert.True(Stopwatch.GetElapsedTime(started) >= budget, "The spin gave up before its budget was spent.");
    }

    [Fact]
    public void WaitForData_WriterHungUp_ReturnsTrueSoTheReadSeesTheEnd()
    {
        using var pipe = new PipePair();
        pipe.Writer.Dispose();

        Assert.True(ChannelSpin.For(pipe.Reader, LongBudget).WaitForData());
        Assert.Null(new FrameReader(pipe.Reader).Read());
    }

    [Fact]
    public void WaitForData_FileStreamOverAPipe_SeesTheFrame()
    {
        // The worker reads its stdin through a FileStream on a duplicate of fd 0.
        using var pipe = new PipePair();
        using var file = new FileStream(new SafeFileHandle(pipe.Reader.SafePipeHandle.DangerousGetHandle(), ownsHandle: false), FileAccess.Read, bufferSize: 0);
        new FrameWriter(pipe.Writer).Write(new ShutdownMessage());

        Assert.True(ChannelSpin.For(file, LongBudget).WaitForData());
    }

    [Fact]
    public void WaitForData_StreamWithoutADescriptor_ReturnsFalseAtOnce()
    {
        using var memory = new MemoryStream([1, 2, 3]);

        Assert.False(ChannelSpin.For(memory, LongBudget).WaitForData());
    }

    [Fact]
    public void WaitForData_StreamClosed_ReturnsFalseWithoutTouchingTheDescriptor()
    {
        using var pipe = new PipePair();
        var spin = ChannelSpin.For(pipe.Reader, LongBudget);
        pipe.Reader.Dispose();

        Assert.False(spin.WaitForData());
    }

    [Fact]
    public void WaitForData_ZeroBudget_NeverSpins()
    {
        using var pipe = new PipePair();
        new FrameWriter(pipe.Writer).Write(new ShutdownMessage());

        Assert.False(ChannelSpin.For(pipe.Reader, TimeSpan.Zero).WaitForData());
    }

    private sealed class PipePair : IDisposable
    {
        public PipePair()
        {
            Writer = new AnonymousPipeServerStream(PipeDirection.Out);
            Reader = new AnonymousPipeClientStream(PipeDirection.In, Writer.ClientSafePipeHandle);
        }

        public AnonymousPipeServerStream Writer { get; }

        public AnonymousPipeClientStream Reader { get; }

        public void Dispose()
        {
            Writer.Dispose();
            Reader.Dispose();
        }
    }
}
