using Microsoft.Extensions.Diagnostics.HealthChecks;
using StratosBridge.Chains.Evm.Rpc;
using StratosBridge.Relayer.Configuration;

namespace StratosBridge.Api.Health;

/// <summary>
/// Ready when the chain's RPC answers and reports the configured chain id (a wrong node is unhealthy). The description
/// never carries an error's text (the probe is public; a node's error may name hosts or keys): the failure itself goes
/// with the result, which the health check service logs.
/// </summary>
public sealed class ChainRpcHealthCheck(ChainClients chains, string chain) : IHealthCheck
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        var expected = chains.Options(chain).ChainId;
        // The client retries transient faults; a readiness probe must answer quickly instead.
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(Timeout);
        try
        {
            var rpc = chains.Rpc(chain);
            var chainId = await rpc.ChainIdAsync(deadline.Token);
            var head = await rpc.BlockNumberAsync(deadline.Token);
            var data = new Dictionary<string, object> { ["chainId"] = chainId, ["head"] = head };
            return chainId == expected
                ? HealthCheckResult.Healthy("RPC reachable", data)
                : HealthCheckResult.Unhealthy($"RPC answers chain id {chainId}, configured {expected}", data: data);
        }
        catch (EvmRpcException e)
        {
            return HealthCheckResult.Unhealthy($"RPC unreachable ({e.Kind})", e);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy($"RPC unreachable: no answer within {Timeout.TotalSeconds:0} s");
        }
    }
}
