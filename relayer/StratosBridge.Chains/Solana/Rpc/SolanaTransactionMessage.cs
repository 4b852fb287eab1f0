using System.Text.Json;

namespace StratosBridge.Chains.Solana.Rpc;

/// <summary>
/// A transaction's message: every account key (static keys first, then those loaded from lookup tables: writable,
/// then read-only), the recent blockhash, and the top-level instructions. The same whatever the encoding, except that
/// jsonParsed instructions may be parsed (see <see cref="SolanaInstruction"/>).
/// </summary>
public sealed record SolanaTransactionMessage(
    IReadOnlyList<SolanaAccountKey> AccountKeys,
    string RecentBlockhash,
    IReadOnlyList<SolanaInstruction> Instructions)
{
    /// <summary>The message's own keys (what a Solana Pay validator searches for the recipient).</summary>
    public IEnumerable<SolanaAccountKey> StaticAccountKeys => AccountKeys.Where(k => k.Source == SolanaAccountKeySource.Transaction);

    /// <param name="loaded">json encoding: meta.loadedAddresses (writable, read-only); empty for jsonParsed.</param>
    internal static SolanaTransactionMessage Parse(JsonElement message,
        (IReadOnlyList<SolanaPublicKey> Writable, IReadOnlyList<SolanaPublicKey> Readonly) loaded)
    {
        var keysJson = SolanaRpcJson.Required(message, "accountKeys");
        var keys = keysJson.ValueKind == JsonValueKind.Array && keysJson.EnumerateArray().FirstOrDefault().ValueKind == JsonValueKind.Object
            ? SolanaRpcJson.Array(keysJson, ParsedKey)
            : JsonKeys(SolanaRpcJson.Required(message, "header"), SolanaRpcJson.Array(keysJson, SolanaRpcJson.PublicKey), loaded);
        return new SolanaTransactionMessage(
            keys,
            SolanaRpcJson.String(SolanaRpcJson.Required(message, "recentBlockhash")),
            SolanaRpcJson.Array(SolanaRpcJson.Required(message, "instructions"), ix => SolanaInstruction.Parse(ix, keys)));
    }

    // jsonParsed: {"pubkey","signer","writable","source"}.
    private static SolanaAccountKey ParsedKey(JsonElement key) => new(
        SolanaRpcJson.PublicKey(SolanaRpcJson.Required(key, "pubkey")),
        SolanaRpcJson.Required(key, "signer").GetBoolean(),
        SolanaRpcJson.Required(key, "writable").GetBoolean(),
        SolanaRpcJson.Optional(key, "source") is { } source && SolanaRpcJson.String(source) == "lookupTable"
            ? SolanaAccountKeySource.LookupTable
            : SolanaAccountKeySource.Transaction);

    // json: plain keys; the header says which sign and which are written. Order: writable signers, read-only signers,
    // writable non-signers, read-only non-signers.
    private static SolanaAccountKey[] JsonKeys(JsonElement header, IReadOnlyList<SolanaPublicKey> keys,
        (IReadOnlyList<SolanaPublicKey> Writable, IReadOnlyList<SolanaPublicKey> Readonly) loaded)
    {
        var signers = SolanaRpcJson.Int(SolanaRpcJson.Required(header, "numRequiredSignatures"));
        var readonlySigners = SolanaRpcJson.Int(SolanaRpcJson.Required(header, "numReadonlySignedAccounts"));
        var readonlyOthers = SolanaRpcJson.Int(SolanaRpcJson.Required(header, "numReadonlyUnsignedAccounts"));
        if (signers > keys.Count || readonlySigners > signers || readonlyOthers > keys.Count - signers)
        {
            throw new FormatException($"the message header does not fit its {keys.Count} account keys");
        }
        return keys
            .Select((key, i) => new SolanaAccountKey(key, i < signers,
                i < signers ? i < signers - readonlySigners : i < keys.Count - readonlyOthers, SolanaAccountKeySource.Transaction))
            .Concat(loaded.Writable.Select(key => new SolanaAccountKey(key, false, true, SolanaAccountKeySource.LookupTable)))
            .Concat(loaded.Readonly.Select(key => new SolanaAccountKey(key, false, false, SolanaAccountKeySource.LookupTable)))
            .ToArray();
    }
}
