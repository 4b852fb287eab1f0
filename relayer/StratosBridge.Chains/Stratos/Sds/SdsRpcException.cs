namespace StratosBridge.Chains.Stratos.Sds;

/// <summary>
/// A failed SDS RPC call: no answer, an HTTP or JSON-RPC error, or a <c>return</c> code other than success
/// (<see cref="ReturnCode"/>, SDS <c>pp/api/rpc/types.go</c>: "-5" time-out, "-10" internal communication failure, …).
/// <see cref="IsTransient"/> failures may succeed when tried again.
/// </summary>
public sealed class SdsRpcException(string message, string? returnCode = null, bool isTransient = false, Exception? inner = null)
    : Exception(message, inner)
{
    public string? ReturnCode { get; } = returnCode;

    public bool IsTransient { get; } = isTransient;
}
