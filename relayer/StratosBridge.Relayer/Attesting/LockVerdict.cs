using StratosBridge.Chains.Evm;
using StratosBridge.Chains.Evm.Contracts;

namespace StratosBridge.Relayer.Attesting;

/// <summary>
/// What an attester's own node says of a lock the ledger shows: <see cref="Lock"/> (the release it proves, and who locked)
/// when the node agrees with the ledger in every field and the block is final there; otherwise <see cref="Wait"/> (not final
/// on its node yet: look again later) or <see cref="Refusal"/> (the node contradicts the ledger: an <c>ALARM</c>, never signed).
/// </summary>
public sealed record LockVerdict(VaultRelease? Lock, EthAddress? Sender, string? Wait, string? Refusal)
{
    public static LockVerdict Confirmed(VaultRelease release, EthAddress sender) => new(release, sender, null, null);

    public static LockVerdict NotYet(string why) => new(null, null, why, null);

    public static LockVerdict Refused(string why) => new(null, null, null, why);
}
