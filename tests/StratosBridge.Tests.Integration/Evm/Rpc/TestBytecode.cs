using System.Globalization;

namespace StratosBridge.Tests.Integration.Evm.Rpc;

/// <summary>Tiny hand-assembled contracts for RPC tests (no compiler needed): a log emitter and a reverter.</summary>
public static class TestBytecode
{
    /// <summary>
    /// Copies its calldata to memory, emits LOG2(topic0 = <paramref name="topic0"/>, topic1 = the first 32 calldata
    /// bytes, data = the calldata) and returns the calldata.
    /// </summary>
    public static string Emitter(string topic0)
    {
        var runtime = "36" + "6000" + "6000" + "37" // CALLDATACOPY(0, 0, CALLDATASIZE)
                      + "6000" + "51" // topic1 = MLOAD(0)
                      + "7f" + Bare(topic0) // topic0
                      + "36" + "6000" + "a2" // LOG2(offset 0, size CALLDATASIZE, topic0, topic1)
                      + "36" + "6000" + "f3"; // RETURN(0, CALLDATASIZE)
        return InitCode(runtime);
    }

    /// <summary>Always reverts with <paramref name="revertData"/>.</summary>
    public static string Reverter(string revertData)
    {
        var data = Bare(revertData);
        var size = Byte(data.Length / 2);
        const int header = 12;
        var runtime = "60" + size + "60" + Byte(header) + "6000" + "39" // CODECOPY(0, header, size)
                      + "60" + size + "6000" + "fd" // REVERT(0, size)
                      + data;
        return InitCode(runtime);
    }

    /// <summary>Init code that returns <paramref name="runtime"/> as the deployed code.</summary>
    private static string InitCode(string runtime)
    {
        const int initLength = 11;
        return "0x" + "60" + Byte(runtime.Length / 2) + "80" + "60" + Byte(initLength) + "6000" + "39" // CODECOPY(0, 11, len)
               + "6000" + "f3" // RETURN(0, len)
               + runtime;
    }

    private static string Bare(string hex) => hex.StartsWith("0x", StringComparison.Ordinal) ? hex[2..] : hex;

    private static string Byte(int value) =>
        value is >= 0 and < 256
            ? value.ToString("x2", CultureInfo.InvariantCulture)
            : throw new ArgumentOutOfRangeException(nameof(value), value, "does not fit one byte");
}
