using System.Text.Json;

namespace StratosBridge.Chains.Solana.Rpc;

/// <summary>
/// One instruction of a transaction. Raw (json encoding, or a jsonParsed instruction the node could not parse): the
/// program, every account it was given in order, and its data. Parsed (jsonParsed): the program's name and the node's
/// parse of it — then <see cref="Accounts"/> is empty and <see cref="Data"/> null.
/// </summary>
public sealed record SolanaInstruction
{
    public required SolanaPublicKey ProgramId { get; init; }

    /// <summary>The instruction's accounts in order (raw form only).</summary>
    public IReadOnlyList<SolanaPublicKey> Accounts { get; init; } = [];

    /// <summary>The instruction data (raw form only).</summary>
    public byte[]? Data { get; init; }

    /// <summary>The parser's program name ("system", "spl-memo", …) (parsed form only).</summary>
    public string? Program { get; init; }

    /// <summary>The node's parse: an object like <c>{"type":"transfer","info":{…}}</c>, or a memo's text (parsed form only).</summary>
    public JsonElement? Parsed { get; init; }

    /// <summary>1 for a top-level instruction, deeper for inner ones; null when the node does not record it.</summary>
    public int? StackHeight { get; init; }

    public bool IsParsed => Parsed is not null;

    internal static SolanaInstruction Parse(JsonElement ix, IReadOnlyList<SolanaAccountKey> keys)
    {
        var stackHeight = SolanaRpcJson.Optional(ix, "stackHeight") is { } height ? SolanaRpcJson.Int(height) : (int?)null;
        if (SolanaRpcJson.Optional(ix, "parsed") is { } parsed)
        {
            return new SolanaInstruction
            {
                ProgramId = SolanaRpcJson.PublicKey(SolanaRpcJson.Required(ix, "programId")),
                Program = SolanaRpcJson.Optional(ix, "program") is { } program ? SolanaRpcJson.String(program) : null,
                Parsed = parsed.Clone(),
                StackHeight = stackHeight,
            };
        }
        var data = SolanaBase58.DecodeAny(SolanaRpcJson.String(SolanaRpcJson.Required(ix, "data")));
        if (SolanaRpcJson.Optional(ix, "programIdIndex") is { } programIndex)
        {
            // json encoding: indexes into the account keys.
            return new SolanaInstruction
            {
                ProgramId = KeyAt(keys, SolanaRpcJson.Int(programIndex)),
                Accounts = SolanaRpcJson.Array(SolanaRpcJson.Required(ix, "accounts"), a => KeyAt(keys, SolanaRpcJson.Int(a))),
                Data = data,
                StackHeight = stackHeight,
            };
        }
        // jsonParsed, partially decoded: the keys themselves.
        return new SolanaInstruction
        {
            ProgramId = SolanaRpcJson.PublicKey(SolanaRpcJson.Required(ix, "programId")),
            Accounts = SolanaRpcJson.Array(SolanaRpcJson.Required(ix, "accounts"), SolanaRpcJson.PublicKey),
            Data = data,
            StackHeight = stackHeight,
        };
    }

    private static SolanaPublicKey KeyAt(IReadOnlyList<SolanaAccountKey> keys, int index) =>
        index >= 0 && index < keys.Count
            ? keys[index].PublicKey
            : throw new FormatException($"account index {index} is outside the {keys.Count} account keys");
}
