using System.Numerics;
using StratosBridge.Core.Quotes;

namespace StratosBridge.Ledger.Quotes;

/// <summary>A stored quote with its <see cref="Status"/> computed by the database at read time.</summary>
public sealed record QuoteRow(
    string Id,
    string Beneficiary,
    string PayAsset,
    string PayChain,
    string? PayTo,
    long? ChainId,
    BigInteger? Noz,
    BigInteger? StosWei,
    BigInteger? AmountDue,
    decimal StosUsd,
    decimal AssetUsd,
    decimal SpreadPercent,
    string? SolanaReference,
    DateTimeOffset CreatedAt,
    DateTimeOffset ExpiresAt,
    DateTimeOffset MonitorUntil,
    string PricingRule,
    QuoteStatus Status);
