using StratosBridge.Chains.Evm;
using StratosBridge.Chains.Evm.Contracts;
using StratosBridge.Chains.Evm.Rpc;
using StratosBridge.Ledger.Attestations;
using StratosBridge.Relayer.Configuration;

namespace StratosBridge.Relayer.Attesting;

/// <summary>
/// An attester's independent reading of a lock: from its own node (its own <c>Chains</c> endpoints), the source
/// transaction's receipt must have succeeded, hold at the ledger's log index a <c>Locked</c> event of the vault this attester
/// knows for the route, with the ledger's nonce, sender, recipient, amount and destination, in a block that is final by the
/// attester's own view of finality. The release it then proves is built from what its node returned, not from the ledger.
/// </summary>
public sealed class LockCheck(ChainClients chains, BridgeRoutes routes)
{
    /// <param name="finalHeight">The final height of a chain on this attester's node (read once per round by the caller).</param>
    public async Task<LockVerdict> CheckAsync(AwaitedAttestation claim, Func<string, Task<long?>> finalHeight, CancellationToken ct)
    {
        if (!chains.Names.Contains(claim.SourceChain) || !chains.Names.Contains(claim.DestChain))
        {
            return LockVerdict.Refused($"route {claim.SourceChain} → {claim.DestChain} is not configured for this attester");
        }
        if (routes.ReleasingVault(claim.SourceChain, claim.DestChain) is not { } vault)
        {
            return LockVerdict.Refused($"this attester knows no vault on {claim.SourceChain} paired with {claim.DestChain}");
        }
        if (!string.Equals(vault.ToLowerHex(), EthAddress.Parse(claim.SourceVault).ToLowerHex(), StringComparison.Ordinal))
        {
            return LockVerdict.Refused($"the ledger names the vault {claim.SourceVault} on {claim.SourceChain}; this attester's is {vault}");
        }
        var rpc = chains.Rpc(claim.SourceChain);
        var final = await finalHeight(claim.SourceChain);
        if (final is null || claim.BlockNumber > final)
        {
            return LockVerdict.NotYet($"block {claim.BlockNumber} of {claim.SourceChain} is not final on this attester's node (final: {final?.ToString() ?? "unknown"})");
        }
        var receipt = await rpc.GetTransactionReceiptAsync(claim.TxHash, ct);
        if (receipt is null)
        {
            return LockVerdict.Refused($"this attester's node has no transaction {claim.TxHash} on {claim.SourceChain}, though block {claim.BlockNumber} is final there");
        }
        if (receipt.BlockNumber.ToLong() > final)
        {
            return LockVerdict.NotYet($"transaction {claim.TxHash} is in block {receipt.BlockNumber.ToLong()}, not final on this attester's node");
        }
        if (!receipt.Succeeded())
        {
            return LockVerdict.Refused($"transaction {claim.TxHash} on {claim.SourceChain} reverted on this attester's node");
        }
        var log = receipt.Logs?.FirstOrDefault(l => l.LogIndex?.ToLong() == claim.LogIndex);
        if (log is null || !log.IsEvent<StosVaultContract.LockedEvent>(vault))
        {
            return LockVerdict.Refused($"transaction {claim.TxHash} has no Locked event of the vault {vault} at log index {claim.LogIndex} on this attester's node");
        }
        var locked = log.DecodeEvent<StosVaultContract.LockedEvent>(vault);
        var (sender, recipient) = (EthAddress.Parse(locked.Sender), EthAddress.Parse(locked.Recipient));
        var destChainId = chains.Options(claim.DestChain).ChainId;
        var differences = new List<string>();
        Compare(differences, "nonce", locked.Nonce.ToString(System.Globalization.CultureInfo.InvariantCulture),
            claim.LockNonce.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Compare(differences, "sender", sender.ToLowerHex(), EthAddress.Parse(claim.Sender).ToLowerHex());
        Compare(differences, "recipient", recipient.ToLowerHex(), EthAddress.Parse(claim.Recipient).ToLowerHex());
        Compare(differences, "amount", locked.Amount.ToString(System.Globalization.CultureInfo.InvariantCulture),
            claim.Amount.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Compare(differences, "destination chain id", locked.DestChainId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            destChainId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var release = new VaultRelease(chains.Options(claim.SourceChain).ChainId, vault, locked.Nonce, recipient, locked.Amount);
        Compare(differences, "release id", Hex.Encode(release.Id), claim.ReleaseId.ToLowerInvariant());
        return differences.Count > 0
            ? LockVerdict.Refused($"this attester's node contradicts the ledger for {claim.TxHash} log {claim.LogIndex}: {string.Join("; ", differences)}")
            : LockVerdict.Confirmed(release, sender);
    }

    private static void Compare(List<string> differences, string field, string node, string ledger)
    {
        if (!string.Equals(node, ledger, StringComparison.OrdinalIgnoreCase))
        {
            differences.Add($"{field} {node} on the node, {ledger} in the ledger");
        }
    }
}
