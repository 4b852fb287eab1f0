using System.Globalization;
using System.Numerics;
using System.Text.Json;
using StratosBridge.Core.Ozone;
using StratosBridge.Pricing.Feeds;

namespace StratosBridge.Pricing.Ozone;

/// <summary>
/// Typed client of Stratos' REST (gRPC-gateway) queries of x/sds, as <c>proto/stratos/sds/v1/query.proto</c> declares them:
/// <list type="bullet">
/// <item><c>GET /stratos/sds/v1/noz_supply</c> → <c>{"remaining":"…","total":"…"}</c> (sdk.Int strings: remaining = Lt, the
/// remaining Ozone limit; total = effective total deposit ÷ deposit-noz rate).</item>
/// <item><c>GET /stratos/sds/v1/noz_price</c> → <c>{"price":"….000000000000000000"}</c> (LegacyDec: (St + Pt) / Lt, wei per noz).</item>
/// <item><c>GET /stratos/sds/v1/sim_prepay/{amount}</c> with amount a coin string such as <c>1000wei</c> →
/// <c>{"noz":"…"}</c> (the noz that prepaying it would buy now).</item>
/// </list>
/// The gateway reports the height it answered at in <c>Grpc-Metadata-X-Cosmos-Block-Height</c>; passing it back as
/// <c>x-cosmos-block-height</c> makes the next queries answer from the same block.
/// </summary>
public sealed class StratosRestClient(HttpClient http)
{
    public const string Source = "stratos-rest";
    public const string HeightResponseHeader = "Grpc-Metadata-X-Cosmos-Block-Height";
    public const string HeightRequestHeader = "x-cosmos-block-height";

    public async Task<(BigInteger Remaining, BigInteger Total, long? Height)> NozSupplyAsync(long? height, CancellationToken ct)
    {
        var (body, answeredAt) = await GetAsync("stratos/sds/v1/noz_supply", height, ct);
        using (body)
        {
            var (remaining, total) = Parse(() => ParseNozSupply(body.RootElement));
            return (remaining, total, answeredAt);
        }
    }

    public async Task<ChainDecimal> NozPriceAsync(long? height, CancellationToken ct)
    {
        var (body, _) = await GetAsync("stratos/sds/v1/noz_price", height, ct);
        using (body)
        {
            return Parse(() => ParseNozPrice(body.RootElement));
        }
    }

    public async Task<BigInteger> SimPrepayAsync(BigInteger wei, long? height, CancellationToken ct)
    {
        var (body, _) = await GetAsync($"stratos/sds/v1/sim_prepay/{wei.ToString(CultureInfo.InvariantCulture)}wei", height, ct);
        using (body)
        {
            return Parse(() => ParseSimPrepay(body.RootElement));
        }
    }

    public static (BigInteger Remaining, BigInteger Total) ParseNozSupply(JsonElement root) =>
        (ReadInt(root, "remaining"), ReadInt(root, "total"));

    public static ChainDecimal ParseNozPrice(JsonElement root)
    {
        var text = Providers.ExchangeClient.Required(root, "price").GetString();
        return ChainDecimal.TryParse(text, out var price) && price.Raw.Sign >= 0
            ? price
            : throw new FormatException($"price '{text}' is not a non-negative LegacyDec");
    }

    public static BigInteger ParseSimPrepay(JsonElement root) => ReadInt(root, "noz");

    private static BigInteger ReadInt(JsonElement root, string name)
    {
        var value = Providers.ExchangeClient.Required(root, name);
        var text = value.ValueKind == JsonValueKind.String ? value.GetString() : null;
        return text is { Length: > 0 and <= 80 } && BigInteger.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed)
            ? parsed
            : throw new FormatException($"'{name}' is not a non-negative integer string: {value.GetRawText()}");
    }

    private async Task<(JsonDocument Body, long? Height)> GetAsync(string path, long? height, CancellationToken ct)
    {
        var headers = height is { } h
            ? new Dictionary<string, string> { [HeightRequestHeader] = h.ToString(CultureInfo.InvariantCulture) }
            : null;
        var (body, responseHeaders) = await HttpJson.GetAsync(http, Source, path, headers, ct);
        long? answeredAt = responseHeaders.TryGetValues(HeightResponseHeader, out var values)
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
        catch (Exception e) when (e is FormatException or InvalidOperationException)
        {
            throw new PriceFeedException(Source, PriceFeedErrorKind.Malformed, e.Message, inner: e);
        }
    }
}
