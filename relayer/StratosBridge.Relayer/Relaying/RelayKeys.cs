using Microsoft.Extensions.Configuration;
using StratosBridge.Chains.Evm.Signing;
using StratosBridge.Relayer.Configuration;

namespace StratosBridge.Relayer.Relaying;

/// <summary>
/// The relayer's signing key (sends the release transactions; must hold RELAYER on the vaults and gas on every chain)
/// and the attester keys (their EIP-712 signatures count towards each vault's threshold). Read from
/// <c>Relay:SignerKey</c> (hex) or <c>Relay:SignerKeyFile</c> (a file holding the hex), and <c>Relay:AttesterKeys</c>
/// (comma-separated hex) or <c>Relay:AttesterKeyFiles</c> (comma-separated paths). Values are never logged or shown;
/// errors name the key only.
/// </summary>
public sealed class RelayKeys
{
    private RelayKeys(EthKey signer, IReadOnlyList<EthKey> attesters)
    {
        Signer = signer;
        Attesters = attesters;
    }

    public EthKey Signer { get; }

    public IReadOnlyList<EthKey> Attesters { get; }

    /// <param name="attestersRequired">True when a chain has vaults (releases need attestations); the prepays of the
    /// credit worker need the signer only.</param>
    public static RelayKeys Load(IConfiguration configuration, bool attestersRequired = true)
    {
        var signer = Read(configuration, "Relay:SignerKey", "Relay:SignerKeyFile").SingleOrDefault()
                     ?? throw new ConfigurationKeyException("Relay:SignerKey",
                         "is required when a chain has vaults or a SystemContract (or set Relay:SignerKeyFile to a file holding the key)");
        var attesters = Read(configuration, "Relay:AttesterKeys", "Relay:AttesterKeyFiles");
        if (attesters.Count == 0 && attestersRequired)
        {
            throw new ConfigurationKeyException("Relay:AttesterKeys", "is required when a chain has vaults (or set Relay:AttesterKeyFiles)");
        }
        return new RelayKeys(signer, attesters);
    }

    private static List<EthKey> Read(IConfiguration configuration, string valueKey, string fileKey)
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
