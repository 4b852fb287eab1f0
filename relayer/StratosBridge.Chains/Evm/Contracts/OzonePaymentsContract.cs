using System.Numerics;
using StratosBridge.Chains.Evm.Abi;
using StratosBridge.Chains.Evm.Rpc;

namespace StratosBridge.Chains.Evm.Contracts;

/// <summary>Typed binding of <c>contracts/src/OzonePayments.sol</c>: a payer's <c>pay(quoteId, beneficiary)</c> and its event.</summary>
public static class OzonePaymentsContract
{
    public static readonly AbiFunction Pay = AbiFunction.Parse("pay(bytes32 quoteId, address beneficiary)");
    public static readonly AbiFunction Treasury = AbiFunction.Parse("treasury() returns (address)");
    public static readonly AbiFunction Pause = AbiFunction.Parse("pause()");
    public static readonly AbiFunction Unpause = AbiFunction.Parse("unpause()");
    public static readonly AbiFunction Paused = AbiFunction.Parse("paused() returns (bool)");

    public static readonly AbiEvent OzonePaid = AbiEvent.Parse(
        "OzonePaid(bytes32 indexed quoteId, address indexed payer, address indexed beneficiary, uint256 amount)");

    /// <summary>Constructor parameters: (treasury, admin).</summary>
    public static readonly IReadOnlyList<AbiType> ConstructorParameters = [AbiType.Address, AbiType.Address, AbiType.Parse("address[]")];

    public static ContractBinding Binding { get; } = new("OzonePayments",
        [Pay, Treasury, Pause, Unpause, Paused],
        [OzonePaid],
        [.. new[]
        {
            "AccessControlBadConfirmation()", "AccessControlUnauthorizedAccount(address account, bytes32 neededRole)",
            "EnforcedPause()", "ExpectedPause()", "ReentrancyGuardReentrantCall()",
            "TreasuryRejected(address treasury, uint256 amount)", "ZeroAdmin()", "ZeroBeneficiary()", "ZeroQuoteId()",
            "ZeroTreasury()", "ZeroValue()",
        }.Select(AbiError.Parse)]);

    public static byte[] EncodeConstructor(EthAddress treasury, EthAddress admin, IReadOnlyList<EthAddress> pausers) =>
        AbiCodec.Encode(ConstructorParameters, [treasury, admin, pausers.Cast<object?>().ToArray()]);

    public static byte[] EncodePay(byte[] quoteId, EthAddress beneficiary) => Pay.EncodeCall([quoteId, beneficiary]);

    /// <summary>Decodes an OzonePaid log. Throws <see cref="FormatException"/> if the log is not one.</summary>
    public static OzonePaid DecodeOzonePaid(EvmLog log)
    {
        var decoded = StosVaultContract.Decode(OzonePaid, log);
        return new OzonePaid((byte[])decoded["quoteId"]!, (EthAddress)decoded["payer"]!, (EthAddress)decoded["beneficiary"]!,
            (BigInteger)decoded["amount"]!, log);
    }
}
