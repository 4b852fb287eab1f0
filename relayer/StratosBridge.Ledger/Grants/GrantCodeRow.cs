using System.Numerics;

namespace StratosBridge.Ledger.Grants;

/// <summary>A campaign code of a program: extra Ozone per claim, used <see cref="Uses"/> of <see cref="MaxUses"/> times.</summary>
public sealed record GrantCodeRow(string ProgramId, string Code, BigInteger ExtraNoz, int MaxUses, int Uses, DateTimeOffset ExpiresAt,
    DateTimeOffset CreatedAt);
