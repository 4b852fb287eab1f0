using Microsoft.Extensions.Diagnostics.HealthChecks;
using StratosBridge.Chains.Evm.Rpc;
using StratosBridge.Relayer.Configuration;

namespace StratosBridge.Api.Health;

/// <summary>Ready when the chain's RPC answers and reports the configured chain id (a wrong node is unhealthy).</summary>
public sealed class ChainRpcHealthCheck(ChainClients chains, string chain) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        var expected = chains.Options(chain).ChainId;
        try
        {
            var rpc = chains.Rpc(chain);
            var chainId = await rpc.ChainIdAsync(ct);
            var head = await rpc.BlockNumberAsync(ct);
            var data = new Dictionary<string, object> { ["chainId"] = chainId, ["head"] = head };
            return chainId == expected
                ? HealthCheckResult.Healthy("RPC reachable", data)
                : HealthCheckResult.Unhealthy($"RPC answers chain id {chainId}, configured {expected}", data: data);
        }
        catch (Exception e) when (e is HttpRequestException or EvmRpcException or TaskCanceledException or FormatException)
        {
            return HealthCheckResult.Unhealthy($"RPC unreachable: {e.Message}");
        }
    }
}
