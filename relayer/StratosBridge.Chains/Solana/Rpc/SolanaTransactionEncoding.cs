namespace StratosBridge.Chains.Solana.Rpc;

/// <summary>The getTransaction encodings this client reads.</summary>
public enum SolanaTransactionEncoding
{
    /// <summary>
    /// Instructions as the node parsed them (system transfers with source/destination/lamports, memos as text); an
    /// instruction the node has no parser for comes with its accounts and data. A parsed instruction shows only the
    /// fields its parser names: a system transfer's extra accounts (Solana Pay references) are not shown.
    /// </summary>
    JsonParsed,

    /// <summary>Every instruction raw: program, all its accounts in order, data bytes. What Solana Pay validation reads.</summary>
    Json,
}
