using StratosBridge.Chains.Evm.Rpc;
using StratosBridge.Chains.Solana.Rpc;

namespace StratosBridge.Relayer.Relaying;

/// <summary>
/// The faults a worker's loop expects (a warning, then back-off): a chain node unreachable, slow or answering an error
/// (<see cref="EvmRpcException"/>, <see cref="SolanaRpcException"/>, HTTP, timeouts) or the ledger unavailable
/// (<see cref="LedgerOutage"/>). Anything else a round throws is a fault of ours: an <c>ALARM</c>
/// (<see cref="Core.Background.BackgroundLoop"/>).
/// </summary>
public static class Outage
{
    public static bool Is(Exception e) =>
        e is HttpRequestException or EvmRpcException or SolanaRpcException or TimeoutException or TaskCanceledException
        || LedgerOutage.Is(e);
}
