using System.Text.Json;
using System.Text.Json.Nodes;
using StratosBridge.Chains.Evm;

namespace StratosBridge.Deploy;

/// <summary>
/// Writes the deployment in the service's configuration shape, so the service loads it as one more configuration file
/// (<c>Deployment:File</c>):
/// <code>
/// { "Chains": { "ethereum": { "ChainId": 1, "Contracts": { "FromBlock": 3, "StosToken": "0x…", "OzonePayments": "0x…",
///                                                          "Vaults": { "stratos": "0x…" } } },
///               "stratos":  { "ChainId": 2048, "Contracts": { "FromBlock": 1, "SystemContract": "0x1000…010101",
///                                                          "Vaults": { "ethereum": "0x…", "bsc": "0x…" } } } } }
/// </code>
/// </summary>
public static class DeploymentFile
{
    public static string ToJson(IReadOnlyList<ChainDeployment> chains)
    {
        var chainsNode = new JsonObject();
        foreach (var chain in chains)
        {
            var contracts = new JsonObject { ["FromBlock"] = chain.FromBlock };
            if (chain.StosToken is { } token)
            {
                contracts["StosToken"] = token.ToString();
            }
            if (chain.OzonePayments is { } payments)
            {
                contracts["OzonePayments"] = payments.ToString();
            }
            if (chain.Timelock != EthAddress.Zero)
            {
                contracts["Timelock"] = chain.Timelock.ToString();
            }
            if (chain.SystemContract is { } system)
            {
                contracts["SystemContract"] = system.ToString();
            }
            var vaults = new JsonObject();
            foreach (var (peer, vault) in chain.Vaults)
            {
                vaults[peer] = vault.ToString();
            }
            contracts["Vaults"] = vaults;
            chainsNode[chain.Name] = new JsonObject { ["ChainId"] = chain.ChainId, ["Contracts"] = contracts };
        }
        return new JsonObject { ["Chains"] = chainsNode }.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";
    }

    /// <summary>Writes atomically (temp file + rename), so a reader never sees half a file.</summary>
    public static void Write(string path, IReadOnlyList<ChainDeployment> chains)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(directory);
        var temp = Path.Combine(directory, $".{Path.GetFileName(path)}.{Environment.ProcessId}.tmp");
        File.WriteAllText(temp, ToJson(chains));
        File.Move(temp, path, overwrite: true);
    }
}
