namespace StratosBridge.Pricing.Providers;

/// <summary>
/// The providers a price source can use, with their defaults: public API root, symbol per asset, and how long a value
/// stays usable. STOS trades on Gate and MEXC (and CoinGecko aggregates it); Chainlink has no default aggregators
/// (configure them, see the README).
/// </summary>
public static class PriceProviders
{
    public const string CoinGecko = "coingecko";
    public const string Binance = "binance";
    public const string Kraken = "kraken";
    public const string Coinbase = "coinbase";
    public const string Gate = "gate";
    public const string Mexc = "mexc";
    public const string Chainlink = "chainlink";

    /// <summary>The priced assets, each against USD (USDT on the venues that quote in it).</summary>
    public static readonly IReadOnlySet<string> Assets = new HashSet<string>(StringComparer.Ordinal) { "ETH", "BNB", "SOL", "STOS" };

    public static readonly IReadOnlyList<string> Names = [CoinGecko, Binance, Kraken, Coinbase, Gate, Mexc, Chainlink];

    public static bool IsKnown(string provider) => Names.Contains(provider);

    /// <summary>The public API root (ends with '/').</summary>
    public static Uri DefaultBaseUrl(string provider) => new(provider switch
    {
        CoinGecko => "https://api.coingecko.com/",
        Binance => "https://api.binance.com/",
        Kraken => "https://api.kraken.com/",
        Coinbase => "https://api.exchange.coinbase.com/",
        Gate => "https://api.gateio.ws/",
        Mexc => "https://api.mexc.com/",
        Chainlink => "http://unused.invalid/", // read through the EVM RPC client of its chain
        _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, "unknown provider"),
    });

    /// <summary>The provider's symbol for each asset it lists.</summary>
    public static IReadOnlyDictionary<string, string> DefaultSymbols(string provider) => provider switch
    {
        CoinGecko => new Dictionary<string, string> { ["ETH"] = "ethereum", ["BNB"] = "binancecoin", ["SOL"] = "solana", ["STOS"] = "stratos" },
        Binance => new Dictionary<string, string> { ["ETH"] = "ETHUSDT", ["BNB"] = "BNBUSDT", ["SOL"] = "SOLUSDT" },
        Kraken => new Dictionary<string, string> { ["ETH"] = "XETHZUSD", ["SOL"] = "SOLUSD" },
        Coinbase => new Dictionary<string, string> { ["ETH"] = "ETH-USD", ["SOL"] = "SOL-USD" },
        Gate => new Dictionary<string, string> { ["ETH"] = "ETH_USDT", ["BNB"] = "BNB_USDT", ["SOL"] = "SOL_USDT", ["STOS"] = "STOS_USDT" },
        Mexc => new Dictionary<string, string> { ["ETH"] = "ETHUSDT", ["BNB"] = "BNBUSDT", ["SOL"] = "SOLUSDT", ["STOS"] = "STOSUSDT" },
        Chainlink => new Dictionary<string, string>(),
        _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, "unknown provider"),
    };

    /// <summary>
    /// How long a value stays usable by default: 2 minutes for exchanges; 65 minutes for Chainlink, whose USD feeds
    /// update on a 0.5 % deviation or a one-hour heartbeat.
    /// </summary>
    public static TimeSpan DefaultStaleAfter(string provider) =>
        provider == Chainlink ? TimeSpan.FromMinutes(65) : TimeSpan.FromMinutes(2);
}
