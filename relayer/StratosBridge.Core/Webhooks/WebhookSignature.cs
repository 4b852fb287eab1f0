using System.Security.Cryptography;
using System.Text;

namespace StratosBridge.Core.Webhooks;

/// <summary>
/// The <c>StratosBridge-Signature</c> header of a delivery: <c>t=&lt;unix seconds&gt;,v1=&lt;hex&gt;</c>, where v1 is
/// HMAC-SHA256 keyed with the endpoint's secret (its UTF-8 bytes, <c>whsec_…</c> included) over <c>t + "." + body</c>.
/// During a secret rotation a second <c>v1=</c> is signed with the previous secret; a receiver accepts the delivery when
/// any <c>v1</c> matches one of its secrets and <c>t</c> is recent.
/// </summary>
public static class WebhookSignature
{
    public const string Header = "StratosBridge-Signature";

    public static string Create(DateTimeOffset at, ReadOnlySpan<byte> body, params string[] secrets)
    {
        var t = at.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var signed = new byte[t.Length + 1 + body.Length];
        Encoding.ASCII.GetBytes(t + ".", signed);
        body.CopyTo(signed.AsSpan(t.Length + 1));
        var sb = new StringBuilder("t=").Append(t);
        foreach (var secret in secrets)
        {
            sb.Append(",v1=").Append(Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed)));
        }
        return sb.ToString();
    }

    /// <summary>A new secret: <c>whsec_</c> and 32 random bytes in base64url.</summary>
    public static string NewSecret() =>
        "whsec_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
