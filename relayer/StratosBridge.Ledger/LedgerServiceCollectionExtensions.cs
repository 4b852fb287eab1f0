using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using StratosBridge.Ledger.Chains;
using StratosBridge.Ledger.Fiat;
using StratosBridge.Ledger.Jobs;
using StratosBridge.Ledger.Migrations;
using StratosBridge.Ledger.OutgoingTxs;
using StratosBridge.Ledger.Payments;
using StratosBridge.Ledger.Prices;
using StratosBridge.Ledger.Quotes;
using StratosBridge.Ledger.SourceEvents;
using StratosBridge.Ledger.Relaying;
using StratosBridge.Ledger.States;
using StratosBridge.Ledger.Transfers;
using StratosBridge.Ledger.Watching;

namespace StratosBridge.Ledger;

public static class LedgerServiceCollectionExtensions
{
    /// <summary>The ledger: one <see cref="NpgsqlDataSource"/>, the EF context factory on it, the migrations runner, the stores and the read-side queries.</summary>
    public static IServiceCollection AddLedger(this IServiceCollection services, string connectionString)
    {
        services.AddSingleton(_ => NpgsqlDataSource.Create(connectionString));
        services.AddDbContextFactory<LedgerDbContext>((sp, options) =>
            options.UseNpgsql(sp.GetRequiredService<NpgsqlDataSource>()));
        services.AddSingleton<MigrationRunner>();
        services.AddSingleton<SourceEventStore>();
        services.AddSingleton<TransferStore>();
        services.AddSingleton<JobFiringStore>();
        services.AddSingleton<PriceReadingStore>();
        services.AddSingleton<ChainScanStore>();
        services.AddSingleton<FailedSourceEventQueries>();
        services.AddSingleton<ReleaseStore>();
        services.AddSingleton<Attestations.AttestationStore>();
        services.AddSingleton<RefundStore>();
        services.AddSingleton<OutgoingTxStore>();
        services.AddSingleton<PaymentStore>();
        services.AddSingleton<CreditStore>();
        services.AddSingleton<TransferQueries>();
        services.AddSingleton<TimelineQueries>();
        services.AddSingleton<ChainProgressQueries>();
        services.AddSingleton<QuoteStore>();
        services.AddSingleton<BusinessAccountStore>();
        services.AddSingleton<CheckoutStore>();
        services.AddSingleton<CheckoutRefundStore>();
        services.AddSingleton<CardReversalStore>();
        services.AddSingleton<StripeEventStore>();
        services.AddSingleton<StatementQueries>();
        services.AddSingleton<Webhooks.WebhookStore>();
        services.AddSingleton<Idempotency.IdempotencyStore>();
        services.AddSingleton<Pauses.PauseStore>();
        services.AddSingleton<Pauses.ReconciliationQueries>();
        services.AddSingleton<Grants.GrantStore>();
        services.AddSingleton<Wakeups.LedgerWakeups>();
        return services;
    }
}
