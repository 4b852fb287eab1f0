using System.Text.Json;

namespace StratosBridge.Chains.Solana.Rpc;

/// <summary>A landed transaction as getTransaction reports it (json or jsonParsed encoding).</summary>
/// <param name="BlockTime">Estimated production time (Unix seconds), when the node knows it.</param>
/// <param name="Version">"legacy" or the version number ("0"); null when the node did not say (no maxSupportedTransactionVersion).</param>
/// <param name="Signatures">The first is the transaction's id.</param>
/// <param name="Meta">Null when the node has no status metadata for it.</param>
public sealed record SolanaTransaction(
    ulong Slot,
    long? BlockTime,
    string? Version,
    IReadOnlyList<SolanaSignature> Signatures,
    SolanaTransactionMessage Message,
    SolanaTransactionMeta? Meta)
{
    public SolanaSignature Signature => Signatures[0];

    public DateTimeOffset? Time => BlockTime is { } t ? DateTimeOffset.FromUnixTimeSeconds(t) : null;

    internal static SolanaTransaction Parse(JsonElement result)
    {
        var transaction = SolanaRpcJson.Required(result, "transaction");
        if (transaction.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException("the transaction is binary-encoded; this client reads the json and jsonParsed encodings");
        }
        var metaJson = SolanaRpcJson.Optional(result, "meta");
        var message = SolanaTransactionMessage.Parse(SolanaRpcJson.Required(transaction, "message"),
            SolanaTransactionMeta.LoadedAddresses(metaJson));
        var signatures = SolanaRpcJson.Array(SolanaRpcJson.Required(transaction, "signatures"), SolanaRpcJson.Signature);
        if (signatures.Count == 0)
        {
            throw new FormatException("the transaction has no signature");
        }
        return new SolanaTransaction(
            SolanaRpcJson.U64(SolanaRpcJson.Required(result, "slot")),
            SolanaRpcJson.Optional(result, "blockTime") is { } time ? SolanaRpcJson.I64(time) : null,
            SolanaRpcJson.Optional(result, "version") is { } version
                ? version.ValueKind == JsonValueKind.String ? version.GetString() : version.GetRawText()
                : null,
            signatures,
            message,
            metaJson is { } meta ? SolanaTransactionMeta.Parse(meta, message.AccountKeys) : null);
    }
}
