using Microsoft.EntityFrameworkCore;
using Npgsql;
using StratosBridge.Core.Ledger;

namespace StratosBridge.Ledger.SourceEvents;

/// <summary>Records outside inputs exactly once: a duplicate natural key answers <see cref="Recorded.AlreadyKnown"/>.</summary>
public sealed class SourceEventStore(IDbContextFactory<LedgerDbContext> contexts)
{
    public async Task<Recorded> RecordAsync(SourceEventRow row, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        db.SourceEvents.Add(row);
        try
        {
            await db.SaveChangesAsync(ct);
            return Recorded.Inserted;
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            return Recorded.AlreadyKnown;
        }
    }

    public async Task<SourceEventRow?> FindAsync(string chain, string txHash, string sourceRef, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.SourceEvents.AsNoTracking()
            .SingleOrDefaultAsync(e => e.Chain == chain && e.TxHash == txHash && e.SourceRef == sourceRef, ct);
    }
}
