using System.Numerics;
using StratosBridge.Chains.Evm;
using StratosBridge.Chains.Evm.Contracts;
using StratosBridge.Chains.Evm.Rpc;
using StratosBridge.Chains.Evm.Submitting;

namespace StratosBridge.Deploy;

/// <summary>
/// Deploys the bridge's contracts with the EVM layer and returns their addresses.
/// <list type="bullet">
/// <item>Every chain other than Stratos (chain id 2048): a STOS token (dev token unless one is given), a token-mode
/// <c>StosVault</c> locking towards 2048, and <c>OzonePayments</c>.</item>
/// <item>Stratos: one native-mode <c>StosVault</c> per other chain (it releases what was locked there and locks native
/// STOS back towards it), and the SystemContract stand-in installed at its real address with <c>anvil_setCode</c>.</item>
/// </list>
/// Each vault grants RELAYER to the relayer, ATTESTER to the attesters and PAUSER to the deployer (who is admin), and is
/// funded with <see cref="DeploymentSettings.InitialLiquidity"/>.
/// </summary>
public sealed class Deployer(string artifactsDirectory, DeploymentSettings settings, TextWriter log)
{
    private readonly ContractArtifact _vault = ContractArtifact.Load(artifactsDirectory, "StosVault");
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
        var results = new List<ChainDeployment>();
        foreach (var (name, (rpc, chainId)) in clients.Where(c => c.Key != stratos[0]))
        {
            results.Add(await DeployTokenChainAsync(name, rpc, chainId, stratos[0], ct));
        }
        var (stratosRpc, stratosChainId) = clients[stratos[0]];
        results.Add(await DeployStratosAsync(stratos[0], stratosRpc, stratosChainId, results, ct));
        return results;
    }

    private async Task<ChainDeployment> DeployTokenChainAsync(string name, EvmRpcClient rpc, long chainId, string stratosName,
        CancellationToken ct)
    {
        var submitter = new EvmDirectSubmitter(rpc, settings.Deployer, (ulong)chainId);
        var fromBlock = await rpc.BlockNumberAsync(ct);
        var token = await submitter.DeployAsync(_token.Bytecode, Erc20Contract.Binding, ct);
        log.WriteLine($"  {name}: DevStosToken   {token}");
        var vault = await DeployVaultAsync(submitter, token, DeploymentSettings.StratosChainId, ct);
        log.WriteLine($"  {name}: StosVault      {vault}  (token mode, locks towards chain {DeploymentSettings.StratosChainId})");
        await submitter.SendAsync(token, Erc20Contract.EncodeMint(submitter.Address, settings.InitialLiquidity), binding: Erc20Contract.Binding, ct: ct);
        await submitter.SendAsync(token, Erc20Contract.EncodeApprove(vault, settings.InitialLiquidity), binding: Erc20Contract.Binding, ct: ct);
        await submitter.SendAsync(vault, StosVaultContract.Fund.EncodeCall([settings.InitialLiquidity]), binding: StosVaultContract.Binding, ct: ct);
        foreach (var holder in settings.Holders)
        {
            await submitter.SendAsync(token, Erc20Contract.EncodeMint(holder, settings.HolderAmount), binding: Erc20Contract.Binding, ct: ct);
        }
        var payments = await submitter.DeployAsync(
            [.. _payments.Bytecode, .. OzonePaymentsContract.EncodeConstructor(settings.Treasury ?? submitter.Address, submitter.Address)],
            OzonePaymentsContract.Binding, ct);
        log.WriteLine($"  {name}: OzonePayments  {payments}");
        return new ChainDeployment(name, chainId, fromBlock, new Dictionary<string, EthAddress> { [stratosName] = vault })
        {
            StosToken = token, OzonePayments = payments,
        };
    }

    private async Task<ChainDeployment> DeployStratosAsync(string name, EvmRpcClient rpc, long chainId,
        IReadOnlyList<ChainDeployment> peers, CancellationToken ct)
    {
        var submitter = new EvmDirectSubmitter(rpc, settings.Deployer, (ulong)chainId);
        var fromBlock = await rpc.BlockNumberAsync(ct);
        var vaults = new Dictionary<string, EthAddress>();
        foreach (var peer in peers)
        {
            var vault = await DeployVaultAsync(submitter, EthAddress.Zero, peer.ChainId, ct);
            await submitter.SendAsync(vault, StosVaultContract.Fund.EncodeCall([settings.InitialLiquidity]), settings.InitialLiquidity,
                StosVaultContract.Binding, ct);
            vaults[peer.Name] = vault;
            log.WriteLine($"  {name}: StosVault      {vault}  (native mode, pairs with {peer.Name}, locks towards chain {peer.ChainId})");
        }
        var address = StratosSystemContract.Address.ToLowerHex();
        await rpc.CallAsync("anvil_setCode", [address, Hex.Encode(_systemStandIn.DeployedBytecode)], ct);
        var installed = await rpc.CallAsync("eth_getCode", [address, "latest"], ct);
        if (installed.GetString() != Hex.Encode(_systemStandIn.DeployedBytecode))
        {
            throw new InvalidOperationException($"the SystemContract stand-in was not installed at {address}");
        }
        log.WriteLine($"  {name}: SystemContract {StratosSystemContract.Address}  (devnet stand-in, anvil_setCode)");
        return new ChainDeployment(name, chainId, fromBlock, vaults) { SystemContract = StratosSystemContract.Address };
    }

    private async Task<EthAddress> DeployVaultAsync(EvmDirectSubmitter submitter, EthAddress token, long destChainId, CancellationToken ct)
    {
        var vault = await submitter.DeployAsync(
        [
            .. _vault.Bytecode,
            .. StosVaultContract.EncodeConstructor(token, destChainId, submitter.Address, settings.Threshold, settings.MinLock,
                settings.MaxLock, settings.ReleaseCap, settings.DailyCap),
        ], StosVaultContract.Binding, ct);
        await GrantAsync(submitter, vault, StosVaultContract.RelayerRole, settings.Relayer, ct);
        foreach (var attester in settings.Attesters)
        {
            await GrantAsync(submitter, vault, StosVaultContract.AttesterRole, attester, ct);
        }
        await GrantAsync(submitter, vault, StosVaultContract.PauserRole, submitter.Address, ct);
        return vault;
    }

    private static Task GrantAsync(EvmDirectSubmitter submitter, EthAddress vault, byte[] role, EthAddress account, CancellationToken ct) =>
        submitter.SendAsync(vault, StosVaultContract.GrantRole.EncodeCall([role, account]), BigInteger.Zero, StosVaultContract.Binding, ct);
}
