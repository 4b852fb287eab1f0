namespace StratosBridge.Chains.Evm.Rpc;

/// <summary>A JSON-RPC error object returned by an EVM node.</summary>
public class EvmRpcException(string method, long code, string message)
    : Exception($"{method} failed ({code}): {message}")
{
    public string Method { get; } = method;

    public long Code { get; } = code;

    public string RpcMessage { get; } = message;
}
