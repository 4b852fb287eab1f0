namespace StratosBridge.Api.Grants;

/// <summary>A refusal code and how often claims were refused for it.</summary>
public sealed record GrantRefusalCount(string Reason, int Count);
