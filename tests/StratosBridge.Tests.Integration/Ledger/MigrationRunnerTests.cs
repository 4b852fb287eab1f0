using StratosBridge.Ledger.Migrations;

namespace StratosBridge.Tests.Integration.Ledger;

public sealed class MigrationRunnerTests
{
    [Fact]
    public async Task Applying_twice_is_a_no_op()
    {
        await using var ledger = await LedgerHarness.CreateAsync("migrate_twice", migrate: false);
        var runner = ledger.Get<MigrationRunner>();

        var first = await runner.ApplyAsync();
        var second = await runner.ApplyAsync();

        Assert.Equal(MigrationScript.Embedded().Select(s => s.Version), first);
        Assert.Empty(second);
        Assert.Equal(first.Count, await ledger.ScalarAsync("SELECT count(*) FROM schema_migrations"));
        Assert.Equal(1, await ledger.ScalarAsync("SELECT count(*) FROM information_schema.tables WHERE table_name = 'transfers'"));
    }

    [Fact]
    public async Task A_failing_script_leaves_the_schema_unchanged()
    {
        await using var ledger = await LedgerHarness.CreateAsync("migrate_fail", migrate: false);
        var scripts = MigrationScript.Embedded()
            .Append(new MigrationScript("9000_good.sql", "CREATE TABLE good_before_bad (id int)"))
            .Append(new MigrationScript("9001_bad.sql", "ALTER TABLE no_such_table ADD COLUMN x int"))
            .ToList();

        var failure = await Assert.ThrowsAsync<MigrationFailedException>(() => ledger.Get<MigrationRunner>().ApplyAsync(scripts));

        Assert.Equal("9001_bad.sql", failure.Version);
        Assert.Contains("no_such_table", failure.Message);
        Assert.Equal(0, await ledger.ScalarAsync(
            "SELECT count(*) FROM information_schema.tables WHERE table_name IN ('transfers', 'good_before_bad', 'schema_migrations')"));
    }

    [Fact]
    public async Task A_script_changed_after_it_was_applied_is_refused()
    {
        await using var ledger = await LedgerHarness.CreateAsync("migrate_changed");
        var tampered = MigrationScript.Embedded()
            .Select(s => s with { Sql = s.Sql + "\n-- edited" })
            .ToList();

        var failure = await Assert.ThrowsAsync<MigrationFailedException>(() => ledger.Get<MigrationRunner>().ApplyAsync(tampered));

        Assert.Contains("changed after it was applied", failure.Message);
    }

    [Fact]
    public async Task Concurrent_runners_apply_each_script_once()
    {
        await using var ledger = await LedgerHarness.CreateAsync("migrate_concurrent", migrate: false);
        var runner = ledger.Get<MigrationRunner>();

        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => runner.ApplyAsync()));

        Assert.Single(results, r => r.Count > 0);
        Assert.Equal(MigrationScript.Embedded().Count, await ledger.ScalarAsync("SELECT count(*) FROM schema_migrations"));
    }
}
