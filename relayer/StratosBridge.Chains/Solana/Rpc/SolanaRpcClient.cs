using System.Buffers;
using System.Net;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Polly;
using Polly.Timeout;
using StratosBridge.Chains.JsonRpc;

namespace StratosBridge.Chains.Solana.Rpc;

/// <summary>
/// JSON-RPC client for a Solana cluster over a typed <see cref="HttpClient"/> (base address = the RPC URL), for the
/// reads the relayer makes: slots, balances, signatures by address (with paging) and transactions. Failures are typed
/// (<see cref="SolanaRpcException"/>, see <see cref="SolanaRpcErrors"/>); transient ones are retried by the
/// <see cref="ResiliencePipeline"/> given at construction (none with the one-argument constructor).
/// Get one from <see cref="ISolanaRpcClientFactory.For"/>.
/// </summary>
public sealed class SolanaRpcClient
{
    private static readonly MediaTypeHeaderValue JsonMediaType = new("application/json");

    private readonly HttpClient _http;
    private readonly ResiliencePipeline _pipeline;
    private long _nextId;

    /// <summary>A client without retries or timeouts of its own (the HttpClient's timeout applies).</summary>
    [ActivatorUtilitiesConstructor]
    public SolanaRpcClient(HttpClient http)
        : this(http, ResiliencePipeline.Empty)
    {
    }

    public SolanaRpcClient(HttpClient http, ResiliencePipeline pipeline)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(pipeline);
        _http = http;
        _pipeline = pipeline;
    }

    public Uri? Endpoint => _http.BaseAddress;

    /// <summary>The slot the node has reached at a commitment level.</summary>
    public Task<ulong> GetSlotAsync(SolanaCommitment commitment = SolanaCommitment.Finalized, CancellationToken ct = default) =>
        SendAsync("getSlot", [SolanaRpcRequests.Config(commitment)], SolanaRpcJson.U64, ct);

    /// <summary>An account's lamports at a commitment level, with the slot they were read at.</summary>
    public Task<SolanaBalance> GetBalanceAsync(SolanaPublicKey account, SolanaCommitment commitment = SolanaCommitment.Finalized,
        CancellationToken ct = default) =>
        SendAsync("getBalance", [account.ToString(), SolanaRpcRequests.Config(commitment)], result => new SolanaBalance(
            SolanaRpcJson.U64(SolanaRpcJson.Required(SolanaRpcJson.Required(result, "context"), "slot")),
            SolanaRpcJson.U64(SolanaRpcJson.Required(result, "value"))), ct);

    /// <summary>
    /// One page of the signatures of transactions that have <paramref name="address"/> among their account keys, newest
    /// first: at most <paramref name="limit"/> (1–1000), older than <paramref name="before"/> and newer than
    /// <paramref name="until"/> (both exclusive). Commitment confirmed or finalized.
    /// </summary>
    public Task<IReadOnlyList<SolanaSignatureInfo>> GetSignaturesForAddressAsync(SolanaPublicKey address,
        SolanaCommitment commitment = SolanaCommitment.Finalized, int limit = SolanaRpcRequests.MaxSignaturesLimit,
        SolanaSignature? before = null, SolanaSignature? until = null, CancellationToken ct = default) =>
        SendAsync("getSignaturesForAddress", SolanaRpcRequests.SignaturesForAddress(address, commitment, limit, before, until),
            result => SolanaRpcJson.Array(result, SolanaSignatureInfo.Parse), ct);

    /// <summary>
    /// Every signature for the address newer than <paramref name="until"/> (or all the node keeps), newest first, page by
    /// page: each next page starts before the last signature of the one before, until a page comes back short.
    /// </summary>
    public async IAsyncEnumerable<SolanaSignatureInfo> GetAllSignaturesForAddressAsync(SolanaPublicKey address,
        SolanaCommitment commitment = SolanaCommitment.Finalized, SolanaSignature? until = null,
        int pageSize = SolanaRpcRequests.MaxSignaturesLimit, [EnumeratorCancellation] CancellationToken ct = default)
    {
        SolanaSignature? before = null;
        while (true)
        {
            var page = await GetSignaturesForAddressAsync(address, commitment, pageSize, before, until, ct);
            foreach (var info in page)
            {
                yield return info;
            }
            if (page.Count < pageSize)
            {
                yield break;
            }
            before = page[^1].Signature;
        }
    }

    /// <summary>
    /// A transaction by signature at a commitment (confirmed or finalized); null when the node has none there (not
    /// landed, not yet at that commitment, or unknown). Versioned transactions are accepted (maxSupportedTransactionVersion 0).
    /// </summary>
    public Task<SolanaTransaction?> GetTransactionAsync(SolanaSignature signature,
        SolanaCommitment commitment = SolanaCommitment.Finalized,
        SolanaTransactionEncoding encoding = SolanaTransactionEncoding.JsonParsed, CancellationToken ct = default) =>
        SendAsync("getTransaction", SolanaRpcRequests.Transaction(signature, commitment, encoding),
            result => result.ValueKind == JsonValueKind.Null ? null : SolanaTransaction.Parse(result), ct);

    /// <summary>Any JSON-RPC call, raw; a JSON-RPC error becomes a typed <see cref="SolanaRpcException"/>.</summary>
    public Task<JsonElement> CallAsync(string method, JsonArray parameters, CancellationToken ct = default) =>
        SendAsync(method, parameters, result => result.Clone(), ct);

    private async Task<T> SendAsync<T>(string method, JsonArray parameters, Func<JsonElement, T> parse, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(method);
        var body = Serialize(method, parameters, Interlocked.Increment(ref _nextId));
        var context = ResilienceContextPool.Shared.Get(ct);
        context.Properties.Set(RpcResiliencePipeline.MethodKey, method);
        try
        {
            return await _pipeline.ExecuteAsync(static async (ctx, state) =>
            {
                using var doc = await state.Client.ExchangeAsync(state.Method, state.Body, ctx.CancellationToken);
                return ReadResponse(state.Method, doc.RootElement, state.Parse);
            }, context, (Client: this, Method: method, Body: body, Parse: parse));
        }
        catch (TimeoutRejectedException e)
        {
            throw SolanaRpcErrors.Timeout(method, e.Timeout, e);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private static T ReadResponse<T>(string method, JsonElement root, Func<JsonElement, T> parse)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw SolanaRpcErrors.Unreadable(method, $"expected a JSON-RPC response object, got {root.ValueKind}");
        }
        if (root.TryGetProperty("error", out var error) && error.ValueKind != JsonValueKind.Null)
        {
            throw SolanaRpcErrors.FromRpcError(method, error, null, null);
        }
        if (!root.TryGetProperty("result", out var result))
        {
            throw SolanaRpcErrors.UnexpectedResult(method, new FormatException("response has neither result nor error"));
        }
        try
        {
            return parse(result);
        }
        catch (Exception e) when (e is FormatException or InvalidOperationException or KeyNotFoundException
                                      or OverflowException or ArgumentException)
        {
            throw SolanaRpcErrors.UnexpectedResult(method, e);
        }
    }

    /// <summary>
    /// One HTTP exchange. Returns the parsed body of a 2xx answer; throws typed exceptions for transport faults, HTTP
    /// errors (a JSON-RPC error object in a non-2xx body is classified by its code) and unreadable bodies.
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
            retryAfter = response.Headers.RetryAfter switch
            {
                { Delta: { } delta } => delta,
                { Date: { } date } => date > DateTimeOffset.UtcNow ? date - DateTimeOffset.UtcNow : TimeSpan.Zero,
                _ => null,
            };
            answer = await response.Content.ReadAsByteArrayAsync(ct);
        }
        catch (OperationCanceledException e) when (!ct.IsCancellationRequested)
        {
            throw SolanaRpcErrors.Timeout(method, _http.Timeout, e); // HttpClient.Timeout, not our token
        }
        catch (Exception e) when (e is HttpRequestException or IOException && ct.IsCancellationRequested)
        {
            throw new OperationCanceledException("the exchange was cancelled", e, ct);
        }
        catch (Exception e) when (e is HttpRequestException or IOException)
        {
            throw SolanaRpcErrors.Connection(method, e);
        }

        var ok = (int)status is >= 200 and < 300;
        JsonDocument? doc = null;
        try
        {
            doc = JsonDocument.Parse(answer);
        }
        catch (JsonException e) when (ok)
        {
            throw SolanaRpcErrors.Unreadable(method, $"the answer is not JSON ({answer.Length} bytes)", e);
        }
        catch (JsonException)
        {
            // A non-2xx answer without JSON: an HTML error page, a gateway message.
        }
        if (ok)
        {
            return doc!;
        }
        using (doc)
        {
            if (doc?.RootElement is { ValueKind: JsonValueKind.Object } root
                && root.TryGetProperty("error", out var error) && error.ValueKind != JsonValueKind.Null)
            {
                throw SolanaRpcErrors.FromRpcError(method, error, status, retryAfter);
            }
            throw SolanaRpcErrors.FromHttpStatus(method, status, Encoding.UTF8.GetString(answer, 0, Math.Min(answer.Length, 512)), retryAfter);
        }
    }

    private static byte[] Serialize(string method, JsonArray parameters, long id)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("jsonrpc", "2.0");
            writer.WriteNumber("id", id);
            writer.WriteString("method", method);
            writer.WritePropertyName("params");
            parameters.WriteTo(writer);
            writer.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }
}
