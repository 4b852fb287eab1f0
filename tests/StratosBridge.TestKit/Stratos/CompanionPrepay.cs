using System.Numerics;
using StratosBridge.Chains.Evm;

namespace StratosBridge.TestKit.Stratos;

/// <summary>
/// One <c>runMsg</c> transaction the companion handled, keyed by its EVM <paramref name="TxHash"/>. Applied when
/// <paramref name="FailureReason"/> is null (then <paramref name="PurchasedNoz"/> is what the beneficiary got);
/// otherwise the real chain would have reverted it and nothing was applied. Sender, beneficiary and amount are null
/// when the message could not be decoded.
/// </summary>
public sealed record CompanionPrepay(string TxHash, long BlockNumber, EthAddress Signer, EthAddress? Sender, EthAddress? Beneficiary,
    BigInteger? Wei, BigInteger? PurchasedNoz, string? FailureReason)
{
    public bool Applied => FailureReason is null;
}
