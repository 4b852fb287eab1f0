using Microsoft.EntityFrameworkCore;
using StratosBridge.Core.Transfers;
using StratosBridge.Ledger.States;

namespace StratosBridge.Ledger.Transfers;

/// <summary>
/// Transfers outside the watcher's and the relay worker's paths: reading one. A transfer whose worker died is claimed again
/// when its lease runs out (<see cref="Relaying.ReleaseStore.ClaimAsync"/>).
/// Transfers are opened by <see cref="Watching.ChainScanStore"/> and moved through <see cref="StateChange"/> with
/// <see cref="TransferStates.Machine"/>, like every state change.
/// </summary>
public sealed class TransferStore(IDbContextFactory<LedgerDbContext> contexts)
{
    public async Task<TransferRow?> GetAsync(long id, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.Transfers.AsNoTracking().SingleOrDefaultAsync(t => t.Id == id, ct);
    }
}
