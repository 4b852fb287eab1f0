using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Nethereum.RPC.Eth.DTOs;
using StratosBridge.Chains.JsonRpc;
using StratosBridge.Chains.Solana;
using StratosBridge.Chains.Solana.Rpc;
using StratosBridge.TestKit;
using StratosBridge.Tests.Unit.Evm.Rpc;

namespace StratosBridge.Tests.Unit.Solana;

/// <summary>
/// The client against a real HTTP server on loopback that misbehaves on purpose: Solana's error codes, HTTP statuses,
/// unreadable bodies, refused connections; and its paging and registration.
/// </summary>
[Collection(JsonRpcStubServer.Collection)]
public sealed class SolanaRpcClientTests
{
    private static readonly RpcResilienceOptions Fast = new()
    {
        MaxRetryAttempts = 3,
        BaseDelay = TimeSpan.FromMilliseconds(5),
        MaxDelay = TimeSpan.FromMilliseconds(40),
        AttemptTimeout = TimeSpan.FromSeconds(1),
    };

    [Theory]
    [InlineData(-32005, "Node is behind by 42 slots", SolanaRpcErrorKind.NodeUnhealthy)]
    [InlineData(-32004, "Block not available for slot 12", SolanaRpcErrorKind.BlockNotAvailable)]
    [InlineData(-32016, "Minimum context slot has not been reached", SolanaRpcErrorKind.MinContextSlotNotReached)]
    [InlineData(-32603, "Internal error", SolanaRpcErrorKind.InternalError)]
    [InlineData(429, "Too many requests for a specific RPC call", SolanaRpcErrorKind.RateLimited)]
    public async Task Transient_node_errors_are_retried_until_the_node_answers(long code, string message, SolanaRpcErrorKind kind)
    {
        Assert.True(SolanaRpcErrors.FromRpcError("getSlot", code, message).IsTransient);
        Assert.Equal(kind, SolanaRpcErrors.FromRpcError("getSlot", code, message).Kind);
        await using var node = JsonRpcStubServer.Start(call =>
            call.Number <= 2 ? StubReply.Error(call, code, message) : StubReply.Result(call, "77"));
        using var http = Http(node.Url);

        Assert.Equal(77UL, await Client(http).GetSlotAsync());
        Assert.Equal(3, node.RequestCount);
    }

    [Theory]
    [InlineData(-32602, "Invalid param: WrongSize", SolanaRpcErrorKind.InvalidParams)]
    [InlineData(-32601, "Method not found", SolanaRpcErrorKind.MethodNotFound)]
    [InlineData(-32015, "Transaction version (0) is not supported by the requesting client.", SolanaRpcErrorKind.UnsupportedTransactionVersion)]
    [InlineData(-32007, "Slot 5 was skipped, or missing due to ledger jump to recent snapshot", SolanaRpcErrorKind.HistoryNotAvailable)]
    [InlineData(-32600, "Invalid request", SolanaRpcErrorKind.InvalidRequest)]
    public async Task Permanent_node_errors_are_not_retried(long code, string message, SolanaRpcErrorKind kind)
    {
        await using var node = JsonRpcStubServer.Start(call => StubReply.Error(call, code, message));
        using var http = Http(node.Url);

        var e = await Assert.ThrowsAsync<SolanaRpcException>(() => Client(http).GetSlotAsync());

        Assert.False(e.IsTransient);
        Assert.Equal((kind, code, message, "getSlot"), (e.Kind, e.Code, e.RpcMessage, e.Method));
        Assert.Equal(1, node.RequestCount);
    }

    [Fact]
    public async Task A_preflight_failure_keeps_the_simulation_result()
    {
        await using var node = JsonRpcStubServer.Start(call => StubReply.Error(call, -32002,
            "Transaction simulation failed: Error processing Instruction 0: custom program error: 0x1",
            """{"err":{"InstructionError":[0,{"Custom":1}]},"logs":["Transfer: insufficient lamports 5000, need 9000"],"unitsConsumed":150}"""));
        using var http = Http(node.Url);

        var e = await Assert.ThrowsAsync<SolanaRpcException>(() => Client(http).CallAsync("sendTransaction", ["AQ=="]));

        Assert.Equal(SolanaRpcErrorKind.PreflightFailure, e.Kind);
        using var data = JsonDocument.Parse(e.ErrorData!);
        Assert.Equal(1, data.RootElement.GetProperty("err").GetProperty("InstructionError")[1].GetProperty("Custom").GetInt32());
    }

    [Fact]
    public async Task Http_429_waits_for_retry_after_and_5xx_pages_end_transient()
    {
        await using var limited = JsonRpcStubServer.Start(call => call.Number == 1
            ? StubReply.Http(429, "Too Many Requests") with { Headers = new Dictionary<string, string> { ["Retry-After"] = "0" } }
            : StubReply.Result(call, "5"));
        using var limitedHttp = Http(limited.Url);
        Assert.Equal(5UL, await Client(limitedHttp).GetSlotAsync());
        Assert.Equal(2, limited.RequestCount);

        await using var gateway = JsonRpcStubServer.Start(_ => StubReply.Http(502, "<html>502 Bad Gateway</html>"));
        using var gatewayHttp = Http(gateway.Url);
        var e = await Assert.ThrowsAsync<SolanaRpcTransientException>(() => Client(gatewayHttp).GetSlotAsync());
        Assert.Equal((SolanaRpcErrorKind.HttpStatus, HttpStatusCode.BadGateway), (e.Kind, e.HttpStatus));
        Assert.Equal(1 + Fast.MaxRetryAttempts, gateway.RequestCount);
    }

    [Fact]
    public async Task Unreadable_answers_are_typed()
    {
        await using var html = JsonRpcStubServer.Start(_ => StubReply.Http(200, "<html>maintenance</html>"));
        using var htmlHttp = Http(html.Url);
        var notJson = await Assert.ThrowsAsync<SolanaRpcTransientException>(() => Client(htmlHttp, Fast with { MaxRetryAttempts = 0 }).GetSlotAsync());
        Assert.Equal(SolanaRpcErrorKind.InvalidResponse, notJson.Kind);

        await using var odd = JsonRpcStubServer.Start(call => StubReply.Result(call, "-3"));
        using var oddHttp = Http(odd.Url);
        var badShape = await Assert.ThrowsAsync<SolanaRpcException>(() => Client(oddHttp).GetSlotAsync());
        Assert.Equal(SolanaRpcErrorKind.InvalidResponse, badShape.Kind);
        Assert.False(badShape.IsTransient);
        Assert.Equal(1, odd.RequestCount);
    }

    [Fact]
    public async Task A_refused_connection_is_a_transient_connection_error()
    {
        using var http = Http(new Uri($"http://127.0.0.1:{FreePort.Next()}/"));

        var e = await Assert.ThrowsAsync<SolanaRpcTransientException>(() => Client(http, Fast with { MaxRetryAttempts = 1 }).GetSlotAsync());

        Assert.Equal(SolanaRpcErrorKind.Connection, e.Kind);
    }

    [Fact]
    public async Task All_signatures_are_read_page_by_page_from_before_the_last_one()
    {
        var signatures = Enumerable.Range(1, 5).Select(i => SignatureOf((byte)i)).ToArray(); // newest first
        var requests = new ConcurrentQueue<JsonElement>();
        await using var node = JsonRpcStubServer.Start(call =>
        {
            var config = call.Body.GetProperty("params")[1];
            requests.Enqueue(config.Clone());
            var start = config.TryGetProperty("before", out var before)
                ? Array.FindIndex(signatures, s => s.ToString() == before.GetString()) + 1
                : 0;
            var page = signatures.Skip(start).Take(config.GetProperty("limit").GetInt32())
                .Select(s => $$"""{"signature":"{{s}}","slot":{{10 - start}},"err":null,"memo":null,"blockTime":null,"confirmationStatus":"finalized"}""");
            return StubReply.Result(call, "[" + string.Join(",", page) + "]");
        });
        using var http = Http(node.Url);

        var all = new List<SolanaSignatureInfo>();
        await foreach (var info in Client(http).GetAllSignaturesForAddressAsync(default, SolanaCommitment.Confirmed, pageSize: 2))
        {
            all.Add(info);
        }

        Assert.Equal(signatures, all.Select(i => i.Signature));
        Assert.Equal(
            [null, signatures[1].ToString(), signatures[3].ToString()],
            requests.Select(r => r.TryGetProperty("before", out var b) ? b.GetString() : null));
        Assert.All(requests, r => Assert.Equal(("confirmed", 2), (r.GetProperty("commitment").GetString(), r.GetProperty("limit").GetInt32())));
    }

    [Fact]
    public async Task Processed_commitment_and_bad_limits_are_refused_before_sending()
    {
        using var http = Http(new Uri("http://127.0.0.1:9/"));
        var client = Client(http);

        await Assert.ThrowsAsync<ArgumentException>(() => client.GetTransactionAsync(default, SolanaCommitment.Processed));
        await Assert.ThrowsAsync<ArgumentException>(() => client.GetSignaturesForAddressAsync(default, SolanaCommitment.Processed));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => client.GetSignaturesForAddressAsync(default, limit: 1001));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => client.GetSignaturesForAddressAsync(default, limit: 0));
    }

    private static SolanaSignature SignatureOf(byte b) => new(Enumerable.Repeat(b, SolanaSignature.Size).ToArray());

    private static HttpClient Http(Uri url) => new() { BaseAddress = url, Timeout = TimeSpan.FromSeconds(10) };

    private static SolanaRpcClient Client(HttpClient http, RpcResilienceOptions? options = null) =>
        new(http, RpcResiliencePipeline.Create<SolanaRpcClient>(options ?? Fast));
}
