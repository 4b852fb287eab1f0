namespace StratosBridge.TestKit.Solana;

/// <summary>What sendTransaction answered: the signature, or the node's JSON-RPC error (then the signature is the transaction's own).</summary>
public sealed record SolanaTestTransferResult(string Signature, long? ErrorCode, string? ErrorMessage)
{
    public bool Accepted => ErrorCode is null;
}
