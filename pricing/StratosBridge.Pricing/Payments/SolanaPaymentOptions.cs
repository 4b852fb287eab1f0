using System.ComponentModel.DataAnnotations;

namespace StratosBridge.Pricing.Payments;

/// <summary><c>Pricing:Payments:solana</c>: the account that receives Solana Pay transfers, and the wallet's texts.</summary>
public sealed class SolanaPaymentOptions
{
    /// <summary>The recipient's public key (base58).</summary>
    [Required]
    public string Recipient { get; set; } = "";

    /// <summary>Solana Pay <c>label</c>: who is asking for payment.</summary>
    [StringLength(100)]
    public string Label { get; set; } = "StratosBridge";

    internal IEnumerable<ValidationResult> Check(string prefix)
    {
        if (Recipient.Length > 0 && !SolanaPayUri.IsPublicKey(Recipient))
        {
            yield return new ValidationResult($"'{Recipient}' is not a base58 public key (32 bytes)", [$"{prefix}:Recipient"]);
        }
    }
}
