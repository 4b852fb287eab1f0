using System.Numerics;
using Nethereum.Contracts;
using Nethereum.Util;
using StratosBridge.Chains.Evm.Contracts;
using StratosBridge.Chains.Evm.Rpc;
using StratosBridge.Chains.Evm.Submitting;
using StratosBridge.Chains.Evm;

namespace StratosBridge.Deploy;

/// <summary>
/// Deploys the bridge's contracts with the EVM layer and returns their addresses.
/// <list type="bullet">
/// <item>Every chain: a <c>BridgeTimelock</c> (the admin of its vaults; the deployer proposes and executes, after
/// <see cref="DeploymentSettings.TimelockDelay"/>).</item>
/// <item>Every chain other than Stratos (chain id 2048): a STOS token (dev token), a token-mode <c>StosVault</c> whose peer is
/// the Stratos vault paired with it, and <c>OzonePayments</c>.</item>
/// <item>Stratos: one native-mode <c>StosVault</c> per other chain (peer: that chain's vault), and the SystemContract stand-in
/// installed at its real address with <c>anvil_setCode</c>.</item>
/// </list>
/// Each vault is paired with its peer for good (immutable), so the Stratos vaults' addresses are computed before the token
/// chains are deployed (CREATE addresses from the deployer's nonces) and checked afterwards. Every role is given in the
/// constructor (RELAYER to the relayer, ATTESTER to the attesters, PAUSER to the deployer, the relayer and the attesters);
/// later changes go through the timelock. Each pair's limits are checked against each other, and each vault is funded with
/// <see cref="DeploymentSettings.InitialLiquidity"/>.
/// </summary>
public sealed class Deployer(string artifactsDirectory, DeploymentSettings settings, TextWriter log)
{
    private readonly ContractArtifact _vault = ContractArtifact.Load(artifactsDirectory, "StosVault");
    private readonly ContractArtifact _timelock = ContractArtifact.Load(artifactsDirectory, "BridgeTimelock");
    private readonly ContractArtifact _payments = ContractArtifact.Load(artifactsDirectory, "OzonePayments");
    private readonly ContractArtifact _token = ContractArtifact.Load(artifactsDirectory, "DevStosToken");
    private readonly ContractArtifact _systemStandIn = ContractArtifact.Load(artifactsDirectory, "SystemContractStandIn");

    public async Task<IReadOnlyList<ChainDeployment>> DeployAsync(IReadOnlyList<DeploymentTarget> targets, CancellationToken ct = default)
    {
        var clients = new Dictionary<string, (EvmRpcClient Rpc, long ChainId)>();
        foreach (var target in targets)
        {
            var rpc = new EvmRpcClient(new HttpClient { BaseAddress = target.RpcUrl, Timeout = TimeSpan.FromSeconds(30) });
            clients[target.Name] = (rpc, await rpc.ChainIdAsync(ct));
        }
        var stratos = clients.Where(c => c.Value.ChainId == DeploymentSettings.StratosChainId).Select(c => c.Key).ToArray();
        if (stratos.Length != 1)
        {
            throw new ArgumentException($"exactly one target must be Stratos (chain id {DeploymentSettings.StratosChainId}); found {stratos.Length}");
        }
        var (stratosRpc, stratosChainId) = clients[stratos[0]];
        var tokenChains = clients.Where(c => c.Key != stratos[0]).ToArray();
        // Stratos: the timelock at the deployer's next nonce, then one vault per token chain, in this order.
        var stratosNonce = await stratosRpc.GetTransactionCountAsync(settings.Deployer.Address.ToLowerHex(), EvmBlocks.Pending, ct);
        var stratosVaults = tokenChains.Select((c, i) => CreateAddress(settings.Deployer.Address, (ulong)(stratosNonce + 1 + i))).ToArray();
        var results = new List<ChainDeployment>();
        for (var i = 0; i < tokenChains.Length; i++)
        {
            var (name, (rpc, chainId)) = tokenChains[i];
            results.Add(await DeployTokenChainAsync(name, rpc, chainId, stratos[0], stratosVaults[i], ct));
        }
        var stratosDeployment = await DeployStratosAsync(stratos[0], stratosRpc, stratosChainId, results, stratosVaults, ct);
        foreach (var peer in results)
        {
            await CheckPairAsync(clients[peer.Name].Rpc, peer.ChainId, peer.Vaults[stratos[0]], stratosRpc, stratosChainId,
                stratosDeployment.Vaults[peer.Name], ct);
        }
        results.Add(stratosDeployment);
        return results;
    }

    /// <summary>The address a CREATE from <paramref name="deployer"/> at <paramref name="nonce"/> gets: keccak256(rlp([deployer, nonce]))[12..]
    /// (Nethereum's <see cref="ContractUtils"/>).</summary>
    public static EthAddress CreateAddress(EthAddress deployer, ulong nonce) =>
        EthAddress.Parse(ContractUtils.CalculateContractAddress(deployer.ToLowerHex(), nonce).ToLowerInvariant());

    private async Task<ChainDeployment> DeployTokenChainAsync(string name, EvmRpcClient rpc, long chainId, string stratosName,
        EthAddress stratosVault, CancellationToken ct)
    {
        var submitter = new EvmDirectSubmitter(rpc, settings.Deployer, (ulong)chainId);
        var fromBlock = await rpc.BlockNumberAsync(ct);
        var timelock = await DeployTimelockAsync(name, submitter, ct);
        var token = await submitter.DeployAsync(_token.Bytecode, Erc20Contract.Binding, ct);
        log.WriteLine($"  {name}: DevStosToken   {token}");
        var vault = await DeployVaultAsync(submitter, token, DeploymentSettings.StratosChainId, stratosVault, timelock, ct);
        log.WriteLine($"  {name}: StosVault      {vault}  (token mode, peer {stratosVault} on chain {DeploymentSettings.StratosChainId})");
        await submitter.SendAsync(token, Erc20Contract.EncodeMint(submitter.Address, settings.InitialLiquidity), binding: Erc20Contract.Binding, ct: ct);
        await submitter.SendAsync(token, Erc20Contract.EncodeApprove(vault, settings.InitialLiquidity), binding: Erc20Contract.Binding, ct: ct);
        await submitter.SendAsync(vault, new StosVaultContract.FundFunction { Amount = settings.InitialLiquidity }.GetCallData(),
            binding: StosVaultContract.Binding, ct: ct);
        foreach (var holder in settings.Holders)
        {
            await submitter.SendAsync(token, Erc20Contract.EncodeMint(holder, settings.HolderAmount), binding: Erc20Contract.Binding, ct: ct);
        }
        var payments = await submitter.DeployAsync(
            OzonePaymentsContract.CreationCode(_payments.Bytecode, settings.Treasury ?? submitter.Address, timelock, [submitter.Address, settings.Relayer]),
            OzonePaymentsContract.Binding, ct);
        log.WriteLine($"  {name}: OzonePayments  {payments}");
        return new ChainDeployment(name, chainId, fromBlock, new Dictionary<string, EthAddress> { [stratosName] = vault })
        {
            StosToken = token, OzonePayments = payments, Timelock = timelock,
        };
    }

    private async Task<ChainDeployment> DeployStratosAsync(string name, EvmRpcClient rpc, long chainId,
        IReadOnlyList<ChainDeployment> peers, IReadOnlyList<EthAddress> planned, CancellationToken ct)
    {
        var submitter = new EvmDirectSubmitter(rpc, settings.Deployer, (ulong)chainId);
        var fromBlock = await rpc.BlockNumberAsync(ct);
        var timelock = await DeployTimelockAsync(name, submitter, ct);
        var vaults = new Dictionary<string, EthAddress>();
        for (var i = 0; i < peers.Count; i++)
        {
            var peer = peers[i];
            var vault = await DeployVaultAsync(submitter, EthAddress.Zero, peer.ChainId, peer.Vaults[name], timelock, ct);
            if (vault != planned[i])
            {
                throw new InvalidOperationException($"the {name} vault for {peer.Name} is at {vault}, but {peer.Name}'s vault was paired " +
                                                    $"with {planned[i]} (the deployer sent other transactions on {name} meanwhile)");
            }
            vaults[peer.Name] = vault;
            log.WriteLine($"  {name}: StosVault      {vault}  (native mode, peer {peer.Vaults[name]} on {peer.Name}, chain {peer.ChainId})");
        }
        foreach (var vault in vaults.Values)
        {
            await submitter.SendAsync(vault, new StosVaultContract.FundFunction { Amount = settings.InitialLiquidity }.GetCallData(),
                settings.InitialLiquidity, StosVaultContract.Binding, ct);
        }
        var address = StratosSystemContract.Address.ToLowerHex();
        await rpc.RequestAsync("anvil_setCode", [address, Hex.Encode(_systemStandIn.DeployedBytecode)], ct);
        var installed = await rpc.RequestAsync<string>("eth_getCode", [address, "latest"], ct);
        if (installed != Hex.Encode(_systemStandIn.DeployedBytecode))
        {
            throw new InvalidOperationException($"the SystemContract stand-in was not installed at {address}");
        }
        log.WriteLine($"  {name}: SystemContract {StratosSystemContract.Address}  (devnet stand-in, anvil_setCode)");
        return new ChainDeployment(name, chainId, fromBlock, vaults) { SystemContract = StratosSystemContract.Address, Timelock = timelock };
    }

    private async Task<EthAddress> DeployTimelockAsync(string name, EvmDirectSubmitter submitter, CancellationToken ct)
    {
        var timelock = await submitter.DeployAsync(
            BridgeTimelockContract.CreationCode(_timelock.Bytecode, (long)settings.TimelockDelay.TotalSeconds, [submitter.Address], [submitter.Address]),
            BridgeTimelockContract.Binding, ct);
        log.WriteLine($"  {name}: BridgeTimelock {timelock}  (admin of the vaults, delay {settings.TimelockDelay})");
        return timelock;
    }

    private Task<EthAddress> DeployVaultAsync(EvmDirectSubmitter submitter, EthAddress token, long peerChainId, EthAddress peerVault,
        EthAddress timelock, CancellationToken ct) =>
        submitter.DeployAsync(StosVaultContract.CreationCode(_vault.Bytecode, VaultConfig(token, peerChainId, peerVault, timelock)),
            StosVaultContract.Binding, ct);

    /// <summary>The constructor configuration of one vault from the settings.</summary>
    public StosVaultConfig VaultConfig(EthAddress token, long peerChainId, EthAddress peerVault, EthAddress timelock) => new()
    {
        Token = token.ToLowerHex(), PeerChainId = peerChainId, PeerVault = peerVault.ToLowerHex(), Admin = timelock.ToLowerHex(),
        AdminDelaySeconds = (ulong)settings.AdminTransferDelay.TotalSeconds, Treasury = (settings.Treasury ?? settings.Deployer.Address).ToLowerHex(),
        Attesters = [.. settings.Attesters.Select(a => a.ToLowerHex())], Relayers = [settings.Relayer.ToLowerHex()],
        Pausers = [.. new[] { settings.Deployer.Address, settings.Relayer }.Concat(settings.Attesters).Distinct().Select(p => p.ToLowerHex())],
        Threshold = settings.Threshold, MinLock = settings.MinLock, MaxLock = settings.MaxLock ?? settings.ReleaseCap, Fee = settings.Fee,
        ReleaseCap = settings.ReleaseCap, DailyCap = settings.DailyCap,
        ReleaseCapCeiling = settings.ReleaseCapCeiling ?? 10 * settings.ReleaseCap, DailyCapCeiling = settings.DailyCapCeiling ?? 10 * settings.DailyCap,
    };

    /// <summary>Refuses a pair that could strand a lock (<see cref="VaultPairCheck"/>).</summary>
    private static async Task CheckPairAsync(EvmRpcClient aRpc, long aChainId, EthAddress a, EvmRpcClient bRpc, long bChainId, EthAddress b,
        CancellationToken ct)
    {
        var problems = await VaultPairCheck.ProblemsAsync(aRpc, aChainId, a, bRpc, bChainId, b, ct);
        if (problems.Count > 0)
        {
            throw new InvalidOperationException($"inconsistent vault pair: {string.Join("; ", problems)}");
        }
    }
}
