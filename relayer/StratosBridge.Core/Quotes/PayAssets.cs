using System.Diagnostics.CodeAnalysis;

namespace StratosBridge.Core.Quotes;

/// <summary>The facts of each <see cref="PayAsset"/>: symbol, the chain it is paid on, base unit and decimals.</summary>
public static class PayAssets
{
    /// <summary>The symbol used in the API and the ledger ("ETH", "BNB", "SOL", "USD").</summary>
    public static string Symbol(this PayAsset asset) => asset.ToString().ToUpperInvariant();

    /// <summary>Where it is paid: <c>ethereum</c>, <c>bsc</c>, <c>solana</c> or <c>card</c>.</summary>
    public static string Chain(this PayAsset asset) => asset switch
    {
        PayAsset.Eth => "ethereum",
        PayAsset.Bnb => "bsc",
        PayAsset.Sol => "solana",
        PayAsset.Usd => "card",
        _ => throw new ArgumentOutOfRangeException(nameof(asset), asset, null),
    };

    /// <summary>The asset paid on a chain in its native coin through OzonePayments (ETH on ethereum, BNB on bsc), else null.</summary>
    public static PayAsset? OfChain(string chain) =>
        Enum.GetValues<PayAsset>().Where(a => a.IsEvm() && a.Chain() == chain).Select(a => (PayAsset?)a).FirstOrDefault();

    /// <summary>Decimals of the base unit: wei 18, lamports 9, cents 2.</summary>
    public static int Decimals(this PayAsset asset) => asset switch
    {
        PayAsset.Eth or PayAsset.Bnb => 18,
        PayAsset.Sol => 9,
        PayAsset.Usd => 2,
        _ => throw new ArgumentOutOfRangeException(nameof(asset), asset, null),
    };

    /// <summary>The base unit's name: wei, lamports, cents.</summary>
    public static string BaseUnit(this PayAsset asset) => asset switch
    {
        PayAsset.Eth or PayAsset.Bnb => "wei",
        PayAsset.Sol => "lamports",
        PayAsset.Usd => "cents",
        _ => throw new ArgumentOutOfRangeException(nameof(asset), asset, null),
    };

    /// <summary>True for the assets paid through OzonePayments on an EVM chain (ETH, BNB).</summary>
    public static bool IsEvm(this PayAsset asset) => asset is PayAsset.Eth or PayAsset.Bnb;

    /// <summary>Parses a symbol, case-insensitively ("eth", "ETH").</summary>
    public static bool TryParse([NotNullWhen(true)] string? symbol, out PayAsset asset)
    {
        asset = default;
        if (string.IsNullOrWhiteSpace(symbol))
        {
            return false;
        }
        foreach (var candidate in Enum.GetValues<PayAsset>())
        {
            if (string.Equals(candidate.Symbol(), symbol.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                asset = candidate;
                return true;
            }
        }
        return false;
    }

    /// <summary>Parses a wire value written by <see cref="Symbol"/>; throws <see cref="FormatException"/>.</summary>
    public static PayAsset Parse(string symbol) =>
        TryParse(symbol, out var asset) ? asset : throw new FormatException($"'{symbol}' is not a pay asset");
}
