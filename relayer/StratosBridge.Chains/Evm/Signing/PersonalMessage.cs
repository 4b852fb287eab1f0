using System.Text;

namespace StratosBridge.Chains.Evm.Signing;

/// <summary>
/// EIP-191 version 0x45 ("personal_sign"): the hash a wallet signs for a text message is
/// keccak256("\x19Ethereum Signed Message:\n" + byte length + message). Stratos keys are eth_secp256k1, so the address
/// recovered from such a signature is the Stratos account itself.
/// </summary>
public static class PersonalMessage
{
    public static byte[] Hash(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var body = Encoding.UTF8.GetBytes(message);
        var prefix = Encoding.UTF8.GetBytes($"\u0019Ethereum Signed Message:\n{body.Length}");
        return Keccak256.Hash([.. prefix, .. body]);
    }

    /// <summary>Signs <paramref name="message"/> as a wallet's <c>personal_sign</c> does: 65 bytes r ‖ s ‖ v (v = 27 or 28), as 0x hex.</summary>
    public static string Sign(EthKey key, string message)
    {
        ArgumentNullException.ThrowIfNull(key);
        return Hex.Encode(key.Sign(Hash(message)).ToBytes());
    }

    /// <summary>
    /// The address that signed <paramref name="message"/> with <paramref name="signatureHex"/> (0x, 65 bytes), or false with
    /// the reason when the signature is not one (wrong length, not hex, v not 27/28/0/1, r or s out of range, no point).
    /// </summary>
    public static bool TryRecover(string message, string? signatureHex, out EthAddress signer, out string error)
    {
        signer = default;
        if (signatureHex is null || !Hex.TryDecode(signatureHex, out var bytes))
        {
            error = "the signature is not 0x-prefixed hex";
            return false;
        }
        try
        {
            signer = EthSignature.FromBytes(bytes).RecoverAddress(Hash(message));
            error = "";
            return true;
        }
        catch (Exception e) when (e is FormatException or ArgumentException or InvalidOperationException)
        {
            error = $"the signature cannot be recovered: {e.Message}";
            return false;
        }
    }
}
