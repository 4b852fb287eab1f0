using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Numerics;
using System.Text.Json;
using StratosBridge.Chains.Evm;
using StratosBridge.Chains.Evm.Signing;
using StratosBridge.Tests.Integration.Payments;
using StratosBridge.TestKit;
using StratosBridge.TestKit.Postgres;

namespace StratosBridge.Tests.Integration.Grants;

/// <summary>
/// The real service over the payments devnet (the Stratos companion applies the grants' MsgPrepay) with an admin token,
/// and the calls a grant test makes: create a program, ask for a challenge, sign it as the wallet does, claim.
/// </summary>
public sealed class GrantService : IAsyncDisposable
{
    public const string AdminToken = "admin-token-for-grant-tests-0123456789abcdef";

    /// <summary>10 OZ in noz: 10 GB at the default display rate.</summary>
    public static readonly BigInteger TenGb = BigInteger.Parse("10000000000", CultureInfo.InvariantCulture);

    /// <summary>A budget no test exhausts: a million STOS in wei.</summary>
    public static readonly BigInteger Plenty = BigInteger.Pow(10, 24);

    private readonly bool _ownsDb;

    private GrantService(ChildProcess process, Uri url, TestDatabase db, bool ownsDb)
    {
        _ownsDb = ownsDb;
        Process = process;
        Url = url;
        Db = db;
        Http = new HttpClient { BaseAddress = url };
        Admin = new HttpClient { BaseAddress = url };
        Admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminToken);
    }

    public ChildProcess Process { get; }

    public Uri Url { get; }

    public TestDatabase Db { get; }

    public HttpClient Http { get; }

    public HttpClient Admin { get; }

    /// <summary>Settings every grant test's service gets (a high per-IP limit: the tests make many claims from 127.0.0.1).</summary>
    public static IReadOnlyDictionary<string, string?> Settings(IReadOnlyDictionary<string, string?>? more = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Admin:Tokens:0"] = AdminToken,
            ["RateLimits:Grants:PermitLimit"] = "10000",
        };
        foreach (var (key, value) in more ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }
        return settings;
    }

    /// <summary>Starts the service; on <paramref name="existing"/> (another instance's ledger) it leaves the database to its owner.</summary>
    public static async Task<GrantService> StartAsync(PaymentsFixture fx, string name, TestDatabase? existing = null,
        IReadOnlyDictionary<string, string?>? settings = null)
    {
        var (process, url, db) = await fx.StartServiceAsync(name, existing, extra: Settings(settings));
        return new GrantService(process, url, db, existing is null);
    }

    /// <summary>Creates an open program (started an hour ago, ending in a day), the account's when one is given; returns its id.</summary>
    public async Task<string> NewProgramAsync(string id, BigInteger nozPerClaim, BigInteger budgetWei, BigInteger? dailyBudgetWei = null,
        bool allowListOnly = false, long? accountId = null)
    {
        using var response = await Admin.PostAsJsonAsync("/v1/admin/grants", new
        {
            id,
            name = "Stratos Drive welcome",
            startsAt = DateTimeOffset.UtcNow.AddHours(-1),
            endsAt = DateTimeOffset.UtcNow.AddDays(1),
            nozPerClaim = nozPerClaim.ToString(CultureInfo.InvariantCulture),
            budgetWei = budgetWei.ToString(CultureInfo.InvariantCulture),
            dailyBudgetWei = (dailyBudgetWei ?? budgetWei).ToString(CultureInfo.InvariantCulture),
            allowListOnly,
            accountId,
            @operator = "alice",
        });
        await Expect(response, HttpStatusCode.Created);
        return id;
    }

    /// <summary>A challenge for <paramref name="wallet"/> from <paramref name="program"/>: its id and the message to sign.</summary>
    public async Task<(string Id, string Message)> ChallengeAsync(string program, EthAddress wallet)
    {
        using var response = await Http.PostAsJsonAsync($"/v1/grants/{program}/challenges", new { wallet = wallet.ToString() });
        var body = await Expect(response, HttpStatusCode.Created);
        return (body.GetProperty("challengeId").GetString()!, body.GetProperty("message").GetString()!);
    }

    /// <summary>Asks for a challenge, signs it with <paramref name="key"/> (personal_sign), claims; the status and the body.</summary>
    public async Task<(HttpStatusCode Status, JsonElement Body)> ClaimAsync(string program, EthKey key, string? code = null)
    {
        var (id, message) = await ChallengeAsync(program, key.Address);
        return await PostClaimAsync(program, key.Address, id, PersonalMessage.Sign(key, message), code);
    }

    public async Task<(HttpStatusCode Status, JsonElement Body)> PostClaimAsync(string program, EthAddress wallet, string challengeId,
        string signature, string? code = null)
    {
        using var response = await Http.PostAsJsonAsync($"/v1/grants/{program}/claims",
            new { wallet = wallet.ToString(), challengeId, signature, code });
        return (response.StatusCode, (await response.Content.ReadFromJsonAsync<JsonElement>()).Clone());
    }

    /// <summary>
    /// Makes one claim to learn what a claim costs now, then sets the program's budget to leave room for
    /// <paramref name="more"/> claims and a half; returns the cost and the budget.
    /// </summary>
    public async Task<(BigInteger Cost, BigInteger Budget)> RoomForAsync(string program, int more)
    {
        var (status, probe) = await ClaimAsync(program, EthKey.Generate());
        Assert.True(status == HttpStatusCode.Created, probe.ToString());
        var cost = BigInteger.Parse(probe.GetProperty("credit").GetProperty("stosWei").GetString()!, CultureInfo.InvariantCulture);
        var budget = cost * (more + 1) + cost / 2;
        await PatchProgramAsync(program, new { budgetWei = budget.ToString(CultureInfo.InvariantCulture), @operator = "alice" });
        return (cost, budget);
    }

    /// <summary>An operator's <c>PATCH /v1/admin/grants/{program}</c>, which must succeed.</summary>
    public async Task PatchProgramAsync(string program, object body)
    {
        using var patch = await Admin.PatchAsJsonAsync($"/v1/admin/grants/{program}", body);
        await Expect(patch, HttpStatusCode.OK);
    }

    /// <summary>
    /// Each wallet asks one of <paramref name="instances"/> (in turn) for a challenge and signs it; then all claim at once,
    /// each from the instance it asked. The wallets with their answers, in order.
    /// </summary>
    public static async Task<IReadOnlyList<(EthKey Wallet, HttpStatusCode Status, JsonElement Body)>> RaceAsync(string program,
        IReadOnlyList<EthKey> wallets, params GrantService[] instances)
    {
        var signed = new List<(GrantService Service, EthKey Wallet, string Id, string Signature)>();
        foreach (var (wallet, i) in wallets.Select((w, i) => (w, i)))
        {
            var service = instances[i % instances.Length];
            var (id, message) = await service.ChallengeAsync(program, wallet.Address);
            signed.Add((service, wallet, id, PersonalMessage.Sign(wallet, message)));
        }
        var results = await Task.WhenAll(signed.Select(s => s.Service.PostClaimAsync(program, s.Wallet.Address, s.Id, s.Signature)));
        return signed.Zip(results, (s, r) => (s.Wallet, r.Status, r.Body)).ToList();
    }

    /// <summary>Every claim of <paramref name="results"/> that was not accepted was refused with 409 <paramref name="code"/>.</summary>
    public static void AssertOthersRefused(IEnumerable<(EthKey Wallet, HttpStatusCode Status, JsonElement Body)> results, string code) =>
        Assert.All(results.Where(r => r.Status != HttpStatusCode.Created), r =>
        {
            Assert.Equal(HttpStatusCode.Conflict, r.Status);
            Assert.Equal(code, Code(r.Body));
        });

    /// <summary>The program's <c>reservedWei</c>, as operators see it.</summary>
    public async Task<BigInteger> ReservedAsync(string program) => BigInteger.Parse(
        (await Admin.GetFromJsonAsync<JsonElement>($"/v1/admin/grants/{program}")).GetProperty("program").GetProperty("reservedWei").GetString()!,
        CultureInfo.InvariantCulture);

    /// <summary>A sum of wei read from the ledger (<paramref name="sql"/> answers one numeric).</summary>
    public async Task<BigInteger> WeiAsync(string sql)
    {
        await using var connection = new Npgsql.NpgsqlConnection(Db.ConnectionString);
        await connection.OpenAsync();
        await using var cmd = new Npgsql.NpgsqlCommand(sql, connection);
        await using var reader = await cmd.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        return reader.GetFieldValue<BigInteger>(0);
    }

    /// <summary>Waits until the wallet's claim's credit is <paramref name="status"/>; returns the claim.</summary>
    public async Task<JsonElement> WaitForCreditAsync(string program, EthAddress wallet, string status = "completed")
    {
        JsonElement claim = default;
        await Eventually.HoldsAsync(async () =>
        {
            Assert.False(Process.HasExited, "the service exited");
            claim = await Http.GetFromJsonAsync<JsonElement>($"/v1/grants/{program}/claims/{wallet}");
            var credit = claim.GetProperty("credit");
            return credit.GetProperty("status").GetString() == status
                   && (status != "completed" || credit.GetProperty("purchasedNoz").ValueKind == JsonValueKind.String);
        }, TimeSpan.FromSeconds(180), $"the grant credit of {wallet} to be {status} with its Ozone read");
        return claim;
    }

    public static async Task<JsonElement> Expect(HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"expected {(int)status}, got {(int)response.StatusCode}: {text}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    public static string Code(JsonElement problem) => problem.GetProperty("code").GetString()!;

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        Admin.Dispose();
        await Process.DisposeAsync();
        if (_ownsDb)
        {
            await Db.DisposeAsync();
        }
    }
}
