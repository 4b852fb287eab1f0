using Nethereum.ABI.FunctionEncoding;
using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;
using Nethereum.RPC.Eth.DTOs;
using StratosBridge.Chains.Evm.Rpc;

namespace StratosBridge.Chains.Evm.Contracts;

/// <summary>
/// Logs read as a binding's <c>[Event]</c> DTOs, decoded by Nethereum's <see cref="EventTopicDecoder"/>. Nethereum matches
/// an event by topic0 alone, so every check here also names the contract that must have emitted the log: a log with the
/// same topic0 from any other address is not the event. Nethereum is also lenient (data cut short reads as zeros), so a log
/// whose topics or data are shorter than the event's encoding is refused here before it is decoded.
/// </summary>
public static class ContractEvents
{
    /// <summary>topic0 of <typeparamref name="TEvent"/> (keccak256 of its signature), 0x-prefixed, for log filters.</summary>
    public static string Topic0<TEvent>() where TEvent : IEventDTO => "0x" + ABITypedRegistry.GetEvent<TEvent>().Sha3Signature;

    /// <summary>True when <paramref name="log"/> was emitted by <paramref name="emitter"/> and has <typeparamref name="TEvent"/>'s topic0.</summary>
    public static bool IsEvent<TEvent>(this FilterLog log, EthAddress emitter) where TEvent : IEventDTO
    {
        ArgumentNullException.ThrowIfNull(log);
        return EthAddress.TryParse(log.Address, out var from) && from == emitter && log.Topics is { Length: > 0 }
               && string.Equals(log.Topics[0] as string, Topic0<TEvent>(), StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// Decodes <paramref name="log"/> as <typeparamref name="TEvent"/> emitted by <paramref name="emitter"/>. Throws
    /// <see cref="FormatException"/> for a log from another address, with another topic0, with a topic count other than the
    /// event's, or with data that does not decode.
    /// </summary>
    public static TEvent DecodeEvent<TEvent>(this FilterLog log, EthAddress emitter) where TEvent : IEventDTO, new()
    {
        if (!log.IsEvent<TEvent>(emitter))
        {
            throw new FormatException($"the log from {log.Address} is not a {typeof(TEvent).Name} of {emitter}");
        }
        var abi = ABITypedRegistry.GetEvent<TEvent>();
        if (log.Topics.Length != 1 + abi.NumberOfIndexes)
        {
            throw new FormatException($"{abi.Signature} has {abi.NumberOfIndexes} indexed parameters but the log has {log.Topics.Length - 1} topics after topic0");
        }
        if (log.Topics.Any(t => t is not string topic || !Hex.TryDecode(topic, out var word) || word.Length != 32))
        {
            throw new FormatException($"a topic of the log is not 32 bytes: {string.Join(", ", log.Topics)}");
        }
        var head = abi.InputParameters.Where(p => !p.Indexed).Sum(p => p.ABIType.IsDynamic() ? 32 : p.ABIType.FixedSize);
        if (!Hex.TryDecode(log.Data, out var data) || data.Length < head)
        {
            throw new FormatException($"{abi.Signature} needs at least {head} bytes of data; the log has {log.Data}");
        }
        try
        {
            return new EventTopicDecoder().DecodeTopics<TEvent>(log.Topics, log.Data);
        }
        catch (Exception e) // Nethereum throws plain Exception, IndexOutOfRangeException, OverflowException…: all mean "does not decode"
        {
            throw new FormatException($"the log does not decode as {abi.Signature}: {e.Message}", e);
        }
    }
}
