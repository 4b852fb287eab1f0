using System.Text.Json;

namespace StratosBridge.Tests.Unit.Evm.Rpc;

/// <summary>One HTTP request the stub node received: its 1-based number and its JSON body.</summary>
public sealed record StubCall(int Number, JsonElement Body)
{
    public bool IsBatch => Body.ValueKind == JsonValueKind.Array;

    public string Method => Body.GetProperty("method").GetString()!;

    public long Id => Body.GetProperty("id").GetInt64();
}
