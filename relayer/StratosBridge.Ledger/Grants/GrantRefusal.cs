namespace StratosBridge.Ledger.Grants;

/// <summary>Why a claim was refused; <see cref="Code"/> is the API's problem code.</summary>
public sealed record GrantRefusal(string Code, string Detail);
