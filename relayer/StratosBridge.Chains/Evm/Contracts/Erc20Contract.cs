using System.Numerics;
using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

namespace StratosBridge.Chains.Evm.Contracts;

/// <summary>
/// The ERC-20 calls the bridge makes (balances, approvals for locks) plus the dev tokens' <c>mint</c>
/// (<c>DevStosToken</c>, devnet and tests only), as Nethereum DTOs checked against the <c>DevStosToken</c> artifact.
/// </summary>
public static class Erc20Contract
{
    public static ContractBinding Binding { get; } = ContractBinding.Of("DevStosToken", typeof(Erc20Contract));

    [Function("balanceOf", "uint256")]
    public sealed class BalanceOfFunction : FunctionMessage
    {
        [Parameter("address", "account", 1)] public string Account { get; set; } = "";
    }

    [Function("approve", "bool")]
    public sealed class ApproveFunction : FunctionMessage
    {
        [Parameter("address", "spender", 1)] public string Spender { get; set; } = "";
        [Parameter("uint256", "value", 2)] public BigInteger Value { get; set; }
    }

    [Function("transfer", "bool")]
    public sealed class TransferFunction : FunctionMessage
    {
        [Parameter("address", "to", 1)] public string To { get; set; } = "";
        [Parameter("uint256", "value", 2)] public BigInteger Value { get; set; }
    }

    /// <summary>The dev token's mint (anyone may mint on the devnet).</summary>
    [Function("mint")]
    public sealed class MintFunction : FunctionMessage
    {
        [Parameter("address", "to", 1)] public string To { get; set; } = "";
        [Parameter("uint256", "amount", 2)] public BigInteger Amount { get; set; }
    }

    [Error("ERC20InsufficientAllowance")]
    public sealed class ERC20InsufficientAllowanceError : IErrorDTO
    {
        [Parameter("address", "spender", 1)] public string Spender { get; set; } = "";
        [Parameter("uint256", "allowance", 2)] public BigInteger Allowance { get; set; }
        [Parameter("uint256", "needed", 3)] public BigInteger Needed { get; set; }
    }

    [Error("ERC20InsufficientBalance")]
    public sealed class ERC20InsufficientBalanceError : IErrorDTO
    {
        [Parameter("address", "sender", 1)] public string Sender { get; set; } = "";
        [Parameter("uint256", "balance", 2)] public BigInteger Balance { get; set; }
        [Parameter("uint256", "needed", 3)] public BigInteger Needed { get; set; }
    }

    [Error("ERC20InvalidApprover")]
    public sealed class ERC20InvalidApproverError : IErrorDTO
    {
        [Parameter("address", "approver", 1)] public string Approver { get; set; } = "";
    }

    [Error("ERC20InvalidReceiver")]
    public sealed class ERC20InvalidReceiverError : IErrorDTO
    {
        [Parameter("address", "receiver", 1)] public string Receiver { get; set; } = "";
    }

    [Error("ERC20InvalidSender")]
    public sealed class ERC20InvalidSenderError : IErrorDTO
    {
        [Parameter("address", "sender", 1)] public string Sender { get; set; } = "";
    }

    [Error("ERC20InvalidSpender")]
    public sealed class ERC20InvalidSpenderError : IErrorDTO
    {
        [Parameter("address", "spender", 1)] public string Spender { get; set; } = "";
    }

    public static byte[] EncodeApprove(EthAddress spender, BigInteger value) =>
        new ApproveFunction { Spender = spender.ToLowerHex(), Value = value }.GetCallData();

    public static byte[] EncodeTransfer(EthAddress to, BigInteger value) => new TransferFunction { To = to.ToLowerHex(), Value = value }.GetCallData();

    public static byte[] EncodeMint(EthAddress to, BigInteger amount) => new MintFunction { To = to.ToLowerHex(), Amount = amount }.GetCallData();
}
