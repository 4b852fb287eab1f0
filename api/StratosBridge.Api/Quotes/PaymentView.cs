namespace StratosBridge.Api.Quotes;

/// <summary>How to pay: the URI to open or scan (and its QR codes), and the chain-specific details.</summary>
public sealed record PaymentView(string? Uri, EvmPaymentView? Evm, SolanaPaymentView? Solana, CardPaymentView? Card, QrLinks? Qr);
