using System.Collections.Concurrent;
using System.Globalization;
using System.Numerics;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using StratosBridge.TestKit.Stratos;

namespace StratosBridge.TestKit.PriceFeeds;

/// <summary>
/// One local HTTP server (127.0.0.1, a free port) serving the public market-data endpoints StratosBridge reads, each
/// under <c>/{provider}/</c> with the provider's documented response format: CoinGecko <c>simple/price</c>, Binance and
/// MEXC <c>ticker/price</c>, Kraken <c>Ticker</c>, Coinbase <c>products/{id}/ticker</c>, Gate <c>spot/tickers</c> — and,
/// under <c>/stratos/</c>, Stratos REST's <c>noz_supply</c>, <c>noz_price</c> and <c>sim_prepay</c> computed from a
/// settable chain state by <see cref="StratosRestAnswers"/> (the devnet companion serves the same answers from its live
/// state, <see cref="StratosDevnetCompanion"/>).
/// Each provider can be told to answer, go stale, fail, lie (answer a multiple of the market price), hang or send a
/// malformed body. Started and stopped by the test.
/// </summary>
public sealed class FakePriceProviders : IAsyncDisposable
{
    public const string CoinGecko = "coingecko";
    public const string Binance = "binance";
    public const string Kraken = "kraken";
    public const string Coinbase = "coinbase";
    public const string Gate = "gate";
    public const string Mexc = "mexc";

    public static readonly IReadOnlyList<string> Providers = [CoinGecko, Binance, Kraken, Coinbase, Gate, Mexc];

    /// <summary>The real symbol of each asset on each provider (the ones the service asks for by default).</summary>
    public static readonly IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> Symbols =
        new Dictionary<string, IReadOnlyDictionary<string, string>>
        {
            [CoinGecko] = new Dictionary<string, string> { ["ethereum"] = "ETH", ["binancecoin"] = "BNB", ["solana"] = "SOL", ["stratos"] = "STOS" },
            [Binance] = new Dictionary<string, string> { ["ETHUSDT"] = "ETH", ["BNBUSDT"] = "BNB", ["SOLUSDT"] = "SOL" },
            [Kraken] = new Dictionary<string, string> { ["XETHZUSD"] = "ETH", ["SOLUSD"] = "SOL" },
            [Coinbase] = new Dictionary<string, string> { ["ETH-USD"] = "ETH", ["SOL-USD"] = "SOL" },
            [Gate] = new Dictionary<string, string> { ["ETH_USDT"] = "ETH", ["BNB_USDT"] = "BNB", ["SOL_USDT"] = "SOL", ["STOS_USDT"] = "STOS" },
            [Mexc] = new Dictionary<string, string> { ["ETHUSDT"] = "ETH", ["BNBUSDT"] = "BNB", ["SOLUSDT"] = "SOL", ["STOSUSDT"] = "STOS" },
        };

    private readonly WebApplication _app;
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentDictionary<string, decimal> _market = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ProviderState> _providers = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _requests = new(StringComparer.Ordinal);
    private OzoneState _ozone = OzoneState.Default;

    private FakePriceProviders(WebApplication app, int port)
    {
        _app = app;
        Port = port;
        foreach (var provider in Providers.Append(StratosRest))
        {
            _providers[provider] = new ProviderState(FakeProviderMode.Healthy, 1m, TimeSpan.Zero, 503);
        }
        SetMarket(("ETH", 3000m), ("BNB", 600m), ("SOL", 150m), ("STOS", 0.25m));
    }

    /// <summary>The pseudo-provider name of the Stratos REST endpoints (for modes and request counts).</summary>
    public const string StratosRest = "stratos";

    public int Port { get; }

    /// <summary>The base URL to configure for a provider (<c>Pricing:Sources:{provider}:BaseUrl</c>).</summary>
    public Uri BaseUrl(string provider) => new($"http://127.0.0.1:{Port}/{provider}/");

    /// <summary>The base URL to configure as <c>Pricing:Stratos:RestUrl</c>.</summary>
    public Uri StratosRestUrl => BaseUrl(StratosRest);

    /// <summary>Starts on <paramref name="port"/>, or on a free port when it is 0.</summary>
    public static async Task<FakePriceProviders> StartAsync(int port = 0)
    {
        for (var attempt = 0; ; attempt++)
        {
            var fixedPort = port != 0;
            port = fixedPort ? port : FreePort.Next();
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
            builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(2));
            var app = builder.Build();
            var fake = new FakePriceProviders(app, port);
            app.Map("/{provider}/{**path}", fake.HandleAsync);
            try
            {
                await app.StartAsync();
                return fake;
            }
            catch (IOException) when (attempt < 3 && !fixedPort)
            {
                await app.DisposeAsync(); // lost a race for the port
                port = 0;
            }
        }
    }

    /// <summary>The market price (USD) every healthy provider answers with, per asset.</summary>
    public void SetMarket(params (string Asset, decimal Usd)[] prices)
    {
        foreach (var (asset, usd) in prices)
        {
            _market[asset] = usd;
        }
    }

    public decimal Market(string asset) => _market[asset];

    public void Healthy(string provider) => Update(provider, s => s with { Mode = FakeProviderMode.Healthy, Factor = 1m });

    public void Fail(string provider, int status = 503) => Update(provider, s => s with { Mode = FakeProviderMode.Fail, FailStatus = status });

    public void Hang(string provider) => Update(provider, s => s with { Mode = FakeProviderMode.Hang });

    public void Malformed(string provider) => Update(provider, s => s with { Mode = FakeProviderMode.Malformed });

    public void GoStale(string provider, TimeSpan age) => Update(provider, s => s with { Mode = FakeProviderMode.Stale, StaleAge = age });

    /// <summary>Answers <paramref name="factor"/> × the market price (e.g. 1.5 = 50 % too high), healthy otherwise.</summary>
    public void Lie(string provider, decimal factor) => Update(provider, s => s with { Mode = FakeProviderMode.Healthy, Factor = factor });

    /// <summary>Requests a provider has received so far.</summary>
    public int Requests(string provider) => _requests.GetValueOrDefault(provider);

    /// <summary>
    /// The chain state the Stratos REST fake reports: remaining Ozone limit Lt (noz), effective total deposit St and
    /// total unissued prepay Pt (wei), the deposit-noz rate (for <c>noz_supply.total</c>) and the block height.
    /// </summary>
    public void SetOzone(BigInteger remainingNoz, BigInteger totalDeposit, BigInteger unissuedPrepay, decimal depositNozRate = 1_000_000m,
        long height = 1000) =>
        _ozone = new OzoneState(remainingNoz, totalDeposit, unissuedPrepay, depositNozRate, height);

    /// <summary>What <c>sim_prepay</c> answers for <paramref name="wei"/> at the current state.</summary>
    public BigInteger SimPrepay(BigInteger wei) => _ozone.PurchaseNoz(wei);

    /// <summary>Configuration keys pointing StratosBridge at this server: every provider and Stratos REST, polled fast.
    /// Each attempt keeps the production timeout (5 s): on a loaded machine a 1 s attempt times out and the retry's
    /// warning is a false alarm in tests that count the service's log lines.</summary>
    public Dictionary<string, string?> Configuration(TimeSpan? poll = null, IEnumerable<string>? providers = null)
    {
        var every = (poll ?? TimeSpan.FromMilliseconds(200)).ToString("c", CultureInfo.InvariantCulture);
        var config = new Dictionary<string, string?>
        {
            ["Pricing:Stratos:RestUrl"] = StratosRestUrl.ToString(),
            ["Pricing:Stratos:PollInterval"] = every,
            ["Pricing:Stratos:MaxBackoff"] = "00:00:01",
        };
        foreach (var provider in providers ?? Providers)
        {
            config[$"Pricing:Sources:{provider}:BaseUrl"] = BaseUrl(provider).ToString();
            config[$"Pricing:Sources:{provider}:PollInterval"] = every;
            config[$"Pricing:Sources:{provider}:MaxBackoff"] = "00:00:01";
        }
        return config;
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        await _app.StopAsync();
        await _app.DisposeAsync();
        _stopping.Dispose();
    }

    private void Update(string provider, Func<ProviderState, ProviderState> change)
    {
        if (!_providers.ContainsKey(provider))
        {
            throw new ArgumentException($"unknown provider '{provider}'", nameof(provider));
        }
        _providers.AddOrUpdate(provider, _ => throw new InvalidOperationException(), (_, s) => change(s));
    }

    private async Task HandleAsync(HttpContext context, string provider, string? path)
    {
        if (!_providers.TryGetValue(provider, out var state))
        {
            context.Response.StatusCode = 404;
            return;
        }
        _requests.AddOrUpdate(provider, 1, (_, n) => n + 1);
        var now = DateTimeOffset.UtcNow;
        switch (state.Mode)
        {
            case FakeProviderMode.Hang:
                using (var both = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _stopping.Token))
                {
                    try
                    {
                        await Task.Delay(Timeout.Infinite, both.Token);
                    }
                    catch (OperationCanceledException)
                    {
                    }
                }
                return;
            case FakeProviderMode.Fail:
                await ErrorAsync(context, provider, state.FailStatus);
                return;
            case FakeProviderMode.Malformed:
                context.Response.ContentType = "text/html";
                await context.Response.WriteAsync("<html><body>502 Bad Gateway</body></html>");
                return;
            case FakeProviderMode.Stale when provider is not (CoinGecko or Coinbase):
                await ErrorAsync(context, provider, 503);
                return;
        }
        var observed = state.Mode == FakeProviderMode.Stale ? now - state.StaleAge : now;
        decimal? Price(string symbol) =>
            Symbols.TryGetValue(provider, out var map) && map.TryGetValue(symbol, out var asset) && _market.TryGetValue(asset, out var usd)
                ? usd * state.Factor
                : null;
        var query = context.Request.Query;
        var route = path ?? "";
        switch (provider)
        {
            case CoinGecko when route == "api/v3/simple/price":
            {
                var body = new Dictionary<string, object>();
                foreach (var id in (query["ids"].ToString()).Split(',', StringSplitOptions.RemoveEmptyEntries))
                {
                    if (Price(id) is { } usd)
                    {
                        body[id] = new Dictionary<string, object> { ["usd"] = usd, ["last_updated_at"] = observed.ToUnixTimeSeconds() };
                    }
                }
                await JsonAsync(context, body);
                return;
            }
            case Binance or Mexc when route == "api/v3/ticker/price":
            {
                var symbol = query["symbol"].ToString();
                if (Price(symbol) is { } usd)
                {
                    await JsonAsync(context, new Dictionary<string, object> { ["symbol"] = symbol, ["price"] = Text(usd, 8) });
                }
                else
                {
                    await JsonAsync(context, new Dictionary<string, object> { ["code"] = -1121, ["msg"] = "Invalid symbol." }, 400);
                }
                return;
            }
            case Kraken when route == "0/public/Ticker":
            {
                var pairs = query["pair"].ToString().Split(',', StringSplitOptions.RemoveEmptyEntries);
                if (pairs.Any(p => Price(p) is null))
                {
                    await JsonAsync(context, new Dictionary<string, object> { ["error"] = new[] { "EQuery:Unknown asset pair" } });
                    return;
                }
                var result = pairs.ToDictionary(p => p, p =>
                {
                    var usd = Text(Price(p)!.Value, 5);
                    return (object)new Dictionary<string, object>
                    {
                        ["a"] = new[] { usd, "1", "1.000" }, ["b"] = new[] { usd, "2", "2.000" }, ["c"] = new[] { usd, "0.01000000" },
                        ["v"] = new[] { "1234.5", "4321.0" }, ["p"] = new[] { usd, usd }, ["t"] = new[] { 1234, 4321 },
                        ["l"] = new[] { usd, usd }, ["h"] = new[] { usd, usd }, ["o"] = usd,
                    };
                });
                await JsonAsync(context, new Dictionary<string, object> { ["error"] = Array.Empty<string>(), ["result"] = result });
                return;
            }
            case Coinbase when route.StartsWith("products/", StringComparison.Ordinal) && route.EndsWith("/ticker", StringComparison.Ordinal):
            {
                var product = route["products/".Length..^"/ticker".Length];
                if (Price(product) is { } usd)
                {
                    await JsonAsync(context, new Dictionary<string, object>
                    {
                        ["ask"] = Text(usd, 2), ["bid"] = Text(usd, 2), ["volume"] = "12345.67", ["trade_id"] = 86326522,
                        ["price"] = Text(usd, 2), ["size"] = "0.01", ["time"] = observed.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture),
                    });
                }
                else
                {
                    await JsonAsync(context, new Dictionary<string, object> { ["message"] = "NotFound" }, 404);
                }
                return;
            }
            case Gate when route == "api/v4/spot/tickers":
            {
                var pair = query["currency_pair"].ToString();
                if (Price(pair) is { } usd)
                {
                    var last = Text(usd, 6);
                    await JsonAsync(context, new[]
                    {
                        new Dictionary<string, object>
                        {
                            ["currency_pair"] = pair, ["last"] = last, ["lowest_ask"] = last, ["highest_bid"] = last,
                            ["change_percentage"] = "0.52", ["base_volume"] = "1000", ["quote_volume"] = "250", ["high_24h"] = last, ["low_24h"] = last,
                        },
                    });
                }
                else
                {
                    await JsonAsync(context, new Dictionary<string, object> { ["label"] = "INVALID_CURRENCY_PAIR", ["message"] = $"Invalid currency pair {pair}" }, 400);
                }
                return;
            }
            case StratosRest:
                await StratosRestAnswers.WriteAsync(context, route, _ozone);
                return;
        }
        context.Response.StatusCode = 404;
    }

    private static Task ErrorAsync(HttpContext context, string provider, int status) => provider switch
    {
        Binance or Mexc => JsonAsync(context, new Dictionary<string, object> { ["code"] = -1003, ["msg"] = "Service unavailable." }, status),
        Kraken => JsonAsync(context, new Dictionary<string, object> { ["error"] = new[] { "EService:Unavailable" } }, status),
        Coinbase => JsonAsync(context, new Dictionary<string, object> { ["message"] = "service unavailable" }, status),
        Gate => JsonAsync(context, new Dictionary<string, object> { ["label"] = "SERVER_ERROR", ["message"] = "Internal server error" }, status),
        StratosRest => StratosRestAnswers.ErrorAsync(context, status, 14, "unavailable"),
        _ => JsonAsync(context, new Dictionary<string, object> { ["status"] = new Dictionary<string, object> { ["error_code"] = status, ["error_message"] = "unavailable" } }, status),
    };

    private static async Task JsonAsync(HttpContext context, object body, int status = 200)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(JsonSerializer.Serialize(body));
    }

    private static string Text(decimal value, int decimals) => decimal.Round(value, Math.Max(decimals, 0)).ToString("F" + decimals, CultureInfo.InvariantCulture);

    private sealed record ProviderState(FakeProviderMode Mode, decimal Factor, TimeSpan StaleAge, int FailStatus);
}
