namespace StratosBridge.Core.OutgoingTxs;

/// <summary>
/// Where a signed destination transaction is: <c>signed</c> (persisted, maybe not sent) → <c>broadcast</c> → <c>mined</c> or
/// <c>reverted</c>; <c>replaced</c> when another transaction of the same nonce was mined; <c>dropped</c> when the nonce was
/// taken by a transaction that is not ours.
/// </summary>
public enum OutgoingTxStatus
{
    Signed,
    Broadcast,
    Mined,
    Reverted,
    Replaced,
    Dropped,
}
