using System.Numerics;
using System.Text.Json.Nodes;
using StratosBridge.Core.Quotes;

namespace StratosBridge.Pricing.Quotes;

/// <summary>
/// A priced quote before it is stored: what is bought (<see cref="WantedNoz"/>, or null for "whatever the payment buys"),
/// the STOS it takes, the amount due in the pay asset's base units (null for an open amount), the locked rates and
/// spread, and the evaluated rule kept for audit.
/// </summary>
public sealed record PricedQuote(
    PayAsset Asset,
    BigInteger? WantedNoz,
    BigInteger? StosWei,
    BigInteger? AmountDue,
    decimal StosUsd,
    decimal AssetUsd,
    decimal SpreadPercent,
    JsonObject Rule);
