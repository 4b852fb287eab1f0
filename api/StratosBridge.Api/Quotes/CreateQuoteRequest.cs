namespace StratosBridge.Api.Quotes;

/// <summary>
/// <c>POST /v1/quotes</c>: Ozone for <see cref="Beneficiary"/> (<c>st1…</c> or <c>0x…</c>), paid in
/// <see cref="PayAsset"/> (ETH, BNB, SOL or USD). Give the Ozone as <see cref="Noz"/> (whole noz) or <see cref="Oz"/>
/// (OZ, up to 9 decimals), or neither for "whatever the payment buys" at the locked rates.
/// </summary>
public sealed record CreateQuoteRequest(string? Beneficiary, string? PayAsset, string? Noz, string? Oz);
