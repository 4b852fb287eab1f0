namespace StratosBridge.Api.Status;

/// <summary>A chain's head and finalized block as its watcher last saw them.</summary>
public sealed record ChainHeadStatus(string Chain, long Head, long? Finalized, string WatchedBy, DateTimeOffset SeenAt);
