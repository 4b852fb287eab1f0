using System.Numerics;
using System.Text.Json.Nodes;

namespace StratosBridge.Chains.Evm.Rpc;

/// <summary>The transaction object of <c>eth_call</c> / <c>eth_estimateGas</c>. <see cref="To"/> null means contract creation.</summary>
/// <param name="Data">0x-prefixed call data ("0x" for none).</param>
public sealed record EvmCallRequest(string? To, string Data)
{
    public string? From { get; init; }

    public BigInteger? Value { get; init; }

    public long? Gas { get; init; }

    public BigInteger? GasPrice { get; init; }

    public BigInteger? MaxFeePerGas { get; init; }

    public BigInteger? MaxPriorityFeePerGas { get; init; }

    internal JsonObject ToJson()
    {
        var call = new JsonObject();
        if (From is not null)
        {
            call["from"] = EvmRpcHex.Normalize(From, nameof(From));
        }
        if (To is not null)
        {
            call["to"] = EvmRpcHex.Normalize(To, nameof(To));
        }
        if (Gas is { } gas)
        {
            call["gas"] = EvmRpcHex.Quantity(gas);
        }
        if (GasPrice is { } gasPrice)
        {
            call["gasPrice"] = EvmRpcHex.Quantity(gasPrice);
        }
        if (MaxFeePerGas is { } maxFee)
        {
            call["maxFeePerGas"] = EvmRpcHex.Quantity(maxFee);
        }
        if (MaxPriorityFeePerGas is { } tip)
        {
            call["maxPriorityFeePerGas"] = EvmRpcHex.Quantity(tip);
        }
        if (Value is { } value)
        {
            call["value"] = EvmRpcHex.Quantity(value);
        }
        call["data"] = EvmRpcHex.Normalize(Data, nameof(Data));
        return call;
    }
}
