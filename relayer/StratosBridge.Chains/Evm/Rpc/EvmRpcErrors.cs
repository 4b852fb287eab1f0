using System.Buffers;
using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Nethereum.JsonRpc.Client;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using StratosBridge.Chains.JsonRpc;

namespace StratosBridge.Chains.Evm.Rpc;

/// <summary>
/// Maps what a node answers to the typed exceptions. Nodes agree on almost no codes, so the message decides,
/// in this order: execution reverted → (sends only) replacement underpriced, already known, nonce too low/high,
/// fee too low → insufficient funds → rate limits (transient) → (eth_getLogs only) range/size refusals →
/// "header not found"/"unknown block" (transient) → HTTP 5xx/408/429 (transient) → the standard codes.
/// Wordings covered: geth, anvil, erigon, Nethermind, Besu, BSC, OpenEthereum, Ethermint/CometBFT (Stratos),
/// Infura, Alchemy, QuickNode-style gateways.
/// </summary>
public static partial class EvmRpcErrors
{
    private static readonly string[] ReplacementUnderpriced =
        ["replacement transaction underpriced", "replacement fee too low", "replace_underpriced", "replacement_underpriced"];

    private static readonly string[] AlreadyKnown =
    [
        "already known", // geth, erigon, Infura
        "known transaction", // BSC and old geth "known transaction: <hash>", Besu "Known transaction"
        "already imported", // anvil "transaction already imported", OpenEthereum "…was already imported."
        "already_exists", // erigon txpool import result "ALREADY_EXISTS"
        "alreadyknown", // Nethermind AcceptTxResult
        "existing tx with same hash", // erigon "INTERNAL_ERROR: existing tx with same hash"
        "tx already in mempool", // CometBFT mempool (Ethermint / Stratos)
        "tx already exists in cache", // CometBFT mempool cache (Ethermint / Stratos)
    ];

    private static readonly string[] NonceTooLow =
        ["nonce too low", "nonce_too_low", "nonce is too low", "oldnonce"];

    private static readonly string[] NonceTooHigh = ["nonce too high", "nonce_too_high", "noncegap"];

    private static readonly string[] FeeTooLow =
    [
        "transaction underpriced", "underpriced", "fee too low", "feetoolow", "less than block base fee",
        "max fee per gas less than", "gas price too low", "insufficient fee",
    ];

    private static readonly string[] InsufficientFunds = ["insufficient funds", "insufficient balance", "insufficientfunds"];

    private static readonly string[] RateLimited =
    [
        "rate limit", "too many requests", "request rate", "compute units", "daily request count",
        "capacity exceeded", "quota exceeded",
    ];

    private static readonly string[] LogRange =
    [
        "query returned more than", "block range", "range limit", "response size", "limit exceeded", "exceeds limit",
        "exceeds max", "exceed max", "max results", "too many logs", "too many results", "range is too", "range too",
        "exceeds the range", "timeout", "timed out",
    ];

    private static readonly string[] BlockNotAvailable = ["header not found", "unknown block", "blockoutofrangeerror"];

    /// <summary>Classifies a JSON-RPC error object.</summary>
    /// <param name="data">The error's <c>data</c>: a string as is, an object as raw JSON.</param>
    /// <param name="httpStatus">The HTTP status when it was not 2xx (some nodes, e.g. Besu, send errors with 400).</param>
    public static EvmRpcException FromRpcError(string method, long code, string message, string? data = null,
        HttpStatusCode? httpStatus = null, TimeSpan? retryAfter = null)
    {
        var text = (message + " " + data).ToLowerInvariant();
        var lowerMessage = message.ToLowerInvariant();

        if (code == 3 || lowerMessage.Contains("execution reverted", StringComparison.Ordinal)
            || lowerMessage.StartsWith("reverted", StringComparison.Ordinal)
            || lowerMessage.Contains("vm exception while processing transaction: revert", StringComparison.Ordinal))
        {
            return new EvmRpcExecutionRevertedException(method, code, message, data, httpStatus, RevertData(data, message));
        }

        if (method.StartsWith("eth_send", StringComparison.Ordinal))
        {
            if (ContainsAny(text, ReplacementUnderpriced))
            {
                return new EvmRpcReplacementUnderpricedException(method, code, message, data, httpStatus);
            }
            if (ContainsAny(text, AlreadyKnown))
            {
                return new EvmRpcAlreadyKnownException(method, code, message, data, httpStatus);
            }
            var cosmosNonce = CosmosNonce().Match(text);
            if (ContainsAny(text, NonceTooLow) || (cosmosNonce.Success && Compare(cosmosNonce) < 0))
            {
                return new EvmRpcNonceTooLowException(method, code, message, data, httpStatus);
            }
            if (ContainsAny(text, NonceTooHigh) || (cosmosNonce.Success && Compare(cosmosNonce) > 0))
            {
                return new EvmRpcException(method, code, message, EvmRpcErrorKind.NonceTooHigh, data, httpStatus);
            }
        }

        if (ContainsAny(text, InsufficientFunds))
        {
            return new EvmRpcException(method, code, message, EvmRpcErrorKind.InsufficientFunds, data, httpStatus);
        }

        if (method.StartsWith("eth_send", StringComparison.Ordinal) && ContainsAny(text, FeeTooLow))
        {
            return new EvmRpcException(method, code, message, EvmRpcErrorKind.FeeTooLow, data, httpStatus);
        }

        if (code == 429 || httpStatus == HttpStatusCode.TooManyRequests || ContainsAny(text, RateLimited))
        {
            return new EvmRpcTransientException(method, EvmRpcErrorKind.RateLimited, code, message, data, httpStatus, retryAfter);
        }

        if (method == "eth_getLogs" && ContainsAny(text, LogRange))
        {
            var (from, to) = SuggestedRange(text);
            return new EvmRpcLogRangeTooLargeException(method, code, message, data, httpStatus, MaxBlockRange(text), from, to);
        }

        if (ContainsAny(text, BlockNotAvailable))
        {
            return new EvmRpcTransientException(method, EvmRpcErrorKind.BlockNotAvailable, code, message, data, httpStatus);
        }

        if (httpStatus is { } status && JsonRpcTransport.IsTransientStatus(status))
        {
            return new EvmRpcTransientException(method, EvmRpcErrorKind.HttpStatus, code, message, data, httpStatus, retryAfter);
        }

        return code switch
        {
            -32005 => new EvmRpcTransientException(method, EvmRpcErrorKind.RateLimited, code, message, data, httpStatus, retryAfter),
            -32602 => new EvmRpcException(method, code, message, EvmRpcErrorKind.InvalidParams, data, httpStatus),
            -32601 => new EvmRpcException(method, code, message, EvmRpcErrorKind.MethodNotFound, data, httpStatus),
            -32600 or -32700 => new EvmRpcException(method, code, message, EvmRpcErrorKind.InvalidRequest, data, httpStatus),
            _ => new EvmRpcException(method, code, message, EvmRpcErrorKind.Other, data, httpStatus),
        };
    }

    /// <summary>Classifies an HTTP error answer that carries no JSON-RPC error object.</summary>
    public static EvmRpcException FromHttpStatus(string method, HttpStatusCode status, string? body = null, TimeSpan? retryAfter = null)
    {
        var message = JsonRpcTransport.DescribeHttpStatus(status, body);
        if (status == HttpStatusCode.TooManyRequests)
        {
            return new EvmRpcTransientException(method, EvmRpcErrorKind.RateLimited, 0, message, null, status, retryAfter);
        }
        return JsonRpcTransport.IsTransientStatus(status)
            ? new EvmRpcTransientException(method, EvmRpcErrorKind.HttpStatus, 0, message, null, status, retryAfter)
            : new EvmRpcException(method, 0, message, EvmRpcErrorKind.HttpStatus, null, status);
    }

    /// <summary>
    /// Classifies the error Nethereum raises for a JSON-RPC error object in a 2xx answer. Its message ends with
    /// ": {method}", which is dropped; its data is a string as sent, anything else as raw JSON.
    /// </summary>
    public static EvmRpcException FromRpcResponse(string method, RpcResponseException e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var message = e.RpcError.Message ?? "";
        var suffix = ": " + method;
        if (message.EndsWith(suffix, StringComparison.Ordinal))
        {
            message = message[..^suffix.Length];
        }
        var data = e.RpcError.Data switch
        {
            null => null,
            JValue { Type: JTokenType.Null } => null,
            JValue { Type: JTokenType.String } text => (string?)text,
            JToken token => token.ToString(Formatting.None),
            string text => text,
            var other => other.ToString(),
        };
        return FromRpcError(method, e.RpcError.Code, message, data);
    }

    internal static EvmRpcTransientException Timeout(string method, TimeSpan timeout, Exception inner) =>
        new(method, EvmRpcErrorKind.Timeout, 0,
            $"no answer within {timeout.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture)} ms",
            innerException: inner);

    internal static EvmRpcTransientException Connection(string method, Exception inner) =>
        new(method, EvmRpcErrorKind.Connection, 0, inner.Message, innerException: inner);

    internal static EvmRpcTransientException Unreadable(string method, string what, Exception? inner = null) =>
        new(method, EvmRpcErrorKind.InvalidResponse, 0, what, innerException: inner);

    internal static EvmRpcException UnexpectedResult(string method, Exception inner) =>
        new(method, 0, "unexpected result: " + inner.Message, EvmRpcErrorKind.InvalidResponse, innerException: inner);

    private static bool ContainsAny(string text, string[] needles)
    {
        foreach (var needle in needles)
        {
            if (text.Contains(needle, StringComparison.Ordinal))
            {
                return true;
            }
        }
        return false;
    }

    private static int Compare(Match cosmosNonce) =>
        BigIntegerOf(cosmosNonce.Groups["got"].Value).CompareTo(BigIntegerOf(cosmosNonce.Groups["expected"].Value));

    private static System.Numerics.BigInteger BigIntegerOf(string digits) =>
        System.Numerics.BigInteger.Parse(digits, CultureInfo.InvariantCulture);

    private static string? RevertData(string? data, string message)
    {
        if (IsHexData(data))
        {
            return data!.ToLowerInvariant();
        }
        if (data is not null && data.StartsWith('{'))
        {
            try
            {
                using var doc = JsonDocument.Parse(data);
                foreach (var name in (string[])["data", "result"])
                {
                    if (doc.RootElement.TryGetProperty(name, out var inner) && inner.ValueKind == JsonValueKind.String
                        && IsHexData(inner.GetString()))
                    {
                        return inner.GetString()!.ToLowerInvariant();
                    }
                }
            }
            catch (System.Text.Json.JsonException)
            {
                // not JSON after all: fall through to the message
            }
        }
        // Nethermind-style "Reverted 0x08c379a0…": the payload is in the message itself.
        var inMessage = RevertInMessage().Match(message);
        return inMessage.Success ? inMessage.Groups["data"].Value.ToLowerInvariant() : null;
    }

    private static long? MaxBlockRange(string text)
    {
        var match = MaxRange().Match(text);
        return match.Success && long.TryParse(match.Groups["n"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            ? n
            : null;
    }

    private static (long? From, long? To) SuggestedRange(string text)
    {
        var match = Suggested().Match(text);
        if (!match.Success)
        {
            return (null, null);
        }
        return (Number(match.Groups["from"].Value), Number(match.Groups["to"].Value));

        static long? Number(string s) =>
            s.StartsWith("0x", StringComparison.Ordinal)
                ? long.TryParse(s[2..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var h) ? h : null
                : long.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var d) ? d : null;
    }

    /// <summary>This taxonomy, for the shared transport.</summary>
    internal static RpcFaults Faults { get; } = new("EVM", FromRpcError, FromHttpStatus, Timeout, Connection, Unreadable, UnexpectedResult);

    private static readonly SearchValues<char> HexDigits = SearchValues.Create("0123456789abcdefABCDEF");

    private static bool IsHexData(string? text) =>
        text is not null && text.StartsWith("0x", StringComparison.OrdinalIgnoreCase) && text.Length % 2 == 0
        && !text.AsSpan(2).ContainsAnyExcept(HexDigits);

    // Ethermint ante handler: "invalid nonce; got 3, expected 4: invalid sequence".
    [GeneratedRegex(@"invalid nonce; got (?<got>\d+), expected (?<expected>\d+)", RegexOptions.CultureInvariant)]
    private static partial Regex CosmosNonce();

    [GeneratedRegex(@"revert(?:ed)?\b[^0-9a-z]*(?<data>0x[0-9a-f]{8,})\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex RevertInMessage();

    // "up to a 500 block range" (Alchemy), "exceed maximum block range: 5000" (BSC), "max block range = 5000",
    // "block range is too wide (maximum 1024)" (Frontier), "exceeds limit of 10000" (Infura), "range limit 2000",
    // "max range: 10000" (cdk-erigon).
    [GeneratedRegex(
        @"(?:up to an? |maximum block range:?\s*|max(?:imum)? (?:block )?range(?: limit)?\s*[:=]?\s*|\(maximum |limit of |range limit\s*)(?<n>\d+)\b",
        RegexOptions.CultureInvariant)]
    private static partial Regex MaxRange();

    // "this block range should work: [0x123c9b2, 0x123cba5]" (Alchemy), "Try with this block range [0x…, 0x…]" (zkSync).
    [GeneratedRegex(@"\[\s*(?<from>0x[0-9a-f]+|\d+)\s*,\s*(?<to>0x[0-9a-f]+|\d+)\s*\]", RegexOptions.CultureInvariant)]
    private static partial Regex Suggested();
}
