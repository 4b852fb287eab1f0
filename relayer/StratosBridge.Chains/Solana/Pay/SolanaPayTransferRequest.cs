using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace StratosBridge.Chains.Solana.Pay;

/// <summary>
/// A Solana Pay transfer request, <c>solana:&lt;recipient&gt;?amount=&lt;SOL&gt;&amp;reference=…&amp;label=…&amp;message=…&amp;memo=…</c>
/// (spec: github.com/solana-foundation/solana-pay SPEC.md). <see cref="ToUri"/> writes exactly what @solana/pay's
/// encodeURL writes for the same fields; <see cref="Parse"/> reads what its parseURL reads, and also refuses an amount
/// with more than 9 decimals (the spec calls that malformed) or above u64 lamports.
/// </summary>
public sealed record SolanaPayTransferRequest(SolanaPublicKey Recipient)
{
    /// <summary>URLs longer than this are refused (as parseURL does).</summary>
    public const int MaxLength = 2048;

    private const string Scheme = "solana:";

    /// <summary>The amount in lamports; null lets the wallet ask the payer.</summary>
    public ulong? Lamports { get; init; }

    /// <summary>An SPL token mint for token transfers; null for native SOL.</summary>
    public SolanaPublicKey? SplToken { get; init; }

    /// <summary>Keys the payment transaction must carry (the transfer instruction's extra accounts), in order.</summary>
    public IReadOnlyList<SolanaPublicKey> References { get; init; } = [];

    public string? Label { get; init; }

    public string? Message { get; init; }

    /// <summary>Text for an SPL memo instruction the wallet puts before the transfer (public on chain).</summary>
    public string? Memo { get; init; }

    /// <summary>The URL: parameters in the order amount, spl-token, reference…, label, message, memo; empty text ones left out.</summary>
    public string ToUri()
    {
        var query = new List<string>();
        if (Lamports is { } lamports)
        {
            query.Add("amount=" + SolanaPayAmount.Format(lamports));
        }
        if (SplToken is { } mint)
        {
            query.Add("spl-token=" + mint);
        }
        query.AddRange(References.Select(reference => "reference=" + reference));
        foreach (var (name, value) in (ReadOnlySpan<(string, string?)>)[("label", Label), ("message", Message), ("memo", Memo)])
        {
            if (!string.IsNullOrEmpty(value))
            {
                query.Add(name + "=" + SolanaPayUrlEncoding.Encode(value));
            }
        }
        var uri = new StringBuilder(Scheme).Append(Recipient.ToString());
        return query.Count == 0 ? uri.ToString() : uri.Append('?').AppendJoin('&', query).ToString();
    }

    public override string ToString() => ToUri();

    /// <summary>Parses a transfer request URL; a malformed one throws <see cref="FormatException"/> saying what is wrong.</summary>
    public static SolanaPayTransferRequest Parse(string uri) =>
        TryParse(uri, out var request, out var error) ? request : throw new FormatException(error);

    public static bool TryParse([NotNullWhen(true)] string? uri, [NotNullWhen(true)] out SolanaPayTransferRequest? request,
        [NotNullWhen(false)] out string? error)
    {
        request = null;
        error = Read(uri, out request);
        return error is null;
    }

    private static string? Read(string? uri, out SolanaPayTransferRequest? request)
    {
        request = null;
        if (uri is null)
        {
            return "the URL is empty";
        }
        if (uri.Length > MaxLength)
        {
            return $"the URL is {uri.Length} characters long; at most {MaxLength}";
        }
        // Like the WHATWG URL parser: surrounding spaces and control characters are not part of the URL.
        var text = uri.Trim(' ', '\t', '\n', '\r', '\f', '\v', '\0');
        if (!text.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase))
        {
            return "not a Solana Pay URL: it does not start with 'solana:'";
        }
        var rest = text[Scheme.Length..];
        var hash = rest.IndexOf('#');
        if (hash >= 0)
        {
            rest = rest[..hash];
        }
        var question = rest.IndexOf('?');
        var path = question < 0 ? rest : rest[..question];
        var query = question < 0 ? "" : rest[(question + 1)..];
        if (path.Length == 0)
        {
            return "the URL has no recipient";
        }
        if (path.Contains(':') || path.Contains('%'))
        {
            return "a transaction request (solana:<https link>) is not a transfer request";
        }
        if (!SolanaPublicKey.TryParse(path, out var recipient, out var recipientError))
        {
            return $"invalid recipient: {recipientError}";
        }
        var parameters = SolanaPayUrlEncoding.ParseQuery(query);
        var result = new SolanaPayTransferRequest(recipient)
        {
            Label = First("label"),
            Message = First("message"),
            Memo = First("memo"),
        };
        if (parameters.Any(p => p.Key == "amount"))
        {
            if (!SolanaPayAmount.TryParse(parameters.First(p => p.Key == "amount").Value, out var lamports, out var amountError))
            {
                return $"invalid amount: {amountError}";
            }
            result = result with { Lamports = lamports };
        }
        if (parameters.Any(p => p.Key == "spl-token"))
        {
            if (!SolanaPublicKey.TryParse(parameters.First(p => p.Key == "spl-token").Value, out var mint, out var mintError))
            {
                return $"invalid spl-token: {mintError}";
            }
            result = result with { SplToken = mint };
        }
        var references = new List<SolanaPublicKey>();
        foreach (var value in parameters.Where(p => p.Key == "reference").Select(p => p.Value))
        {
            if (!SolanaPublicKey.TryParse(value, out var reference, out var referenceError))
            {
                return $"invalid reference: {referenceError}";
            }
            references.Add(reference);
        }
        request = result with { References = references };
        return null;

        // URLSearchParams.get: the first value; an empty one counts as absent (parseURL's `|| undefined`).
        string? First(string name) =>
            parameters.FirstOrDefault(p => p.Key == name).Value is { Length: > 0 } value ? value : null;
    }
}
