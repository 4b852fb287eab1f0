namespace StratosBridge.Ledger.Attestations;

/// <summary>
/// An attester as <c>/v1/status</c> shows it: its address, when it last looked and last signed, how many locks it has
/// signed and refused (its last refusal is an <c>ALARM</c>: its node contradicts the ledger), and its lag: the locks it has
/// not signed yet and since when the oldest of them waits.
/// </summary>
public sealed record AttesterReport(string Address, DateTimeOffset StartedAt, DateTimeOffset SeenAt, DateTimeOffset? LastAttestedAt, long Attested,
    long Refused, string? LastRefusal, DateTimeOffset? LastRefusalAt, long Unsigned, DateTimeOffset? OldestUnsignedSince);
