using System.Text.Json;
using Refit;

namespace StratosBridge.Chains.Stratos.Rest;

/// <summary>
/// Stratos REST (the gRPC gateway of a Stratos node), the queries the service makes, as Refit declares them. Answers are
/// read as <see cref="JsonElement"/> (the documented shapes keep amounts in strings; parsing is exact, in
/// <see cref="StratosRestClient"/>). <c>x-cosmos-block-height</c> pins a query to a block (omitted when null).
/// </summary>
public interface IStratosRestApi
{
    [Get("/stratos/sds/v1/noz_supply")]
    Task<IApiResponse<JsonElement>> NozSupplyAsync([Header(StratosRestClient.HeightRequestHeader)] string? height, CancellationToken ct);

    [Get("/stratos/sds/v1/noz_price")]
    Task<IApiResponse<JsonElement>> NozPriceAsync([Header(StratosRestClient.HeightRequestHeader)] string? height, CancellationToken ct);

    /// <param name="amount">A coin string, e.g. <c>1000wei</c>.</param>
    [Get("/stratos/sds/v1/sim_prepay/{amount}")]
    Task<IApiResponse<JsonElement>> SimPrepayAsync(string amount, [Header(StratosRestClient.HeightRequestHeader)] string? height, CancellationToken ct);

    /// <summary>cosmos-sdk v0.47 <c>GetTxsEvent</c>.</summary>
    [Get("/cosmos/tx/v1beta1/txs")]
    Task<IApiResponse<JsonElement>> TxsByEventsAsync(string events, CancellationToken ct);
}
