using System.Numerics;

namespace StratosBridge.Ledger.Pauses;

/// <summary>
/// The STOS (wei) the open credits still have to move from the relayer's account: <see cref="Ready"/> ones, and
/// <see cref="Submitted"/> ones whose transaction's nonce the chain had not used at the block read (those it had used are
/// <see cref="Mined"/>: their STOS left the account already, the ledger settles them next). <see cref="Parked"/>:
/// needs-operator and failed credits, which move nothing until an operator decides (shown, not counted).
/// </summary>
public sealed record OpenCreditTotals(long ReadyCount, BigInteger Ready, long SubmittedCount, BigInteger Submitted, long MinedCount, BigInteger Mined,
    long ParkedCount, BigInteger Parked)
{
    /// <summary>What the relayer's balance must cover.</summary>
    public BigInteger Needed => Ready + Submitted;
}
