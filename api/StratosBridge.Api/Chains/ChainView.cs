namespace StratosBridge.Api.Chains;

/// <summary>
/// A configured chain as the API shows it: never its RPC URL (it can carry a provider key). <see cref="BlockTime"/>
/// is an ISO-8601 duration (<c>PT12S</c>); head, finalized, checkpoint and watcher are null until a watcher has run.
/// <see cref="ExplorerTxUrl"/> is a block explorer's transaction URL with <c>{tx}</c> for the hash (<c>Pages:Explorers</c>), or null.
/// </summary>
public sealed record ChainView(
    string Name,
    long ChainId,
    string BlockTime,
    FinalityView Finality,
    ChainContractsView Contracts,
    long? Head,
    long? Finalized,
    long? Checkpoint,
    WatcherView? Watcher,
    string? ExplorerTxUrl);
