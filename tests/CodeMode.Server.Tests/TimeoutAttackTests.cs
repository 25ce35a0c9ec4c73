namespace CodeMode.Server.Tests;

/// <summary>
/// Attacks on the wall-clock limit, under the default limits. Jint runs about ten million statements a second on a
/// quiet machine, so the timeouts here stay short enough for the timeout, not the statement budget, to stop them.
/// </summary>
public sealed class TimeoutAttackTests(CodeModeAppFactory factory) : IClassFixture<CodeModeAppFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    public static TheoryData<string, string, int?, string, string> Attacks() => new()
    {
        { "infinite loop", "while (true) {}", 250, "timeout", "CM3001" },
        { "loop swallowing the timeout", "while (true) { try { while (true) {} } catch (e) {} finally { } }", 250, "timeout", "CM3001" },
        { "timeout swallowed in a finally that loops", "try { while (true) {} } finally { while (true) {} }", 250, "timeout", "CM3001" },
        { "tool calls in a swallowing loop", "while (true) { try { automem.check_database_health({}); while (true) {} } catch (e) {} }", 250, "timeout", "CM3001" },
        { "quadratic built-in", "new Array(1e6).join('x').length", 800, "timeout", "CM3001" },
        { "catastrophic regex", "/^(a+)+$/.test('aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!')", 800, "timeout", "CM3001" },
    };

    [Theory]
    [MemberData(nameof(Attacks))]
    public Task Execute_Attack_IsStoppedAtTheTimeoutAndTheHostAnswersNext(string name, string code, int? timeoutMs, string status, string errorCode) =>
        AttackAssertions.EndsWithAsync(_client, name, code, timeoutMs, status, errorCode);
}
