using System.Globalization;
using System.Numerics;
using StratosBridge.TestKit;

namespace StratosBridge.Tests.Integration.Evm.Rpc;

/// <summary>Foundry's cast as an independent signer and hasher for the RPC tests.</summary>
public static class CastTool
{
    /// <summary>Signs an EIP-1559 transfer with cast (`cast mktx`) and returns the raw transaction as 0x-hex.</summary>
    public static async Task<string> MakeTransferAsync(Uri rpcUrl, string privateKey, string to, BigInteger valueWei, long nonce,
        string maxFeePerGas = "100gwei", string maxPriorityFeePerGas = "1gwei")
    {
        var raw = await ToolRunner.RunAsync(RepoPaths.NodeBin("cast"),
        [
            "mktx", "--private-key", privateKey, "--rpc-url", rpcUrl.ToString(), to,
            "--value", valueWei.ToString(CultureInfo.InvariantCulture),
            "--nonce", nonce.ToString(CultureInfo.InvariantCulture),
            "--gas-limit", "21000",
            "--gas-price", maxFeePerGas,
            "--priority-gas-price", maxPriorityFeePerGas,
        ]);
        return raw.Trim();
    }

    /// <summary>keccak256 of hex data (a transaction's hash is the keccak of its raw bytes).</summary>
    public static async Task<string> KeccakAsync(string hex) =>
        (await ToolRunner.RunAsync(RepoPaths.NodeBin("cast"), ["keccak", hex])).Trim();
}
