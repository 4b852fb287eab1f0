using System.ComponentModel;
using Microsoft.Extensions.Logging;
using StratosBridge.Chains.Evm;
using StratosBridge.Chains.Evm.Contracts;
using StratosBridge.Core.Pauses;
using StratosBridge.Ledger.Pauses;
using StratosBridge.Relayer.Configuration;
using StratosBridge.Relayer.Relaying;

namespace StratosBridge.Relayer.Safety;

/// <summary>
/// Recurring (<see cref="SafetyOptions.OnChainPauseCron"/>): reads <c>paused()</c> of every configured vault and OzonePayments
/// contract and mirrors it as a pause of origin <c>on-chain</c>, so that the workers send nothing that would revert and the
/// API shows why. A vault on chain C paired with peer P releases into C what was locked on P: paused, it stops route P → C.
/// A paused OzonePayments on C refuses payments: it stops credits of C (and new quotes paid there). A newly seen pause is
/// an <c>ALARM</c>; when the contract is unpaused the service resumes its own pause. Reentrant: the ledger keeps one pause
/// per scope and origin. A chain whose node does not answer keeps its pauses as they are until the next run.
/// </summary>
public sealed class OnChainPauseJob(ChainClients chains, BridgeRoutes routes, PauseStore pauses, ILogger<OnChainPauseJob> logger)
{
    public const string Id = "on-chain-pauses";

    public const string Actor = "system:on-chain";

    [DisplayName("Read the on-chain pause of every vault and payments contract")]
    public async Task RunAsync(CancellationToken ct)
    {
        foreach (var chain in chains.Names)
        {
            try
            {
                var rpc = chains.Rpc(chain);
                foreach (var (peer, vault) in routes.VaultsOn(chain))
                {
                    var paused = await rpc.QueryAsync<bool>(vault, new StosVaultContract.PausedFunction(), ct: ct);
                    await MirrorAsync(paused, PauseScope.Route, peer, chain,
                        $"the vault {vault} on {chain} is paused on-chain: releases into {chain} of what was locked on {peer} would revert", ct);
                }
                if (chains.Options(chain).Contracts.OzonePayments is { Length: > 0 } payments)
                {
                    var address = EthAddress.Parse(payments);
                    var paused = await rpc.QueryAsync<bool>(address, new OzonePaymentsContract.PausedFunction(), ct: ct);
                    await MirrorAsync(paused, PauseScope.Credits, chain, null,
                        $"OzonePayments {address} on {chain} is paused on-chain: payments for quotes on {chain} would revert", ct);
                }
            }
            catch (Exception e) when (Outage.Is(e) && !ct.IsCancellationRequested)
            {
                logger.LogWarning("Cannot read the on-chain pauses on {Chain} now ({Error}); its pauses stay as they are", chain, e.Message);
            }
        }
    }

    private async Task MirrorAsync(bool paused, PauseScope scope, string chain, string? destination, string reason, CancellationToken ct)
    {
        if (paused)
        {
            var (row, created) = await pauses.PauseAsync(new NewPause(scope, chain, destination, PauseOrigin.OnChain, reason, Actor), ct);
            if (created)
            {
                logger.LogError("ALARM {Reason}: pause {PauseId} ({Covers}) until the contract is unpaused", reason, row.Pause.Id, row.Pause.Covers);
            }
            return;
        }
        if (await pauses.ResumeOwnAsync(scope, chain, destination, PauseOrigin.OnChain, Actor, "the contract is unpaused on-chain", ct) is { } resumed)
        {
            logger.LogInformation("Pause {PauseId} ({Covers}) resumed: the contract is unpaused on-chain", resumed.Pause.Id, resumed.Pause.Covers);
        }
    }
}
