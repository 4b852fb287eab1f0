namespace StratosBridge.Ledger.Attestations;

/// <summary>
/// A signature an attester made in a round, to publish; or, with <see cref="Replaces"/>, to put in place of a row someone
/// else wrote under its name.
/// </summary>
public sealed record SignedAttestation(long TransferId, string ReleaseId, AttestationKind Kind, string Digest, string Signature, bool Replaces);
