using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Polly;
using StratosBridge.Chains.JsonRpc;

namespace StratosBridge.Chains.Solana.Rpc;

/// <summary>
/// JSON-RPC client for a Solana cluster, for the reads the relayer makes: slots, balances, signatures by address (with
/// paging) and transactions. It speaks over the shared <see cref="JsonRpcTransport"/> (one HTTP exchange per attempt,
/// the resilience pipeline around each call); failures are typed (<see cref="SolanaRpcException"/>, see
/// <see cref="SolanaRpcErrors"/>). Get one from <see cref="IRpcClientFactory{TClient}.For"/>.
/// </summary>
public sealed class SolanaRpcClient : IRpcClient<SolanaRpcClient>
{
    private readonly JsonRpcTransport _transport;
    private long _nextId;

    /// <param name="pipeline">Retries and attempt timeouts (<see cref="RpcResiliencePipeline"/>); none by default, when
    /// the HttpClient's timeout applies.</param>
    public SolanaRpcClient(HttpClient http, ResiliencePipeline? pipeline = null)
    {
        _transport = new JsonRpcTransport(http, pipeline ?? ResiliencePipeline.Empty, SolanaRpcErrors.Faults);
    }

    public static RpcFaults Faults => SolanaRpcErrors.Faults;

    public static SolanaRpcClient Create(HttpClient http, ResiliencePipeline pipeline) => new(http, pipeline);

    public Uri? Endpoint => _transport.Endpoint;

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

    private Task<T> SendAsync<T>(string method, JsonArray parameters, Func<JsonElement, T> parse, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(method);
        var body = Serialize(method, parameters, Interlocked.Increment(ref _nextId));
        return _transport.ExecuteAsync(method, async attemptCt =>
        {
            var answer = await _transport.PostAsync(method, body, attemptCt);
            JsonDocument doc;
            try
            {
                doc = JsonDocument.Parse(answer);
            }
            catch (JsonException e)
            {
                throw SolanaRpcErrors.Unreadable(method, $"the answer is not JSON ({answer.Length} bytes)", e);
            }
            using (doc)
            {
                return ReadResponse(method, doc.RootElement, parse);
            }
        }, ct);
    }

    private static T ReadResponse<T>(string method, JsonElement root, Func<JsonElement, T> parse)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw SolanaRpcErrors.Unreadable(method, $"expected a JSON-RPC response object, got {root.ValueKind}");
        }
        if (root.TryGetProperty("error", out var error) && error.ValueKind != JsonValueKind.Null)
        {
            var (code, message, data) = JsonRpcTransport.ReadError(error);
            throw SolanaRpcErrors.FromRpcError(method, code, message, data);
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
