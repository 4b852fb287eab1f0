namespace StratosBridge.Tests.Unit.Evm.Differential;

internal static class EvmRandomExtensions
{
    public static int Clamp(this int value, int max) => Math.Min(value, max);

    public static byte[] PadLeft32(this byte[] bytes)
    {
        var padded = new byte[32];
        bytes.CopyTo(padded, 32 - bytes.Length);
        return padded;
    }
}
