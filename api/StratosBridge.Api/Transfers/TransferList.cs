namespace StratosBridge.Api.Transfers;

/// <summary>
/// What GET /v1/transfers/{chain}/{txHash} answers: every transfer of one source transaction, and every log of a watched
/// contract in it that could not be decoded (<see cref="FailedEvents"/>: recorded, not lost, waiting for an operator).
/// </summary>
public sealed record TransferList(IReadOnlyList<TransferView> Transfers, IReadOnlyList<FailedSourceEventView> FailedEvents);
