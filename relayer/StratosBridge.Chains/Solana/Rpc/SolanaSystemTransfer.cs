using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace StratosBridge.Chains.Solana.Rpc;

/// <summary>A system program Transfer instruction: lamports from <see cref="Source"/> to <see cref="Destination"/>.</summary>
/// <param name="ExtraAccounts">
/// The instruction's accounts after source and destination (Solana Pay puts its references there), in order; null
/// when the instruction came parsed (jsonParsed shows only source and destination).
/// </param>
public sealed record SolanaSystemTransfer(
    SolanaPublicKey Source,
    SolanaPublicKey Destination,
    ulong Lamports,
    IReadOnlyList<SolanaPublicKey>? ExtraAccounts)
{
    /// <summary>The system program's instruction index of Transfer (a little-endian u32 before the u64 lamports).</summary>
    public const uint Discriminator = 2;

    /// <summary>
    /// Reads a system transfer from a raw instruction (system program, data starting with the u32 discriminator 2 and
    /// then a u64, at least two accounts; bytes after the amount are ignored, as @solana-program/system's decoder does)
    /// or from a node's parse of one (<c>{"type":"transfer","info":{source, destination, lamports}}</c>).
    /// </summary>
    public static bool TryRead(SolanaInstruction instruction, [NotNullWhen(true)] out SolanaSystemTransfer? transfer)
    {
        ArgumentNullException.ThrowIfNull(instruction);
        transfer = null;
        if (instruction.ProgramId != SolanaPublicKey.SystemProgram)
        {
            return false;
        }
        if (instruction.Parsed is { } parsed)
        {
            transfer = FromParsed(parsed);
            return transfer is not null;
        }
        var data = instruction.Data ?? [];
        if (data.Length < 12 || BinaryPrimitives.ReadUInt32LittleEndian(data) != Discriminator || instruction.Accounts.Count < 2)
        {
            return false;
        }
        transfer = new SolanaSystemTransfer(instruction.Accounts[0], instruction.Accounts[1],
            BinaryPrimitives.ReadUInt64LittleEndian(data.AsSpan(4)), instruction.Accounts.Skip(2).ToArray());
        return true;
    }

    private static SolanaSystemTransfer? FromParsed(JsonElement parsed)
    {
        if (SolanaRpcJson.Optional(parsed, "type") is not { ValueKind: JsonValueKind.String } type || type.GetString() != "transfer"
            || SolanaRpcJson.Optional(parsed, "info") is not { } info)
        {
            return null;
        }
        return new SolanaSystemTransfer(
            SolanaRpcJson.PublicKey(SolanaRpcJson.Required(info, "source")),
            SolanaRpcJson.PublicKey(SolanaRpcJson.Required(info, "destination")),
            SolanaRpcJson.U64(SolanaRpcJson.Required(info, "lamports")),
            null);
    }
}
