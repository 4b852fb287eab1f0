using System.Globalization;
using System.Numerics;
using StratosBridge.Chains.Evm.Rpc;
using StratosBridge.Deploy;
using StratosBridge.TestKit;
using StratosBridge.TestKit.Anvil;
using StratosBridge.TestKit.Postgres;

namespace StratosBridge.Bench;

/// <summary>
/// What <c>ops/bench migration</c> runs on, all its own: a database in a private PostgreSQL cluster, anvil "ethereum"
/// (chain 1, automining until <see cref="MineEthereumEveryAsync"/>) and "stratos" (2048, a block every
/// <c>destBlockTime</c>, or automining) on free ports, and the bridge deployed on them by the same
/// <see cref="Deployer"/> as <c>contracts/deploy</c>, written to a deployment file for the service. Everything is stopped
/// by pid (the anvils here, the cluster when the process exits) and the file deleted on dispose.
/// </summary>
public sealed class MigrationDevnet : IAsyncDisposable
{
    private TestDatabase? _database;
    private AnvilNode? _ethereum;
    private AnvilNode? _stratos;

    private MigrationDevnet()
    {
    }

    public TestDatabase Database => _database!;

    public AnvilNode Ethereum => _ethereum!;

    public AnvilNode Stratos => _stratos!;

    public EvmRpcClient EthereumRpc { get; private set; } = null!;

    public EvmRpcClient StratosRpc { get; private set; } = null!;

    public ChainDeployment EthereumDeployment { get; private set; } = null!;

    public ChainDeployment StratosDeployment { get; private set; } = null!;

    /// <summary>Stratos' block interval; zero when it automines.</summary>
    public TimeSpan StratosBlockTime { get; private set; }

    /// <summary>The deployment in the service's configuration shape (<c>Deployment:File</c>).</summary>
    public string DeploymentPath { get; } = Path.Combine(Path.GetTempPath(), $"stratosbridge-bench-deployment-{Guid.NewGuid():N}.json");

    /// <summary>
    /// Starts and deploys; <paramref name="devBalance"/> is what each of anvil's dev accounts holds (native coin), enough
    /// for the deployer to fund the Stratos vault with <see cref="DeploymentSettings.InitialLiquidity"/>.
    /// </summary>
    public static async Task<MigrationDevnet> StartAsync(DeploymentSettings settings, BigInteger devBalance, TimeSpan destBlockTime,
        TextWriter log)
    {
        var devnet = new MigrationDevnet();
        try
        {
            var balance = (devBalance / BigInteger.Pow(10, 18) + 1).ToString(CultureInfo.InvariantCulture);
            devnet._database = await TestDatabase.CreateAsync("bench_migration");
            devnet._ethereum = await AnvilNode.StartAsync(1, "--balance", balance);
            string[] mining = destBlockTime > TimeSpan.Zero
                ? ["--block-time", destBlockTime.TotalSeconds.ToString(CultureInfo.InvariantCulture)]
                : [];
            devnet._stratos = await AnvilNode.StartAsync(DeploymentSettings.StratosChainId, ["--balance", balance, .. mining]);
            devnet.StratosBlockTime = destBlockTime;
            devnet.EthereumRpc = new EvmRpcClient(new HttpClient { BaseAddress = devnet.Ethereum.RpcUrl, Timeout = TimeSpan.FromSeconds(30) });
            devnet.StratosRpc = new EvmRpcClient(new HttpClient { BaseAddress = devnet.Stratos.RpcUrl, Timeout = TimeSpan.FromSeconds(30) });
            var chains = await new Deployer(Path.Combine(RepoPaths.Root, "contracts", "artifacts"), settings, log).DeployAsync(
                [new DeploymentTarget("ethereum", devnet.Ethereum.RpcUrl), new DeploymentTarget("stratos", devnet.Stratos.RpcUrl)]);
            devnet.EthereumDeployment = chains.Single(c => c.Name == "ethereum");
            devnet.StratosDeployment = chains.Single(c => c.Name == "stratos");
            DeploymentFile.Write(devnet.DeploymentPath, chains);
            return devnet;
        }
        catch
        {
            await devnet.DisposeAsync();
            throw;
        }
    }

    /// <summary>The service's configuration for these chains: <paramref name="sourceBlockTime"/> is the ethereum block interval (ETAs only).</summary>
    public Dictionary<string, string?> ServiceEnvironment(TimeSpan sourceBlockTime) => new()
    {
        ["Database__ConnectionString"] = Database.ConnectionString,
        ["Deployment__File"] = DeploymentPath,
        ["Chains__ethereum__ChainId"] = Ethereum.ChainId.ToString(CultureInfo.InvariantCulture),
        ["Chains__ethereum__RpcUrl"] = Ethereum.RpcUrl.ToString(),
        ["Chains__ethereum__BlockTime"] = (sourceBlockTime > TimeSpan.Zero ? sourceBlockTime : TimeSpan.FromSeconds(1)).ToString("c"),
        ["Chains__ethereum__Confirmations"] = "0",
        ["Chains__stratos__ChainId"] = Stratos.ChainId.ToString(CultureInfo.InvariantCulture),
        ["Chains__stratos__RpcUrl"] = Stratos.RpcUrl.ToString(),
        ["Chains__stratos__BlockTime"] = (StratosBlockTime > TimeSpan.Zero ? StratosBlockTime : TimeSpan.FromSeconds(1)).ToString("c"),
        ["Chains__stratos__Confirmations"] = "0",
    };

    /// <summary>Stops automining on ethereum and mines a block every <paramref name="interval"/> instead (whole seconds).</summary>
    public async Task MineEthereumEveryAsync(TimeSpan interval)
    {
        await Ethereum.RpcAsync("evm_setAutomine", false);
        await Ethereum.RpcAsync("evm_setIntervalMining", (long)interval.TotalSeconds);
    }

    public async ValueTask DisposeAsync()
    {
        if (_ethereum is not null)
        {
            await _ethereum.DisposeAsync();
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
