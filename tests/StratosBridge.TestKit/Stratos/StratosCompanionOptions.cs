namespace StratosBridge.TestKit.Stratos;

/// <summary>
/// How a <see cref="StratosDevnetCompanion"/> runs: the Stratos anvil it watches, where it keeps its state, and the
/// chain state it starts from when it has none.
/// </summary>
public sealed record StratosCompanionOptions(Uri RpcUrl)
{
    /// <summary>
    /// Where the Cosmos-side state is kept across restarts (JSON, written after every change); null keeps it in memory.
    /// A file written for another chain (different genesis block) is ignored and replaced.
    /// </summary>
    public string? StateFile { get; init; }

    /// <summary>
    /// The first block to read <c>MsgExecuted</c> logs from; null resumes after the last block the state saw (block 0
    /// when there is no state). Transactions already in the state are never applied again, so reading blocks twice is harmless.
    /// </summary>
    public long? StartBlock { get; init; }

    /// <summary>The Ozone state of a fresh start; its <see cref="OzoneState.Height"/> is ignored (the chain's height is used).</summary>
    public OzoneState Genesis { get; init; } = OzoneState.Default;

    /// <summary>How often the chain is polled for new blocks.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Blocks per <c>eth_getLogs</c> request.</summary>
    public int MaxBlockRange { get; init; } = 5000;

    /// <summary>Where one line per applied or refused prepay is written (the devnet's log); null for none.</summary>
    public TextWriter? Log { get; init; }
}
