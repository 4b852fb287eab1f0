using System.Numerics;
using StratosBridge.Ledger.Pauses;

namespace StratosBridge.Relayer.Safety;

/// <summary>
/// The relayer's float on the Stratos chain against the open credits: its balance (wei) and transaction count at one block,
/// and what the ledger's credits still have to move from it (<see cref="OpenCreditTotals"/>, submitted ones judged mined or
/// not by that count).
/// </summary>
public sealed record FloatFigures(string Chain, string Signer, long Block, BigInteger Balance, long ConfirmedNonce, OpenCreditTotals Open)
{
    /// <summary>How much the balance falls short of what the open credits need (0 when it covers them).</summary>
    public BigInteger Shortfall => BigInteger.Max(BigInteger.Zero, Open.Needed - Balance);
}
