using Microsoft.Extensions.Configuration;
using StratosBridge.Chains.Evm.Signing;
using StratosBridge.Relayer.Configuration;
using StratosBridge.Relayer.Relaying;

namespace StratosBridge.Relayer.Attesting;

/// <summary>An attester's key and its journal. The key is never logged or shown; errors name the setting only.</summary>
public sealed record AttesterIdentity(EthKey Key, AttesterJournal Journal)
{
    public string Address => Key.Address.ToLowerHex();

    /// <summary>
    /// The attester role's identity: <c>Attester:Key</c> or <c>Attester:KeyFile</c> (exactly one key), and the journal at
    /// <c>Attester:JournalFile</c>.
    /// </summary>
    public static AttesterIdentity Load(IConfiguration configuration, AttesterOptions options)
    {
        var keys = RelayKeys.Read(configuration, "Attester:Key", "Attester:KeyFile");
        if (keys.Count != 1)
        {
            throw new ConfigurationKeyException("Attester:Key",
                keys.Count == 0 ? "is required for the attester role (or set Attester:KeyFile to a file holding it)" : "must be exactly one key");
        }
        if (string.IsNullOrWhiteSpace(options.JournalFile))
        {
            throw new ConfigurationKeyException("Attester:JournalFile",
                "is required for the attester role: the file of every digest it signed, which keeps it from signing a lock twice with other contents");
        }
        try
        {
            return new AttesterIdentity(keys[0], AttesterJournal.Open(options.JournalFile));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            throw new ConfigurationKeyException("Attester:JournalFile", $"cannot be read or written: {e.Message}");
        }
    }
}
