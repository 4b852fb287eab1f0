namespace StratosBridge.Api.Grants;

/// <summary>
/// The credit that buys a claim's Ozone: its state (<c>ready</c>, <c>submitted</c>, <c>completed</c>, <c>failed</c>,
/// <c>needs-operator</c>, as every credit), the prepay on Stratos, and the noz it bought once read from the chain.
/// </summary>
public sealed record GrantCreditView(
    long Id,
    string Status,
    string StosWei,
    string? TxHash,
    long? BlockNumber,
    string? PurchasedNoz,
    string? PurchasedGb,
    DateTimeOffset? CompletedAt,
    string? LastError);
