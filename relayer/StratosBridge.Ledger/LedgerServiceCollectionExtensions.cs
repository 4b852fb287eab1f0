using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using StratosBridge.Ledger.Jobs;
using StratosBridge.Ledger.Migrations;
using StratosBridge.Ledger.Quotes;
using StratosBridge.Ledger.SourceEvents;
using StratosBridge.Ledger.Transfers;

namespace StratosBridge.Ledger;

public static class LedgerServiceCollectionExtensions
{
    /// <summary>The ledger: one <see cref="NpgsqlDataSource"/>, the EF context factory on it, the migrations runner and the stores.</summary>
    public static IServiceCollection AddLedger(this IServiceCollection services, string connectionString)
    {
        services.AddSingleton(_ => NpgsqlDataSource.Create(connectionString));
        services.AddDbContextFactory<LedgerDbContext>((sp, options) =>
            options.UseNpgsql(sp.GetRequiredService<NpgsqlDataSource>()));
        services.AddSingleton<MigrationRunner>();
        services.AddSingleton<SourceEventStore>();
        services.AddSingleton<TransferStore>();
        services.AddSingleton<JobRunStore>();
        services.AddSingleton<QuoteStore>();
        return services;
    }
}
