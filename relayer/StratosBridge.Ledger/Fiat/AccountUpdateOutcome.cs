namespace StratosBridge.Ledger.Fiat;

/// <summary>The outcome of <see cref="BusinessAccountStore.UpdateAsync"/>.</summary>
public enum AccountUpdateOutcome
{
    /// <summary>The change is stored (the row returned is the account after it).</summary>
    Updated,

    /// <summary>There is no account with that id; nothing was written.</summary>
    NotFound,

    /// <summary>The change would resolve a hold (on-hold → active) without a note; nothing was written.</summary>
    NoteRequired,
}
