namespace StratosBridge.Api.Transfers;

/// <summary>What GET /v1/wallets/{address}/transfers (and, for operators, GET /v1/admin/transfers?status=…) answers: a page, newest first, and the <c>before</c> cursor of the next (null on the last).</summary>
public sealed record WalletTransferPage(IReadOnlyList<TransferView> Transfers, string? Next);
