using CodeMode.Core.Sandbox;

namespace CodeMode.Core.Tests.Sandbox;

/// <summary>Executions may spin for replies only while each spinning thread (two per execution) has a CPU.</summary>
public sealed class ReplySpinAllowanceTests
{
    [Theory]
    [InlineData(1, 0)]
    [InlineData(2, 1)]
    [InlineData(3, 1)]
    [InlineData(8, 4)]
    public void Enter_AllowsAsManyConcurrentExecutionsAsHalfTheCpus(int processors, int allowed)
    {
        var allowance = new ReplySpinAllowance(processors);

        var answers = Enumerable.Range(0, allowed + 2).Select(_ => allowance.Enter()).ToList();

        Assert.Equal(allowed, answers.Count(spin => spin));
        Assert.All(answers.Skip(allowed), spin => Assert.False(spin));
    }

    [Fact]
    public void Leave_GivesTheAllowanceBack()
    {
        var allowance = new ReplySpinAllowance(2);
        Assert.True(allowance.Enter());
        Assert.False(allowance.Enter());

        allowance.Leave();
        allowance.Leave();

        Assert.True(allowance.Enter());
    }
}
