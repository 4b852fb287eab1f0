using System.Text;

namespace StratosBridge.Relayer.Attesting;

/// <summary>
/// Every digest an attester has signed, by release id and kind: its own memory of what it signed, kept outside the
/// ledger (a file only it writes). <see cref="Admit"/> refuses to sign a release id and kind again with another digest, so a
/// changed ledger row, a lying node or a bug can never get two contents signed for one lock. Lines are written as digests
/// are admitted and flushed to disk (<see cref="Sync"/>) before their signatures leave the process. Without a file (the devnet's in-process attesters) it remembers for
/// the life of the process only.
/// </summary>
public sealed class AttesterJournal : IDisposable
{
    private readonly Dictionary<string, string> _signed = new(StringComparer.OrdinalIgnoreCase);
    private readonly FileStream? _file;
    private readonly object _lock = new();

    private AttesterJournal(FileStream? file) => _file = file;

    public string? Path => _file?.Name;

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _signed.Count;
            }
        }
    }

    /// <summary>Opens (creating it) the journal at <paramref name="path"/> and reads what it holds; a malformed line stops the attester.</summary>
    public static AttesterJournal Open(string path)
    {
        var file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read);
        var journal = new AttesterJournal(file);
        using (var reader = new StreamReader(file, Encoding.UTF8, leaveOpen: true))
        {
            var number = 0;
            while (reader.ReadLine() is { } line)
            {
                number++;
                if (line.Length == 0)
                {
                    continue;
                }
                if (line.Split(' ') is not [var id, var kind, var digest])
                {
                    file.Dispose();
                    throw new InvalidDataException($"attester journal {path}, line {number}: expected 'releaseId kind digest'");
                }
                journal._signed[Key(id, kind)] = digest;
            }
        }
        file.Seek(0, SeekOrigin.End);
        return journal;
    }

    /// <summary>A journal in memory (the devnet's in-process attesters).</summary>
    public static AttesterJournal InMemory() => new(null);

    /// <summary>Whether the journal holds exactly this digest for this release id and kind (the attester signed it).</summary>
    public bool Holds(string releaseId, string kind, string digest)
    {
        lock (_lock)
        {
            return _signed.TryGetValue(Key(releaseId, kind), out var signed) && string.Equals(signed, digest, StringComparison.OrdinalIgnoreCase);
        }
    }

    /// <summary>
    /// May this digest be signed for this release id and kind? True when it is new (then it is written down; call
    /// <see cref="Sync"/> before publishing its signature) or the same as before; false when another digest was signed for it.
    /// </summary>
    public bool Admit(string releaseId, string kind, string digest, out string? signedBefore)
    {
        lock (_lock)
        {
            if (_signed.TryGetValue(Key(releaseId, kind), out signedBefore))
            {
                return string.Equals(signedBefore, digest, StringComparison.OrdinalIgnoreCase);
            }
            if (_file is not null)
            {
                var line = Encoding.UTF8.GetBytes($"{releaseId} {kind} {digest}\n");
                _file.Write(line);
            }
            _signed[Key(releaseId, kind)] = digest;
            return true;
        }
    }

    /// <summary>Everything admitted so far is on disk when this returns (one fsync for a round's signatures).</summary>
    public void Sync()
    {
        lock (_lock)
        {
            _file?.Flush(flushToDisk: true);
        }
    }

    public void Dispose() => _file?.Dispose();

    private static string Key(string releaseId, string kind) => $"{releaseId.ToLowerInvariant()} {kind}";
}
