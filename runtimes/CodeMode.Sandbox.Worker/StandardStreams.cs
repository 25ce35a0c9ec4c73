using System.Runtime.InteropServices;

namespace CodeMode.Sandbox.Worker;

/// <summary>
/// Takes stdin and stdout for the frame channel and points everything else that could write to stdout at stderr,
/// so a stray Console.Write (or native write to fd 1) can never corrupt a frame.
/// </summary>
internal static class StandardStreams
{
    public static (Stream Input, Stream Output) ClaimForFrames()
    {
        // OpenStandard* duplicate the descriptors, so the channel survives fd 1 being redirected below.
        var input = Console.OpenStandardInput();
        var output = Console.OpenStandardOutput();

        Console.SetOut(Console.Error);
        Console.SetIn(TextReader.Null);
        if (OperatingSystem.IsLinux() || OperatingSystem.IsMacOS())
        {
            // Native code writing to fd 1 lands on stderr too. Failure only loses this extra layer.
            _ = Dup2(2, 1);
        }

        return (input, output);
    }

    // DllImport rather than LibraryImport: the generated marshalling would need unsafe code for one int call.
    [DllImport("libc", EntryPoint = "dup2")]
    private static extern int Dup2(int oldFd, int newFd);
}
