using System.Globalization;

namespace StratosBridge.Core.Grants;

/// <summary>
/// The message a wallet signs (EIP-191 <c>personal_sign</c>) to claim a grant: it names the service, the program, the
/// wallet, the challenge's one-time id and its expiry, so a signature proves consent to this one claim and nothing else.
/// </summary>
public static class GrantChallengeText
{
    public static string For(string service, string programId, string programName, string walletHex, string walletBech32, Guid challengeId,
        DateTimeOffset expiresAt) => string.Create(CultureInfo.InvariantCulture, $"""
        {service} asks you to sign this to claim free Ozone.

        Program: {programName} ({programId})
        Wallet: {walletBech32} ({walletHex})
        Challenge: {challengeId:D}
        Expires: {expiresAt.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss'Z'}

        Signing costs nothing and moves no funds.
        """);
}
