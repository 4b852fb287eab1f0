using System.Numerics;
using StratosBridge.Chains.Evm;
using StratosBridge.Chains.Evm.Rpc;
using StratosBridge.Chains.Evm.Signing;
using StratosBridge.Deploy;
using StratosBridge.TestKit;
using StratosBridge.TestKit.Anvil;

namespace StratosBridge.Tests.Integration.Contracts;

/// <summary>
/// Two real anvil chains, "ethereum" (1) and "stratos" (2048), with the bridge deployed by the same
/// <see cref="Deployer"/> that <c>contracts/deploy</c> runs. Caps are small so tests can reach them:
/// release cap 5 STOS, 24 h cap 8 STOS, vault liquidity 1,000 STOS.
/// </summary>
public class DeployedBridgeFixture : IAsyncLifetime
{
    private readonly bool _withBsc;

    public DeployedBridgeFixture()
        : this(withBsc: false, null)
    {
    }

    /// <param name="withBsc">Also start and deploy "bsc" (56), a second token chain.</param>
    /// <param name="settings">Deployment settings instead of the small-cap defaults.</param>
    protected DeployedBridgeFixture(bool withBsc, DeploymentSettings? settings)
    {
        _withBsc = withBsc;
        Settings = settings ?? Settings;
    }

    public static readonly BigInteger Stos = BigInteger.Pow(10, 18);

    public AnvilNode Ethereum { get; private set; } = null!;

    public AnvilNode Stratos { get; private set; } = null!;

    /// <summary>Null unless the fixture was made with bsc.</summary>
    public AnvilNode? Bsc { get; private set; }

    public EvmRpcClient? BscRpc { get; private set; }

    public ChainDeployment? BscDeployment { get; private set; }

    public ChainDeployment EthereumDeployment { get; private set; } = null!;

    public ChainDeployment StratosDeployment { get; private set; } = null!;

    public string DeploymentJson { get; private set; } = "";

    public DeploymentSettings Settings { get; } = SmallCaps;

    protected static DeploymentSettings SmallCaps => DeploymentSettings.Devnet() with
    {
        MinLock = Stos / 1_000, ReleaseCap = 5 * Stos, DailyCap = 8 * Stos, InitialLiquidity = 1000 * Stos, HolderAmount = 100 * Stos,
        Treasury = EthKey.FromHex(AnvilNode.DevKeys[9]).Address,
    };

    /// <summary>The chains the service is configured with: name → node.</summary>
    public IReadOnlyList<(string Name, AnvilNode Node)> Chains =>
        Bsc is null ? [("ethereum", Ethereum), ("stratos", Stratos)] : [("ethereum", Ethereum), ("bsc", Bsc), ("stratos", Stratos)];

    public EthKey Relayer { get; } = EthKey.FromHex(AnvilNode.DevKeys[1]);

    public EthKey Attester { get; } = EthKey.FromHex(AnvilNode.DevKeys[2]);

    public EthKey Holder { get; } = EthKey.FromHex(AnvilNode.DevKeys[3]);

    public EvmRpcClient EthereumRpc { get; private set; } = null!;

    public EvmRpcClient StratosRpc { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Ethereum = await AnvilNode.StartAsync(1);
        Stratos = await AnvilNode.StartAsync(2048);
        EthereumRpc = new EvmRpcClient(new HttpClient { BaseAddress = Ethereum.RpcUrl });
        StratosRpc = new EvmRpcClient(new HttpClient { BaseAddress = Stratos.RpcUrl });
        var log = new StringWriter();
        List<DeploymentTarget> targets = [new("ethereum", Ethereum.RpcUrl), new("stratos", Stratos.RpcUrl)];
        if (_withBsc)
        {
            Bsc = await AnvilNode.StartAsync(56);
            BscRpc = new EvmRpcClient(new HttpClient { BaseAddress = Bsc.RpcUrl });
            targets.Add(new DeploymentTarget("bsc", Bsc.RpcUrl));
        }
        var chains = await new Deployer(Path.Combine(RepoPaths.Root, "contracts", "artifacts"), Settings, log).DeployAsync(targets);
        BscDeployment = chains.SingleOrDefault(c => c.Name == "bsc");
        EthereumDeployment = chains.Single(c => c.Name == "ethereum");
        StratosDeployment = chains.Single(c => c.Name == "stratos");
        DeploymentJson = DeploymentFile.ToJson(chains);
    }

    public async Task DisposeAsync()
    {
        if (Ethereum is not null)
        {
            await Ethereum.DisposeAsync();
        }
        if (Stratos is not null)
        {
            await Stratos.DisposeAsync();
        }
        if (Bsc is not null)
        {
            await Bsc.DisposeAsync();
        }
    }

    public async Task<BigInteger> NativeBalanceAsync(EvmRpcClient rpc, EthAddress account) =>
        await rpc.GetBalanceAsync(account.ToLowerHex(), EvmBlocks.Latest);
}
