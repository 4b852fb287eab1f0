using System.Numerics;

namespace StratosBridge.Ledger.Pauses;

/// <summary>
/// The completed credits' Ozone: those with a quoted and a purchased noz (<see cref="Checked"/>, their sums), those whose
/// purchased noz is not read from the chain yet, those without a quoted noz (bought whatever their STOS bought), and the
/// ones outside the tolerance: how many, the sum of |purchased − quoted| over them (<see cref="Difference"/>), the signed
/// sum purchased − quoted over them, and the ids of the worst few.
/// </summary>
public sealed record OzoneBoughtTotals(long Checked, BigInteger Quoted, BigInteger Purchased, long Unread, long Unquoted, long Outside,
    BigInteger Difference, BigInteger OutsideNet, IReadOnlyList<long> WorstCredits);
