using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using StratosBridge.Ledger;
using StratosBridge.Ledger.Migrations;
using StratosBridge.TestKit.Postgres;

namespace StratosBridge.Tests.Integration.Ledger;

/// <summary>A test's own database with the ledger schema applied, and the ledger's services on it.</summary>
public sealed class LedgerHarness : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private LedgerHarness(TestDatabase database, ServiceProvider services)
    {
        Database = database;
        _services = services;
    }

    public TestDatabase Database { get; }

    public T Get<T>() where T : notnull => _services.GetRequiredService<T>();

    public static async Task<LedgerHarness> CreateAsync(string hint, bool migrate = true)
    {
        var database = await TestDatabase.CreateAsync(hint);
        var services = new ServiceCollection()
            .AddSingleton(typeof(Microsoft.Extensions.Logging.ILogger<>), typeof(NullLogger<>))
            .AddLedger(database.ConnectionString)
            .BuildServiceProvider();
        if (migrate)
        {
            await services.GetRequiredService<MigrationRunner>().ApplyAsync();
        }
        return new LedgerHarness(database, services);
    }

    public Task<LedgerDbContext> ContextAsync() => Get<IDbContextFactory<LedgerDbContext>>().CreateDbContextAsync();

    public async Task<long> ScalarAsync(string sql)
    {
        await using var cmd = Get<NpgsqlDataSource>().CreateCommand(sql);
        return Convert.ToInt64(await cmd.ExecuteScalarAsync());
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        await Database.DisposeAsync();
    }
}
