namespace StratosBridge.Api.Quotes;

/// <summary>A Solana Pay transfer request: SOL to <see cref="Recipient"/>, carrying <see cref="Reference"/>, as a <c>solana:</c> URI.</summary>
public sealed record SolanaPaymentView(string Recipient, string? Amount, string? Lamports, string Reference, string? Label, string Message, string Uri);
