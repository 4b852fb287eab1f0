using System.Globalization;
using System.Numerics;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace StratosBridge.TestKit.Stratos;

/// <summary>
/// The answers of Stratos REST's x/sds Ozone queries (stratos-chain <c>proto/stratos/sds/v1/query.proto</c>,
/// <c>x/sds/keeper/grpc_query.go</c>) computed from an <see cref="OzoneState"/> with <see cref="LegacyDecReference"/>,
/// with the gRPC gateway's height header. The one implementation behind both the fake price providers' <c>/stratos/</c>
/// and the Stratos devnet companion.
/// </summary>
public static class StratosRestAnswers
{
    public const string HeightHeader = "Grpc-Metadata-X-Cosmos-Block-Height";

    /// <summary>Quotes inside strings as <c>\"</c>, as Go's encoder writes them (typed event values are quoted JSON).</summary>
    private static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>
    /// Answers <paramref name="route"/> (the path below the REST root, e.g. <c>stratos/sds/v1/noz_price</c>):
    /// <c>noz_supply</c> → <c>{"remaining":Lt,"total":St ÷ rate}</c>, <c>noz_price</c> → <c>{"price":(St+Pt)/Lt}</c>
    /// (LegacyDec text), <c>sim_prepay/{n}wei</c> → <c>{"noz":…}</c>; an amount that is not <c>{digits}wei</c> is a 400
    /// and any other route a 404, in the gateway's error shape.
    /// </summary>
    public static Task WriteAsync(HttpContext context, string route, OzoneState state)
    {
        context.Response.Headers[HeightHeader] = state.Height.ToString(CultureInfo.InvariantCulture);
        const string simPrepay = "stratos/sds/v1/sim_prepay/";
        switch (route)
        {
            case "stratos/sds/v1/noz_supply":
                var rate = new BigInteger(state.DepositNozRate * 1_000_000_000_000_000_000m);
                return JsonAsync(context, new Dictionary<string, object>
                {
                    ["remaining"] = Int(state.RemainingNoz),
                    ["total"] = Int(LegacyDecReference.TruncateInt(LegacyDecReference.Quo(LegacyDecReference.FromInt(state.TotalDeposit), rate))),
                });
            case "stratos/sds/v1/noz_price":
                return JsonAsync(context, new Dictionary<string, object>
                {
                    ["price"] = LegacyDecReference.Format(LegacyDecReference.NozPrice(state.TotalDeposit, state.UnissuedPrepay, state.RemainingNoz)),
                });
            case not null when route.StartsWith(simPrepay, StringComparison.Ordinal):
                var coin = route[simPrepay.Length..];
                return coin.EndsWith("wei", StringComparison.Ordinal)
                       && BigInteger.TryParse(coin[..^3], NumberStyles.None, CultureInfo.InvariantCulture, out var wei)
                    ? JsonAsync(context, new Dictionary<string, object> { ["noz"] = Int(state.PurchaseNoz(wei)) })
                    : ErrorAsync(context, 400, 3, "Amount invalid");
            default:
                return ErrorAsync(context, 404, 5, "Not Found");
        }
    }

    /// <summary>The gRPC gateway's error body: <c>{"code":grpcCode,"message":…,"details":[]}</c>.</summary>
    public static Task ErrorAsync(HttpContext context, int status, int grpcCode, string message) =>
        JsonAsync(context, new Dictionary<string, object> { ["code"] = grpcCode, ["message"] = message, ["details"] = Array.Empty<object>() }, status);

    public static async Task JsonAsync(HttpContext context, object body, int status = 200)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(JsonSerializer.Serialize(body, Json));
    }

    private static string Int(BigInteger value) => value.ToString(CultureInfo.InvariantCulture);
}
