using StratosBridge.Api.Auth;

namespace StratosBridge.Tests.Unit.Auth;

public class AdminTokensTests
{
    private const string First = "first-admin-token-0123456789abcdefghij";
    private const string Second = "second-admin-token-ABCDEFGHIJKLMNOPQRS";

    [Fact]
    public void Each_configured_token_matches()
    {
        var tokens = new AdminTokens([First, Second]);

        Assert.True(tokens.Enabled);
        Assert.True(tokens.Matches(First));
        Assert.True(tokens.Matches(Second));
        Assert.True(tokens.Matches(new string(First.ToCharArray()))); // by value, not by reference
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("first-admin-token-0123456789abcdefghi")] // a prefix of the first
    [InlineData("first-admin-token-0123456789abcdefghijk")] // the first and one more character
    [InlineData("FIRST-ADMIN-TOKEN-0123456789ABCDEFGHIJ")] // case matters
    [InlineData(" first-admin-token-0123456789abcdefghij")]
    [InlineData("first-admin-token-0123456789abcdefghijsecond-admin-token-ABCDEFGHIJKLMNOPQRS")]
    public void Anything_else_does_not_match(string? presented)
    {
        Assert.False(new AdminTokens([First, Second]).Matches(presented));
    }

    [Fact]
    public void Without_tokens_admin_access_is_disabled_and_nothing_matches()
    {
        var tokens = new AdminTokens([]);

        Assert.False(tokens.Enabled);
        Assert.False(tokens.Matches(First));
        Assert.False(tokens.Matches(""));
    }

    [Fact]
    public void Tokens_of_at_least_32_characters_without_spaces_are_valid()
    {
        var options = new AdminOptions { Tokens = [new string('x', 32), First] };

        Assert.Empty(options.Validate("Admin"));
        Assert.Empty(new AdminOptions().Validate("Admin"));
    }

    [Fact]
    public void A_short_or_spaced_token_is_refused_by_its_key_without_showing_it()
    {
        var options = new AdminOptions { Tokens = [First, "too-short-a-secret", "a token with spaces in it that is long"] };

        var failures = options.Validate("Admin").ToList();

        Assert.Equal(2, failures.Count);
        Assert.StartsWith("Admin:Tokens:1: ", failures[0]);
        Assert.Contains("at least 32 characters, this one has 18", failures[0]);
        Assert.StartsWith("Admin:Tokens:2: ", failures[1]);
        Assert.Contains("spaces", failures[1]);
        Assert.DoesNotContain(failures, f => f.Contains("too-short-a-secret", StringComparison.Ordinal));
        Assert.DoesNotContain(failures, f => f.Contains("with spaces in it", StringComparison.Ordinal));
    }
}
