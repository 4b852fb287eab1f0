using StratosBridge.Deploy;

// contracts/deploy --devnet --out FILE [--artifacts DIR] [--timelock-delay SECONDS] [--fee WEI] [--attesters ADDR,…] [--threshold M]
//                  NAME=RPC_URL...
// Deploys the bridge contracts to each named chain (exactly one of them Stratos, chain id 2048) and writes the addresses
// to FILE in the service's configuration shape. --devnet uses anvil's deterministic keys; it is the only mode so far,
// because a production deployment is a governance act with hardware keys, not a script run.
const string Usage = "usage: contracts/deploy --devnet --out FILE [--artifacts DIR] [--timelock-delay SECONDS] [--fee WEI] " +
                     "[--attesters ADDR,ADDR,…] [--threshold M] NAME=RPC_URL [NAME=RPC_URL ...]\n" +
                     "  --attesters: the vaults' attesters (default anvil's key #2 alone); --threshold: signatures each release needs (default 1)\n" +
                     "  e.g. contracts/deploy --devnet --out .devnet/deployment.json ethereum=http://127.0.0.1:18545 " +
                     "bsc=http://127.0.0.1:18546 stratos=http://127.0.0.1:18547";
string? output = null;
string? artifacts = null;
var devnet = false;
var settings = DeploymentSettings.Devnet();
var targets = new List<DeploymentTarget>();
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--devnet": devnet = true; break;
        case "--out" when i + 1 < args.Length: output = args[++i]; break;
        case "--artifacts" when i + 1 < args.Length: artifacts = args[++i]; break;
        case "--timelock-delay" when i + 1 < args.Length && int.TryParse(args[i + 1], out var seconds) && seconds >= 0:
            settings = settings with { TimelockDelay = TimeSpan.FromSeconds(seconds) };
            i++;
            break;
        case "--fee" when i + 1 < args.Length && System.Numerics.BigInteger.TryParse(args[i + 1], out var fee) && fee >= 0:
            settings = settings with { Fee = fee };
            i++;
            break;
        case "--attesters" when i + 1 < args.Length && args[i + 1].Split(',') is { Length: > 0 } list
                                && list.All(a => StratosBridge.Chains.Evm.EthAddress.TryParse(a, out _)):
            settings = settings with { Attesters = [.. list.Select(a => StratosBridge.Chains.Evm.EthAddress.Parse(a))] };
            i++;
            break;
        case "--threshold" when i + 1 < args.Length && int.TryParse(args[i + 1], out var threshold) && threshold >= 1:
            settings = settings with { Threshold = threshold };
            i++;
            break;
        case var target when target.Split('=', 2) is [var name, var url] && Uri.TryCreate(url, UriKind.Absolute, out var uri):
            targets.Add(new DeploymentTarget(name, uri));
            break;
        default:
            Console.Error.WriteLine($"deploy: unexpected argument '{args[i]}'\n{Usage}");
            return 64;
    }
}
if (!devnet || output is null || targets.Count == 0 || settings.Threshold > settings.Attesters.Count)
{
    Console.Error.WriteLine(Usage);
    return 64;
}
artifacts ??= Path.Combine(AppContext.BaseDirectory, "artifacts");
try
{
    Console.WriteLine($"deploying to {string.Join(", ", targets.Select(t => $"{t.Name} ({t.RpcUrl})"))}");
    var chains = await new Deployer(artifacts, settings, Console.Out).DeployAsync(targets);
    DeploymentFile.Write(output, chains);
    Console.WriteLine($"addresses written to {output}");
    return 0;
}
catch (Exception e) when (e is not OutOfMemoryException)
{
    Console.Error.WriteLine($"deploy failed: {e.Message}");
    return 1;
}
