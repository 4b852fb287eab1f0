using System.Numerics;

namespace StratosBridge.Core.Grants;

/// <summary>
/// <see cref="GrantClaimPolicy"/>'s answer: accept (the Ozone and the STOS to reserve and prepay, whether the code is used,
/// whether the day's alarm threshold is crossed now), or refuse with a stable code and words for the wallet's owner.
/// </summary>
public sealed record GrantDecision(
    BigInteger Noz,
    BigInteger StosWei,
    bool UsesCode,
    bool RaisesAlarm,
    string? RefusalCode,
    string? RefusalDetail)
{
    public bool Accepted => RefusalCode is null;

    public static GrantDecision Refuse(string code, string detail) => new(0, 0, false, false, code, detail);
}
