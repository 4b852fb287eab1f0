using System.Numerics;
using System.Text;
using Nethereum.Hex.HexConvertors.Extensions;
using Nethereum.Hex.HexTypes;
using Nethereum.JsonRpc.Client;
using Nethereum.JsonRpc.Client.RpcMessages;
using Nethereum.RPC.Eth;
using Nethereum.RPC.Eth.Blocks;
using Nethereum.RPC.Eth.DTOs;
using Nethereum.RPC.Eth.Filters;
using Nethereum.RPC.Eth.Transactions;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using Polly;
using StratosBridge.Chains.JsonRpc;

namespace StratosBridge.Chains.Evm.Rpc;

/// <summary>
/// JSON-RPC client for one EVM chain: Nethereum.RPC's requests and DTOs (<see cref="EthGetLogs"/>,
/// <see cref="FilterLog"/>, <see cref="TransactionReceipt"/>, …) sent over our shared <see cref="JsonRpcTransport"/>, so
/// every call has our HttpClient (provider URLs stay out of logs), the resilience pipeline (transient faults only) and the
/// typed errors of <see cref="EvmRpcErrors"/> (Nethereum's <see cref="RpcResponseException"/> mapped to their kinds).
/// What a node answers is checked before anyone reads it: a log, receipt, block or transaction without a field the relay
/// relies on is an <see cref="EvmRpcErrorKind.InvalidResponse"/>, and hashes, addresses and data come back lower case.
/// Get one per chain from <see cref="IRpcClientFactory{TClient}.For"/>.
/// </summary>
public sealed class EvmRpcClient : IRpcClient<EvmRpcClient>
{
    private static readonly JsonSerializer Json = JsonSerializer.Create(DefaultJsonSerializerSettingsFactory.BuildDefaultJsonSerializerSettings());

    private readonly JsonRpcTransport _transport;

    /// <param name="pipeline">Retries and attempt timeouts (<see cref="RpcResiliencePipeline"/>); none by default, when the
    /// HttpClient's timeout applies.</param>
    public EvmRpcClient(HttpClient http, ResiliencePipeline? pipeline = null)
    {
        _transport = new JsonRpcTransport(http, pipeline ?? ResiliencePipeline.Empty, EvmRpcErrors.Faults);
    }

    public static RpcFaults Faults => EvmRpcErrors.Faults;

    public static EvmRpcClient Create(HttpClient http, ResiliencePipeline pipeline) => new(http, pipeline);

    public Uri? Endpoint => _transport.Endpoint;

    public async Task<long> ChainIdAsync(CancellationToken ct = default) =>
        Long("eth_chainId", await SendAsync("eth_chainId", c => new EthChainId(c).SendRequestAsync(), ct));

    public async Task<long> BlockNumberAsync(CancellationToken ct = default) =>
        Long("eth_blockNumber", await SendAsync("eth_blockNumber", c => new EthBlockNumber(c).SendRequestAsync(), ct));

    /// <summary>A block (transaction hashes only) by number or tag; null when the node has no such block (yet).</summary>
    public async Task<BlockWithTransactionHashes?> GetBlockByNumberAsync(BlockParameter block, CancellationToken ct = default) =>
        await SendAsync("eth_getBlockByNumber", c => new EthGetBlockWithTransactionsHashesByNumber(c).SendRequestAsync(block), ct)
            is { } found ? Checked(found) : null;

    /// <inheritdoc cref="GetBlockByNumberAsync(BlockParameter, CancellationToken)"/>
    public Task<BlockWithTransactionHashes?> GetBlockByNumberAsync(long number, CancellationToken ct = default) =>
        GetBlockByNumberAsync(EvmBlocks.Number(number), ct);

    /// <summary>
    /// Logs matching the filter. A node that refuses the range or result size throws
    /// <see cref="EvmRpcLogRangeTooLargeException"/>: shrink the range and ask again.
    /// </summary>
    public async Task<FilterLog[]> GetLogsAsync(NewFilterInput filter, CancellationToken ct = default)
    {
        var logs = await SendAsync("eth_getLogs", c => new EthGetLogs(c).SendRequestAsync(filter), ct)
                   ?? throw Unexpected("eth_getLogs", "the result is null");
        return Checked("eth_getLogs", logs);
    }

    /// <summary><c>eth_call</c> at a block: the return data, lower-case hex ("0x" when empty). A revert throws
    /// <see cref="EvmRpcExecutionRevertedException"/> with the revert data.</summary>
    public async Task<string> CallAsync(CallInput call, BlockParameter block, CancellationToken ct = default) =>
        Data("eth_call", await SendAsync("eth_call", c => new EthCall(c).SendRequestAsync(call, block), ct));

    /// <summary><c>eth_estimateGas</c> at the node's default block.</summary>
    public async Task<long> EstimateGasAsync(CallInput call, CancellationToken ct = default) =>
        Long("eth_estimateGas", await SendAsync("eth_estimateGas", c => new EthEstimateGas(c).SendRequestAsync(call), ct));

    /// <summary>
    /// <c>eth_estimateGas</c> for many calls in one JSON-RPC batch (one HTTP exchange): each call's gas, or the node's refusal
    /// of that call (a revert is an <see cref="EvmRpcExecutionRevertedException"/>), in the calls' order. A transport fault or
    /// a transient error of any call throws, as for one call.
    /// </summary>
    public async Task<IReadOnlyList<(long Gas, EvmRpcException? Refusal)>> EstimateGasAsync(IReadOnlyList<CallInput> calls, CancellationToken ct = default)
    {
        var answers = await BatchAsync("eth_estimateGas", calls.Select(c => new object?[] { c }).ToList(), ct);
        return answers.Select(a => a.Error is null ? (Long("eth_estimateGas", Decode<HexBigInteger>("eth_estimateGas", a.Result)), null) : (0L, a.Error))
            .ToList();
    }

    /// <summary>
    /// Broadcasts many signed transactions in one JSON-RPC batch, in order (consecutive nonces arrive lowest first): for each,
    /// null when the node has it (now, or already: "already known"), else its refusal. A transport fault or a transient error
    /// of any of them throws; sending the same bytes again is safe.
    /// </summary>
    public async Task<IReadOnlyList<EvmRpcException?>> SendRawTransactionsAsync(IReadOnlyList<ReadOnlyMemory<byte>> signedTransactions,
        CancellationToken ct = default)
    {
        var answers = await BatchAsync("eth_sendRawTransaction",
            signedTransactions.Select(t => new object?[] { t.ToArray().ToHex(prefix: true) }).ToList(), ct);
        return answers.Select(a => a.Error is EvmRpcAlreadyKnownException ? null : a.Error).ToList();
    }

    /// <param name="rewardPercentiles">Increasing percentiles in [0, 100]; empty for no rewards.</param>
    public async Task<FeeHistoryResult> FeeHistoryAsync(int blockCount, BlockParameter newestBlock, decimal[] rewardPercentiles,
        CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(blockCount);
        var history = await SendAsync("eth_feeHistory",
            c => new EthFeeHistory(c).SendRequestAsync(new HexBigInteger(blockCount), newestBlock, rewardPercentiles), ct);
        if (history is not { OldestBlock: not null, BaseFeePerGas: not null, GasUsedRatio: not null }
            || history.BaseFeePerGas.Any(f => f is null) || history.Reward?.Any(r => r is null || r.Any(f => f is null)) == true)
        {
            throw Unexpected("eth_feeHistory", "oldestBlock, baseFeePerGas or gasUsedRatio is missing");
        }
        history.Reward ??= [];
        return history;
    }

    public async Task<BigInteger> MaxPriorityFeePerGasAsync(CancellationToken ct = default) =>
        Quantity("eth_maxPriorityFeePerGas", await SendAsync("eth_maxPriorityFeePerGas", c => new EthMaxPriorityFeePerGas(c).SendRequestAsync(), ct));

    /// <summary>The account's native balance (wei) at a block.</summary>
    public async Task<BigInteger> GetBalanceAsync(string address, BlockParameter block, CancellationToken ct = default) =>
        Quantity("eth_getBalance", await SendAsync("eth_getBalance", c => new EthGetBalance(c).SendRequestAsync(address, block), ct));

    /// <summary>The account nonce at a block; <see cref="EvmBlocks.Pending"/> counts the node's pool too.</summary>
    public async Task<long> GetTransactionCountAsync(string address, BlockParameter block, CancellationToken ct = default) =>
        Long("eth_getTransactionCount", await SendAsync("eth_getTransactionCount", c => new EthGetTransactionCount(c).SendRequestAsync(address, block), ct));

    /// <summary>
    /// Broadcasts signed transaction bytes and returns the hash. Safe to retry (and retried on transient faults):
    /// the same bytes are sent each time, so a node that got an earlier attempt answers
    /// <see cref="EvmRpcAlreadyKnownException"/> or, once mined, <see cref="EvmRpcNonceTooLowException"/> — both mean
    /// the broadcast happened; confirm by the hash the caller stored when it signed.
    /// </summary>
    public Task<string> SendRawTransactionAsync(ReadOnlyMemory<byte> signedTransaction, CancellationToken ct = default) =>
        SendRawTransactionAsync(signedTransaction.ToArray().ToHex(prefix: true), ct);

    /// <inheritdoc cref="SendRawTransactionAsync(ReadOnlyMemory{byte}, CancellationToken)"/>
    public async Task<string> SendRawTransactionAsync(string signedTransactionHex, CancellationToken ct = default) =>
        Data("eth_sendRawTransaction",
            await SendAsync("eth_sendRawTransaction", c => new EthSendRawTransaction(c).SendRequestAsync(signedTransactionHex), ct));

    /// <summary>The receipt; null while the transaction is pending (or unknown to the node).</summary>
    public async Task<TransactionReceipt?> GetTransactionReceiptAsync(string transactionHash, CancellationToken ct = default) =>
        await SendAsync("eth_getTransactionReceipt", c => new EthGetTransactionReceipt(c).SendRequestAsync(transactionHash), ct)
            is { } receipt ? Checked(receipt) : null;

    /// <summary>The transaction (pending or mined), or null when the node does not know it.</summary>
    public async Task<Transaction?> GetTransactionByHashAsync(string transactionHash, CancellationToken ct = default) =>
        await SendAsync("eth_getTransactionByHash", c => new EthGetTransactionByHash(c).SendRequestAsync(transactionHash), ct)
            is { } tx ? Checked(tx) : null;

    /// <summary>Any JSON-RPC call (<c>anvil_*</c>, <c>eth_getCode</c>), its result read as <typeparamref name="T"/>
    /// (<see cref="JToken"/> for raw JSON); a JSON-RPC error becomes a typed <see cref="EvmRpcException"/>.</summary>
    public Task<T> RequestAsync<T>(string method, object?[] parameters, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(method);
        return SendAsync(method, c => c.SendRequestAsync<T>(new RpcRequest(1, method, parameters!)), ct);
    }

    /// <summary>Any JSON-RPC call whose result nobody reads (<c>anvil_setBalance</c>, <c>anvil_mine</c>).</summary>
    public Task RequestAsync(string method, object?[] parameters, CancellationToken ct = default) =>
        RequestAsync<JToken?>(method, parameters, ct);

    /// <summary>
    /// One JSON-RPC batch of <paramref name="method"/> through the pipeline: each answer's result, or its error classified as for
    /// one call. The answers are matched to the requests by id. A transient error of any answer throws it (the pipeline retries
    /// the whole batch, as it would one call); other errors are returned in their place.
    /// </summary>
    private async Task<IReadOnlyList<(JToken? Result, EvmRpcException? Error)>> BatchAsync(string method, IReadOnlyList<object?[]> parameters,
        CancellationToken ct)
    {
        if (parameters.Count == 0)
        {
            return [];
        }
        using var body = new StringWriter();
        Json.Serialize(body, parameters.Select((p, i) => new RpcRequestMessage(i, method, p)).ToArray());
        var request = Encoding.UTF8.GetBytes(body.ToString());
        return await _transport.ExecuteAsync(method, async attemptCt =>
        {
            var answer = await _transport.PostAsync(method, request, attemptCt);
            JToken root;
            try
            {
                using var reader = new JsonTextReader(new StreamReader(new MemoryStream(answer))) { DateParseHandling = DateParseHandling.None };
                root = JToken.ReadFrom(reader);
            }
            catch (JsonException e)
            {
                throw EvmRpcErrors.Unreadable(method, $"the answer to a batch is not JSON ({answer.Length} bytes)", e);
            }
            if (root is JObject { } single && single["error"] is JObject refusal)
            {
                throw ErrorOf(method, refusal); // the node refused the batch as a whole
            }
            if (root is not JArray items)
            {
                throw Unexpected(method, "the answer to a batch is not an array");
            }
            var results = new (JToken? Result, EvmRpcException? Error)?[parameters.Count];
            foreach (var item in items)
            {
                if (item is not JObject fields || fields["id"] is not { Type: JTokenType.Integer } id || (long)id < 0 || (long)id >= parameters.Count
                    || results[(int)(long)id] is not null)
                {
                    throw Unexpected(method, "a batch answer has no id of the batch, or one answered twice");
                }
                if (fields["error"] is JObject error)
                {
                    var e = ErrorOf(method, error);
                    if (e.IsTransient)
                    {
                        throw e;
                    }
                    results[(int)(long)id] = (null, e);
                }
                else if (fields.ContainsKey("result"))
                {
                    results[(int)(long)id] = (fields["result"], null);
                }
                else
                {
                    throw Unexpected(method, "a batch answer has neither result nor error");
                }
            }
            return results.Select(r => r ?? throw Unexpected(method, "the batch answer lacks one of the requests")).ToList();
        }, ct);
    }

    private static EvmRpcException ErrorOf(string method, JObject error)
    {
        var data = error["data"] switch
        {
            null or { Type: JTokenType.Null } => null,
            { Type: JTokenType.String } text => (string?)text,
            var token => token.ToString(Formatting.None),
        };
        var code = error["code"] is { Type: JTokenType.Integer } c ? (long)c : 0;
        var message = error["message"] is { Type: JTokenType.String } m ? (string)m! : error.ToString(Formatting.None);
        return EvmRpcErrors.FromRpcError(method, code, message, data);
    }

    private static T Decode<T>(string method, JToken? result)
    {
        try
        {
            if (result is null || result.Type == JTokenType.Null)
            {
                throw new FormatException("the result is null");
            }
            if (typeof(T) == typeof(HexBigInteger) && result.Type != JTokenType.String)
            {
                throw new FormatException($"a quantity must be a hex string, not {result.Type}");
            }
            return result.ToObject<T>(Json)!;
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidCastException or OverflowException or ArgumentException)
        {
            throw EvmRpcErrors.UnexpectedResult(method, e);
        }
    }

    /// <summary>One call through the pipeline: each attempt gets a Nethereum client bound to that attempt's token.</summary>
    private Task<T> SendAsync<T>(string method, Func<IClient, Task<T>> call, CancellationToken ct) =>
        _transport.ExecuteAsync(method, async attemptCt =>
        {
            try
            {
                return await call(new Attempt(_transport, method, attemptCt));
            }
            catch (RpcResponseException e)
            {
                throw EvmRpcErrors.FromRpcResponse(method, e);
            }
            catch (RpcResponseFormatException e)
            {
                throw EvmRpcErrors.UnexpectedResult(method, e);
            }
        }, ct);

    /// <summary>
    /// Nethereum's client for one attempt of one call: the request serialised as Nethereum does, posted by our transport with
    /// the attempt's token (Nethereum's calls take none), the answer read as Nethereum's <see cref="RpcResponseMessage"/>.
    /// </summary>
    private sealed class Attempt(JsonRpcTransport transport, string method, CancellationToken ct) : ClientBase
    {
        public override async Task<RpcResponseMessage> SendAsync(RpcRequestMessage rpcRequestMessage, string? route = null)
        {
            using var body = new StringWriter();
            Json.Serialize(body, rpcRequestMessage);
            var answer = await transport.PostAsync(method, Encoding.UTF8.GetBytes(body.ToString()), ct);
            JObject envelope;
            try
            {
                using var reader = new JsonTextReader(new StreamReader(new MemoryStream(answer))) { DateParseHandling = DateParseHandling.None };
                envelope = JToken.ReadFrom(reader) as JObject
                           ?? throw new JsonReaderException("the answer is not a JSON object");
            }
            catch (JsonException e)
            {
                throw EvmRpcErrors.Unreadable(method, $"the answer is not a JSON-RPC response ({answer.Length} bytes)", e);
            }
            if (!envelope.ContainsKey("result") && !envelope.ContainsKey("error"))
            {
                throw EvmRpcErrors.UnexpectedResult(method, new FormatException("response has neither result nor error"));
            }
            var id = envelope["id"]?.ToObject<object>();
            return envelope["error"] is { Type: not JTokenType.Null } error
                ? new RpcResponseMessage(id, ErrorOf(error)) // ClientBase throws it as RpcResponseException
                : new RpcResponseMessage(id, (object?)envelope["result"]);
        }

        protected override Task<RpcResponseMessage[]> SendAsync(RpcRequestMessage[] requests) =>
            throw new NotSupportedException("batches are not sent through this client");

        public override T DecodeResult<T>(RpcResponseMessage rpcResponseMessage) =>
            rpcResponseMessage.Result is not JToken result || result.Type == JTokenType.Null ? default! : Decode<T>(method, result);

        private static Nethereum.JsonRpc.Client.RpcMessages.RpcError ErrorOf(JToken error)
        {
            if (error is not JObject fields)
            {
                return new() { Code = 0, Message = error.ToString(Formatting.None) };
            }
            return new()
            {
                Code = fields["code"] is { Type: JTokenType.Integer } c && (long)c is >= int.MinValue and <= int.MaxValue ? (int)c : 0,
                Message = fields["message"] is { Type: JTokenType.String } m ? (string)m! : fields.ToString(Formatting.None),
                Data = fields["data"],
            };
        }
    }

    private static long Long(string method, HexBigInteger? value) =>
        value?.Value is { } n && n >= long.MinValue && n <= long.MaxValue ? (long)n : throw Unexpected(method, $"'{value?.HexValue}' is not a 64-bit quantity");

    private static BigInteger Quantity(string method, HexBigInteger? value) =>
        value?.Value ?? throw Unexpected(method, "the result is null");

    private static string Data(string method, string? hex) =>
        hex is not null && hex.StartsWith("0x", StringComparison.OrdinalIgnoreCase) && hex.IsHex()
            ? hex.ToLowerInvariant()
            : throw Unexpected(method, $"'{hex}' is not 0x-hex data");

    private static EvmRpcException Unexpected(string method, string what) =>
        EvmRpcErrors.UnexpectedResult(method, new FormatException(what));

    private static FilterLog[] Checked(string method, FilterLog[] logs)
    {
        foreach (var log in logs)
        {
            if (log is not { Address: not null, Data: not null, Topics: not null, BlockNumber: not null, BlockHash: not null,
                    TransactionHash: not null, TransactionIndex: not null, LogIndex: not null }
                || log.Topics.Any(t => t is not string))
            {
                throw Unexpected(method, "a log lacks its address, data, topics, block, transaction or index");
            }
            log.Address = Data(method, log.Address);
            log.Data = Data(method, log.Data);
            log.BlockHash = Data(method, log.BlockHash);
            log.TransactionHash = Data(method, log.TransactionHash);
            log.Topics = log.Topics.Select(t => (object)Data(method, (string)t)).ToArray();
        }
        return logs;
    }

    private static TransactionReceipt Checked(TransactionReceipt receipt)
    {
        const string method = "eth_getTransactionReceipt";
        if (receipt is not { TransactionHash: not null, BlockHash: not null, BlockNumber: not null, TransactionIndex: not null,
                Status: not null, GasUsed: not null, CumulativeGasUsed: not null, From: not null, Logs: not null }
            || (receipt.Status.Value != BigInteger.One && !receipt.Status.Value.IsZero))
        {
            throw Unexpected(method, "the receipt lacks a field the relay needs, or its status is neither 0 nor 1");
        }
        receipt.TransactionHash = Data(method, receipt.TransactionHash);
        receipt.BlockHash = Data(method, receipt.BlockHash);
        receipt.From = Data(method, receipt.From);
        receipt.To = receipt.To is null ? null : Data(method, receipt.To);
        receipt.ContractAddress = receipt.ContractAddress is null ? null : Data(method, receipt.ContractAddress);
        Checked(method, receipt.Logs);
        return receipt;
    }

    private static BlockWithTransactionHashes Checked(BlockWithTransactionHashes block)
    {
        const string method = "eth_getBlockByNumber";
        if (block is not { Number: not null, BlockHash: not null, ParentHash: not null, Timestamp: not null })
        {
            throw Unexpected(method, "the block lacks its number, hash, parent hash or timestamp");
        }
        block.BlockHash = Data(method, block.BlockHash);
        block.ParentHash = Data(method, block.ParentHash);
        return block;
    }

    private static Transaction Checked(Transaction tx)
    {
        const string method = "eth_getTransactionByHash";
        if (tx is not { TransactionHash: not null, From: not null, Nonce: not null, Value: not null, Input: not null, Gas: not null })
        {
            throw Unexpected(method, "the transaction lacks its hash, sender, nonce, value, input or gas");
        }
        tx.TransactionHash = Data(method, tx.TransactionHash);
        tx.From = Data(method, tx.From);
        tx.To = tx.To is null ? null : Data(method, tx.To);
        tx.Input = Data(method, tx.Input);
        tx.BlockHash = tx.BlockHash is null ? null : Data(method, tx.BlockHash);
        return tx;
    }
}
