namespace StratosBridge.Api.Quotes;

/// <summary>
/// The EVM call: <c>OzonePayments.pay(quoteId, beneficiary)</c> on <see cref="Contract"/> with <see cref="Value"/> wei
/// (null for an open amount: send any amount), as raw calldata and as an EIP-681 URI.
/// </summary>
public sealed record EvmPaymentView(long ChainId, string Contract, string Function, string Calldata, string? Value, string Uri);
