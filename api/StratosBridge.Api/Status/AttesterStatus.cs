using System.Xml;
using StratosBridge.Ledger.Attestations;

namespace StratosBridge.Api.Status;

/// <summary>
/// One attester in <c>GET /v1/status</c>: its key's address, whether it reported within <see cref="StatusReader.UpWithin"/>
/// (<c>up</c>/<c>down</c>), when it started and last signed, how many locks it signed and refused (the last refusal is an
/// <c>ALARM</c>: its node contradicts the ledger), and its lag: locks waiting for signatures that it has not signed, and how
/// long the oldest of them has waited (ISO 8601 duration).
/// </summary>
public sealed record AttesterStatus(string Address, string State, DateTimeOffset StartedAt, DateTimeOffset SeenAt, DateTimeOffset? LastAttestationAt,
    long Attested, long Refused, string? LastRefusal, DateTimeOffset? LastRefusalAt, long Unsigned, string? Lag)
{
    public static AttesterStatus Of(AttesterReport r, DateTimeOffset now) =>
        new(StratosBridge.Chains.Evm.EthAddress.Parse(r.Address).ToString(), now - r.SeenAt < StatusReader.UpWithin ? "up" : "down", r.StartedAt.ToUniversalTime(),
            r.SeenAt.ToUniversalTime(), r.LastAttestedAt?.ToUniversalTime(), r.Attested, r.Refused, r.LastRefusal, r.LastRefusalAt?.ToUniversalTime(),
            r.Unsigned, r.OldestUnsignedSince is { } since ? XmlConvert.ToString(TimeSpan.FromSeconds(Math.Max(0, Math.Floor((now - since).TotalSeconds)))) : null);
}
