using CodeMode.Abstractions.Execution;
using CodeMode.Abstractions.Sandbox;

namespace CodeMode.Runtimes.JavaScript.Tests.Support;

public static class OutcomeAssertions
{
    public static void AssertSucceeded(this SandboxOutcome outcome)
    {
        Assert.True(outcome.Status == ScriptStatus.Succeeded, $"Expected success but got {outcome.Status}: {outcome.Error}");
        Assert.Null(outcome.Error);
    }

    public static string ValueJson(this SandboxOutcome outcome)
    {
        outcome.AssertSucceeded();
        Assert.True(outcome.Value.HasValue, "Expected a value.");
        return outcome.Value!.Value.GetRawText();
    }

    public static ScriptError AssertFailed(this SandboxOutcome outcome, ScriptStatus status, string code)
    {
        Assert.True(outcome.Status == status, $"Expected {status} but got {outcome.Status}: {outcome.Error}");
        Assert.NotNull(outcome.Error);
        Assert.Equal(code, outcome.Error!.Code);
        Assert.Null(outcome.Value);
        return outcome.Error;
    }
}
