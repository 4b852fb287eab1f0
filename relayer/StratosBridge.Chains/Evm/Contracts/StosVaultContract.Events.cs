using System.Numerics;
using Nethereum.ABI.FunctionEncoding.Attributes;

namespace StratosBridge.Chains.Evm.Contracts;

// The vault's events the watchers and relay workers read (decode them with ContractEvents, naming the vault).
public static partial class StosVaultContract
{
    /// <summary>A lock: the source side of a transfer (its natural key is the log's chain, transaction hash and log index).</summary>
    [Event("Locked")]
    public sealed class LockedEvent : IEventDTO
    {
        [Parameter("uint64", "nonce", 1, true)] public ulong Nonce { get; set; }
        [Parameter("address", "sender", 2, true)] public string Sender { get; set; } = "";
        [Parameter("address", "recipient", 3, true)] public string Recipient { get; set; } = "";
        [Parameter("uint256", "amount", 4, false)] public BigInteger Amount { get; set; }
        [Parameter("uint256", "destChainId", 5, false)] public BigInteger DestChainId { get; set; }
    }

    [Event("Released")]
    public sealed class ReleasedEvent : IEventDTO
    {
        [Parameter("bytes32", "sourceEventId", 1, true)] public byte[] SourceEventId { get; set; } = [];
        [Parameter("address", "recipient", 2, true)] public string Recipient { get; set; } = "";
        [Parameter("uint256", "amount", 3, false)] public BigInteger Amount { get; set; }
    }

    /// <summary>Released, but the recipient refused the coin: it is claimable in the vault (claim / claimFor).</summary>
    [Event("ReleaseDeferred")]
    public sealed class ReleaseDeferredEvent : IEventDTO
    {
        [Parameter("bytes32", "sourceEventId", 1, true)] public byte[] SourceEventId { get; set; } = [];
        [Parameter("address", "recipient", 2, true)] public string Recipient { get; set; } = "";
        [Parameter("uint256", "amount", 3, false)] public BigInteger Amount { get; set; }
    }

    /// <summary>A batch entry the vault had already released with the same content.</summary>
    [Event("ReleaseSkipped")]
    public sealed class ReleaseSkippedEvent : IEventDTO
    {
        [Parameter("bytes32", "sourceEventId", 1, true)] public byte[] SourceEventId { get; set; } = [];
    }

    /// <summary>
    /// A batch entry whose id the vault had already used with other content (another recipient or amount, or
    /// <see cref="CancelledContent"/>). Never "done": an alarm for a person.
    /// </summary>
    [Event("ReleaseConflict")]
    public sealed class ReleaseConflictEvent : IEventDTO
    {
        [Parameter("bytes32", "sourceEventId", 1, true)] public byte[] SourceEventId { get; set; } = [];
        [Parameter("bytes32", "usedContent", 2, false)] public byte[] UsedContent { get; set; } = [];
        [Parameter("bytes32", "content", 3, false)] public byte[] Content { get; set; } = [];
    }
}
