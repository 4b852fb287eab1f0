using System.Globalization;
using StratosBridge.Chains.Evm.Rpc;
using StratosBridge.Deploy;
using StratosBridge.TestKit;
using StratosBridge.TestKit.Anvil;
using StratosBridge.TestKit.Postgres;
using StratosBridge.TestKit.PriceFeeds;
using StratosBridge.TestKit.Stratos;

namespace StratosBridge.Bench;

/// <summary>
/// What <c>ops/bench payments</c> runs on, all its own: a database in a private PostgreSQL cluster, an anvil per paying
/// chain ("ethereum" 1, "bsc" 56; automining until <see cref="MineSourcesEveryAsync"/>) and anvil "stratos" (2048, a
/// block every <c>stratosBlockTime</c>, or automining) on free ports, the bridge and OzonePayments deployed by the same
/// <see cref="Deployer"/> as <c>contracts/deploy</c> (<see cref="DeploymentSettings.Devnet"/>) and written to a deployment
/// file, the fake price providers, and the Stratos devnet companion (applies each prepay's Cosmos side, serves Stratos
/// REST). Everything is stopped by pid or disposed (the cluster when the process exits) and the file deleted on dispose.
/// </summary>
public sealed class PaymentsDevnet : IAsyncDisposable
{
    /// <summary>The chains a payment can be made on, with their chain id and coin.</summary>
    public static readonly IReadOnlyDictionary<string, (long ChainId, string Asset)> PayingChains =
        new Dictionary<string, (long, string)>(StringComparer.Ordinal) { ["ethereum"] = (1, "ETH"), ["bsc"] = (56, "BNB") };

    private readonly Dictionary<string, AnvilNode> _sources = new(StringComparer.Ordinal);
    private TestDatabase? _database;
    private AnvilNode? _stratos;
    private FakePriceProviders? _prices;
    private StratosDevnetCompanion? _companion;

    private PaymentsDevnet()
    {
    }

    public TestDatabase Database => _database!;

    /// <summary>The paying chains by name.</summary>
    public IReadOnlyDictionary<string, AnvilNode> Sources => _sources;

    public Dictionary<string, EvmRpcClient> SourceRpcs { get; } = new(StringComparer.Ordinal);

    public AnvilNode Stratos => _stratos!;

    public IReadOnlyList<ChainDeployment> Deployments { get; private set; } = [];

    public FakePriceProviders Prices => _prices!;

    public StratosDevnetCompanion Companion => _companion!;

    /// <summary>Stratos' block interval; zero when it automines.</summary>
    public TimeSpan StratosBlockTime { get; private set; }

    /// <summary>The deployment in the service's configuration shape (<c>Deployment:File</c>).</summary>
    public string DeploymentPath { get; } = Path.Combine(Path.GetTempPath(), $"stratosbridge-bench-deployment-{Guid.NewGuid():N}.json");

    public ChainDeployment Deployment(string chain) => Deployments.Single(d => d.Name == chain);

    /// <summary>Starts everything for <paramref name="chains"/> (names in <see cref="PayingChains"/>) and deploys.</summary>
    public static async Task<PaymentsDevnet> StartAsync(IReadOnlyList<string> chains, TimeSpan stratosBlockTime, TextWriter log)
    {
        var devnet = new PaymentsDevnet();
        try
        {
            devnet._database = await TestDatabase.CreateAsync("bench_payments");
            foreach (var chain in chains)
            {
                var node = await AnvilNode.StartAsync(PayingChains[chain].ChainId);
                devnet._sources[chain] = node;
                devnet.SourceRpcs[chain] = new EvmRpcClient(new HttpClient { BaseAddress = node.RpcUrl, Timeout = TimeSpan.FromSeconds(30) });
            }
            string[] mining = stratosBlockTime > TimeSpan.Zero
                ? ["--block-time", stratosBlockTime.TotalSeconds.ToString(CultureInfo.InvariantCulture)]
                : [];
            devnet._stratos = await AnvilNode.StartAsync(DeploymentSettings.StratosChainId, mining);
            devnet.StratosBlockTime = stratosBlockTime;
            var targets = chains.Select(c => new DeploymentTarget(c, devnet._sources[c].RpcUrl))
                .Append(new DeploymentTarget("stratos", devnet.Stratos.RpcUrl)).ToList();
            devnet.Deployments = await new Deployer(Path.Combine(RepoPaths.Root, "contracts", "artifacts"), DeploymentSettings.Devnet(), log)
                .DeployAsync(targets);
            DeploymentFile.Write(devnet.DeploymentPath, devnet.Deployments);
            devnet._prices = await FakePriceProviders.StartAsync();
            devnet._companion = await StratosDevnetCompanion.StartAsync(new StratosCompanionOptions(devnet.Stratos.RpcUrl));
            return devnet;
        }
        catch
        {
            await devnet.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// The service's configuration (keys with "__"): every chain with <c>Confirmations</c> 0 (<paramref name="sourceBlockTime"/>
    /// is the paying chains' block interval, for ETAs only), the deployment, pricing on the fakes with Stratos REST on the
    /// companion, and OzonePayments per paying chain.
    /// </summary>
    public Dictionary<string, string?> ServiceEnvironment(TimeSpan sourceBlockTime)
    {
        static string Interval(TimeSpan blockTime) => (blockTime > TimeSpan.Zero ? blockTime : TimeSpan.FromSeconds(1)).ToString("c");
        var environment = new Dictionary<string, string?>
        {
            ["Database__ConnectionString"] = Database.ConnectionString,
            ["Deployment__File"] = DeploymentPath,
            ["Chains__stratos__ChainId"] = Stratos.ChainId.ToString(CultureInfo.InvariantCulture),
            ["Chains__stratos__RpcUrl"] = Stratos.RpcUrl.ToString(),
            ["Chains__stratos__BlockTime"] = Interval(StratosBlockTime),
            ["Chains__stratos__Confirmations"] = "0",
        };
        foreach (var (chain, node) in _sources)
        {
            environment[$"Chains__{chain}__ChainId"] = node.ChainId.ToString(CultureInfo.InvariantCulture);
            environment[$"Chains__{chain}__RpcUrl"] = node.RpcUrl.ToString();
            environment[$"Chains__{chain}__BlockTime"] = Interval(sourceBlockTime);
            environment[$"Chains__{chain}__Confirmations"] = "0";
            environment[$"Pricing__Payments__{chain}__Contract"] = Deployment(chain).OzonePayments!.Value.ToString();
        }
        foreach (var (key, value) in Prices.Configuration())
        {
            environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }
        environment["Pricing__Stratos__RestUrl"] = Companion.Url.ToString();
        return environment;
    }

    /// <summary>Stops automining on the paying chains and mines a block every <paramref name="interval"/> instead (whole seconds).</summary>
    public async Task MineSourcesEveryAsync(TimeSpan interval)
    {
        foreach (var node in _sources.Values)
        {
            await node.RpcAsync("evm_setAutomine", false);
            await node.RpcAsync("evm_setIntervalMining", (long)interval.TotalSeconds);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_companion is not null)
        {
            await _companion.DisposeAsync();
        }
        if (_prices is not null)
        {
            await _prices.DisposeAsync();
        }
        foreach (var node in _sources.Values)
        {
            await node.DisposeAsync();
        }
        if (_stratos is not null)
        {
            await _stratos.DisposeAsync();
        }
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
        File.Delete(DeploymentPath);
    }
}
