namespace StratosBridge.Ledger.Attestations;

/// <summary>One attester's signature as published: who claims to have signed, the digest it says it signed, the 65 bytes (hex).</summary>
public sealed record PublishedAttestation(string ReleaseId, string Attester, string Digest, string Signature);
