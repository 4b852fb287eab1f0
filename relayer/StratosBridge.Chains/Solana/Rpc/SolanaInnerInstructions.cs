namespace StratosBridge.Chains.Solana.Rpc;

/// <summary>The instructions a top-level instruction invoked (cross-program invocations), in order.</summary>
/// <param name="Index">The index of the top-level instruction that made them.</param>
public sealed record SolanaInnerInstructions(int Index, IReadOnlyList<SolanaInstruction> Instructions);
