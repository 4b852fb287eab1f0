using System.Collections.Concurrent;
using System.Numerics;
using System.Security.Cryptography;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using StratosBridge.Chains.Solana;
using StratosBridge.Ledger;
using StratosBridge.Ledger.Migrations;
using StratosBridge.Ledger.Payments;
using StratosBridge.Ledger.Quotes;
using StratosBridge.Relayer.Configuration;
using StratosBridge.Relayer.Jobs;
using StratosBridge.Relayer.Watchers;
using StratosBridge.TestKit.Postgres;

namespace StratosBridge.Tests.Integration.Solana;

/// <summary>
/// The Solana watcher as the <c>watchers</c> role wires it (<see cref="SolanaWatching.AddSolanaWatcher"/> over
/// configuration keys), on a test's database (migrated) and a devnet's RPC URL, with every log line captured. One
/// harness is one process's worth of watcher: a second one on the same database is a restart or another instance.
/// </summary>
public sealed class SolanaWatcherHarness : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private bool _started;

    private SolanaWatcherHarness(ServiceProvider services, CapturingLoggerProvider logs, string recipient)
    {
        _services = services;
        Logs = logs;
        Recipient = recipient;
    }

    public string Recipient { get; }

    public CapturingLoggerProvider Logs { get; }

    public SolanaPaymentScanner Scanner => _services.GetRequiredService<SolanaPaymentScanner>();

    public SolanaPaymentWatcher Watcher => _services.GetRequiredService<SolanaPaymentWatcher>();

    public QuoteStore Quotes => _services.GetRequiredService<QuoteStore>();

    public PaymentStore Payments => _services.GetRequiredService<PaymentStore>();

    public static async Task<SolanaWatcherHarness> CreateAsync(TestDatabase database, Uri rpcUrl, string recipient,
        string instance = "solana-watcher-test", IDictionary<string, string?>? settings = null)
    {
        var values = new Dictionary<string, string?>
        {
            ["Solana:RpcUrl"] = rpcUrl.ToString(),
            ["Solana:PollInterval"] = "00:00:00.100",
            ["Solana:MaxQuoteInterval"] = "00:00:01",
            ["Solana:Resilience:MaxRetryAttempts"] = "1",
            ["Solana:Resilience:BaseDelay"] = "00:00:00.020",
            ["Solana:Resilience:AttemptTimeout"] = "00:00:05",
            ["Pricing:Payments:solana:Recipient"] = recipient,
            ["Jobs:InstanceId"] = instance,
            ["Watchers:TakeoverInterval"] = "00:00:00.100",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var logs = new CapturingLoggerProvider();
        var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddLogging(l => l.AddProvider(logs).SetMinimumLevel(LogLevel.Debug))
            .AddLedger(database.ConnectionString);
        services.AddValidatedOptions<JobsOptions>(JobsOptions.Section);
        services.AddValidatedOptions<WatcherOptions>(WatcherOptions.Section);
        services.AddSolanaWatcher(configuration);
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
        await provider.GetRequiredService<MigrationRunner>().ApplyAsync();
        return new SolanaWatcherHarness(provider, logs, recipient);
    }

    /// <summary>Starts the watcher as the host would (its ExecuteAsync runs in the background until disposed).</summary>
    public async Task StartWatcherAsync()
    {
        await Watcher.StartAsync(CancellationToken.None);
        _started = true;
    }

    /// <summary>A SOL quote due <paramref name="amountDue"/> lamports to the recipient, with a fresh Solana Pay reference.</summary>
    public async Task<QuoteRow> CreateQuoteAsync(BigInteger amountDue) => (await Quotes.CreateAsync(SolQuote(Recipient, amountDue))).Quote;

    /// <summary>A SOL quote to store: random id, fresh reference (any 32 bytes), 15 min expiry, 24 h monitoring.</summary>
    public static NewQuote SolQuote(string recipient, BigInteger amountDue) => new(
        "0x" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32)), "0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed",
        "SOL", "solana", recipient, null, 1_000_000_000, BigInteger.Pow(10, 18), amountDue, 0.25m, 150m, 1m,
        new SolanaPublicKey(RandomNumberGenerator.GetBytes(SolanaPublicKey.Size)).ToString(),
        TimeSpan.FromMinutes(15), TimeSpan.FromHours(24), """{"test":true}""");

    /// <summary>
    /// <paramref name="count"/> more SOL quotes like <paramref name="template"/>, each with its own id and fresh reference,
    /// none ever paid (a flood of quotes; one statement).
    /// </summary>
    public async Task FloodAsync(QuoteRow template, int count)
    {
        var ids = Enumerable.Range(0, count).Select(_ => "0x" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32))).ToArray();
        var references = Enumerable.Range(0, count)
            .Select(_ => new SolanaPublicKey(RandomNumberGenerator.GetBytes(SolanaPublicKey.Size)).ToString()).ToArray();
        var inserted = await ScalarAsync("""
            WITH flood AS (
              INSERT INTO quotes (id, beneficiary, pay_asset, pay_chain, pay_to, chain_id, noz, stos_wei, amount_due, stos_usd,
                                  asset_usd, spread_percent, solana_reference, expires_at, monitor_until, pricing_rule)
              SELECT f.id, q.beneficiary, q.pay_asset, q.pay_chain, q.pay_to, q.chain_id, q.noz, q.stos_wei, q.amount_due, q.stos_usd,
                     q.asset_usd, q.spread_percent, f.reference, q.expires_at, q.monitor_until, q.pricing_rule
                FROM quotes q, unnest($1::text[], $2::text[]) AS f (id, reference)
               WHERE q.id = $3
              RETURNING 1)
            SELECT count(*) FROM flood
            """, ids, references, template.Id);
        if (inserted != count)
        {
            throw new InvalidOperationException($"{inserted} flood quotes inserted, {count} meant");
        }
    }

    public async Task<long> ScalarAsync(string sql, params object[] parameters)
    {
        await using var cmd = _services.GetRequiredService<NpgsqlDataSource>().CreateCommand(sql);
        foreach (var parameter in parameters)
        {
            cmd.Parameters.AddWithValue(parameter);
        }
        return Convert.ToInt64(await cmd.ExecuteScalarAsync());
    }

    public Task<long> PaymentCountAsync() => ScalarAsync("SELECT count(*) FROM payments WHERE chain = 'solana'");

    public async ValueTask DisposeAsync()
    {
        if (_started)
        {
            await Watcher.StopAsync(CancellationToken.None);
        }
        await _services.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
    }

    public sealed record LogEntry(LogLevel Level, string Category, string Message);

    public sealed class CapturingLoggerProvider : ILoggerProvider
    {
        public ConcurrentQueue<LogEntry> Entries { get; } = new();

        public IReadOnlyList<LogEntry> At(LogLevel level, string containing) =>
            Entries.Where(e => e.Level == level && e.Message.Contains(containing, StringComparison.Ordinal)).ToList();

        public ILogger CreateLogger(string categoryName) => new CapturingLogger(categoryName, Entries);

        public void Dispose()
        {
        }

        private sealed class CapturingLogger(string category, ConcurrentQueue<LogEntry> entries) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception,
                Func<TState, Exception?, string> formatter) =>
                entries.Enqueue(new LogEntry(logLevel, category, formatter(state, exception)));
        }
    }
}
