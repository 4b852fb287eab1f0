using System.Collections.Concurrent;
using System.Numerics;
using Microsoft.Extensions.Logging;
using StratosBridge.Chains.Evm;
using StratosBridge.Chains.Evm.Contracts;
using StratosBridge.Chains.Evm.Rpc;
using StratosBridge.Ledger.Attestations;
using StratosBridge.Relayer.Configuration;

namespace StratosBridge.Relayer.Relaying;

/// <summary>
/// The relayer's side of the threshold. It holds no attester key: for each release (or cancel, refund) it reads the
/// published signatures and verifies every one before use: the relayer computes the digest itself from the ledger's lock,
/// recovers the signer (as the vault does: 65 bytes, low s), requires it to be the attester the row names (a row written
/// under another attester's name is an <c>ALARM</c>), and asks the vault whether that signer holds ATTESTER. Only with the
/// vault's <c>threshold</c> of distinct valid signers is a release ready; otherwise it waits with the reason. So a forged,
/// duplicated or stale signature never reaches a broadcast transaction.
/// </summary>
public sealed class AttestationCollector(AttestationStore store, ChainClients chains, ILogger<AttestationCollector> logger)
{
    /// <summary>How long a vault's threshold and attester roles are taken as read (a rotation is seen within this).</summary>
    private static readonly TimeSpan RolesFor = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<string, (int Threshold, DateTimeOffset Until)> _thresholds = new();
    private readonly ConcurrentDictionary<string, (bool Attester, DateTimeOffset Until)> _attesters = new();
    private readonly ConcurrentDictionary<string, EthAddress?> _recovered = new();

    /// <param name="chain">Where the vault verifying the signatures is.</param>
    /// <param name="wanted">Each release id with the digest the vault will verify for it.</param>
    public async Task<CollectedAttestations> CollectAsync(string chain, EthAddress vault, AttestationKind kind,
        IReadOnlyList<(string ReleaseId, byte[] Digest)> wanted, CancellationToken ct)
    {
        var threshold = await ThresholdAsync(chain, vault, ct);
        var published = (await store.SignaturesAsync(wanted.Select(w => w.ReleaseId).ToList(), kind, ct))
            .ToLookup(p => p.ReleaseId, StringComparer.OrdinalIgnoreCase);
        var ready = new Dictionary<string, IReadOnlyList<byte[]>>(StringComparer.OrdinalIgnoreCase);
        var waiting = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (releaseId, digest) in wanted)
        {
            var valid = new List<(EthAddress Signer, byte[] Signature)>();
            var ignored = new List<string>();
            foreach (var row in published[releaseId])
            {
                if (valid.Count == threshold)
                {
                    break;
                }
                var signature = Hex.TryDecode(row.Signature, out var bytes) ? bytes : [];
                var signer = Recover(digest, signature, row.Signature);
                if (signer is null || !string.Equals(signer.Value.ToLowerHex(), row.Attester, StringComparison.OrdinalIgnoreCase))
                {
                    logger.LogError("ALARM the {Kind} attestation of {ReleaseId} published under attester {Attester} does not verify " +
                                    "(recovers {Signer} from the digest the relayer computed): forged or for other contents; not used",
                        kind, releaseId, row.Attester, signer?.ToString() ?? "nothing");
                    ignored.Add($"{row.Attester}: invalid signature");
                    continue;
                }
                if (valid.Any(v => v.Signer == signer.Value))
                {
                    continue;
                }
                if (!await IsAttesterAsync(chain, vault, signer.Value, ct))
                {
                    logger.LogWarning("The {Kind} attestation of {ReleaseId} is signed by {Signer}, which is not an attester of the vault {Vault} " +
                                      "on {Chain}; not used", kind, releaseId, signer.Value, vault, chain);
                    ignored.Add($"{signer.Value}: not an attester of the vault");
                    continue;
                }
                valid.Add((signer.Value, signature));
            }
            if (valid.Count >= threshold)
            {
                ready[releaseId] = valid.Select(v => v.Signature).ToList();
            }
            else
            {
                waiting[releaseId] = $"{AwaitingPrefix} {valid.Count}/{threshold}" +
                                     (valid.Count > 0 ? $" (signed by {string.Join(", ", valid.Select(v => v.Signer))})" : "") +
                                     (ignored.Count > 0 ? $"; ignored {string.Join(", ", ignored)}" : "") +
                                     $": the vault on {chain} needs {threshold} attesters to confirm the {kind.ToString().ToLowerInvariant()} from their own nodes";
            }
        }
        return new CollectedAttestations(ready, waiting);
    }

    /// <summary>How a release waiting for signatures explains itself (the transfer API shows it).</summary>
    public const string AwaitingPrefix = "awaiting attestations";

    /// <summary>
    /// The signer of <paramref name="signature"/> over <paramref name="digest"/>, remembered (a recovery costs milliseconds,
    /// and a transfer waiting for its second signature is looked at every round).
    /// </summary>
    private EthAddress? Recover(byte[] digest, byte[] signature, string signatureHex)
    {
        var key = $"{Hex.Encode(digest)}:{signatureHex}";
        if (_recovered.TryGetValue(key, out var known))
        {
            return known;
        }
        if (_recovered.Count > 100_000)
        {
            _recovered.Clear();
        }
        return _recovered[key] = VaultAttestations.Recover(digest, signature);
    }

    private async Task<int> ThresholdAsync(string chain, EthAddress vault, CancellationToken ct)
    {
        var key = $"{chain}:{vault}";
        if (_thresholds.TryGetValue(key, out var known) && known.Until > DateTimeOffset.UtcNow)
        {
            return known.Threshold;
        }
        var threshold = (int)BigInteger.Min(await chains.Rpc(chain).QueryAsync<BigInteger>(vault, new StosVaultContract.ThresholdFunction(), ct: ct), 1_000);
        _thresholds[key] = (threshold, DateTimeOffset.UtcNow + RolesFor);
        return threshold;
    }

    private async Task<bool> IsAttesterAsync(string chain, EthAddress vault, EthAddress signer, CancellationToken ct)
    {
        var key = $"{chain}:{vault}:{signer}";
        if (_attesters.TryGetValue(key, out var known) && known.Until > DateTimeOffset.UtcNow)
        {
            return known.Attester;
        }
        var attester = await chains.Rpc(chain).QueryAsync<bool>(vault,
            new StosVaultContract.HasRoleFunction { Role = StosVaultContract.AttesterRole, Account = signer.ToLowerHex() }, ct: ct);
        _attesters[key] = (attester, DateTimeOffset.UtcNow + RolesFor);
        return attester;
    }
}
