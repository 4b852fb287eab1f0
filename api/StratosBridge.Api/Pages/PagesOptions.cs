using StratosBridge.Relayer.Configuration;

namespace StratosBridge.Api.Pages;

/// <summary>
/// Section <c>Pages</c>: <see cref="Explorers"/>, per chain name, a block explorer's transaction URL with <c>{tx}</c> where
/// the hash goes (<c>Pages__Explorers__ethereum=https://etherscan.io/tx/{tx}</c>). <c>GET /v1/chains</c> shows it as
/// <c>explorerTxUrl</c> and the pages link every transaction hash of that chain to it; a chain without one (the devnet's)
/// shows bare hashes.
/// </summary>
public sealed class PagesOptions : IValidatableSection
{
    public const string Section = "Pages";

    public const string TxPlaceholder = "{tx}";

    public Dictionary<string, string> Explorers { get; set; } = [];

    public IEnumerable<string> Validate(string section) =>
        from e in Explorers
        where !(e.Value.Contains(TxPlaceholder, StringComparison.Ordinal)
                && Uri.TryCreate(e.Value.Replace(TxPlaceholder, "0x", StringComparison.Ordinal), UriKind.Absolute, out var uri)
                && uri.Scheme is "https" or "http")
        select $"{section}:{nameof(Explorers)}:{e.Key}: '{e.Value}' must be an http(s) URL with {TxPlaceholder} where the transaction hash goes";
}
