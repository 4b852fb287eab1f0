using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace StratosBridge.Fiat.Stripe;

/// <summary>
/// Stripe's webhook signature scheme: the <c>Stripe-Signature</c> header is <c>t={unix seconds},v1={hex},v1=…,v0=…</c>,
/// where <c>v1 = hex(HMAC-SHA256(secret, t + "." + raw body))</c> and the secret is the endpoint's whole
/// <c>whsec_…</c> string as UTF-8. Several <c>v1</c> values appear while Stripe rolls a secret, and we accept several
/// secrets for our side of a rotation. <c>v0</c> (test-mode legacy) is ignored.
/// </summary>
/// <remarks>
/// Like Stripe's libraries, the signature is checked before the timestamp, so an authentic but old delivery reads
/// as <see cref="StripeSignatureResult.TimestampOutsideTolerance"/> and a forged one as
/// <see cref="StripeSignatureResult.NoMatchingSignature"/>. Unlike them, a timestamp too far in the future is refused too.
/// Verify over the exact bytes received: re-serialised JSON does not verify.
/// </remarks>
public sealed class StripeSignature(TimeProvider time, TimeSpan tolerance)
{
    /// <summary>Stripe's libraries' default: five minutes.</summary>
    public static readonly TimeSpan DefaultTolerance = TimeSpan.FromSeconds(300);

    public const string HeaderName = "Stripe-Signature";

    private const int SignatureBytes = 32;

    private static readonly long MaxUnixSeconds = DateTimeOffset.MaxValue.ToUnixTimeSeconds();

    public StripeSignature(TimeProvider time) : this(time, DefaultTolerance)
    {
    }

    public TimeSpan Tolerance { get; } = tolerance > TimeSpan.Zero
        ? tolerance
        : throw new ArgumentOutOfRangeException(nameof(tolerance), tolerance, "The tolerance must be positive.");

    public StripeSignatureResult Verify(string? header, ReadOnlySpan<byte> body, IReadOnlyList<string> secrets)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        if (secrets.Count == 0 || secrets.Any(string.IsNullOrEmpty))
        {
            throw new ArgumentException("At least one webhook secret is needed, and none may be empty.", nameof(secrets));
        }

        if (!TryParse(header, out var timestampText, out var timestamp, out var candidates)) return StripeSignatureResult.MalformedHeader;
        if (candidates.Count == 0) return StripeSignatureResult.NoV1Signature;

        var matched = false;
        Span<byte> expected = stackalloc byte[SignatureBytes];
        foreach (var secret in secrets)
        {
            Compute(secret, timestampText, body, expected);
            foreach (var candidate in candidates)
            {
                // Every pair is compared, so the time taken does not depend on which one matched.
                matched |= candidate.Length == SignatureBytes && CryptographicOperations.FixedTimeEquals(candidate, expected);
            }
        }
        if (!matched) return StripeSignatureResult.NoMatchingSignature;

        var age = time.GetUtcNow() - DateTimeOffset.FromUnixTimeSeconds(timestamp);
        return age.Duration() > Tolerance ? StripeSignatureResult.TimestampOutsideTolerance : StripeSignatureResult.Valid;
    }

    /// <summary>A header as Stripe would send it for <paramref name="body"/>: <c>t=…,v1=…</c> (for the local Stripe fake and tests).</summary>
    public static string Sign(string secret, DateTimeOffset timestamp, ReadOnlySpan<byte> body)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        var t = timestamp.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        Span<byte> mac = stackalloc byte[SignatureBytes];
        Compute(secret, t, body, mac);
        return $"t={t},v1={Convert.ToHexStringLower(mac)}";
    }

    private static void Compute(string secret, string timestampText, ReadOnlySpan<byte> body, Span<byte> destination)
    {
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(secret));
        hmac.AppendData(Encoding.ASCII.GetBytes(timestampText));
        hmac.AppendData("."u8);
        hmac.AppendData(body);
        hmac.GetHashAndReset(destination);
    }

    private static bool TryParse(string? header, out string timestampText, out long timestamp, out List<byte[]> v1)
    {
        timestampText = "";
        timestamp = 0;
        v1 = [];
        if (string.IsNullOrWhiteSpace(header)) return false;

        string? t = null;
        foreach (var item in header.Split(',', StringSplitOptions.TrimEntries))
        {
            var equals = item.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0) return false;
            var (scheme, value) = (item[..equals], item[(equals + 1)..]);
            switch (scheme)
            {
                case "t":
                    if (t is not null) return false;
                    t = value;
                    break;
                case "v1":
                    // A value that is not 64 hex digits cannot match; it counts as a v1 that does not verify.
                    v1.Add(value.Length == 2 * SignatureBytes && value.All(char.IsAsciiHexDigit) ? Convert.FromHexString(value) : []);
                    break;
            }
        }

        if (t is null || t.Length == 0 || !t.All(char.IsAsciiDigit)) return false;
        if (!long.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out timestamp) || timestamp > MaxUnixSeconds) return false;
        timestampText = t;
        return true;
    }
}
