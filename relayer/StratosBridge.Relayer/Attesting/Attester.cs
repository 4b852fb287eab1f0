using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StratosBridge.Chains.Evm;
using StratosBridge.Chains.Evm.Contracts;
using StratosBridge.Chains.Evm.Rpc;
using StratosBridge.Core.Background;
using StratosBridge.Ledger.Attestations;
using StratosBridge.Ledger.Wakeups;
using StratosBridge.Relayer.Configuration;
using StratosBridge.Relayer.Relaying;

namespace StratosBridge.Relayer.Attesting;

/// <summary>
/// One attester: each round it reads the locks it has not signed in their current stage, checks each against its own
/// node (<see cref="LockCheck"/>), and only then signs the EIP-712 message the vault verifies and publishes it:
/// <list type="bullet">
/// <item><c>release</c> (the transfer waits to be relayed): the destination vault's <c>Release</c> of what its node shows.</item>
/// <item><c>cancel</c> (an operator sent the failed transfer down the refund path): only while the destination vault, read from
/// its own node, has never released the lock.</item>
/// <item><c>refund</c>: only once the destination vault shows the lock cancelled at a final height of its own node.</item>
/// </list>
/// A lock its node contradicts is refused with an <c>ALARM</c> (and reported in <c>/v1/status</c>); one not final on its
/// node yet is looked at again later. Its journal keeps it from ever signing one lock with two contents. Its checkpoint is its
/// own: what it has signed, so it picks up where it was after any stop and needs no other attester.
/// </summary>
public sealed class Attester(
    AttesterIdentity identity,
    AttestationStore store,
    LockCheck check,
    ChainClients chains,
    BridgeRoutes routes,
    LedgerWakeups wakeups,
    IOptions<AttesterOptions> options,
    ILogger<Attester> logger)
{
    private readonly ConcurrentDictionary<long, DateTimeOffset> _recheck = new();
    private long _auditedUpTo;
    private bool _reported;

    public string Address => identity.Address;

    public async Task RunAsync(CancellationToken stopping)
    {
        using var scope = logger.BeginScope(new Dictionary<string, object> { ["Attester"] = Address });
        logger.LogInformation("Attester {Attester} started: journal {Journal} ({Signed} signature(s) on record)", identity.Key.Address,
            identity.Journal.Path ?? "(in memory)", identity.Journal.Count);
        var loop = new BackgroundLoop($"Attester {Address}", options.Value.PollInterval, options.Value.MaxBackoff, logger)
        {
            IsExpected = Outage.Is,
            WakeOn = wakeups.Subscribe(LedgerWakeups.Tables.Transfers), // signs as soon as a lock is final
        };
        await loop.RunAsync(async ct => await RoundAsync(ct) ? LoopRound.Busy : LoopRound.Idle, stopping);
    }

    /// <summary>
    /// One round: the locks it has not signed, then a page of the rows under its name (its audit: a row its journal does not
    /// hold is checked like a new lock, and one it would not have written is an <c>ALARM</c> and replaced by its own
    /// signature). True when it signed anything.
    /// </summary>
    public async Task<bool> RoundAsync(CancellationToken ct)
    {
        await store.ReportAsync(Address, started: !_reported, refusal: null, ct);
        _reported = true;
        var now = DateTimeOffset.UtcNow;
        foreach (var due in _recheck.Where(r => r.Value <= now).Select(r => r.Key).ToList())
        {
            _recheck.TryRemove(due, out _);
        }
        var unsigned = await store.AwaitingAsync(Address, _recheck.Keys.ToList(), options.Value.BatchSize, ct);
        var own = await store.OwnRowsAsync(Address, _auditedUpTo, options.Value.BatchSize, ct);
        _auditedUpTo = own.Count < options.Value.BatchSize ? 0 : own[^1].Claim.TransferId;
        var work = unsigned.Select(c => (Claim: c, Row: (PublishedAttestation?)null))
            .Concat(own.Where(o => !identity.Journal.Holds(o.Row.ReleaseId, o.Claim.Kind.Wire(), o.Row.Digest) && !_recheck.ContainsKey(o.Claim.TransferId))
                .Select(o => (o.Claim, Row: (PublishedAttestation?)o.Row)));
        // each chain's final height once per round; the locks themselves are read from the node a few at a time
        var finals = new ConcurrentDictionary<string, Lazy<Task<long?>>>();
        Task<long?> FinalHeight(string chain) => finals.GetOrAdd(chain, c => new Lazy<Task<long?>>(() => chains.FinalHeightAsync(c, chains.Rpc(c), ct))).Value;
        var signed = new ConcurrentBag<SignedAttestation>();
        await Parallel.ForEachAsync(work, new ParallelOptions { MaxDegreeOfParallelism = options.Value.Parallelism, CancellationToken = ct },
            async (item, token) =>
            {
                using var scope = logger.BeginScope(new Dictionary<string, object> { ["TransferId"] = item.Claim.TransferId });
                try
                {
                    if (await AttestAsync(item.Claim, item.Row, FinalHeight, token) is { } attestation)
                    {
                        signed.Add(attestation);
                    }
                }
                catch (Exception e) when (Outage.Is(e) && !token.IsCancellationRequested)
                {
                    // one chain's node down on this attester holds up only that chain's locks, not the others of the round
                    logger.LogWarning("Attester {Attester} could not check transfer {TransferId} ({Source} → {Dest}) on its node: {Error}; " +
                                      "looking again after {Recheck}", Address, item.Claim.TransferId, item.Claim.SourceChain, item.Claim.DestChain,
                        e.Message, options.Value.RecheckAfter);
                    _recheck[item.Claim.TransferId] = DateTimeOffset.UtcNow + options.Value.RecheckAfter;
                }
            });
        if (signed.IsEmpty)
        {
            return false;
        }
        identity.Journal.Sync(); // on disk before any of these signatures leaves the process
        foreach (var replaced in signed.Where(s => s.Replaces))
        {
            await store.ReplaceAsync(Address, replaced.ReleaseId, replaced.Kind, replaced.Digest, replaced.Signature, ct);
        }
        foreach (var (transferId, published) in await store.PublishAsync(Address, signed.Where(s => !s.Replaces).ToList(), ct))
        {
            // written under its name between its read and its insert: its audit replaces it next round
            logger.LogError("ALARM the ledger holds an attestation for transfer {TransferId} under attester {Attester} with digest " +
                            "{Published}, which it never signed: someone writes in its name", transferId, Address, published);
        }
        logger.LogInformation("Attester {Attester} signed {Count} attestation(s)", Address, signed.Count);
        return true;
    }

    /// <summary>
    /// Checks one lock on its own node and signs its attestation (to replace <paramref name="row"/>, a row under its name
    /// that its journal does not hold, when given), having written it in its journal; null when it does not sign.
    /// </summary>
    private async Task<SignedAttestation?> AttestAsync(AwaitedAttestation claim, PublishedAttestation? row, Func<string, Task<long?>> finalHeight,
        CancellationToken ct)
    {
        var verdict = await check.CheckAsync(claim, finalHeight, ct);
        (byte[]? Digest, Func<byte[]>? Sign, string? Wait, string? Refusal) message = verdict.Lock is { } release
            ? await MessageAsync(claim, release, verdict.Sender!.Value, finalHeight, ct)
            : (null, null, verdict.Wait, verdict.Refusal);
        var (digest, sign, wait, refusal) = message;
        var kind = claim.Kind.Wire();
        if (refusal is null && wait is null && row is not null)
        {
            if (string.Equals(row.Digest, Hex.Encode(digest!), StringComparison.OrdinalIgnoreCase) && Hex.TryDecode(row.Signature, out var bytes)
                && VaultAttestations.Recover(digest!, bytes) == identity.Key.Address && identity.Journal.Admit(claim.ReleaseId, kind, row.Digest, out _))
            {
                return null; // its own signature from before a restart (a journal in memory): on record again
            }
            logger.LogError("ALARM the ledger holds a {Kind} attestation for transfer {TransferId} under attester {Attester} that it never signed " +
                            "(digest {Published}): someone writes in its name; replacing it with its own signature", claim.Kind, claim.TransferId,
                Address, row.Digest);
            await store.ReportAsync(Address, started: false, refusal: $"transfer {claim.TransferId}: a forged attestation in its name (replaced)", ct);
        }
        if (refusal is null && wait is null && !identity.Journal.Admit(claim.ReleaseId, kind, Hex.Encode(digest!), out var before))
        {
            refusal = $"asked to sign the {kind} of release id {claim.ReleaseId} with digest {Hex.Encode(digest!)}, " +
                      $"but its journal holds {before} for it: one lock is never signed with two contents";
        }
        if (refusal is not null)
        {
            logger.LogError("ALARM attester {Attester} refuses to sign the {Kind} of transfer {TransferId} (source {TxHash}): {Reason}", Address,
                claim.Kind, claim.TransferId, claim.TxHash, refusal);
            await store.ReportAsync(Address, started: false, refusal: $"transfer {claim.TransferId}: {refusal}", ct);
            _recheck[claim.TransferId] = DateTimeOffset.UtcNow + options.Value.RecheckAfter;
            return null;
        }
        if (wait is not null)
        {
            logger.LogDebug("Transfer {TransferId} waits: {Reason}", claim.TransferId, wait);
            _recheck[claim.TransferId] = DateTimeOffset.UtcNow + options.Value.RecheckAfter;
            return null;
        }
        return new SignedAttestation(claim.TransferId, claim.ReleaseId, claim.Kind, Hex.Encode(digest!), Hex.Encode(sign!()), Replaces: row is not null);
    }

    /// <summary>
    /// The digest to sign for the claim's stage and how to sign it, or why not (yet): a cancel needs the destination vault
    /// never to have released the lock; a refund needs the lock cancelled there at a final height (both read from its own node).
    /// </summary>
    private async Task<(byte[]? Digest, Func<byte[]>? Sign, string? Wait, string? Refusal)> MessageAsync(AwaitedAttestation claim,
        VaultRelease release, EthAddress sender, Func<string, Task<long?>> finalHeight, CancellationToken ct)
    {
        if (routes.ReleasingVault(claim.DestChain, claim.SourceChain) is not { } destVault)
        {
            return (null, null, null, $"this attester knows no vault on {claim.DestChain} paired with {claim.SourceChain}");
        }
        var destChainId = (ulong)chains.Options(claim.DestChain).ChainId;
        var key = identity.Key;
        switch (claim.Kind)
        {
            case AttestationKind.Release:
                return (StosVaultContract.HashRelease(destChainId, destVault, release), () => StosVaultContract.SignRelease(key, destChainId, destVault, release),
                    null, null);
            case AttestationKind.Cancel:
            {
                var content = await UsedContentAsync(claim.DestChain, destVault, release.Id, EvmBlocks.Latest, ct);
                if (content.AsSpan().SequenceEqual(release.Content))
                {
                    return (null, null, $"the vault on {claim.DestChain} released it: not cancelled", null);
                }
                if (!content.All(b => b == 0) && !content.AsSpan().SequenceEqual(StosVaultContract.CancelledContent))
                {
                    return (null, null, null, $"the vault on {claim.DestChain} used its release id with other content ({Hex.Encode(content)})");
                }
                return (StosVaultContract.HashCancel(destChainId, destVault, release.SrcChainId, release.SrcVault, release.Nonce),
                    () => StosVaultContract.SignCancel(key, destChainId, destVault, release.SrcChainId, release.SrcVault, release.Nonce), null, null);
            }
            default:
            {
                var final = await finalHeight(claim.DestChain);
                if (final is null
                    || !(await UsedContentAsync(claim.DestChain, destVault, release.Id, EvmBlocks.Number(final.Value), ct)).AsSpan()
                        .SequenceEqual(StosVaultContract.CancelledContent))
                {
                    return (null, null, $"the cancel on {claim.DestChain} is not final on this attester's node", null);
                }
                var srcChainId = (ulong)release.SrcChainId;
                return (StosVaultContract.HashRefund(srcChainId, release.SrcVault, release.Nonce, sender, release.Amount),
                    () => StosVaultContract.SignRefund(key, srcChainId, release.SrcVault, release.Nonce, sender, release.Amount), null, null);
            }
        }
    }

    private async Task<byte[]> UsedContentAsync(string chain, EthAddress vault, byte[] id, Nethereum.RPC.Eth.DTOs.BlockParameter block, CancellationToken ct) =>
        await chains.Rpc(chain).QueryAsync<byte[]>(vault, new StosVaultContract.UsedContentFunction { SourceEventId = id }, block, ct);
}
