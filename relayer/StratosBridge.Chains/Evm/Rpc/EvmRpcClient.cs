using System.Buffers;
using System.Net;
using System.Net.Http.Headers;
using System.Numerics;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Polly;
using Polly.Timeout;
using StratosBridge.Chains.JsonRpc;

namespace StratosBridge.Chains.Evm.Rpc;

/// <summary>
/// JSON-RPC client for one EVM chain over a typed <see cref="HttpClient"/> (base address = the node's RPC URL).
/// Failures are typed (<see cref="EvmRpcException"/> and subclasses, see <see cref="EvmRpcErrors"/>); transient ones
/// are retried by the <see cref="ResiliencePipeline"/> given at construction (none with the one-argument constructor).
/// Hashes, addresses and data are lower-case 0x-hex strings; quantities are <see cref="BigInteger"/> or <c>long</c>.
/// Get one per chain from <see cref="IEvmRpcClientFactory.For"/>.
/// </summary>
public sealed class EvmRpcClient
{
    private static readonly MediaTypeHeaderValue JsonMediaType = new("application/json");

    private readonly HttpClient _http;
    private readonly ResiliencePipeline _pipeline;
    private long _nextId;

    /// <summary>A client without retries or timeouts of its own (the HttpClient's timeout applies).</summary>
    [ActivatorUtilitiesConstructor]
    public EvmRpcClient(HttpClient http)
        : this(http, ResiliencePipeline.Empty)
    {
    }

    public EvmRpcClient(HttpClient http, ResiliencePipeline pipeline)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(pipeline);
        _http = http;
        _pipeline = pipeline;
    }

    public Uri? Endpoint => _http.BaseAddress;

    public Task<long> ChainIdAsync(CancellationToken ct = default) => SendAsync(EvmRpcRequests.ChainId(), ct);

    public Task<long> BlockNumberAsync(CancellationToken ct = default) => SendAsync(EvmRpcRequests.BlockNumber(), ct);

    /// <summary>A block header by number or tag (latest, safe, finalized, …); null when the node has no such block.</summary>
    public Task<EvmBlockHeader?> GetBlockByNumberAsync(EvmBlockTag block, CancellationToken ct = default) =>
        SendAsync(EvmRpcRequests.GetBlockByNumber(block), ct);

    /// <summary>
    /// Logs matching the filter. A node that refuses the range or result size throws
    /// <see cref="EvmRpcLogRangeTooLargeException"/>: shrink the range and ask again.
    /// </summary>
    public Task<IReadOnlyList<EvmLog>> GetLogsAsync(EvmLogFilter filter, CancellationToken ct = default) =>
        SendAsync(EvmRpcRequests.GetLogs(filter), ct);

    /// <summary><c>eth_call</c> at a block; a revert throws <see cref="EvmRpcExecutionRevertedException"/> with the revert data.</summary>
    public Task<string> CallAsync(EvmCallRequest call, EvmBlockTag block, CancellationToken ct = default) =>
        SendAsync(EvmRpcRequests.Call(call, block), ct);

    public Task<long> EstimateGasAsync(EvmCallRequest call, EvmBlockTag? block = null, CancellationToken ct = default) =>
        SendAsync(EvmRpcRequests.EstimateGas(call, block), ct);

    public Task<EvmFeeHistory> FeeHistoryAsync(int blockCount, EvmBlockTag newestBlock, IReadOnlyList<decimal> rewardPercentiles,
        CancellationToken ct = default) =>
        SendAsync(EvmRpcRequests.FeeHistory(blockCount, newestBlock, rewardPercentiles), ct);

    public Task<BigInteger> MaxPriorityFeePerGasAsync(CancellationToken ct = default) =>
        SendAsync(EvmRpcRequests.MaxPriorityFeePerGas(), ct);

    /// <summary>The account's native balance (wei) at a block.</summary>
    public Task<BigInteger> GetBalanceAsync(string address, EvmBlockTag block, CancellationToken ct = default) =>
        SendAsync(EvmRpcRequests.GetBalance(address, block), ct);

    /// <summary>The account nonce at a block; <see cref="EvmBlockTag.Pending"/> counts the node's pool too.</summary>
    public Task<long> GetTransactionCountAsync(string address, EvmBlockTag block, CancellationToken ct = default) =>
        SendAsync(EvmRpcRequests.GetTransactionCount(address, block), ct);

    /// <summary>
    /// Broadcasts signed transaction bytes and returns the hash. Safe to retry (and retried on transient faults):
    /// the same bytes are sent each time, so a node that got an earlier attempt answers
    /// <see cref="EvmRpcAlreadyKnownException"/> or, once mined, <see cref="EvmRpcNonceTooLowException"/> — both mean
    /// the broadcast happened; confirm by the hash the caller stored when it signed.
    /// </summary>
    public Task<string> SendRawTransactionAsync(ReadOnlyMemory<byte> signedTransaction, CancellationToken ct = default) =>
        SendAsync(EvmRpcRequests.SendRawTransaction(signedTransaction.Span), ct);

    /// <inheritdoc cref="SendRawTransactionAsync(ReadOnlyMemory{byte}, CancellationToken)"/>
    public Task<string> SendRawTransactionAsync(string signedTransactionHex, CancellationToken ct = default) =>
        SendAsync(EvmRpcRequests.SendRawTransaction(signedTransactionHex), ct);

    /// <summary>The receipt; null while the transaction is pending (or unknown to the node).</summary>
    public Task<EvmTransactionReceipt?> GetTransactionReceiptAsync(string transactionHash, CancellationToken ct = default) =>
        SendAsync(EvmRpcRequests.GetTransactionReceipt(transactionHash), ct);

    public Task<EvmTransaction?> GetTransactionByHashAsync(string transactionHash, CancellationToken ct = default) =>
        SendAsync(EvmRpcRequests.GetTransactionByHash(transactionHash), ct);

    /// <summary>Any JSON-RPC call, raw; a JSON-RPC error becomes a typed <see cref="EvmRpcException"/>.</summary>
    public Task<JsonElement> CallAsync(string method, JsonArray parameters, CancellationToken ct = default) =>
        SendAsync(new EvmRpcRequest<JsonElement>(method, parameters, result => result.Clone()), ct);

    /// <summary>Sends one request through the resilience pipeline.</summary>
    public async Task<T> SendAsync<T>(EvmRpcRequest<T> request, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var id = NextId();
        var body = Serialize(writer => request.Write(writer, id));
        return await ExecuteAsync(request.Method, async attemptCt =>
        {
            using var doc = await ExchangeAsync(request.Method, body, attemptCt);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw EvmRpcErrors.Unreadable(request.Method, $"expected a JSON-RPC response object, got {root.ValueKind}");
            }
            return ReadResponse(request, root);
        }, ct);
    }

    /// <summary>Parses a JSON-RPC hex quantity ("0x1a").</summary>
    public static BigInteger ParseQuantity(JsonElement value) => EvmRpcHex.ParseQuantity(value);

    private long NextId() => Interlocked.Increment(ref _nextId);

    private static T ReadResponse<T>(EvmRpcRequest<T> request, JsonElement root)
    {
        if (root.TryGetProperty("error", out var error) && error.ValueKind != JsonValueKind.Null)
        {
            throw EvmRpcErrors.FromRpcError(request.Method, error, null, null);
        }
        if (!root.TryGetProperty("result", out var result))
        {
            throw EvmRpcErrors.UnexpectedResult(request.Method, new FormatException("response has neither result nor error"));
        }
        return request.ParseResult(result);
    }

    private async Task<T> ExecuteAsync<T>(string method, Func<CancellationToken, Task<T>> attempt, CancellationToken ct)
    {
        var context = ResilienceContextPool.Shared.Get(ct);
        context.Properties.Set(RpcResiliencePipeline.MethodKey, method);
        try
        {
            return await _pipeline.ExecuteAsync(
                static async (ctx, run) => await run(ctx.CancellationToken), context, attempt);
        }
        catch (TimeoutRejectedException e)
        {
            throw EvmRpcErrors.Timeout(method, e.Timeout, e);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    /// <summary>
    /// One HTTP exchange. Returns the parsed body of a 2xx answer; throws typed exceptions for transport faults,
    /// HTTP errors (a JSON-RPC error object in a non-2xx body is classified by its message) and unreadable bodies.
    /// Cancellation (the caller's, or the pipeline's attempt timeout) propagates as <see cref="OperationCanceledException"/>.
    /// </summary>
    private async Task<JsonDocument> ExchangeAsync(string method, byte[] body, CancellationToken ct)
    {
        byte[] answer;
        HttpStatusCode status;
        TimeSpan? retryAfter;
        try
        {
            using var content = new ByteArrayContent(body);
            content.Headers.ContentType = JsonMediaType;
            using var response = await _http.PostAsync((Uri?)null, content, ct);
            status = response.StatusCode;
            retryAfter = RetryAfter(response);
            answer = await response.Content.ReadAsByteArrayAsync(ct);
        }
        catch (OperationCanceledException e) when (!ct.IsCancellationRequested)
        {
            // HttpClient.Timeout (not our token): a timeout all the same.
            throw EvmRpcErrors.Timeout(method, _http.Timeout, e);
        }
        catch (Exception e) when (e is HttpRequestException or IOException && ct.IsCancellationRequested)
        {
            // Some cancellations surface as I/O errors; report them as what they are.
            throw new OperationCanceledException("the exchange was cancelled", e, ct);
        }
        catch (Exception e) when (e is HttpRequestException or IOException)
        {
            throw EvmRpcErrors.Connection(method, e);
        }

        JsonDocument? doc = null;
        try
        {
            doc = JsonDocument.Parse(answer);
        }
        catch (JsonException e) when ((int)status is >= 200 and < 300)
        {
            throw EvmRpcErrors.Unreadable(method, $"the answer is not JSON ({answer.Length} bytes)", e);
        }
        catch (JsonException)
        {
            // A non-2xx answer without JSON: an HTML error page, a gateway message.
        }

        if ((int)status is >= 200 and < 300)
        {
            return doc!;
        }
        using (doc)
        {
            if (doc?.RootElement is { ValueKind: JsonValueKind.Object } root
                && root.TryGetProperty("error", out var error) && error.ValueKind != JsonValueKind.Null)
            {
                throw EvmRpcErrors.FromRpcError(method, error, status, retryAfter);
            }
            throw EvmRpcErrors.FromHttpStatus(method, status, Encoding.UTF8.GetString(answer, 0, Math.Min(answer.Length, 512)), retryAfter);
        }
    }

    private static TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        if (response.Headers.RetryAfter is not { } header)
        {
            return null;
        }
        if (header.Delta is { } delta)
        {
            return delta;
        }
        if (header.Date is { } date)
        {
            var wait = date - DateTimeOffset.UtcNow;
            return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }
        return null;
    }

    private static byte[] Serialize(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }
        return buffer.WrittenSpan.ToArray();
    }
}
