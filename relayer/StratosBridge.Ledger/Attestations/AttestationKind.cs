namespace StratosBridge.Ledger.Attestations;

/// <summary>
/// What an attester signs for a lock: the destination vault's <c>Release</c>, its <c>Cancel</c> (the refund path), or the
/// source vault's <c>Refund</c>. The ledger's wire names are lower case.
/// </summary>
public enum AttestationKind
{
    Release,
    Cancel,
    Refund,
}

public static class AttestationKinds
{
    /// <summary>The ledger's name of the kind (<c>release</c>, <c>cancel</c>, <c>refund</c>), also the attester journal's.</summary>
    public static string Wire(this AttestationKind kind) => kind.ToString().ToLowerInvariant();
}
