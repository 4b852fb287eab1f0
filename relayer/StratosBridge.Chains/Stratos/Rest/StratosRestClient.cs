using System.Globalization;
using System.Numerics;
using System.Text.Json;
using Refit;
using StratosBridge.Chains.Rest;
using StratosBridge.Core.Ozone;

namespace StratosBridge.Chains.Stratos.Rest;

/// <summary>
/// Typed client of Stratos' REST (gRPC-gateway) queries of x/sds, as <c>proto/stratos/sds/v1/query.proto</c> declares them:
/// <list type="bullet">
/// <item><c>GET /stratos/sds/v1/noz_supply</c> → <c>{"remaining":"…","total":"…"}</c> (sdk.Int strings: remaining = Lt, the
/// remaining Ozone limit; total = effective total deposit ÷ deposit-noz rate).</item>
/// <item><c>GET /stratos/sds/v1/noz_price</c> → <c>{"price":"….000000000000000000"}</c> (LegacyDec: (St + Pt) / Lt, wei per noz).</item>
/// <item><c>GET /stratos/sds/v1/sim_prepay/{amount}</c> with amount a coin string such as <c>1000wei</c> →
/// <c>{"noz":"…"}</c> (the noz that prepaying it would buy now).</item>
/// <item><c>GET /cosmos/tx/v1beta1/txs?events=…</c> (cosmos-sdk v0.47 <c>GetTxsEvent</c>) → the Cosmos transaction that
/// carried an EVM transaction, with its events: <see cref="PurchasedNozAsync"/> reads the noz a prepay bought.</item>
/// </list>
/// The gateway reports the height it answered at in <c>Grpc-Metadata-X-Cosmos-Block-Height</c>; passing it back as
/// <c>x-cosmos-block-height</c> makes the next queries answer from the same block.
/// <para>
/// The requests are Refit's (<see cref="IStratosRestApi"/>, over an <see cref="HttpClient"/> with the standard resilience
/// handler); every failure is a <see cref="RestCallException"/> of source <see cref="Source"/>. The pricing reads the Ozone
/// price with it, the relayer what a prepay bought.
/// </para>
/// </summary>
public sealed class StratosRestClient(IStratosRestApi api)
{
    /// <summary>A client over <paramref name="http"/>, whose base address is the node's REST root.</summary>
    public StratosRestClient(HttpClient http) : this(RestService.For<IStratosRestApi>(http))
    {
    }

    public const string Source = "stratos-rest";

    /// <summary>The name of the <see cref="HttpClient"/> (from <see cref="IHttpClientFactory"/>) configured for Stratos REST.</summary>
    public const string HttpClientName = "StratosBridge.StratosRest";

    public const string HeightResponseHeader = "Grpc-Metadata-X-Cosmos-Block-Height";
    public const string HeightRequestHeader = "x-cosmos-block-height";

    /// <summary>The typed event x/evm emits for every EVM transaction.</summary>
    public const string EthereumTxEvent = "stratos.evm.v1.EventEthereumTx";

    /// <summary>The typed event x/sds emits for a prepay (<c>proto/stratos/sds/v1/event.proto</c>).</summary>
    public const string PrePayEvent = "stratos.sds.v1.EventPrePay";

    public async Task<(BigInteger Remaining, BigInteger Total, long? Height)> NozSupplyAsync(long? height, CancellationToken ct)
    {
        var (body, answeredAt) = await ReadAsync(() => api.NozSupplyAsync(Height(height), ct), ct);
        var (remaining, total) = Parse(() => ParseNozSupply(body));
        return (remaining, total, answeredAt);
    }

    public async Task<ChainDecimal> NozPriceAsync(long? height, CancellationToken ct)
    {
        var (body, _) = await ReadAsync(() => api.NozPriceAsync(Height(height), ct), ct);
        return Parse(() => ParseNozPrice(body));
    }

    public async Task<BigInteger> SimPrepayAsync(BigInteger wei, long? height, CancellationToken ct)
    {
        var (body, _) = await ReadAsync(() => api.SimPrepayAsync($"{wei.ToString(CultureInfo.InvariantCulture)}wei", Height(height), ct), ct);
        return Parse(() => ParseSimPrepay(body));
    }

    /// <summary>
    /// The noz that the prepay in EVM transaction <paramref name="ethTxHash"/> bought (the <c>purchased_noz</c> of its
    /// <c>stratos.sds.v1.EventPrePay</c>); null while the chain has not indexed the transaction. A transaction the
    /// chain reports as failed, or one without a prepay, is a <see cref="RestErrorKind.Refused"/> failure.
    /// </summary>
    public async Task<BigInteger?> PurchasedNozAsync(string ethTxHash, CancellationToken ct)
    {
        var events = PrepayTxEvents(ethTxHash);
        var (body, _) = await ReadAsync(() => api.TxsByEventsAsync(events, ct), ct);
        return Parse(() => ParsePurchasedNoz(body));
    }

    /// <summary>
    /// The <c>GetTxsEvent</c> query for an EVM transaction: stratos-chain v0.12 (the first with <c>runMsg</c>) indexes
    /// each one under the typed event <c>stratos.evm.v1.EventEthereumTx</c>, attribute <c>eth_hash</c> (x/evm
    /// <c>keeper/msg_server.go</c>; older releases used <c>ethereum_tx.ethereumTxHash</c>, see x/evm
    /// <c>types/utils.go GetTmTxByHash</c>). Typed event attributes are JSON values, so the hash is quoted. This is the value
    /// of the query's <c>events</c> parameter (Refit escapes it).
    /// </summary>
    public static string PrepayTxEvents(string ethTxHash)
    {
        if (ethTxHash is not { Length: 66 } || !ethTxHash.StartsWith("0x", StringComparison.Ordinal)
            || !ethTxHash[2..].All(char.IsAsciiHexDigit))
        {
            throw new ArgumentException($"'{ethTxHash}' is not a transaction hash (0x + 64 hex digits)", nameof(ethTxHash));
        }
        return $"{EthereumTxEvent}.eth_hash='\"{ethTxHash.ToLowerInvariant()}\"'";
    }

    /// <summary>
    /// Reads a <c>GetTxsEventResponse</c>: null when <c>tx_responses</c> is empty, else the <c>purchased_noz</c> of the
    /// one <see cref="PrePayEvent"/> of the first transaction. Refuses a transaction with a non-zero <c>code</c> or a
    /// non-empty <c>eth_tx_failed</c> (the EVM call reverted, so the prepay did not happen).
    /// </summary>
    public static BigInteger? ParsePurchasedNoz(JsonElement root)
    {
        var responses = RestAnswer.Required(root, "tx_responses");
        if (responses.ValueKind != JsonValueKind.Array)
        {
            throw new FormatException($"'tx_responses' is not an array: {responses.ValueKind}");
        }
        if (responses.GetArrayLength() == 0)
        {
            return null;
        }
        var tx = responses[0];
        var txHash = tx.TryGetProperty("txhash", out var hash) ? hash.GetString() : null;
        if (RestAnswer.Required(tx, "code").GetUInt32() is var code and not 0)
        {
            throw new RestCallException(Source, RestErrorKind.Refused, $"Cosmos tx {txHash} failed with code {code}");
        }
        var events = RestAnswer.Required(tx, "events").EnumerateArray().ToList();
        var failed = events.Where(e => EventType(e) == EthereumTxEvent).Select(e => Attribute(e, "eth_tx_failed")).FirstOrDefault(f => f is { Length: > 0 });
        if (failed is not null)
        {
            throw new RestCallException(Source, RestErrorKind.Refused, $"the EVM transaction in Cosmos tx {txHash} failed: {failed}");
        }
        var prepays = events.Where(e => EventType(e) == PrePayEvent).ToList();
        if (prepays.Count != 1)
        {
            throw new RestCallException(Source, RestErrorKind.Refused, $"Cosmos tx {txHash} has {prepays.Count} {PrePayEvent} events, a prepay has one");
        }
        var noz = Attribute(prepays[0], "purchased_noz");
        return noz is { Length: > 0 and <= 80 } && BigInteger.TryParse(noz, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed)
            ? parsed
            : throw new FormatException($"purchased_noz '{noz}' is not a non-negative integer");
    }

    private static string? EventType(JsonElement e) => RestAnswer.Required(e, "type").GetString();

    /// <summary>An event attribute's value; a typed event's values are JSON (strings quoted), a plain event's are text.</summary>
    private static string? Attribute(JsonElement e, string key)
    {
        foreach (var attribute in RestAnswer.Required(e, "attributes").EnumerateArray())
        {
            if (RestAnswer.Required(attribute, "key").GetString() == key)
            {
                var value = RestAnswer.Required(attribute, "value").GetString() ?? "";
                return value.StartsWith('"') ? JsonSerializer.Deserialize<string>(value) : value;
            }
        }
        return null;
    }

    public static (BigInteger Remaining, BigInteger Total) ParseNozSupply(JsonElement root) =>
        (ReadInt(root, "remaining"), ReadInt(root, "total"));

    public static ChainDecimal ParseNozPrice(JsonElement root)
    {
        var text = RestAnswer.Required(root, "price").GetString();
        return ChainDecimal.TryParse(text, out var price) && price.Raw.Sign >= 0
            ? price
            : throw new FormatException($"price '{text}' is not a non-negative LegacyDec");
    }

    public static BigInteger ParseSimPrepay(JsonElement root) => ReadInt(root, "noz");

    private static BigInteger ReadInt(JsonElement root, string name)
    {
        var value = RestAnswer.Required(root, name);
        var text = value.ValueKind == JsonValueKind.String ? value.GetString() : null;
        return text is { Length: > 0 and <= 80 } && BigInteger.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed)
            ? parsed
            : throw new FormatException($"'{name}' is not a non-negative integer string: {value.GetRawText()}");
    }

    private static string? Height(long? height) => height?.ToString(CultureInfo.InvariantCulture);

    private static async Task<(JsonElement Body, long? Height)> ReadAsync(Func<Task<IApiResponse<JsonElement>>> call, CancellationToken ct)
    {
        var (body, headers) = await RestAnswer.ReadAsync(Source, call, ct);
        long? answeredAt = headers.TryGetValues(HeightResponseHeader, out var values)
                           && long.TryParse(values.FirstOrDefault(), NumberStyles.None, CultureInfo.InvariantCulture, out var parsed)
            ? parsed
            : null;
        return (body, answeredAt);
    }

    private static T Parse<T>(Func<T> parse)
    {
        try
        {
            return parse();
        }
        catch (Exception e) when (e is FormatException or InvalidOperationException or JsonException)
        {
            throw new RestCallException(Source, RestErrorKind.Malformed, e.Message, inner: e);
        }
    }
}
