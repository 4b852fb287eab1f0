using System.Text.Json;

namespace StratosBridge.Tests.Unit.Evm.Rpc;

/// <summary>What the stub node answers: a status, a body, headers, and optionally a delay before answering.</summary>
public sealed record StubReply(int Status, string Body)
{
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    public TimeSpan? Delay { get; init; }

    public static StubReply Result(StubCall call, string resultJson) =>
        new(200, $$"""{"jsonrpc":"2.0","id":{{call.Id}},"result":{{resultJson}}}""");

    public static StubReply Error(StubCall call, long code, string message, string? dataJson = null, int status = 200) =>
        new(status, $$$"""{"jsonrpc":"2.0","id":{{{call.Id}}},"error":{"code":{{{code}}},"message":{{{JsonSerializer.Serialize(message)}}}{{{(dataJson is null ? "" : ",\"data\":" + dataJson)}}}}}""");

    public static StubReply Http(int status, string body = "") => new(status, body);

    public static StubReply Hang(TimeSpan delay) => new(200, """{"jsonrpc":"2.0","id":0,"result":"0x0"}""") { Delay = delay };
}
