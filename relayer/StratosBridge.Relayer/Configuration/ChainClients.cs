using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using StratosBridge.Chains.Evm.Rpc;

namespace StratosBridge.Relayer.Configuration;

/// <summary>The RPC client of each configured chain, over a named <see cref="HttpClient"/> ("evm:{chain}").</summary>
public sealed class ChainClients(IHttpClientFactory http, IOptions<ChainsOptions> chains)
{
    public IReadOnlyCollection<string> Names => chains.Value.Keys;

    public ChainOptions Options(string chain) => chains.Value.TryGetValue(chain, out var o)
        ? o
        : throw new KeyNotFoundException($"chain '{chain}' is not configured");

    public EvmRpcClient Rpc(string chain) => new(http.CreateClient(HttpClientName(chain)));

    public static string HttpClientName(string chain) => $"evm:{chain}";

    /// <summary>Registers the chains section (validated at start-up) and one named HTTP client per chain.</summary>
    public static void Register(IServiceCollection services, ChainsOptions configured)
    {
        services.AddValidatedOptions<ChainsOptions>(ChainsOptions.Section);
        foreach (var (name, chain) in configured)
        {
            services.AddHttpClient(HttpClientName(name), (sp, client) =>
            {
                client.BaseAddress = sp.GetRequiredService<IOptions<ChainsOptions>>().Value[name].RpcUri;
                client.Timeout = TimeSpan.FromSeconds(10);
            });
        }
        services.AddSingleton<ChainClients>();
    }
}
