using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using StratosBridge.Chains.Evm.Signing;
using StratosBridge.Tests.Integration.Migration;
using StratosBridge.Tests.Integration.Payments;
using StratosBridge.TestKit;
using StratosBridge.TestKit.Postgres;
using StratosBridge.TestKit.Stripe;

namespace StratosBridge.Tests.Integration.Cards;

/// <summary>
/// The real service (all roles) on the payments devnet with card payments on: its Stripe is a <see cref="StripeFake"/> of
/// the test's own, operators use <see cref="AdminToken"/>, and businesses are made through the admin API.
/// </summary>
public sealed class CardService : IAsyncDisposable
{
    public const string AdminToken = "admin-token-for-card-tests-0123456789abcdef";

    private CardService(ChildProcess process, Uri url, TestDatabase db, StripeFake stripe)
    {
        Process = process;
        Url = url;
        Db = db;
        Stripe = stripe;
        Admin = new HttpClient { BaseAddress = url };
        Admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminToken);
    }

    public ChildProcess Process { get; }

    public Uri Url { get; }

    public TestDatabase Db { get; }

    public StripeFake Stripe { get; }

    public HttpClient Admin { get; }

    /// <summary>Where the service sends buyers back after paying: deliberately not the service (tests drive fulfilment).</summary>
    public const string PublicBaseUrl = "http://127.0.0.1/";

    public Uri Webhook => new(Url, "/v1/fiat/stripe/webhook");

    /// <param name="stripeApiVersion">The API version of the fake's events (default: Stripe.net's, the one the service reads).</param>
    public static async Task<CardService> StartAsync(PaymentsFixture fx, string name, IReadOnlyDictionary<string, string?>? settings = null,
        string? stripeApiVersion = null)
    {
        var stripe = await StripeFake.StartAsync(new StripeFakeOptions { ApiVersion = stripeApiVersion });
        var extra = new Dictionary<string, string?>(stripe.Configuration())
        {
            ["Fiat:Enabled"] = "true",
            ["Fiat:PublicBaseUrl"] = PublicBaseUrl,
            ["Fiat:EventPollInterval"] = "00:00:00.100",
            ["Fiat:EventRetry"] = "00:00:00.500",
            ["Pricing:Payments:card:Enabled"] = "true",
            ["Admin:Tokens:0"] = AdminToken,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            extra[key] = value;
        }
        try
        {
            var (process, url, db) = await fx.StartServiceAsync(name, extra: extra);
            return new CardService(process, url, db, stripe);
        }
        catch
        {
            await stripe.DisposeAsync();
            throw;
        }
    }

    /// <summary>A new business account (its own fresh wallet) with one API key, and a client that sends the key.</summary>
    public async Task<Business> NewBusinessAsync(string monthlyLimitUsd = "1000")
    {
        var wallet = EthKey.Generate().Address;
        using var created = await Admin.PostAsJsonAsync("/v1/admin/accounts",
            new { name = "Acme Storage", contactEmail = "billing@acme.example", wallet = wallet.ToString(), monthlyLimitUsd });
        var account = await Json(created, HttpStatusCode.Created);
        var id = account.GetProperty("id").GetInt64();
        using var keyed = await Admin.PostAsJsonAsync($"/v1/admin/accounts/{id}/keys", new { label = "test" });
        var key = await Json(keyed, HttpStatusCode.Created);
        var http = new HttpClient { BaseAddress = Url };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key.GetProperty("key").GetString());
        return new Business(id, wallet, key.GetProperty("id").GetInt64(), http);
    }

    /// <summary>POST /v1/fiat/checkout-sessions; retries while the service cannot price yet (503 right after start-up).</summary>
    public async Task<(HttpStatusCode Status, JsonElement Body)> CheckoutAsync(Business business, object body)
    {
        (HttpStatusCode, JsonElement) result = default;
        await Eventually.HoldsAsync(async () =>
        {
            using var response = await business.Http.PostAsJsonAsync("/v1/fiat/checkout-sessions", body);
            result = (response.StatusCode, (await response.Content.ReadFromJsonAsync<JsonElement>()).Clone());
            return response.StatusCode != HttpStatusCode.ServiceUnavailable;
        }, TimeSpan.FromSeconds(120), "the service to price a card checkout");
        return result;
    }

    /// <summary>A checkout for <paramref name="usd"/> dollars that must be created; returns (checkout id, Stripe session id, quote id).</summary>
    public async Task<(long Id, string Session, string Quote)> OpenCheckoutAsync(Business business, string usd = "5.00")
    {
        var (status, body) = await CheckoutAsync(business, new { usd, successUrl = "https://acme.example/paid", cancelUrl = "https://acme.example/cart" });
        Assert.True(status == HttpStatusCode.Created, $"{status}: {body}");
        return (body.GetProperty("id").GetInt64(), body.GetProperty("stripeSessionId").GetString()!, body.GetProperty("quoteId").GetString()!);
    }

    public async Task<JsonElement> CheckoutViewAsync(Business business, long id)
    {
        using var response = await business.Http.GetAsync($"/v1/fiat/checkout-sessions/{id}");
        return await Json(response, HttpStatusCode.OK);
    }

    /// <summary>Waits until the checkout's settlement is <paramref name="state"/> (credited: with the Ozone bought known).</summary>
    public async Task<JsonElement> WaitForSettlementAsync(Business business, long id, string state) =>
        await PaymentsFixture.WaitForSettlementAsync(Url, (await CheckoutViewAsync(business, id)).GetProperty("quoteId").GetString()!, state, Process);

    /// <summary>Waits until the service has handled (or ignored) every Stripe event it recorded with these ids.</summary>
    public async Task WaitHandledAsync(params StripeFakeEvent[] events)
    {
        var ids = string.Join(",", events.Select(e => $"'{e.Id}'"));
        await Eventually.HoldsAsync(async () =>
                await BridgeService.CountAsync(Db, $"SELECT count(*) FROM stripe_events WHERE id IN ({ids}) AND status <> 'received'") ==
                events.Select(e => e.Id).Distinct().Count(),
            TimeSpan.FromSeconds(120), $"the service to handle {ids}");
    }

    public Task<long> CountAsync(string sql) => BridgeService.CountAsync(Db, sql);

    /// <summary>The first column of the first row as text (for numeric(78,0) amounts), or null.</summary>
    public async Task<string?> TextAsync(string sql)
    {
        await using var connection = new Npgsql.NpgsqlConnection(Db.ConnectionString);
        await connection.OpenAsync();
        await using var cmd = new Npgsql.NpgsqlCommand(sql, connection);
        return (await cmd.ExecuteScalarAsync())?.ToString();
    }

    /// <summary>Runs a statement on the service's ledger (to set up what only an older version of the service could have written).</summary>
    public async Task ExecuteAsync(string sql, params object[] parameters)
    {
        await using var connection = new Npgsql.NpgsqlConnection(Db.ConnectionString);
        await connection.OpenAsync();
        await using var cmd = new Npgsql.NpgsqlCommand(sql, connection);
        foreach (var parameter in parameters)
        {
            cmd.Parameters.Add(new Npgsql.NpgsqlParameter { Value = parameter });
        }
        await cmd.ExecuteNonQueryAsync();
    }

    public async Task<JsonElement> AccountAsync(Business business)
    {
        using var response = await business.Http.GetAsync("/v1/account");
        return await Json(response, HttpStatusCode.OK);
    }

    public async Task<JsonElement> StatementAsync(Business business)
    {
        using var response = await business.Http.GetAsync("/v1/account/statement");
        return await Json(response, HttpStatusCode.OK);
    }

    public static async Task<JsonElement> Json(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: {response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public async ValueTask DisposeAsync()
    {
        Admin.Dispose();
        await Process.DisposeAsync();
        await Stripe.DisposeAsync();
        await Db.DisposeAsync();
    }
}

/// <summary>A business account as its API key sees it.</summary>
public sealed record Business(long AccountId, StratosBridge.Chains.Evm.EthAddress Wallet, long KeyId, HttpClient Http);
