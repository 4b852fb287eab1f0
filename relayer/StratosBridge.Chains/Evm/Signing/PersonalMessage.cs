using Nethereum.Signer;

namespace StratosBridge.Chains.Evm.Signing;

/// <summary>
/// EIP-191 version 0x45 ("personal_sign") through Nethereum's <see cref="EthereumMessageSigner"/>: the hash a wallet signs
/// for a text message is keccak256("\x19Ethereum Signed Message:\n" + byte length + message). Stratos keys are
/// eth_secp256k1, so the address recovered from such a signature is the Stratos account itself. Ours on top: a signature
/// that is not one (wrong length, not hex, no point) is a reason, not an exception, and the signer is our <see cref="EthAddress"/>.
/// </summary>
public static class PersonalMessage
{
    private static readonly EthereumMessageSigner Signer = new();

    /// <summary>Signs <paramref name="message"/> as a wallet's <c>personal_sign</c> does: 65 bytes r ‖ s ‖ v (v = 27 or 28), as 0x hex.</summary>
    public static string Sign(EthKey key, string message)
    {
        ArgumentNullException.ThrowIfNull(key);
        return Signer.EncodeUTF8AndSign(message, key.Key);
    }

    /// <summary>
    /// The address that signed <paramref name="message"/> with <paramref name="signatureHex"/> (0x, 65 bytes), or false with
    /// the reason when the signature is not one.
    /// </summary>
    public static bool TryRecover(string message, string? signatureHex, out EthAddress signer, out string error)
    {
        signer = default;
        if (signatureHex is null || !Hex.TryDecode(signatureHex, out var bytes) || bytes.Length != 65)
        {
            error = "the signature is not 65 bytes of 0x-prefixed hex";
            return false;
        }
        var r = new System.Numerics.BigInteger(bytes.AsSpan(0, 32), isUnsigned: true, isBigEndian: true);
        var s = new System.Numerics.BigInteger(bytes.AsSpan(32, 32), isUnsigned: true, isBigEndian: true);
        if (bytes[64] is not (0 or 1 or 27 or 28) || r.IsZero || s.IsZero || r >= EthKey.Order || s >= EthKey.Order)
        {
            error = "the signature is not one: v must be 27 or 28 (or 0, 1), r and s in [1, n-1]";
            return false;
        }
        try
        {
            if (EthAddress.TryParse(Signer.EncodeUTF8AndEcRecover(message, signatureHex), out signer))
            {
                error = "";
                return true;
            }
            error = "the signature does not recover to an address";
            return false;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The bytes come from anyone: whatever the library refuses them with (no point on the curve, …) is a reason.
            error = $"the signature cannot be recovered: {e.Message}";
            return false;
        }
    }
}
