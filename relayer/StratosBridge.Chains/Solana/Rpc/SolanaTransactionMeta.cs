using System.Text.Json;

namespace StratosBridge.Chains.Solana.Rpc;

/// <summary>What happened when the transaction ran (its status metadata).</summary>
/// <param name="Error">The transaction error as raw JSON (e.g. <c>{"InstructionError":[0,{"Custom":1}]}</c>); null when it succeeded.</param>
/// <param name="Fee">Lamports the fee payer paid (charged even when the transaction failed).</param>
/// <param name="PreBalances">Lamports of each account key before, in <see cref="SolanaTransactionMessage.AccountKeys"/> order.</param>
/// <param name="PostBalances">Lamports of each account key after.</param>
/// <param name="LogMessages">Program logs; null when the node did not record them.</param>
public sealed record SolanaTransactionMeta(
    string? Error,
    ulong Fee,
    IReadOnlyList<ulong> PreBalances,
    IReadOnlyList<ulong> PostBalances,
    IReadOnlyList<string>? LogMessages,
    IReadOnlyList<SolanaInnerInstructions> InnerInstructions,
    ulong? ComputeUnitsConsumed)
{
    public bool Succeeded => Error is null;

    /// <summary>meta.loadedAddresses (json encoding): the keys lookup tables added, writable then read-only.</summary>
    internal static (IReadOnlyList<SolanaPublicKey> Writable, IReadOnlyList<SolanaPublicKey> Readonly) LoadedAddresses(JsonElement? meta)
    {
        if (meta is not { } m || SolanaRpcJson.Optional(m, "loadedAddresses") is not { } loaded)
        {
            return ([], []);
        }
        return (SolanaRpcJson.Array(SolanaRpcJson.Required(loaded, "writable"), SolanaRpcJson.PublicKey),
            SolanaRpcJson.Array(SolanaRpcJson.Required(loaded, "readonly"), SolanaRpcJson.PublicKey));
    }

    internal static SolanaTransactionMeta Parse(JsonElement meta, IReadOnlyList<SolanaAccountKey> keys) => new(
        SolanaRpcJson.Error(meta),
        SolanaRpcJson.U64(SolanaRpcJson.Required(meta, "fee")),
        SolanaRpcJson.Array(SolanaRpcJson.Required(meta, "preBalances"), SolanaRpcJson.U64),
        SolanaRpcJson.Array(SolanaRpcJson.Required(meta, "postBalances"), SolanaRpcJson.U64),
        SolanaRpcJson.Optional(meta, "logMessages") is { } logs ? SolanaRpcJson.Array(logs, SolanaRpcJson.String) : null,
        SolanaRpcJson.Optional(meta, "innerInstructions") is { } inner
            ? SolanaRpcJson.Array(inner, group => new SolanaInnerInstructions(
                SolanaRpcJson.Int(SolanaRpcJson.Required(group, "index")),
                SolanaRpcJson.Array(SolanaRpcJson.Required(group, "instructions"), ix => SolanaInstruction.Parse(ix, keys))))
            : [],
        SolanaRpcJson.Optional(meta, "computeUnitsConsumed") is { } units ? SolanaRpcJson.U64(units) : null);
}
