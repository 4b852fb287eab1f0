namespace StratosBridge.Api.Chains;

/// <summary>The instance that last recorded a chain's head, and when.</summary>
public sealed record WatcherView(string Instance, DateTimeOffset SeenAt);
