using System.Text.Json;

namespace StratosBridge.Chains.Solana.Rpc;

/// <summary>One entry of getSignaturesForAddress: a transaction that has the address among its account keys.</summary>
/// <param name="Error">The transaction error as raw JSON (e.g. <c>{"InstructionError":[0,{"Custom":1}]}</c>); null when it succeeded.</param>
/// <param name="Memo">The node's memo summary ("[length] text" per memo instruction, joined by "; "), or null.</param>
/// <param name="BlockTime">Estimated production time (Unix seconds), when the node knows it.</param>
/// <param name="ConfirmationStatus">How settled the transaction is now; null from nodes that do not say.</param>
public sealed record SolanaSignatureInfo(
    SolanaSignature Signature,
    ulong Slot,
    string? Error,
    string? Memo,
    long? BlockTime,
    SolanaCommitment? ConfirmationStatus)
{
    public bool Succeeded => Error is null;

    internal static SolanaSignatureInfo Parse(JsonElement entry) => new(
        SolanaRpcJson.Signature(SolanaRpcJson.Required(entry, "signature")),
        SolanaRpcJson.U64(SolanaRpcJson.Required(entry, "slot")),
        SolanaRpcJson.Error(entry),
        SolanaRpcJson.Optional(entry, "memo") is { } memo ? SolanaRpcJson.String(memo) : null,
        SolanaRpcJson.Optional(entry, "blockTime") is { } time ? SolanaRpcJson.I64(time) : null,
        SolanaRpcJson.Optional(entry, "confirmationStatus") is { } status ? SolanaRpcRequests.ParseCommitment(status) : null);
}
