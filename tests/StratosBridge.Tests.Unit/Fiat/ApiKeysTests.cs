using System.Security.Cryptography;
using System.Text;
using StratosBridge.Fiat.Accounts;

namespace StratosBridge.Tests.Unit.Fiat;

public class ApiKeysTests
{
    // Python, independently: 'sbk_' + base64.urlsafe_b64encode(bytes(range(32))).decode().rstrip('=')
    private const string KnownKey = "sbk_AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8";

    // printf '%s' 'sbk_AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8' | openssl dgst -sha256
    private const string KnownKeySha256 = "9f43839dfc8ba6e2db66f69b067651267537f6d51f9f1fd4eb79526e3d256cee";

    /// <summary>The 32 bytes of a key, decoded by the framework's standard base64 (not the code under test).</summary>
    private static byte[] Secret(string key)
    {
        var body = key[ApiKeys.Marker.Length..].Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(body + new string('=', (4 - body.Length % 4) % 4));
    }

    private static string Canonical(byte[] secret) =>
        ApiKeys.Marker + Convert.ToBase64String(secret).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    [Fact]
    public void A_key_is_the_marker_and_32_random_bytes_in_unpadded_base64url()
    {
        var key = ApiKeys.Generate();

        Assert.StartsWith("sbk_", key);
        Assert.Equal(47, key.Length);
        Assert.DoesNotContain('=', key);
        var secret = Secret(key);
        Assert.Equal(32, secret.Length);
        Assert.Equal(key, Canonical(secret));
        Assert.True(ApiKeys.LooksLikeKey(key));
    }

    [Fact]
    public void Keys_are_distinct_and_use_the_whole_base64url_alphabet()
    {
        var keys = Enumerable.Range(0, 2000).Select(_ => ApiKeys.Generate()).ToList();

        Assert.Equal(keys.Count, keys.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(keys.Count, keys.Select(ApiKeys.Prefix).Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(keys.Count, keys.Select(k => Convert.ToHexString(Secret(k))).Distinct(StringComparer.Ordinal).Count());
        // 2000 × 42 full characters: every one of the 64 symbols shows up unless the encoding or the randomness is off
        var seen = keys.SelectMany(k => k[ApiKeys.Marker.Length..^1]).ToHashSet();
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        Assert.Equal(alphabet.ToHashSet(), seen);
    }

    [Fact]
    public void The_prefix_is_the_first_twelve_characters()
    {
        Assert.Equal("sbk_AAECAwQF", ApiKeys.Prefix(KnownKey));
        var key = ApiKeys.Generate();
        Assert.Equal(key[..12], ApiKeys.Prefix(key));
    }

    [Fact]
    public void The_prefix_of_something_that_is_not_a_key_is_refused()
    {
        Assert.Throws<ArgumentException>(() => ApiKeys.Prefix("sbk_short"));
        Assert.Throws<ArgumentException>(() => ApiKeys.Prefix("not a key at all, but long enough to have 47 ch"));
    }

    [Fact]
    public void The_digest_is_sha256_of_the_utf8_key()
    {
        Assert.Equal(KnownKeySha256, Convert.ToHexStringLower(ApiKeys.Sha256(KnownKey)));
        var key = ApiKeys.Generate();
        Assert.Equal(SHA256.HashData(Encoding.ASCII.GetBytes(key)), ApiKeys.Sha256(key));
        Assert.NotEqual(ApiKeys.Sha256(key), ApiKeys.Sha256(key[..^1] + (key[^1] == 'A' ? 'B' : 'A')));
    }

    [Theory]
    [InlineData(KnownKey, true)]
    [InlineData("sbk_-__--__--__--__--__--__--__--__--__--__-__4", true)] // urlsafe_b64encode of 0xfbfffe…: '-' and '_'
    [InlineData(null, false)]
    [InlineData("", false)]
    [InlineData("sbk_", false)]
    [InlineData("sbk_AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh", false)] // one character short
    [InlineData("sbk_AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8A", false)] // one too many
    [InlineData("SBK_AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8", false)]
    [InlineData("sbk-AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8", false)]
    [InlineData("sbk_+/8AAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8", false)] // standard base64, not url-safe
    [InlineData("sbk_AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh=", false)] // padding
    [InlineData("sbk_AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwd h8", false)]
    [InlineData("sbk_AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHé8", false)]
    [InlineData("an-admin-token-with-at-least-32-chars-012345678", false)] // 47 characters
    public void Only_the_shape_of_a_key_looks_like_a_key(string? text, bool expected) =>
        Assert.Equal(expected, ApiKeys.LooksLikeKey(text));
}
