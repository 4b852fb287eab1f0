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
