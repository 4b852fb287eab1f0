using StratosBridge.Chains.Evm.Rpc;
using StratosBridge.Chains.JsonRpc;
using StratosBridge.Chains.Solana.Rpc;

namespace StratosBridge.Relayer.Relaying;

/// <summary>
/// The faults a worker's loop expects (a warning, then back-off): a chain node unreachable, slow or answering an error
/// (<see cref="RpcException"/>, HTTP, timeouts) or the ledger unavailable (<see cref="LedgerOutage"/>). Anything else a
/// round throws is an <c>ALARM</c> (<see cref="Core.Background.BackgroundLoop"/>): a fault of ours, or a node whose
/// well-formed answer lacks what the protocol promises (a block without its number, a log without its hash), which
/// waiting does not mend and a person should look at.
/// </summary>
public static class Outage
{
    public static bool Is(Exception e) => e switch
    {
        EvmRpcException { Kind: EvmRpcErrorKind.InvalidResponse, IsTransient: false } => false,
        SolanaRpcException { Kind: SolanaRpcErrorKind.InvalidResponse, IsTransient: false } => false,
        HttpRequestException or RpcException or TimeoutException or TaskCanceledException => true,
        _ => LedgerOutage.Is(e),
    };
}
