namespace StratosBridge.Relayer.Relaying;

/// <summary>
/// What <see cref="AttestationCollector"/> found for a set of release ids: <see cref="Ready"/> ones with exactly the vault's
/// threshold of verified signatures from distinct attesters (in the order the vault checks them), and <see cref="Waiting"/>
/// ones with the reason (<c>awaiting attestations 1/2 …</c>).
/// </summary>
public sealed record CollectedAttestations(IReadOnlyDictionary<string, IReadOnlyList<byte[]>> Ready, IReadOnlyDictionary<string, string> Waiting);
