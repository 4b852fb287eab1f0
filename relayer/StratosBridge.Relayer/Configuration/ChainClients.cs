using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using StratosBridge.Chains.Evm.Rpc;
using StratosBridge.Chains.JsonRpc;

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
    /// Registers the <c>Chains</c> section (validated at start-up, failures named by key) and one RPC client per chain:
    /// its URL from <c>Chains:{name}:RpcUrl</c>, its retry/timeout settings from <c>Chains:{name}:Resilience</c>.
    /// </summary>
    public static void Register(IServiceCollection services, IConfiguration configuration, ChainsOptions configured)
    {
        services.AddValidatedOptions<ChainsOptions>(ChainsOptions.Section);
        services.AddRpcClientFactory<EvmRpcClient>();
        foreach (var name in configured.Keys)
        {
            var section = configuration.GetSection($"{ChainsOptions.Section}:{name}:Resilience");
            services.AddRpcClient<EvmRpcClient>(name, o =>
            {
                // An invalid URL is reported by ChainsOptions' validation with its key; leave it unset here.
                o.RpcUrl = Uri.TryCreate(configured[name].RpcUrl, UriKind.Absolute, out var uri) ? uri : null;
                section.Bind(o.Resilience);
            });
        }
        services.AddSingleton<ChainClients>();
        services.AddSingleton(sp => new BridgeRoutes(sp.GetRequiredService<IOptions<ChainsOptions>>().Value));
    }
}
