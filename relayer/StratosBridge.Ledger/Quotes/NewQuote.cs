using System.Numerics;

namespace StratosBridge.Ledger.Quotes;

/// <summary>
/// A quote to store. <see cref="Id"/> is 0x + 64 hex digits, <see cref="Beneficiary"/> 0x + 40 (lower case on write);
/// <see cref="Noz"/>, <see cref="StosWei"/> and <see cref="AmountDue"/> are all set or all null (an open amount);
/// <see cref="PricingRule"/> is the audit JSON; <see cref="AccountId"/> the account whose API key asked for it (its
/// events go to that account's webhooks), null for an anonymous quote. Expiry and monitoring window count from the database's clock.
/// </summary>
public sealed record NewQuote(
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
    TimeSpan Expiry,
    TimeSpan MonitoringWindow,
    string PricingRule,
    long? AccountId = null);
