using StratosBridge.Chains.Evm.Rpc;

namespace StratosBridge.Tests.Unit.Evm.Rpc;

public sealed class EvmBlockTagTests
{
    [Fact]
    public void Number_is_written_as_a_hex_quantity()
    {
        EvmBlockTag tag = 26;

        Assert.Equal("0x1a", tag.Value);
        Assert.Equal(26, tag.BlockNumber);
        Assert.Equal("0x0", EvmBlockTag.Number(0).Value);
    }

    [Fact]
    public void Tags_are_written_by_name_and_default_is_latest()
    {
        Assert.Equal("safe", EvmBlockTag.Safe.Value);
        Assert.Equal("finalized", EvmBlockTag.Finalized.Value);
        Assert.Equal("pending", EvmBlockTag.Pending.Value);
        Assert.Equal("latest", default(EvmBlockTag).Value);
        Assert.Null(EvmBlockTag.Latest.BlockNumber);
        Assert.Equal(EvmBlockTag.Latest, default);
        Assert.Equal(EvmBlockTag.Number(5), (EvmBlockTag)5);
        Assert.NotEqual(EvmBlockTag.Safe, EvmBlockTag.Finalized);
    }

    [Fact]
    public void Negative_block_number_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => EvmBlockTag.Number(-1));
    }
}
