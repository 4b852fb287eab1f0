using Microsoft.Extensions.DependencyInjection;
using Refit;
using StratosBridge.Chains.Evm.Rpc;
using StratosBridge.Chains.JsonRpc;
using StratosBridge.Chains.Rest;
using StratosBridge.Pricing.Providers;

namespace StratosBridge.Pricing.Feeds;

/// <summary>
/// Fetches one source once: the provider's client over its Refit interface, on the source's <see cref="HttpClient"/> from
/// <see cref="IHttpClientFactory"/> (base address, User-Agent and the standard resilience handler set at registration), or,
/// for Chainlink, the EVM RPC client of the source's chain (its own transport and retries; the attempt is bounded here).
/// </summary>
public sealed class PriceSourceFetcher(IHttpClientFactory httpClients, IServiceProvider services)
{
    public Task<IReadOnlyList<SourceReading>> FetchAsync(PriceSource source, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (source.Provider == PriceProviders.Chainlink)
        {
            return FetchChainlinkAsync(source, ct);
        }
        var http = httpClients.CreateClient(source.HttpClientName);
        ExchangeClient client = source.Provider switch
        {
            PriceProviders.CoinGecko => new CoinGeckoClient(RestService.For<ICoinGeckoApi>(http), source.Name),
            PriceProviders.Binance => new BinanceClient(RestService.For<IBinanceApi>(http), source.Name),
            PriceProviders.Kraken => new KrakenClient(RestService.For<IKrakenApi>(http), source.Name),
            PriceProviders.Coinbase => new CoinbaseClient(RestService.For<ICoinbaseApi>(http), source.Name),
            PriceProviders.Gate => new GateClient(RestService.For<IGateApi>(http), source.Name),
            PriceProviders.Mexc => new MexcClient(RestService.For<IBinanceApi>(http), source.Name),
            _ => throw new InvalidOperationException($"no client for provider '{source.Provider}'"),
        };
        return client.FetchAsync(source.Symbols, ct);
    }

    private async Task<IReadOnlyList<SourceReading>> FetchChainlinkAsync(PriceSource source, CancellationToken ct)
    {
        var rpc = services.GetRequiredService<IRpcClientFactory<EvmRpcClient>>().For(source.Chain!);
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(ct);
        attempt.CancelAfter(source.AttemptTimeout);
        try
        {
            return await new ChainlinkClient(rpc, source.Name).FetchAsync(source.Symbols, attempt.Token);
        }
        catch (OperationCanceledException e) when (!ct.IsCancellationRequested)
        {
            throw new PriceFeedException(source.Name, RestErrorKind.Timeout, $"no answer within {source.AttemptTimeout.TotalMilliseconds:0} ms", inner: e);
        }
    }
}
