using System.Text.Json;

namespace StratosBridge.Chains.Evm.Rpc;

/// <summary>What the client needs from a batch item, whatever its result type.</summary>
internal interface IEvmRpcBatchEntry
{
    long Id { get; }

    string Method { get; }

    void Write(Utf8JsonWriter writer);

    void Complete(JsonElement result);

    void Fail(EvmRpcException error);
}
