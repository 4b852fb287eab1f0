namespace StratosBridge.Relayer.Relaying;

/// <summary>
/// PostgreSQL unreachable or restarting: Npgsql's own exception, or EF Core's wrapper of it ("likely due to a transient
/// failure"). Nothing was committed; a worker's next round starts again from the ledger.
/// </summary>
public static class LedgerOutage
{
    public static bool Is(Exception e) =>
        e is Npgsql.NpgsqlException || e.InnerException is Npgsql.NpgsqlException
        || e is Microsoft.EntityFrameworkCore.DbUpdateException { InnerException: Npgsql.NpgsqlException };
}
