namespace StratosBridge.Api.Payments;

/// <summary>What GET /v1/wallets/{address}/credits answers: a page, newest first, and the <c>before</c> cursor of the next (null on the last).</summary>
public sealed record WalletCreditPage(IReadOnlyList<WalletCreditView> Credits, string? Next);
