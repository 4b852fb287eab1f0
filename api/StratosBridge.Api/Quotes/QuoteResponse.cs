using System.Text.Json.Nodes;
using StratosBridge.Api.Pauses;
using StratosBridge.Api.Payments;

namespace StratosBridge.Api.Quotes;

/// <summary>
/// A quote as the API shows it. Chain amounts are strings of base units; rates are decimal strings. <see cref="Noz"/>,
/// <see cref="StosWei"/> and <see cref="AmountDue"/> are null for an open-amount quote ("whatever the payment buys").
/// <see cref="PricingRule"/> is the evaluated rule kept for audit. <see cref="Settlement"/> is what happened since: the
/// payments seen, their outcomes and credits, and one word for the whole (<see cref="SettlementState"/>). <see cref="Gb"/>
/// is the Ozone as GB of storage traffic at <c>Pricing:NozPerGb</c> (a decimal string, at most 3 decimals, rounded down),
/// shown for information only; null for an open amount or when no rate is configured.
/// </summary>
public sealed record QuoteResponse(
    string Id,
    string Status,
    DateTimeOffset CreatedAt,
    DateTimeOffset ExpiresAt,
    DateTimeOffset MonitorUntil,
    BeneficiaryView Beneficiary,
    string PayAsset,
    string Chain,
    string? Noz,
    string? Oz,
    string? Gb,
    string? StosWei,
    AmountView? AmountDue,
    RatesView Rates,
    PaymentView Payment,
    JsonNode? PricingRule,
    SettlementView Settlement,
    IReadOnlyList<PauseView> Pauses);
