namespace StratosBridge.Api.Status;

/// <summary>
/// A chain as anyone may see it: <c>up</c> while its watcher has written the head within
/// <see cref="StatusReader.UpWithin"/>, else <c>down</c>; its head and finalized block and when they were seen.
/// </summary>
public sealed record PublicChainStatus(string Chain, string Status, long Head, long? Finalized, DateTimeOffset SeenAt);
