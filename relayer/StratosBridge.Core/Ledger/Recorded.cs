namespace StratosBridge.Core.Ledger;

/// <summary>The outcome of recording an outside input under its natural key.</summary>
public enum Recorded
{
    /// <summary>First time seen: a new row was written.</summary>
    Inserted,

    /// <summary>The natural key was already there: the input was handled before; nothing was written.</summary>
    AlreadyKnown,
}
