namespace StratosBridge.Api.Transfers;

/// <summary>What GET /v1/transfers/{chain}/{txHash} answers: every transfer of one source transaction.</summary>
public sealed record TransferList(IReadOnlyList<TransferView> Transfers);
