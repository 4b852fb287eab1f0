namespace StratosBridge.Api.Quotes;

/// <summary>The credited Stratos account in both forms: EIP-55 <c>0x…</c> and bech32 <c>st1…</c>.</summary>
public sealed record BeneficiaryView(string Hex, string Bech32);
