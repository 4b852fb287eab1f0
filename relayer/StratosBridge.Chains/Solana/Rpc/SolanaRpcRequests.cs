using System.Text.Json;
using System.Text.Json.Nodes;

namespace StratosBridge.Chains.Solana.Rpc;

/// <summary>The wire names and parameter objects of the requests <see cref="SolanaRpcClient"/> makes.</summary>
internal static class SolanaRpcRequests
{
    /// <summary>getSignaturesForAddress answers at most this many per call.</summary>
    public const int MaxSignaturesLimit = 1000;

    public static string Name(SolanaCommitment commitment) => commitment switch
    {
        SolanaCommitment.Processed => "processed",
        SolanaCommitment.Confirmed => "confirmed",
        SolanaCommitment.Finalized => "finalized",
        _ => throw new ArgumentOutOfRangeException(nameof(commitment), commitment, "not a commitment level"),
    };

    public static SolanaCommitment ParseCommitment(JsonElement value) => SolanaRpcJson.String(value) switch
    {
        "processed" => SolanaCommitment.Processed,
        "confirmed" => SolanaCommitment.Confirmed,
        "finalized" => SolanaCommitment.Finalized,
        var other => throw new FormatException($"'{other}' is not a commitment level"),
    };

    public static JsonObject Config(SolanaCommitment commitment) => new() { ["commitment"] = Name(commitment) };

    public static JsonArray SignaturesForAddress(SolanaPublicKey address, SolanaCommitment commitment, int limit,
        SolanaSignature? before, SolanaSignature? until)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, MaxSignaturesLimit);
        RequireConfirmed(commitment, "getSignaturesForAddress");
        var config = Config(commitment);
        config["limit"] = limit;
        if (before is { } b)
        {
            config["before"] = b.ToString();
        }
        if (until is { } u)
        {
            config["until"] = u.ToString();
        }
        return [address.ToString(), config];
    }

    public static JsonArray Transaction(SolanaSignature signature, SolanaCommitment commitment, SolanaTransactionEncoding encoding)
    {
        RequireConfirmed(commitment, "getTransaction");
        var config = Config(commitment);
        config["encoding"] = encoding == SolanaTransactionEncoding.Json ? "json" : "jsonParsed";
        config["maxSupportedTransactionVersion"] = 0;
        return [signature.ToString(), config];
    }

    private static void RequireConfirmed(SolanaCommitment commitment, string method)
    {
        if (commitment == SolanaCommitment.Processed)
        {
            throw new ArgumentException($"{method} does not support the processed commitment; use confirmed or finalized", nameof(commitment));
        }
    }
}
