namespace StratosBridge.Ledger.Fiat;

/// <summary>
/// What an operator changes on a business account; null leaves a field as it is. <see cref="Note"/> becomes the
/// account's status note; a change of <see cref="Status"/> without a note clears it. Leaving
/// <see cref="BusinessAccountStatus.OnHold"/> for <see cref="BusinessAccountStatus.Active"/> needs a note.
/// </summary>
public sealed record BusinessAccountChange(
    string? Name = null,
    string? ContactEmail = null,
    string? Wallet = null,
    long? MonthlyLimitCents = null,
    string? Status = null,
    string? Note = null)
{
    public bool IsEmpty => this == new BusinessAccountChange();
}
