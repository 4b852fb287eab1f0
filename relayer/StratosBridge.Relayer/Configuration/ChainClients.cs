using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using StratosBridge.Chains.Evm.Rpc;
using StratosBridge.Chains.JsonRpc;
using StratosBridge.Relayer.Watchers;

namespace StratosBridge.Relayer.Configuration;

/// <summary>The configured chains: their options and their RPC clients (with retries and timeouts, see <see cref="IRpcClientFactory<EvmRpcClient>"/>).</summary>
public sealed class ChainClients(IRpcClientFactory<EvmRpcClient> rpc, IOptions<ChainsOptions> chains)
{
    public IReadOnlyCollection<string> Names => chains.Value.Keys;

    public ChainOptions Options(string chain) => chains.Value.TryGetValue(chain, out var o)
        ? o
        : throw new KeyNotFoundException($"chain '{chain}' is not configured");

    public EvmRpcClient Rpc(string chain) => rpc.For(chain);

    /// <summary>
    /// The chain's independent confirmation endpoints (<c>Chains:{name}:ConfirmRpcUrls</c>), each with the host it is
    /// named by in logs and reasons (host and port: never the whole URL, which may carry a provider key).
    /// </summary>
    public IReadOnlyList<(string Host, EvmRpcClient Rpc)> ConfirmRpcs(string chain) =>
        Options(chain).ConfirmRpcUrls.Select((url, i) => (ConfirmEndpoints.Host(url), rpc.For(ConfirmEndpoints.ClientName(chain, i)))).ToList();

    /// <summary>
    /// The height at or below which <paramref name="node"/> holds the chain's blocks final, by the chain's policy
    /// (<see cref="ChainOptions.FinalHeight"/>): its head less the confirmations, or its <c>finalized</c> block.
    /// </summary>
    public async Task<long?> FinalHeightAsync(string chain, EvmRpcClient node, CancellationToken ct) =>
        Options(chain).FinalHeight(await node.BlockNumberAsync(ct), await ChainWatcher.FinalizedAsync(node, ct));

    /// <summary>
    /// Registers the <c>Chains</c> section (validated at start-up, failures named by key) and one RPC client per chain:
    /// its URL from <c>Chains:{name}:RpcUrl</c>, its retry/timeout settings from <c>Chains:{name}:Resilience</c>; and one per
    /// confirmation endpoint (<c>Chains:{name}:ConfirmRpcUrls</c>), with the same settings.
    /// </summary>
    public static void Register(IServiceCollection services, IConfiguration configuration, ChainsOptions configured)
    {
        services.AddValidatedOptions<ChainsOptions>(ChainsOptions.Section);
        services.AddRpcClientFactory<EvmRpcClient>();
        foreach (var name in configured.Keys)
        {
            var section = configuration.GetSection($"{ChainsOptions.Section}:{name}:Resilience");
            var endpoints = configured[name].ConfirmRpcUrls.Select((url, i) => (Name: ConfirmEndpoints.ClientName(name, i), Url: url))
                .Prepend((Name: name, Url: configured[name].RpcUrl));
            foreach (var (client, url) in endpoints)
            {
                services.AddRpcClient<EvmRpcClient>(client, o =>
                {
                    // An invalid URL is reported by ChainsOptions' validation with its key; leave it unset here.
                    o.RpcUrl = Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri : null;
                    section.Bind(o.Resilience);
                });
            }
        }
        services.AddSingleton<ChainClients>();
        services.AddSingleton(sp => new BridgeRoutes(sp.GetRequiredService<IOptions<ChainsOptions>>().Value));
    }
}
