using System.Numerics;

namespace StratosBridge.Ledger.Grants;

/// <summary>One UTC day of a program: claims accepted and STOS reserved.</summary>
public sealed record GrantDayFigures(DateOnly Day, int Claims, BigInteger ReservedWei);
