using System.Numerics;
using StratosBridge.Chains.Evm.Abi;

namespace StratosBridge.Chains.Evm.Contracts;

/// <summary>
/// The ERC-20 calls the bridge makes (balances, approvals for locks) plus the dev tokens' <c>mint</c>
/// (<c>DevStosToken</c>, devnet and tests only), checked against the <c>DevStosToken</c> artifact.
/// </summary>
public static class Erc20Contract
{
    public static readonly AbiFunction BalanceOf = AbiFunction.Parse("balanceOf(address account) returns (uint256)");
    public static readonly AbiFunction Approve = AbiFunction.Parse("approve(address spender, uint256 value) returns (bool)");
    public static readonly AbiFunction Transfer = AbiFunction.Parse("transfer(address to, uint256 value) returns (bool)");
    public static readonly AbiFunction Decimals = AbiFunction.Parse("decimals() returns (uint8)");
    public static readonly AbiFunction Symbol = AbiFunction.Parse("symbol() returns (string)");
    public static readonly AbiFunction Mint = AbiFunction.Parse("mint(address to, uint256 amount)");

    public static readonly AbiEvent TransferEvent = AbiEvent.Parse("Transfer(address indexed from, address indexed to, uint256 value)");

    public static ContractBinding Binding { get; } = new("DevStosToken",
        [BalanceOf, Approve, Transfer, Decimals, Symbol, Mint],
        [TransferEvent],
        [.. new[]
        {
            "ERC20InsufficientAllowance(address spender, uint256 allowance, uint256 needed)",
            "ERC20InsufficientBalance(address sender, uint256 balance, uint256 needed)", "ERC20InvalidApprover(address approver)",
            "ERC20InvalidReceiver(address receiver)", "ERC20InvalidSender(address sender)", "ERC20InvalidSpender(address spender)",
        }.Select(AbiError.Parse)]);

    public static byte[] EncodeApprove(EthAddress spender, BigInteger value) => Approve.EncodeCall([spender, value]);

    public static byte[] EncodeBalanceOf(EthAddress account) => BalanceOf.EncodeCall([account]);

    public static byte[] EncodeMint(EthAddress to, BigInteger amount) => Mint.EncodeCall([to, amount]);
}
