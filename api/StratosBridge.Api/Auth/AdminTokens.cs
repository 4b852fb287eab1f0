using System.Security.Cryptography;
using System.Text;

namespace StratosBridge.Api.Auth;

/// <summary>
/// The configured admin tokens, kept as SHA-256 digests. A presented token is hashed and compared with every digest with
/// <see cref="CryptographicOperations.FixedTimeEquals"/>: equal-length inputs, no early exit, so the time taken says
/// nothing about how much of a token was right, nor which token matched.
/// </summary>
public sealed class AdminTokens
{
    private readonly byte[][] _digests;

    /// <param name="tokens">Validated by <see cref="AdminOptions"/>.</param>
    public AdminTokens(IEnumerable<string> tokens) =>
        _digests = tokens.Select(t => SHA256.HashData(Encoding.UTF8.GetBytes(t))).ToArray();

    /// <summary>False when no token is configured: admin routes are then refused (403 <c>admin-disabled</c>).</summary>
    public bool Enabled => _digests.Length > 0;

    /// <summary>True when <paramref name="presented"/> is one of the configured tokens.</summary>
    public bool Matches(string? presented)
    {
        if (presented is null)
        {
            return false;
        }
        var digest = SHA256.HashData(Encoding.UTF8.GetBytes(presented));
        var match = false;
        foreach (var known in _digests)
        {
            match |= CryptographicOperations.FixedTimeEquals(digest, known);
        }
        return match;
    }
}
