using Npgsql;
using StratosBridge.Relayer.Configuration;
using StratosBridge.TestKit.Postgres;

namespace StratosBridge.Tests.Integration.Hosting;

public sealed class StartupConfigurationTests
{
    private static async Task<(int ExitCode, string Output)> StartWithAsync(TestDatabase db, params (string Key, string Value)[] settings)
    {
        var env = ServiceProcess.Environment(db.ConnectionString, "api,jobs,watchers", "cfg-test");
        env["Chains__ethereum__ChainId"] = "1";
        env["Chains__ethereum__RpcUrl"] = "http://127.0.0.1:9";
        foreach (var (k, v) in settings)
        {
            env[k] = v;
        }
        return await ServiceProcess.RunToExitAsync(env);
    }

    [Theory]
    [InlineData("Chains__ethereum__RpcUrl", "not-a-url", "Chains:ethereum:RpcUrl")]
    [InlineData("Chains__ethereum__RpcUrl", "ftp://127.0.0.1/rpc", "Chains:ethereum:RpcUrl")]
    [InlineData("Chains__ethereum__ChainId", "0", "Chains:ethereum:ChainId")]
    [InlineData("Jobs__InvisibilityTimeout", "00:00:00", "Jobs:InvisibilityTimeout")]
    [InlineData("Jobs__InvisibilityTimeout", "every minute", "Jobs:InvisibilityTimeout")]
    [InlineData("Roles", "api,relay", "Roles")]
    [InlineData("Database__ConnectionString", "", "Database:ConnectionString")]
    [InlineData("Deployment__File", "/nonexistent/deployment.json", "Deployment:File")]
    [InlineData("Chains__ethereum__Contracts__Vaults__stratos", "0x1234", "Chains:ethereum:Contracts:Vaults:stratos")]
    [InlineData("Chains__ethereum__Contracts__Vaults__polygon", "0x5FbDB2315678afecb367f032d93F642f64180aa3", "Chains:ethereum:Contracts:Vaults:polygon")]
    [InlineData("Chains__ethereum__Contracts__OzonePayments", "vault", "Chains:ethereum:Contracts:OzonePayments")]
    [InlineData("Chains__ethereum__Contracts__Vaults__ethereum", "0x5FbDB2315678afecb367f032d93F642f64180aa3", "Relay:SignerKey")]
    [InlineData("Pricing__Sources__kraken__BaseUrl", "not-a-url", "Pricing:Sources:kraken:BaseUrl")]
    [InlineData("Pricing__Sources__bitstamp__PollInterval", "00:00:05", "Pricing:Sources:bitstamp:Provider")]
    [InlineData("Pricing__MaxDeviationPercent", "0", "Pricing:MaxDeviationPercent")]
    [InlineData("Pricing__MonitoringWindow", "00:01:00", "Pricing:MonitoringWindow")]
    [InlineData("Pricing__Payments__ethereum__Contract", "0x1234", "Pricing:Payments:ethereum:Contract")]
    [InlineData("Pricing__Payments__bsc__Contract", "0x5FbDB2315678afecb367f032d93F642f64180aa3", "Pricing:Payments:bsc:ChainId")]
    [InlineData("Pricing__Sources__chainlink__Chain", "bsc", "Pricing:Sources:chainlink:Chain")]
    [InlineData("Solana__RpcUrl", "not-a-url", "Solana:RpcUrl")]
    [InlineData("Solana__PollInterval", "00:00:00", "Solana:PollInterval")]
    [InlineData("Solana__MaxQuoteInterval", "00:00:00.100", "Solana:MaxQuoteInterval")]
    [InlineData("Admin__Tokens__0", "not-32-characters", "Admin:Tokens:0")]
    [InlineData("Admin__Tokens", "a-single-value-is-not-a-list-of-tokens-0123", "Admin:Tokens")]
    public async Task A_bad_value_stops_start_up_with_a_message_naming_the_key(string variable, string value, string key)
    {
        await using var db = await TestDatabase.CreateAsync("cfg");

        var (exitCode, output) = await StartWithAsync(db, (variable, value));

        Assert.Equal(2, exitCode);
        Assert.Contains(key, output);
        Assert.Contains("cannot start", output);
    }

    [Theory]
    [InlineData("false", "whsec_test", "Pricing:Payments:card:Enabled")]
    [InlineData("true", "", "Stripe:WebhookSecrets:0")]
    public async Task Card_payments_without_card_quotes_or_a_webhook_secret_stop_start_up(string cardQuotes, string webhookSecret, string key)
    {
        await using var db = await TestDatabase.CreateAsync("cfg_fiat");

        var (exitCode, output) = await StartWithAsync(db, ("Fiat__Enabled", "true"), ("Fiat__PublicBaseUrl", "https://bridge.example/"),
            ("Pricing__Payments__card__Enabled", cardQuotes), ("Stripe__SecretKey", "sk_test_123"), ("Stripe__WebhookSecrets__0", webhookSecret));

        Assert.Equal(2, exitCode);
        Assert.Contains(key, output);
        Assert.Contains("cannot start", output);
    }

    [Fact]
    public async Task A_migration_that_cannot_apply_stops_start_up_and_changes_nothing()
    {
        await using var db = await TestDatabase.CreateAsync("cfg_migration");
        await using (var conn = new NpgsqlConnection(db.ConnectionString))
        {
            // A table in the way of the first script: it must fail, roll back, and refuse to start.
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand("CREATE TABLE transfers (id int)", conn);
            await cmd.ExecuteNonQueryAsync();
        }

        var (exitCode, output) = await StartWithAsync(db);

        Assert.Equal(2, exitCode);
        Assert.Contains("0001_ledger.sql", output);
        await using var check = new NpgsqlConnection(db.ConnectionString);
        await check.OpenAsync();
        await using var count = new NpgsqlCommand(
            "SELECT count(*) FROM information_schema.tables WHERE table_name IN ('source_events', 'schema_migrations')", check);
        Assert.Equal(0L, await count.ExecuteScalarAsync());
    }

    [Fact]
    public async Task A_watchers_instance_refuses_a_solana_recipient_that_is_not_a_public_key()
    {
        await using var db = await TestDatabase.CreateAsync("cfg_solana");
        var env = ServiceProcess.Environment(db.ConnectionString, "watchers", "cfg-test");
        env["Solana__RpcUrl"] = "http://127.0.0.1:9";
        env["Pricing__Payments__solana__Recipient"] = "0x5FbDB2315678afecb367f032d93F642f64180aa3";

        var (exitCode, output) = await ServiceProcess.RunToExitAsync(env);

        Assert.Equal(2, exitCode);
        Assert.Contains("Pricing:Payments:solana:Recipient", output);
        Assert.Contains("cannot start", output);
    }

    [Fact]
    public void Roles_default_to_all_three_and_parse_any_subset()
    {
        Assert.Equal(Roles.All, Roles.Parse(null));
        Assert.Equal(new Roles(false, true, false), Roles.Parse("jobs"));
        Assert.Equal(new Roles(true, false, true), Roles.Parse(" API , watchers "));
        Assert.Throws<ConfigurationKeyException>(() => Roles.Parse(","));
    }
}
