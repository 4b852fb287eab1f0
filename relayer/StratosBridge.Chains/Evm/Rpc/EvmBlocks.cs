using Nethereum.RPC.Eth.DTOs;

namespace StratosBridge.Chains.Evm.Rpc;

/// <summary>
/// Nethereum <see cref="BlockParameter"/>s by name. Each is a new instance: a <see cref="BlockParameter"/> is mutable, so
/// none is shared.
/// </summary>
public static class EvmBlocks
{
    public static BlockParameter Latest => BlockParameter.CreateLatest();

    public static BlockParameter Pending => BlockParameter.CreatePending();

    public static BlockParameter Finalized => Tag(BlockParameter.BlockParameterType.finalized);

    public static BlockParameter Safe => Tag(BlockParameter.BlockParameterType.safe);

    public static BlockParameter Number(long blockNumber)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(blockNumber);
        return new BlockParameter((ulong)blockNumber);
    }

    private static BlockParameter Tag(BlockParameter.BlockParameterType type)
    {
        var block = new BlockParameter();
        block.SetValue(type);
        return block;
    }
}
