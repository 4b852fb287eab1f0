namespace StratosBridge.Ledger.Fiat;

/// <summary>The outcome of <see cref="BusinessAccountStore.AddKeyAsync"/>.</summary>
public enum ApiKeyAddOutcome
{
    /// <summary>The key's digest is stored.</summary>
    Added,

    /// <summary>There is no account with that id; nothing was written.</summary>
    AccountNotFound,

    /// <summary>Another key has the same prefix or digest (a collision of random keys): draw a new key; nothing was written.</summary>
    KeyTaken,
}
