namespace StratosBridge.Chains.Solana.Pay;

/// <summary>Why a transaction is not the expected Solana Pay transfer (codes: <see cref="SolanaTransferValidation.Code"/>).</summary>
public enum SolanaTransferInvalidReason
{
    /// <summary>"not-found": no such transaction at the commitment (not landed, not yet final, unknown).</summary>
    NotFound,

    /// <summary>"meta-missing": the node has no status metadata for it.</summary>
    MetaMissing,

    /// <summary>"transaction-failed": it landed with an error (meta.err set); it paid its fee and moved nothing else.</summary>
    TransactionFailed,

    /// <summary>"not-a-transfer": its last instruction is not a system program Transfer.</summary>
    NotATransfer,

    /// <summary>"recipient-mismatch": the transfer goes to another account.</summary>
    RecipientMismatch,

    /// <summary>"reference-missing": the transfer's extra accounts are not exactly the expected references, in order.</summary>
    ReferenceMissing,

    /// <summary>"balance-missing": no pre/post balance for the recipient.</summary>
    BalanceMissing,

    /// <summary>"amount-too-low": the recipient's balance rose by less than the expected amount.</summary>
    AmountTooLow,

    /// <summary>"memo-mismatch": no memo instruction right before the transfer, or another text.</summary>
    MemoMismatch,

    /// <summary>"unsupported-transaction": it loads accounts from lookup tables, which Solana Pay validation does not read.</summary>
    UnsupportedTransaction,
}
