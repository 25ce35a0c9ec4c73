using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace CodeMode.Sandbox.Worker;

/// <summary>
/// Takes stdin and stdout for the frame channel and points everything else that could write to stdout at stderr,
/// so a stray Console.Write (or native write to fd 1) can never corrupt a frame.
/// </summary>
internal static class StandardStreams
{
    /// <returns>The streams, and the input's file descriptor (-1 where there is none to poll).</returns>
    public static (Stream Input, Stream Output, int InputFd) ClaimForFrames()
    {
        Stream input;
        Stream output;
        var inputFd = -1;
        if (OperatingSystem.IsLinux() || OperatingSystem.IsMacOS())
        {
            // Plain read/write on duplicates of fd 0 and 1: Console's streams would take the Console.Out lock and
            // track the cursor on every frame. fd 1 itself then becomes stderr, for native writers too.
            var inputHandle = Dup(0);
            inputFd = (int)inputHandle;
            input = new FileStream(new SafeFileHandle(inputHandle, ownsHandle: true), FileAccess.Read, bufferSize: 0);
            output = new FileStream(new SafeFileHandle(Dup(1), ownsHandle: true), FileAccess.Write, bufferSize: 0);
            _ = Dup2(2, 1);
        }
        else
        {
            input = Console.OpenStandardInput();
            output = Console.OpenStandardOutput();
        }

        Console.SetOut(Console.Error);
        Console.SetIn(TextReader.Null);
        return (input, output, inputFd);
    }

    // DllImport rather than LibraryImport: the generated marshalling would need unsafe code for these int calls.
    [DllImport("libc", EntryPoint = "dup")]
    private static extern nint Dup(int fd);

    [DllImport("libc", EntryPoint = "dup2")]
    private static extern int Dup2(int oldFd, int newFd);
}
