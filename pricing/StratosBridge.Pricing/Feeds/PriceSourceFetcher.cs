using Microsoft.Extensions.DependencyInjection;
using StratosBridge.Chains.Evm.Rpc;
using StratosBridge.Pricing.Providers;

namespace StratosBridge.Pricing.Feeds;

/// <summary>
/// Fetches one source once: the provider's typed client over the source's <see cref="HttpClient"/> from
/// <see cref="IHttpClientFactory"/> (base address, User-Agent and no client-level timeout set at registration), or, for
/// Chainlink, the EVM RPC client of the source's chain.
/// </summary>
public sealed class PriceSourceFetcher(IHttpClientFactory httpClients, IServiceProvider services)
{
    public Task<IReadOnlyList<SourceReading>> FetchAsync(PriceSource source, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (source.Provider == PriceProviders.Chainlink)
        {
            var rpc = services.GetRequiredService<IEvmRpcClientFactory>().For(source.Chain!);
            return new ChainlinkClient(rpc, source.Name).FetchAsync(source.Symbols, ct);
        }
        var http = httpClients.CreateClient(source.HttpClientName);
        ExchangeClient client = source.Provider switch
        {
            PriceProviders.CoinGecko => new CoinGeckoClient(http, source.Name),
            PriceProviders.Binance => new BinanceClient(http, source.Name),
            PriceProviders.Kraken => new KrakenClient(http, source.Name),
            PriceProviders.Coinbase => new CoinbaseClient(http, source.Name),
            PriceProviders.Gate => new GateClient(http, source.Name),
            PriceProviders.Mexc => new MexcClient(http, source.Name),
            _ => throw new InvalidOperationException($"no client for provider '{source.Provider}'"),
        };
        return client.FetchAsync(source.Symbols, ct);
    }
}
