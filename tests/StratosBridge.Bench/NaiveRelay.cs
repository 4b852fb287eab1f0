using System.Diagnostics;
using System.Security.Cryptography;
using StratosBridge.Chains.Evm;
using StratosBridge.Chains.Evm.Contracts;
using StratosBridge.Chains.Evm.Rpc;
using StratosBridge.Chains.Evm.Signing;
using StratosBridge.Chains.Evm.Submitting;

namespace StratosBridge.Bench;

/// <summary>
/// The baseline of <c>ops/bench migration</c>: a relay with no ledger and no batching. For each transfer, in turn, it
/// signs the attestation, sends one <c>release</c> transaction with <see cref="EvmDirectSubmitter"/> (gas estimate, fees,
/// the node's nonce) and waits for its receipt before the next.
/// </summary>
public static class NaiveRelay
{
    /// <summary>
    /// Releases each of <paramref name="transfers"/> as a fresh random nonce of the vault's peer (<paramref name="peerChainId"/>,
    /// <paramref name="peerVault"/>); the times are from the start.
    /// </summary>
    public static async Task<NaiveRelayRun> RunAsync(EvmRpcClient rpc, long chainId, EthAddress vault, long peerChainId, EthAddress peerVault,
        EthKey relayer, IReadOnlyList<EthKey> attesters,
        IReadOnlyList<PlannedTransfer> transfers, IProgress<int> progress, CancellationToken ct)
    {
        var submitter = new EvmDirectSubmitter(rpc, relayer, (ulong)chainId);
        var sinceStart = new List<TimeSpan>(transfers.Count);
        var roundTrips = new List<TimeSpan>(transfers.Count);
        var clock = Stopwatch.StartNew();
        foreach (var transfer in transfers)
        {
            var sent = clock.Elapsed;
            var release = new VaultRelease(peerChainId, peerVault, BitConverter.ToUInt64(RandomNumberGenerator.GetBytes(8)) >> 1, transfer.Recipient,
                transfer.Amount);
            var signatures = attesters.Select(a => StosVaultContract.SignRelease(a, (ulong)chainId, vault, release)).ToList();
            await submitter.SendAsync(vault, StosVaultContract.EncodeRelease(release, signatures), binding: StosVaultContract.Binding, ct: ct);
            sinceStart.Add(clock.Elapsed);
            roundTrips.Add(clock.Elapsed - sent);
            progress.Report(sinceStart.Count);
        }
        roundTrips.Sort();
        return new NaiveRelayRun(clock.Elapsed, sinceStart, roundTrips);
    }
}
