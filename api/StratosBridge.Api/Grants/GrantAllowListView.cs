namespace StratosBridge.Api.Grants;

/// <summary>What an allow-list call did: wallets given and how many were not on the list before.</summary>
public sealed record GrantAllowListView(int Given, int Added);
