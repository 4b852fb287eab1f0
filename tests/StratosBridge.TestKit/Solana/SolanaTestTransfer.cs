namespace StratosBridge.TestKit.Solana;

/// <summary>
/// A Solana Pay-shaped SOL transfer for <see cref="SolanaDevnetNode.SendTransfersAsync"/>: an optional SPL memo
/// instruction (signed by the payer) before a system transfer whose extra read-only accounts are the references.
/// </summary>
public sealed record SolanaTestTransfer(SolanaTestKeypair Payer, string Recipient, ulong Lamports)
{
    public IReadOnlyList<string> References { get; init; } = [];

    public string? Memo { get; init; }

    /// <summary>Puts the memo after the transfer (so the transfer is not the last instruction).</summary>
    public bool MemoAfterTransfer { get; init; }

    /// <summary>Sends without the node's simulation: a transaction that fails still lands, with <c>err</c> set.</summary>
    public bool SkipPreflight { get; init; }

    /// <summary>A version-0 message instead of a legacy one.</summary>
    public bool Versioned { get; init; }

    /// <summary>sendTransaction's encoding: "base64" or "base58".</summary>
    public string Encoding { get; init; } = "base64";
}
