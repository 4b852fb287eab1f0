using System.Net;
using StratosBridge.Chains.Evm.Rpc;

namespace StratosBridge.Tests.Unit.Evm.Rpc;

/// <summary>The mapping of node wordings (geth, anvil, erigon, Nethermind, Besu, BSC, Ethermint, providers) to kinds.</summary>
public sealed class EvmRpcErrorsTests
{
    private const string Send = "eth_sendRawTransaction";
    private const string Logs = "eth_getLogs";

    [Theory]
    // nonce too low
    [InlineData(Send, -32000, "nonce too low", EvmRpcErrorKind.NonceTooLow)] // geth, anvil
    [InlineData(Send, -32003, "nonce too low", EvmRpcErrorKind.NonceTooLow)] // anvil code
    [InlineData(Send, -32000, "nonce too low: next nonce 5, tx nonce 3", EvmRpcErrorKind.NonceTooLow)] // geth ≥1.11
    [InlineData(Send, -32010, "Transaction nonce is too low. Try incrementing the nonce.", EvmRpcErrorKind.NonceTooLow)] // OpenEthereum
    [InlineData(Send, -32000, "NONCE_TOO_LOW: nonce too low", EvmRpcErrorKind.NonceTooLow)] // erigon
    [InlineData(Send, -32010, "OldNonce, Current nonce: 5, nonce of rejected tx: 3", EvmRpcErrorKind.NonceTooLow)] // Nethermind
    [InlineData(Send, -32000, "invalid nonce; got 3, expected 4: invalid sequence", EvmRpcErrorKind.NonceTooLow)] // Ethermint
    [InlineData(Send, -32000, "invalid nonce; got 9, expected 8: invalid sequence", EvmRpcErrorKind.NonceTooHigh)] // Ethermint
    [InlineData(Send, -32000, "nonce too high", EvmRpcErrorKind.NonceTooHigh)]
    // already known
    [InlineData(Send, -32000, "already known", EvmRpcErrorKind.AlreadyKnown)] // geth, erigon, Infura
    [InlineData(Send, -32000, "known transaction: 608f9e3b4bb0a4fd63a8162b5cbee34c723093797b462c2a2f953dc251713d54", EvmRpcErrorKind.AlreadyKnown)] // BSC, old geth
    [InlineData(Send, -32603, "Known transaction (3b7baba5)", EvmRpcErrorKind.AlreadyKnown)] // very old geth
    [InlineData(Send, -32000, "Known transaction", EvmRpcErrorKind.AlreadyKnown)] // Besu
    [InlineData(Send, -32003, "transaction already imported", EvmRpcErrorKind.AlreadyKnown)] // anvil
    [InlineData(Send, -32010, "Transaction with the same hash was already imported.", EvmRpcErrorKind.AlreadyKnown)] // OpenEthereum
    [InlineData(Send, -32000, "ALREADY_EXISTS: already known", EvmRpcErrorKind.AlreadyKnown)] // erigon
    [InlineData(Send, -32000, "INTERNAL_ERROR: existing tx with same hash", EvmRpcErrorKind.AlreadyKnown)] // erigon
    [InlineData(Send, -32010, "AlreadyKnown", EvmRpcErrorKind.AlreadyKnown)] // Nethermind
    [InlineData(Send, -32000, "tx already in mempool", EvmRpcErrorKind.AlreadyKnown)] // CometBFT
    [InlineData(Send, -32000, "tx already exists in cache", EvmRpcErrorKind.AlreadyKnown)] // CometBFT
    // replacement underpriced, fees, funds
    [InlineData(Send, -32000, "replacement transaction underpriced", EvmRpcErrorKind.ReplacementUnderpriced)] // geth, anvil
    [InlineData(Send, -32000, "replacement fee too low", EvmRpcErrorKind.ReplacementUnderpriced)]
    [InlineData(Send, -32000, "transaction underpriced", EvmRpcErrorKind.FeeTooLow)] // geth
    [InlineData(Send, -32000, "max fee per gas less than block base fee: address 0xf39F…, maxFeePerGas: 1, baseFee: 7", EvmRpcErrorKind.FeeTooLow)] // geth
    [InlineData(Send, -32000, "insufficient fee; got: 1 required: 20: insufficient fee", EvmRpcErrorKind.FeeTooLow)] // Ethermint
    [InlineData(Send, -32000, "insufficient funds for gas * price + value", EvmRpcErrorKind.InsufficientFunds)] // geth
    [InlineData(Send, -32003, "Insufficient funds for gas * price + value", EvmRpcErrorKind.InsufficientFunds)] // anvil
    [InlineData("eth_estimateGas", -32000, "insufficient funds for transfer", EvmRpcErrorKind.InsufficientFunds)]
    // execution reverted
    [InlineData("eth_call", 3, "execution reverted: custom error 0xdeadbeef", EvmRpcErrorKind.ExecutionReverted)] // anvil
    [InlineData("eth_call", -32000, "execution reverted", EvmRpcErrorKind.ExecutionReverted)] // geth without data
    [InlineData("eth_estimateGas", -32015, "VM Exception while processing transaction: revert boom", EvmRpcErrorKind.ExecutionReverted)] // ganache/hardhat
    [InlineData("eth_call", -32015, "Reverted 0x08c379a0", EvmRpcErrorKind.ExecutionReverted)] // Nethermind
    [InlineData(Send, 3, "execution reverted: nonce too low", EvmRpcErrorKind.ExecutionReverted)] // a revert reason is not a pool error
    // eth_getLogs refusals
    [InlineData(Logs, -32005, "query returned more than 10000 results", EvmRpcErrorKind.LogRangeTooLarge)] // Infura, geth-style
    [InlineData(Logs, -32602, "range 1000000 exceeds limit of 10000", EvmRpcErrorKind.LogRangeTooLarge)] // Infura (live)
    [InlineData(Logs, -32000, "exceed maximum block range: 5000", EvmRpcErrorKind.LogRangeTooLarge)] // BSC
    [InlineData(Logs, -32005, "limit exceeded", EvmRpcErrorKind.LogRangeTooLarge)] // BSC public endpoints
    [InlineData(Logs, -32005, "block range too large, max range: 10000", EvmRpcErrorKind.LogRangeTooLarge)] // cdk-erigon
    [InlineData(Logs, -32000, "block range is too wide (maximum 1024)", EvmRpcErrorKind.LogRangeTooLarge)] // Frontier/Moonbeam
    [InlineData(Logs, -32000, "Log response size exceeded. You can make eth_getLogs requests with up to a 2K block range and no limit on the response size, or you can request any block range with a cap of 10K logs in the response.", EvmRpcErrorKind.LogRangeTooLarge)] // Alchemy
    [InlineData(Logs, -32602, "Query returned more than 10000 results. Try with this block range [0x118dc91, 0x1198cc3].", EvmRpcErrorKind.LogRangeTooLarge)] // zkSync
    [InlineData(Logs, -32000, "query timeout exceeded", EvmRpcErrorKind.LogRangeTooLarge)]
    // transient
    [InlineData("eth_call", -32000, "header not found", EvmRpcErrorKind.BlockNotAvailable)] // geth
    [InlineData("eth_getBlockByNumber", -32000, "unknown block", EvmRpcErrorKind.BlockNotAvailable)] // geth
    [InlineData("eth_call", -32602, "BlockOutOfRangeError: block height is 2 but requested was 2457", EvmRpcErrorKind.BlockNotAvailable)] // anvil
    [InlineData("eth_chainId", 429, "Your app has exceeded its compute units per second capacity.", EvmRpcErrorKind.RateLimited)] // Alchemy
    [InlineData(Logs, -32005, "project ID request rate exceeded", EvmRpcErrorKind.RateLimited)] // Infura: a rate limit even on eth_getLogs
    [InlineData("eth_chainId", -32005, "limit exceeded", EvmRpcErrorKind.RateLimited)] // EIP-1474 -32005
    [InlineData("eth_chainId", -32090, "Too many requests, reason: call rate limit exhausted, retry in 10s", EvmRpcErrorKind.RateLimited)]
    // standard codes
    [InlineData("eth_call", -32602, "invalid argument 0: hex string has length 3, want 40 for common.Address", EvmRpcErrorKind.InvalidParams)]
    [InlineData("eth_nope", -32601, "Method not found", EvmRpcErrorKind.MethodNotFound)]
    [InlineData("eth_chainId", -32600, "invalid request", EvmRpcErrorKind.InvalidRequest)]
    [InlineData("eth_chainId", -32603, "something else broke", EvmRpcErrorKind.Other)]
    // pool wordings only count on sends
    [InlineData("eth_getBlockByNumber", -32000, "already known", EvmRpcErrorKind.Other)]
    public void Node_wording_maps_to_its_kind(string method, long code, string message, EvmRpcErrorKind expected)
    {
        var e = EvmRpcErrors.FromRpcError(method, code, message);

        Assert.Equal(expected, e.Kind);
        Assert.Equal(method, e.Method);
        Assert.Equal(code, e.Code);
        Assert.Equal(message, e.RpcMessage);
        var transient = expected is EvmRpcErrorKind.BlockNotAvailable or EvmRpcErrorKind.RateLimited;
        Assert.Equal(transient, e.IsTransient);
        Assert.Equal(transient, e is EvmRpcTransientException);
    }

    [Theory]
    [InlineData(EvmRpcErrorKind.NonceTooLow, typeof(EvmRpcNonceTooLowException))]
    [InlineData(EvmRpcErrorKind.AlreadyKnown, typeof(EvmRpcAlreadyKnownException))]
    [InlineData(EvmRpcErrorKind.ReplacementUnderpriced, typeof(EvmRpcReplacementUnderpricedException))]
    public void Recognised_pool_outcomes_have_their_own_exception_type(EvmRpcErrorKind kind, Type type)
    {
        var message = kind switch
        {
            EvmRpcErrorKind.NonceTooLow => "nonce too low",
            EvmRpcErrorKind.AlreadyKnown => "already known",
            _ => "replacement transaction underpriced",
        };

        Assert.IsType(type, EvmRpcErrors.FromRpcError(Send, -32000, message));
    }

    [Theory]
    [InlineData("exceed maximum block range: 5000", 5000L)]
    [InlineData("range 1000000 exceeds limit of 10000", 10000L)]
    [InlineData("block range is too wide (maximum 1024)", 1024L)]
    [InlineData("block range too large, max range: 10000", 10000L)]
    [InlineData("block range is larger than max block range, block range = 5120, max block range = 5000", 5000L)]
    [InlineData("You can make eth_getLogs requests with up to a 500 block range.", 500L)]
    [InlineData("Log response size exceeded. You can make eth_getLogs requests with up to a 2K block range", null)]
    [InlineData("query returned more than 10000 results", null)]
    public void Log_range_refusal_parses_the_maximum_span_when_stated(string message, long? expected)
    {
        var e = Assert.IsType<EvmRpcLogRangeTooLargeException>(EvmRpcErrors.FromRpcError(Logs, -32005, message));

        Assert.Equal(expected, e.MaxBlockRange);
    }

    [Fact]
    public void Log_range_refusal_parses_a_suggested_range()
    {
        var e = Assert.IsType<EvmRpcLogRangeTooLargeException>(EvmRpcErrors.FromRpcError(Logs, -32602,
            "Query returned more than 10000 results. Try with this block range [0x118dc91, 0x1198cc3]."));

        Assert.Equal(0x118dc91, e.SuggestedFromBlock);
        Assert.Equal(0x1198cc3, e.SuggestedToBlock);
    }

    [Fact]
    public void Log_range_refusal_is_found_in_the_error_data_too()
    {
        // Tenderly: generic message, the reason in data.payload.
        var e = EvmRpcErrors.FromRpcError(Logs, -32602, "invalid params",
            """{"error_id":"4ed94073","payload":"range 9009594 is bigger than range limit 2000"}""");

        var range = Assert.IsType<EvmRpcLogRangeTooLargeException>(e);
        Assert.Equal(2000, range.MaxBlockRange);
    }

    [Theory]
    [InlineData("\"0xdeadbeef\"", "0xdeadbeef")] // geth/anvil: data is the hex string
    [InlineData("{\"message\":\"reverted\",\"data\":\"0xDEADBEEF\"}", "0xdeadbeef")] // nested object
    [InlineData(null, null)]
    public void Revert_data_is_taken_from_the_error_data(string? dataJson, string? expected)
    {
        var data = dataJson is null ? null : System.Text.Json.JsonDocument.Parse(dataJson).RootElement switch
        {
            { ValueKind: System.Text.Json.JsonValueKind.String } s => s.GetString(),
            var o => o.GetRawText(),
        };

        var e = Assert.IsType<EvmRpcExecutionRevertedException>(EvmRpcErrors.FromRpcError("eth_call", 3, "execution reverted", data));

        Assert.Equal(expected, e.RevertData);
    }

    [Fact]
    public void Revert_data_is_taken_from_the_message_when_the_node_puts_it_there()
    {
        var e = Assert.IsType<EvmRpcExecutionRevertedException>(
            EvmRpcErrors.FromRpcError("eth_call", -32015, "Reverted 0xDEADBEEF00000000"));

        Assert.Equal("0xdeadbeef00000000", e.RevertData);
        Assert.Null(e.Reason);
    }

    [Theory]
    [InlineData(HttpStatusCode.ServiceUnavailable, true, EvmRpcErrorKind.HttpStatus)]
    [InlineData(HttpStatusCode.BadGateway, true, EvmRpcErrorKind.HttpStatus)]
    [InlineData(HttpStatusCode.GatewayTimeout, true, EvmRpcErrorKind.HttpStatus)]
    [InlineData(HttpStatusCode.InternalServerError, true, EvmRpcErrorKind.HttpStatus)]
    [InlineData(HttpStatusCode.RequestTimeout, true, EvmRpcErrorKind.HttpStatus)]
    [InlineData(HttpStatusCode.TooManyRequests, true, EvmRpcErrorKind.RateLimited)]
    [InlineData(HttpStatusCode.Unauthorized, false, EvmRpcErrorKind.HttpStatus)]
    [InlineData(HttpStatusCode.Forbidden, false, EvmRpcErrorKind.HttpStatus)]
    [InlineData(HttpStatusCode.NotFound, false, EvmRpcErrorKind.HttpStatus)]
    public void Http_status_without_json_rpc_error_maps_by_status(HttpStatusCode status, bool transient, EvmRpcErrorKind kind)
    {
        var e = EvmRpcErrors.FromHttpStatus("eth_chainId", status, "<html>…</html>");

        Assert.Equal(transient, e.IsTransient);
        Assert.Equal(kind, e.Kind);
        Assert.Equal(status, e.HttpStatus);
    }

    [Fact]
    public void Unrecognised_json_rpc_error_in_a_5xx_answer_is_transient()
    {
        var e = EvmRpcErrors.FromRpcError("eth_chainId", -32603, "internal error", httpStatus: HttpStatusCode.BadGateway);

        Assert.True(e.IsTransient);
    }

    [Fact]
    public void Recognised_json_rpc_error_wins_over_the_http_status()
    {
        var e = EvmRpcErrors.FromRpcError(Send, -32000, "nonce too low", httpStatus: HttpStatusCode.InternalServerError);

        Assert.IsType<EvmRpcNonceTooLowException>(e);
    }
}
