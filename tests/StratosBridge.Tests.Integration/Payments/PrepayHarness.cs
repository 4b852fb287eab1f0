using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Numerics;
using System.Security.Cryptography;
using System.Text.Json;
using Npgsql;
using StratosBridge.Chains.Evm;
using StratosBridge.Chains.Evm.Signing;
using StratosBridge.Tests.Integration.Api;
using StratosBridge.Tests.Integration.Migration;
using StratosBridge.TestKit;
using StratosBridge.TestKit.Anvil;
using StratosBridge.TestKit.Postgres;
using StratosBridge.TestKit.Stratos;
using static StratosBridge.Tests.Integration.Payments.PaymentsFixture;

namespace StratosBridge.Tests.Integration.Payments;

/// <summary>
/// What the prepay tests share: the service with Stratos behind an <see cref="RpcFaultProxy"/> and an admin token, a paid and
/// final quote, the prepay rows and credits as the ledger and the API show them, and the relayer's account on Stratos.
/// Each harness (one per test) signs with a relayer key of its own, funded on Stratos, so that no other test's prepays,
/// pending transactions or balance changes share its nonces: what a test sees of the signer's account is its own doing.
/// </summary>
internal sealed class PrepayHarness(PaymentsFixture fx)
{
    public const string SystemContract = "0x1000000000000000000000000000000000010101";

    private static readonly BigInteger Funding = BigInteger.Pow(10, 21); // 1,000 STOS

    private readonly string _signerHex = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
    private bool _funded;

    /// <summary>This test's relayer key (<c>Relay:SignerKey</c>).</summary>
    public EthKey Signer => EthKey.FromHex(_signerHex);

    public string Relayer => Signer.Address.ToLowerHex();

    /// <param name="rpcUrls">Other chains' RPC URLs than their nodes' (stratos' is <paramref name="stratos"/>).</param>
    public async Task<(ChildProcess Service, Uri Url, TestDatabase Db)> StartAsync(string name, RpcFaultProxy stratos, TestDatabase? existing = null,
        IReadOnlyDictionary<string, string?>? extra = null, IReadOnlyDictionary<string, Uri>? rpcUrls = null)
    {
        if (!_funded)
        {
            await SetRelayerBalanceAsync(Funding);
            _funded = true;
        }
        var settings = new Dictionary<string, string?>(AdminSettings.With(extra ?? new Dictionary<string, string?>()))
        {
            ["Relay:SignerKey"] = _signerHex,
            ["Relay:Backoff"] = "00:00:00.500",
            ["Relay:MaxBackoff"] = "00:00:02",
        };
        var urls = new Dictionary<string, Uri>(rpcUrls ?? new Dictionary<string, Uri>()) { ["stratos"] = stratos.Url };
        return await fx.StartServiceAsync(name, existing, urls, settings);
    }

    /// <summary>A quote for a fresh beneficiary, paid in full on ethereum and made final. Returns the quote id and beneficiary.</summary>
    public async Task<(string QuoteId, EthAddress Beneficiary)> PaidQuoteAsync(Uri url, bool final = true)
    {
        var (id, beneficiary, due) = await QuoteAsync(url);
        await PayAsync(id, beneficiary, due, final);
        return (id, beneficiary);
    }

    public async Task<(string QuoteId, EthAddress Beneficiary, BigInteger Due)> QuoteAsync(Uri url)
    {
        var beneficiary = EthKey.Generate().Address;
        var quote = await CreateQuoteAsync(url, beneficiary, "ETH", "1");
        return (quote.GetProperty("id").GetString()!, beneficiary, Big(quote.GetProperty("amountDue").GetProperty("baseUnits")));
    }

    public async Task PayAsync(string quoteId, EthAddress beneficiary, BigInteger due, bool final = true)
    {
        await fx.PayAsync("ethereum", await fx.PayerAsync("ethereum"), quoteId, beneficiary, due);
        if (final)
        {
            await fx.MakeFinalAsync("ethereum");
        }
    }

    /// <summary>The quote's (single) credit as the API shows it, once it exists.</summary>
    public static async Task<JsonElement> CreditAsync(Uri url, string quoteId)
    {
        var payment = Assert.Single((await PaymentsFixture.QuoteAsync(url, quoteId)).GetProperty("settlement").GetProperty("payments").EnumerateArray());
        return payment.GetProperty("credit");
    }

    /// <summary>Waits until the quote's credit is in <paramref name="status"/>; on timeout says where it is and what the service said.</summary>
    public static Task<JsonElement> WaitForCreditAsync(Uri url, string quoteId, string status, ChildProcess service, TimeSpan? within = null) =>
        WaitForCreditAsync(url, quoteId, c => c.GetProperty("status").GetString() == status, $"to be {status}", service, within);

    /// <summary>
    /// Waits until the credit of the quote's payment <paramref name="txHash"/> (its only one when null) satisfies
    /// <paramref name="condition"/>; on timeout says where it is and what the service said.
    /// </summary>
    public static async Task<JsonElement> WaitForCreditAsync(Uri url, string quoteId, Func<JsonElement, bool> condition, string what,
        ChildProcess service, TimeSpan? within = null, string? txHash = null)
    {
        JsonElement last = default;
        try
        {
            await Eventually.HoldsAsync(async () =>
            {
                var payments = (await PaymentsFixture.QuoteAsync(url, quoteId)).GetProperty("settlement").GetProperty("payments").EnumerateArray();
                var payment = txHash is null ? payments.SingleOrDefault() : payments.SingleOrDefault(p => p.GetProperty("txHash").GetString() == txHash);
                if (payment.ValueKind != JsonValueKind.Object || payment.GetProperty("credit").ValueKind != JsonValueKind.Object)
                {
                    return false;
                }
                last = payment.GetProperty("credit").Clone();
                return condition(last);
            }, within ?? TimeSpan.FromSeconds(90), $"the credit of quote {quoteId[..10]}… {what}");
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"{e.Message}\nlast: {last}\nalarms:\n{string.Join('\n', service.Alarms)}\n{service.OutputTail}", e);
        }
        return last;
    }

    /// <summary>Waits for an <c>ALARM</c> line of the service containing <paramref name="text"/> (case-insensitive).</summary>
    public static async Task<string> WaitForAlarmAsync(ChildProcess service, string text, TimeSpan? within = null)
    {
        string? found = null;
        try
        {
            await Eventually.HoldsAsync(() =>
            {
                found = service.Alarms.FirstOrDefault(l => l.Contains(text, StringComparison.OrdinalIgnoreCase));
                return Task.FromResult(found is not null);
            }, within ?? TimeSpan.FromSeconds(90), $"an ALARM about '{text}'");
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"{e.Message}\nalarms:\n{string.Join('\n', service.Alarms)}\n{service.OutputTail}", e);
        }
        return found!;
    }

    /// <summary>The prepay rows of the ledger, oldest first: (hash, nonce, status).</summary>
    public static async Task<IReadOnlyList<(string Hash, long Nonce, string Status)>> PrepaysAsync(TestDatabase db)
    {
        await using var conn = new NpgsqlConnection(db.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand("SELECT tx_hash, nonce, status FROM outgoing_txs WHERE purpose = 'prepay' ORDER BY id", conn);
        var rows = new List<(string, long, string)>();
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.GetString(0), reader.GetInt64(1), reader.GetString(2)));
        }
        return rows;
    }

    /// <summary>Waits until the ledger has <paramref name="count"/> prepay rows in <paramref name="status"/>.</summary>
    public static Task WaitForPrepaysAsync(TestDatabase db, string status, int count = 1) =>
        Eventually.HoldsAsync(() => BridgeService.CountAsync(db, $"SELECT count(*) FROM outgoing_txs WHERE purpose = 'prepay' AND status = '{status}'"),
            n => n == count, TimeSpan.FromSeconds(90), $"{count} prepay(s) to be {status}");

    public static async Task<HttpResponseMessage> AdminPostAsync(Uri url, string path, object body)
    {
        using var http = new HttpClient { BaseAddress = url };
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", AdminSettings.Token);
        return await http.SendAsync(request);
    }

    public static async Task<JsonElement> AdminGetAsync(Uri url, string path)
    {
        using var http = new HttpClient { BaseAddress = url };
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", AdminSettings.Token);
        using var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).Clone();
    }

    /// <summary>The companion's prepays once it has read the chain up to its current head (it polls on its own otherwise).</summary>
    public async Task<IReadOnlyList<CompanionPrepay>> CompanionPrepaysAsync()
    {
        await fx.Companion.SyncAsync();
        return fx.Companion.Prepays;
    }

    public async Task<BigInteger> RelayerBalanceAsync() => await fx.Bridge.StratosRpc.GetBalanceAsync(Relayer, Chains.Evm.Rpc.EvmBlocks.Latest);

    public Task SetRelayerBalanceAsync(BigInteger wei) =>
        fx.Bridge.Stratos.RpcAsync("anvil_setBalance", Relayer, "0x" + wei.ToString("x", System.Globalization.CultureInfo.InvariantCulture).TrimStart('0').PadLeft(1, '0'));
}
