using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using Nethereum.RPC.Eth.DTOs;
using Newtonsoft.Json.Linq;
using StratosBridge.Chains.Evm.Rpc;
using StratosBridge.Chains.JsonRpc;
using StratosBridge.TestKit;

namespace StratosBridge.Tests.Unit.Evm.Rpc;

/// <summary>
/// The client against a real HTTP server on loopback that misbehaves on purpose: status codes, hangs, refused
/// connections and JSON-RPC errors in the wordings real nodes and providers use.
/// </summary>
[Collection(JsonRpcStubServer.Collection)]
public sealed class EvmRpcClientTests
{
    private static readonly RpcResilienceOptions Fast = new()
    {
        MaxRetryAttempts = 3,
        BaseDelay = TimeSpan.FromMilliseconds(5),
        MaxDelay = TimeSpan.FromMilliseconds(40),
        AttemptTimeout = TimeSpan.FromSeconds(1), // a cold loopback server must see the request before it is abandoned
    };

    [Fact]
    public async Task Http_503_is_retried_until_the_node_answers()
    {
        await using var node = JsonRpcStubServer.Start(call =>
            call.Number <= 2 ? StubReply.Http(503, "upstream unavailable") : StubReply.Result(call, "\"0x7a69\""));
        using var http = Http(node.Url);

        var chainId = await Client(http).ChainIdAsync();

        Assert.Equal(31337, chainId);
        Assert.Equal(3, node.RequestCount);
    }

    [Fact]
    public async Task Persistent_503_ends_in_a_transient_exception_after_every_retry()
    {
        await using var node = JsonRpcStubServer.Start(_ => StubReply.Http(503, "<html>503 Service Temporarily Unavailable</html>"));
        using var http = Http(node.Url);

        var e = await Assert.ThrowsAsync<EvmRpcTransientException>(() => Client(http).BlockNumberAsync());

        Assert.Equal(EvmRpcErrorKind.HttpStatus, e.Kind);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, e.HttpStatus);
        Assert.Equal("eth_blockNumber", e.Method);
        Assert.Equal(1 + Fast.MaxRetryAttempts, node.RequestCount);
    }

    [Fact]
    public async Task Http_429_waits_for_retry_after_then_retries()
    {
        await using var node = JsonRpcStubServer.Start(call => call.Number == 1
            ? StubReply.Http(429, "Too Many Requests") with { Headers = new Dictionary<string, string> { ["Retry-After"] = "1" } }
            : StubReply.Result(call, "\"0x10\""));
        using var http = Http(node.Url);
        var client = Client(http, Fast with { MaxDelay = TimeSpan.FromSeconds(5) });

        var watch = Stopwatch.StartNew();
        var number = await client.BlockNumberAsync();

        Assert.Equal(16, number);
        Assert.Equal(2, node.RequestCount);
        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(900), $"retried after {watch.ElapsedMilliseconds} ms, before Retry-After");
    }

    [Fact]
    public async Task Retry_after_is_capped_at_the_max_delay()
    {
        await using var node = JsonRpcStubServer.Start(call => call.Number == 1
            ? StubReply.Http(429) with { Headers = new Dictionary<string, string> { ["Retry-After"] = "120" } }
            : StubReply.Result(call, "\"0x10\""));
        using var http = Http(node.Url);

        var watch = Stopwatch.StartNew();
        Assert.Equal(16, await Client(http).BlockNumberAsync());
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(60), $"took {watch.ElapsedMilliseconds} ms: waited for Retry-After (120 s)?");
    }

    [Fact]
    public async Task Hanging_node_times_out_per_attempt_and_every_attempt_is_made()
    {
        await using var node = JsonRpcStubServer.Start(_ => StubReply.Hang(TimeSpan.FromSeconds(30)));
        using var http = Http(node.Url);
        // 1 s per attempt: long enough for a cold loopback server to see each request before it is abandoned.
        var options = Fast with { MaxRetryAttempts = 2, AttemptTimeout = TimeSpan.FromSeconds(1) };

        // (had an attempt waited for the answer, it would have got one after 30 s and not thrown)
        var e = await Assert.ThrowsAsync<EvmRpcTransientException>(() => Client(http, options).ChainIdAsync());

        Assert.Equal(EvmRpcErrorKind.Timeout, e.Kind);
        Assert.True(e.IsTransient);
        Assert.Equal(3, node.RequestCount);
    }

    [Fact]
    public async Task Slow_first_answer_is_abandoned_and_the_retry_succeeds()
    {
        await using var node = JsonRpcStubServer.Start(call => call.Number == 1
            ? StubReply.Hang(TimeSpan.FromSeconds(30))
            : StubReply.Result(call, "\"0x1\""));
        using var http = Http(node.Url);

        Assert.Equal(1, await Client(http).ChainIdAsync());
        Assert.Equal(2, node.RequestCount);
    }

    [Fact]
    public async Task Caller_cancellation_is_not_retried()
    {
        await using var node = JsonRpcStubServer.Start(_ => StubReply.Hang(TimeSpan.FromSeconds(30)));
        using var http = Http(node.Url);
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(150));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => Client(http, Fast with { AttemptTimeout = TimeSpan.FromSeconds(10) }).ChainIdAsync(cts.Token));
        Assert.Equal(1, node.RequestCount);
    }

    [Fact]
    public async Task Refused_connection_is_retried_then_reported_as_transient()
    {
        var counter = new CountingHandler();
        using var http = new HttpClient(counter) { BaseAddress = new Uri($"http://127.0.0.1:{FreePort.Next()}/") };

        var e = await Assert.ThrowsAsync<EvmRpcTransientException>(() => Client(http).ChainIdAsync());

        Assert.Equal(EvmRpcErrorKind.Connection, e.Kind);
        Assert.IsType<HttpRequestException>(e.InnerException);
        Assert.Equal(1 + Fast.MaxRetryAttempts, counter.Count);
    }

    [Theory]
    [InlineData(-32000, "header not found")] // geth: block not (yet) on this node / backend
    [InlineData(429, "Your app has exceeded its compute units per second capacity. If you have retries enabled, you can safely ignore this message.")] // Alchemy
    [InlineData(-32005, "daily request count exceeded, request rate limited")] // Infura
    [InlineData(-32005, "limit exceeded")] // EIP-1474 / public gateways, on a method other than eth_getLogs
    public async Task Transient_json_rpc_errors_are_retried(long code, string message)
    {
        await using var node = JsonRpcStubServer.Start(call => call.Number == 1
            ? StubReply.Error(call, code, message)
            : StubReply.Result(call, "\"0x2a\""));
        using var http = Http(node.Url);

        Assert.Equal(42, await Client(http).BlockNumberAsync());
        Assert.Equal(2, node.RequestCount);
    }

    [Theory]
    [InlineData("nonce too low", 200, typeof(EvmRpcNonceTooLowException))] // geth, anvil
    [InlineData("nonce too low: address 0xf39F…, tx: 0 state: 1", 200, typeof(EvmRpcNonceTooLowException))] // geth ≥1.11
    [InlineData("invalid nonce; got 3, expected 4: invalid sequence", 200, typeof(EvmRpcNonceTooLowException))] // Ethermint (Stratos)
    [InlineData("already known", 200, typeof(EvmRpcAlreadyKnownException))] // geth, erigon
    [InlineData("known transaction: 0x3f1c…", 200, typeof(EvmRpcAlreadyKnownException))] // BSC, old geth
    [InlineData("Known transaction", 400, typeof(EvmRpcAlreadyKnownException))] // Besu answers with HTTP 400
    [InlineData("ALREADY_EXISTS: already known", 200, typeof(EvmRpcAlreadyKnownException))] // erigon
    [InlineData("transaction already imported", 200, typeof(EvmRpcAlreadyKnownException))] // anvil
    [InlineData("AlreadyKnown", 200, typeof(EvmRpcAlreadyKnownException))] // Nethermind
    [InlineData("tx already in mempool", 200, typeof(EvmRpcAlreadyKnownException))] // CometBFT (Stratos)
    [InlineData("replacement transaction underpriced", 200, typeof(EvmRpcReplacementUnderpricedException))] // geth, anvil
    [InlineData("insufficient funds for gas * price + value", 200, typeof(EvmRpcException))]
    public async Task Permanent_send_errors_are_typed_and_not_retried(string message, int status, Type expected)
    {
        await using var node = JsonRpcStubServer.Start(call => StubReply.Error(call, -32000, message, status: status));
        using var http = Http(node.Url);

        var e = await Assert.ThrowsAnyAsync<EvmRpcException>(() => Client(http).SendRawTransactionAsync("0x02f86c"));

        Assert.IsType(expected, e);
        Assert.False(e.IsTransient);
        Assert.Equal(message, e.RpcMessage);
        Assert.Equal(1, node.RequestCount);
    }

    [Fact]
    public async Task Execution_reverted_keeps_the_revert_data_and_reason()
    {
        const string data = "0x08c379a00000000000000000000000000000000000000000000000000000000000000020"
                            + "0000000000000000000000000000000000000000000000000000000000000004626f6f6d00000000000000000000000000000000000000000000000000000000";
        await using var node = JsonRpcStubServer.Start(call => StubReply.Error(call, 3, "execution reverted: boom", $"\"{data}\""));
        using var http = Http(node.Url);

        var e = await Assert.ThrowsAsync<EvmRpcExecutionRevertedException>(() =>
            Client(http).CallAsync(new CallInput { To = "0x5FbDB2315678afecb367f032d93F642f64180aa3", Data = "0x" }, EvmBlocks.Latest));

        Assert.Equal(data, e.RevertData);
        Assert.Equal("boom", e.Reason);
        Assert.Equal(3, e.Code);
        Assert.Equal(1, node.RequestCount);
    }

    [Fact]
    public async Task Log_range_refusal_is_not_retried_and_carries_the_node_hints()
    {
        await using var node = JsonRpcStubServer.Start(call => StubReply.Error(call, -32600,
            "You can make eth_getLogs requests with up to a 500 block range. Based on your parameters, this block range should work: [0x123c9b2, 0x123cba5]"));
        using var http = Http(node.Url);

        var e = await Assert.ThrowsAsync<EvmRpcLogRangeTooLargeException>(() =>
            Client(http).GetLogsAsync(new NewFilterInput { FromBlock = EvmBlocks.Number(0x123c9b2), ToBlock = EvmBlocks.Number(0x124c9b2) }));

        Assert.Equal(500, e.MaxBlockRange);
        Assert.Equal(0x123c9b2, e.SuggestedFromBlock);
        Assert.Equal(0x123cba5, e.SuggestedToBlock);
        Assert.Equal(1, node.RequestCount);
    }

    [Fact]
    public async Task Gateway_html_error_page_is_transient()
    {
        await using var node = JsonRpcStubServer.Start(call => call.Number == 1
            ? StubReply.Http(502, "<html><body><h1>502 Bad Gateway</h1></body></html>")
            : StubReply.Result(call, "\"0x1\""));
        using var http = Http(node.Url);

        Assert.Equal(1, await Client(http).ChainIdAsync());
        Assert.Equal(2, node.RequestCount);
    }

    [Fact]
    public async Task Http_401_without_a_json_rpc_error_is_permanent()
    {
        await using var node = JsonRpcStubServer.Start(_ => StubReply.Http(401, "invalid project id"));
        using var http = Http(node.Url);

        var e = await Assert.ThrowsAsync<EvmRpcException>(() => Client(http).ChainIdAsync());

        Assert.Equal(EvmRpcErrorKind.HttpStatus, e.Kind);
        Assert.Equal(HttpStatusCode.Unauthorized, e.HttpStatus);
        Assert.Contains("invalid project id", e.RpcMessage, StringComparison.Ordinal);
        Assert.Equal(1, node.RequestCount);
    }

    [Fact]
    public async Task Cut_off_json_answer_is_transient_and_retried()
    {
        await using var node = JsonRpcStubServer.Start(call => call.Number == 1
            ? new StubReply(200, """{"jsonrpc":"2.0","id":1,"res""")
            : StubReply.Result(call, "\"0x5\""));
        using var http = Http(node.Url);

        Assert.Equal(5, await Client(http).BlockNumberAsync());
        Assert.Equal(2, node.RequestCount);
    }

    [Fact]
    public async Task Result_of_the_wrong_shape_is_a_permanent_invalid_response()
    {
        await using var node = JsonRpcStubServer.Start(call => StubReply.Result(call, "12"));
        using var http = Http(node.Url);

        var e = await Assert.ThrowsAsync<EvmRpcException>(() => Client(http).BlockNumberAsync());

        Assert.Equal(EvmRpcErrorKind.InvalidResponse, e.Kind);
        Assert.False(e.IsTransient);
        Assert.Equal(1, node.RequestCount);
    }

    [Fact]
    public async Task Raw_call_sends_params_as_given()
    {
        await using var node = JsonRpcStubServer.Start(call =>
            StubReply.Result(call, call.Body.GetProperty("params").GetRawText()));
        using var http = Http(node.Url);

        var echoed = await Client(http).RequestAsync<JToken>("anvil_setBalance", ["0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266", "0x1"]);

        Assert.Equal("""["0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266","0x1"]""", echoed.ToString(Newtonsoft.Json.Formatting.None));
    }

    [Fact]
    public async Task Log_filter_is_sent_in_json_rpc_form()
    {
        JsonNode? sent = null;
        await using var node = JsonRpcStubServer.Start(call =>
        {
            sent = JsonNode.Parse(call.Body.GetProperty("params")[0].GetRawText());
            return StubReply.Result(call, "[]");
        });
        using var http = Http(node.Url);
        var filter = new NewFilterInput
        {
            FromBlock = EvmBlocks.Number(10),
            ToBlock = EvmBlocks.Finalized,
            Address = ["0xaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "0xbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"],
            Topics = ["0x" + new string('1', 64), null, new[] { "0x" + new string('2', 64), "0x" + new string('3', 64) }],
        };

        Assert.Empty(await Client(http).GetLogsAsync(filter));

        Assert.NotNull(sent);
        Assert.Equal("0xa", (string?)sent["fromBlock"]);
        Assert.Equal("finalized", (string?)sent["toBlock"]);
        Assert.Equal("0xaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", (string?)sent["address"]![0]);
        Assert.Equal(3, sent["topics"]!.AsArray().Count);
        Assert.Equal("0x" + new string('1', 64), (string?)sent["topics"]![0]);
        Assert.Null(sent["topics"]![1]);
        Assert.Equal(2, sent["topics"]![2]!.AsArray().Count);
    }

    private static HttpClient Http(Uri url) => new() { BaseAddress = url };

    private static EvmRpcClient Client(HttpClient http, RpcResilienceOptions? options = null) =>
        new(http, RpcResiliencePipeline.Create<EvmRpcClient>(options ?? Fast, "test"));

    private sealed class CountingHandler() : DelegatingHandler(new SocketsHttpHandler())
    {
        private int _count;

        public int Count => Volatile.Read(ref _count);

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _count);
            return base.SendAsync(request, cancellationToken);
        }
    }
}
