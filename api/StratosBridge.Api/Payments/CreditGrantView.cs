namespace StratosBridge.Api.Payments;

/// <summary>The free Ozone grant that earned a credit: the program and the wallet's claim (<c>GET /v1/grants/{program}/claims/{wallet}</c>).</summary>
public sealed record CreditGrantView(string Program, long ClaimId);
