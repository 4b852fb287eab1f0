namespace StratosBridge.Api.Grants;

/// <summary>A wallet in both forms: the Stratos account (<c>st1…</c>) and its 0x address.</summary>
public sealed record GrantWalletView(string Hex, string Bech32);
