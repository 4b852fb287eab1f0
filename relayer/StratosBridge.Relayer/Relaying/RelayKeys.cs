using Microsoft.Extensions.Configuration;
using StratosBridge.Chains.Evm.Signing;
using StratosBridge.Relayer.Configuration;

namespace StratosBridge.Relayer.Relaying;

/// <summary>
/// The relayer's signing key (sends the release transactions; must hold RELAYER on the vaults and gas on every chain), read
/// from <c>Relay:SignerKey</c> (hex) or <c>Relay:SignerKeyFile</c> (a file holding the hex). The relayer holds no attester
/// key: attesters are their own processes (<c>Roles=attester</c>, README "Attesters"). The one exception is the one-process
/// devnet shortcut <c>Relay:InProcessAttesters=true</c> with <c>Relay:AttesterKeys</c>/<c>Relay:AttesterKeyFiles</c>: it is
/// refused unless every chain is a local devnet: loopback RPC endpoints, and a chain with a mainnet chain id (Ethereum 1,
/// BSC 56; the devnet's anvil nodes borrow them) must be answered by anvil (<see cref="RefuseMainnetAsync"/>, at start).
/// Values are never logged or shown; errors name the key only.
/// </summary>
public sealed class RelayKeys
{
    public const string InProcessAttestersKey = "Relay:InProcessAttesters";

    /// <summary>Mainnet chain ids: the in-process shortcut accepts them only from an anvil node (the devnet borrows them).</summary>
    private static readonly HashSet<long> MainnetChainIds = [1, 56];

    private RelayKeys(EthKey signer, IReadOnlyList<EthKey> inProcessAttesters)
    {
        Signer = signer;
        InProcessAttesters = inProcessAttesters;
    }

    public EthKey Signer { get; }

    /// <summary>The devnet shortcut's attester keys (empty unless <c>Relay:InProcessAttesters=true</c>).</summary>
    public IReadOnlyList<EthKey> InProcessAttesters { get; }

    /// <summary>Whether the one-process devnet shortcut is asked for.</summary>
    public static bool InProcess(IConfiguration configuration) =>
        bool.TryParse(configuration[InProcessAttestersKey], out var on) && on;

    public static RelayKeys Load(IConfiguration configuration, ChainsOptions chains)
    {
        var signer = Read(configuration, "Relay:SignerKey", "Relay:SignerKeyFile").SingleOrDefault()
                     ?? throw new ConfigurationKeyException("Relay:SignerKey",
                         "is required when a chain has vaults or a SystemContract (or set Relay:SignerKeyFile to a file holding the key)");
        var attesters = Read(configuration, "Relay:AttesterKeys", "Relay:AttesterKeyFiles");
        if (!InProcess(configuration))
        {
            if (attesters.Count > 0)
            {
                throw new ConfigurationKeyException("Relay:AttesterKeys",
                    "is set, but the relayer holds no attester key: run each attester as its own process (Roles=attester, README " +
                    "\"Attesters\"); only a one-process devnet may set Relay:InProcessAttesters=true");
            }
            return new RelayKeys(signer, []);
        }
        if (chains.FirstOrDefault(c => !IsLoopback(c.Value.RpcUrl)) is { Key: { } name })
        {
            throw new ConfigurationKeyException(InProcessAttestersKey,
                $"is a devnet shortcut, refused because chain '{name}' has a non-local RPC endpoint: attesters must be their own processes " +
                "with their own keys and nodes");
        }
        if (attesters.Count == 0)
        {
            throw new ConfigurationKeyException("Relay:AttesterKeys", "is required with Relay:InProcessAttesters=true (or set Relay:AttesterKeyFiles)");
        }
        return new RelayKeys(signer, attesters);
    }

    /// <summary>
    /// Refuses the in-process shortcut (throws) when a chain with a mainnet chain id is not answered by anvil
    /// (<c>web3_clientVersion</c>): a local proxy of a real network is not a devnet.
    /// </summary>
    public static async Task RefuseMainnetAsync(ChainClients chains, CancellationToken ct)
    {
        foreach (var name in chains.Names.Where(n => MainnetChainIds.Contains(chains.Options(n).ChainId)))
        {
            var client = await chains.Rpc(name).RequestAsync<string>("web3_clientVersion", [], ct);
            if (!client.StartsWith("anvil", StringComparison.OrdinalIgnoreCase))
            {
                throw new ConfigurationKeyException(InProcessAttestersKey,
                    $"is a devnet shortcut, refused because chain '{name}' has mainnet chain id {chains.Options(name).ChainId} and its node is " +
                    $"'{client}', not anvil");
            }
        }
    }

    private static bool IsLoopback(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.IsLoopback || uri.Host == "localhost");

    internal static List<EthKey> Read(IConfiguration configuration, string valueKey, string fileKey)
    {
        var keys = new List<EthKey>();
        var values = Split(configuration[valueKey]).Select(v => (Key: valueKey, Text: v)).ToList();
        foreach (var path in Split(configuration[fileKey]))
        {
            if (!File.Exists(path))
            {
                throw new ConfigurationKeyException(fileKey, $"names '{path}', which does not exist");
            }
            values.Add((fileKey, File.ReadAllText(path).Trim()));
        }
        foreach (var (key, text) in values)
        {
            try
            {
                keys.Add(EthKey.FromHex(text));
            }
            catch (Exception e) when (e is FormatException or ArgumentException)
            {
                throw new ConfigurationKeyException(key, "is not a 32-byte hex private key (the value is not shown)");
            }
        }
        return keys;
    }

    private static IEnumerable<string> Split(string? value) =>
        (value ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
