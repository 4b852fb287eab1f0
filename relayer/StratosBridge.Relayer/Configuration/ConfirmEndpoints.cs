namespace StratosBridge.Relayer.Configuration;

/// <summary>
/// A source's independent confirm endpoints (<c>ConfirmRpcUrls</c> and <c>ConfirmQuorum</c>, under <c>Chains:{name}</c> for an
/// EVM chain and under <c>Solana</c>): their validation, the names of their RPC clients, and how they are named in logs
/// (host and port: a URL may carry a provider key).
/// </summary>
public static class ConfirmEndpoints
{
    /// <summary><c>ConfirmRpcUrls</c>: absolute http(s) URLs, each once; <c>ConfirmQuorum</c>: 1 ≤ M ≤ N. Failures name the key.</summary>
    public static IEnumerable<string> Validate(IReadOnlyList<string> urls, int? quorum, string prefix)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (url, i) in urls.Select((u, i) => (u, i)))
        {
            if (!IsHttpUrl(url))
            {
                yield return $"{prefix}:ConfirmRpcUrls:{i}: '{Redact(url)}' is not an absolute http(s) URL";
            }
            else if (!seen.Add(url.TrimEnd('/')))
            {
                yield return $"{prefix}:ConfirmRpcUrls:{i}: '{Redact(url)}' is listed twice (each endpoint counts once towards the quorum)";
            }
        }
        if (quorum is { } m && (m < 1 || m > urls.Count))
        {
            yield return urls.Count == 0
                ? $"{prefix}:ConfirmQuorum: {m} is set but {prefix}:ConfirmRpcUrls is empty"
                : $"{prefix}:ConfirmQuorum: {m} must be between 1 and the {urls.Count} endpoint(s) of {prefix}:ConfirmRpcUrls";
        }
    }

    public static bool IsHttpUrl(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);

    /// <summary>Enough of a URL to recognise it, never a whole provider key.</summary>
    public static string Redact(string value) => value.Length <= 24 ? value : value[..20] + "…";

    /// <summary>How an endpoint is named in logs and reasons: its host and port, never its URL.</summary>
    public static string Host(string url) => new Uri(url).Authority;

    /// <summary>The RPC client name of a source's <paramref name="index"/>-th confirm endpoint.</summary>
    public static string ClientName(string source, int index) => $"{source}:confirm:{index}";
}
