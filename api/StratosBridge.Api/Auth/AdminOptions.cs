using StratosBridge.Relayer.Configuration;

namespace StratosBridge.Api.Auth;

/// <summary>
/// Section <c>Admin</c>: the bearer tokens of operators (<c>Admin__Tokens__0</c>, <c>Admin__Tokens__1</c>, … — from the
/// environment or a secret file, never from appsettings in the repo). Several tokens let one be rotated out while the
/// next is in use. Empty: every admin route answers 403 <c>admin-disabled</c>.
/// </summary>
public sealed class AdminOptions : IValidatableSection
{
    public const string Section = "Admin";

    /// <summary>The shortest token accepted (32 characters: e.g. <c>openssl rand -base64 32</c> gives 44).</summary>
    public const int MinTokenLength = 32;

    public List<string> Tokens { get; set; } = [];

    public IEnumerable<string> Validate(string section)
    {
        for (var i = 0; i < Tokens.Count; i++)
        {
            var token = Tokens[i] ?? "";
            // never echo the token: it is a secret, and this message goes to the console
            if (token.Length < MinTokenLength)
            {
                yield return $"{section}:Tokens:{i}: an admin token must be at least {MinTokenLength} characters, this one has " +
                             $"{token.Length} (generate one with: openssl rand -base64 32)";
            }
            else if (token.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
            {
                yield return $"{section}:Tokens:{i}: an admin token must not contain spaces or control characters";
            }
        }
    }
}
