using System.Net;
using StratosBridge.Chains.Evm.Rpc;
using StratosBridge.Chains.Solana.Rpc;
using StratosBridge.Relayer.Relaying;

namespace StratosBridge.Tests.Unit.Relaying;

/// <summary>Which faults a worker waits out (a warning) and which raise an ALARM.</summary>
public sealed class OutageTests
{
    public static TheoryData<Exception, bool> Faults => new()
    {
        { EvmRpcErrors.FromHttpStatus("eth_blockNumber", HttpStatusCode.BadGateway), true },
        { EvmRpcErrors.FromRpcError("eth_getLogs", -32000, "header not found"), true },
        { EvmRpcErrors.FromRpcError("eth_call", 3, "execution reverted"), true },
        { new EvmRpcTransientException("eth_blockNumber", EvmRpcErrorKind.InvalidResponse, 0, "the answer is not JSON"), true },
        // a well-formed answer without what the protocol promises: waiting does not mend it
        { new EvmRpcException("eth_getBlockByNumber", 0, "unexpected result: no number", EvmRpcErrorKind.InvalidResponse), false },
        { SolanaRpcErrors.FromRpcError("getSlot", -32005, "node is unhealthy"), true },
        { new SolanaRpcException("getTransaction", 0, "unexpected result: no slot", SolanaRpcErrorKind.InvalidResponse), false },
        { new HttpRequestException("connection refused"), true },
        { new TimeoutException(), true },
        { new InvalidOperationException("a bug of ours"), false },
        { new FormatException("a log that does not decode"), false },
    };

    [Theory]
    [MemberData(nameof(Faults))]
    public void Outages_are_waited_out_and_everything_else_is_an_alarm(Exception fault, bool outage) =>
        Assert.Equal(outage, Outage.Is(fault));
}
