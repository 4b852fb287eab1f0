using System.ComponentModel.DataAnnotations;

namespace StratosBridge.Relayer.Attesting;

/// <summary>
/// Section <c>Attester</c> of an attester process (<c>Roles=attester</c>). Its key is never here: <c>Attester:Key</c>
/// (hex, environment) or <c>Attester:KeyFile</c> (a file holding the hex), read by <see cref="AttesterIdentity"/>. Its RPC
/// endpoints are its own <c>Chains</c> section, its database credentials its own <c>Database:ConnectionString</c>.
/// </summary>
public sealed class AttesterOptions
{
    public const string Section = "Attester";

    /// <summary>
    /// The attester's journal: an append-only file of every digest it signed, read at start. It is the attester's own
    /// memory, outside the ledger: it never signs a release id (or cancel, refund) with other contents than the journal
    /// holds, whatever the database says. Required for the attester role; keep it on durable storage with the key.
    /// </summary>
    public string? JournalFile { get; set; }

    /// <summary>How often it looks for locks to sign when idle (and reports that it is alive).</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:10:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Locks read per round.</summary>
    [Range(1, 1_000)]
    public int BatchSize { get; set; } = 100;

    /// <summary>Locks checked against its node at once (each is a receipt read and a signature).</summary>
    [Range(1, 64)]
    public int Parallelism { get; set; } = 8;

    /// <summary>A lock it refused (its node contradicts the ledger) or that is not final on its node yet is looked at again after this.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "1.00:00:00")]
    public TimeSpan RecheckAfter { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The longest back-off after failed rounds (its node or the ledger unreachable).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromMinutes(1);
}
