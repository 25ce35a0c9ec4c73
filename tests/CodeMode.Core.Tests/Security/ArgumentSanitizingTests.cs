using CodeMode.Abstractions.Execution;
using CodeMode.Abstractions.Tools;
using CodeMode.Core.Security;
using CodeMode.Core.Tests.Tools;
using CodeMode.Core.Tools;

namespace CodeMode.Core.Tests.Security;

/// <summary>NUL, unpaired surrogates and deep nesting never reach a tool (checked in <see cref="PayloadLimitGateway"/>).</summary>
public sealed class ArgumentSanitizingTests
{
    private readonly FakeToolGateway _inner = FakeToolGateway.Answering("ok");

    [Theory]
    [InlineData("""{"content":"a\u0000b"}""", "'content' contains a NUL character")]
    [InlineData("""{"list":["ok","x\u0000"]}""", "'list[1]' contains a NUL character")]
    [InlineData("""{"a\u0000":"x"}""", "property name at 'a?'")]
    [InlineData("""{"content":"\ud800"}""", "'content' contains an unpaired UTF-16 surrogate")]
    [InlineData("""{"content":"x\udc00y"}""", "'content' contains an unpaired UTF-16 surrogate")]
    [InlineData("""{"nested":{"content":"\ud83d"}}""", "'nested.content' contains an unpaired")]
    public async Task UnsafeText_IsDeniedNamingWhere(string arguments, string expected)
    {
        var outcome = await Gateway().CallAsync(ToolRequests.Create(arguments: arguments));

        Assert.Equal(ToolCallStatus.Denied, outcome.Status);
        Assert.Equal(ErrorCodes.UnsafeArgumentText, outcome.ErrorCode);
        Assert.Contains(expected, outcome.ErrorMessage);
        Assert.Equal(0, _inner.Calls);
    }

    [Theory]
    [InlineData("""{"content":"emoji \ud83d\ude00 and ünïcödé"}""")]
    [InlineData("""{"content":"😀 literal"}""")]
    public async Task ValidUnicode_Passes(string arguments)
    {
        var outcome = await Gateway().CallAsync(ToolRequests.Create(arguments: arguments));

        Assert.Equal(ToolCallStatus.Ok, outcome.Status);
    }

    [Fact]
    public async Task Nesting_AtTheLimit_PassesAndOneDeeper_IsDenied()
    {
        var atLimit = Nested(ArgumentSanitizer.MaxDepth);
        var tooDeep = Nested(ArgumentSanitizer.MaxDepth + 1);

        var passed = await Gateway().CallAsync(ToolRequests.Create(arguments: atLimit));
        var denied = await Gateway().CallAsync(ToolRequests.Create(arguments: tooDeep));

        Assert.Equal(ToolCallStatus.Ok, passed.Status);
        Assert.Equal(ToolCallStatus.Denied, denied.Status);
        Assert.Equal(ErrorCodes.ArgumentsTooDeep, denied.ErrorCode);
        Assert.Contains("deeper than 32 levels", denied.ErrorMessage);
    }

    // The arguments object is level 1; each "a" adds an array level.
    private static string Nested(int levels) => "{\"a\":" + new string('[', levels - 1) + new string(']', levels - 1) + "}";

    private PayloadLimitGateway Gateway() => new(_inner, 1024 * 1024);
}
