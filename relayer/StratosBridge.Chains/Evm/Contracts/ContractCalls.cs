using Nethereum.ABI.FunctionEncoding;
using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.ABI.Model;
using Nethereum.Contracts;
using Nethereum.RPC.Eth.DTOs;
using StratosBridge.Chains.Evm.Rpc;

namespace StratosBridge.Chains.Evm.Contracts;

/// <summary>
/// Views called through our <see cref="EvmRpcClient"/> with a binding's <c>[Function]</c> DTOs: Nethereum encodes the call
/// and decodes what it returns. Nethereum reads return data that is cut short (or empty, as from an address without
/// code) as zeros; here such data is a <see cref="FormatException"/>, never a silent zero, false or zero address.
/// </summary>
public static class ContractCalls
{
    /// <summary>
    /// <c>eth_call</c>s <paramref name="function"/> on <paramref name="contract"/> at <paramref name="block"/> (latest by
    /// default) and decodes its one output as <typeparamref name="T"/> (uint → BigInteger or a built-in integer, address →
    /// string, bytes32 → byte[], bool → bool).
    /// </summary>
    public static async Task<T> QueryAsync<T>(this EvmRpcClient rpc, EthAddress contract, FunctionMessage function, BlockParameter? block = null,
        CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(rpc);
        ArgumentNullException.ThrowIfNull(function);
        // GetCallData() takes the ABI from the static type; a FunctionMessage-typed argument needs its runtime type
        var abi = ABITypedRegistry.GetFunctionABI(function.GetType());
        var calldata = new FunctionCallEncoder().EncodeRequest(function, function.GetType(), abi.Sha3Signature);
        return DecodeOutput<T>(abi, await rpc.CallAsync(new CallInput { To = contract.ToLowerHex(), Data = calldata }, block ?? EvmBlocks.Latest, ct));
    }

    /// <summary>The one output of <paramref name="function"/> in <paramref name="returnData"/>; <see cref="FormatException"/> when it does not decode.</summary>
    public static T DecodeOutput<T>(FunctionABI function, string returnData)
    {
        ArgumentNullException.ThrowIfNull(function);
        var output = function.OutputParameters is [var single] ? single : throw new ArgumentException($"{function.Signature} does not return one value");
        return Decoded(function.Signature, function.OutputParameters, returnData,
            () => new FunctionCallDecoder().DecodeSimpleTypeOutput<T>(output, returnData));
    }

    /// <summary>The outputs of a call in <paramref name="returnData"/> as a <c>[FunctionOutput]</c> DTO; <see cref="FormatException"/> when they do not decode.</summary>
    public static TOutput DecodeOutput<TOutput>(string returnData) where TOutput : IFunctionOutputDTO, new() =>
        Decoded(typeof(TOutput).Name, new AttributesToABIExtractor().ExtractParametersFromAttributes(typeof(TOutput)), returnData,
            () => new FunctionCallDecoder().DecodeFunctionOutput<TOutput>(returnData));

    private static T Decoded<T>(string what, IEnumerable<Parameter> outputs, string returnData, Func<T> decode)
    {
        var head = outputs.Sum(p => p.ABIType.IsDynamic() ? 32 : p.ABIType.FixedSize);
        if (!Hex.TryDecode(returnData, out var data) || data.Length < head)
        {
            throw new FormatException($"{what} returns at least {head} bytes; the call returned {(returnData is "0x" or "" ? "nothing" : returnData)}");
        }
        try
        {
            return decode();
        }
        catch (Exception e) // Nethereum throws plain Exception, IndexOutOfRangeException, OverflowException…: all mean "does not decode"
        {
            throw new FormatException($"the return data of {what} does not decode: {e.Message}", e);
        }
    }
}
