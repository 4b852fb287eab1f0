using System.Numerics;
using Nethereum.Model;
using SignedTransaction = StratosBridge.Chains.Evm.Transactions.SignedTransaction;
using Nethereum.Util;
using StratosBridge.Chains.Evm;
using StratosBridge.Chains.Evm.Contracts;
using StratosBridge.Chains.Evm.Signing;
using StratosBridge.Chains.Evm.Transactions;
using StratosBridge.Tests.Unit.Evm.Differential;

namespace StratosBridge.Tests.Unit.Evm;

/// <summary>
/// Our use of Nethereum's EIP-1559 signer and decoder: every field set by us, the same bytes each time, and a strict
/// reading of stored raw transactions (what <see cref="SignedTransaction.Decode"/> refuses). Equality with
/// <c>cast mktx</c> is proven in <see cref="TransactionDifferentialTests"/>.
/// </summary>
public class Eip1559TransactionTests
{
    private static readonly EthKey Key = EthKey.FromHex("0x4646464646464646464646464646464646464646464646464646464646464646");

    private static Eip1559Transaction Transfer() => new()
    {
        ChainId = 2048,
        Nonce = 7,
        MaxPriorityFeePerGas = 1_000_000_000,
        MaxFeePerGas = 30_000_000_000,
        GasLimit = 60_000,
        To = EthAddress.Parse("0x08c32b0726C5684024ea6e141C50aDe9690bBdcc"),
        Value = 5,
        Data = Erc20Contract.EncodeTransfer(EthAddress.Parse("0x3535353535353535353535353535353535353535"), BigInteger.Parse("1234500000000000000000")),
    };

    [Fact]
    public void Signed_bytes_are_typed_hashed_and_decode_to_the_same_fields_and_sender()
    {
        var signed = Transfer().Sign(Key);
        Assert.Equal(0x02, signed.Raw[0]);
        Assert.Equal(Hex.Encode(Sha3Keccack.Current.CalculateHash(signed.Raw.ToArray())), signed.HashHex);
        Assert.Equal(Key.Address, signed.Sender);
        var decoded = SignedTransaction.Decode(signed.Raw);
        Assert.Equal(Key.Address, decoded.Sender);
        Assert.Equal(signed.HashHex, decoded.HashHex);
        var (a, b) = (Transfer(), decoded.Transaction);
        Assert.Equal((a.ChainId, a.Nonce, a.GasLimit, a.To, a.Value, a.MaxFeePerGas, a.MaxPriorityFeePerGas),
            (b.ChainId, b.Nonce, b.GasLimit, b.To, b.Value, b.MaxFeePerGas, b.MaxPriorityFeePerGas));
        Assert.Equal(a.Data, b.Data);
    }

    [Fact]
    public void A_creation_with_no_calldata_round_trips()
    {
        var signed = new Eip1559Transaction
        {
            ChainId = 31337, Nonce = 0, GasLimit = 21_000, MaxPriorityFeePerGas = 0, MaxFeePerGas = 0, To = null, Value = 0,
        }.Sign(Key);
        var decoded = SignedTransaction.Decode(signed.Raw);
        Assert.Null(decoded.Transaction.To);
        Assert.Empty(decoded.Transaction.Data);
        Assert.Equal(Key.Address, decoded.Sender);
    }

    [Fact]
    public void Signing_the_same_fields_twice_gives_the_same_bytes() =>
        Assert.Equal(Transfer().Sign(Key).RawHex, Transfer().Sign(Key).RawHex);

    [Fact]
    public void Out_of_range_fields_are_refused_before_signing()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new Eip1559Transaction
        {
            ChainId = 1, Nonce = 0, MaxPriorityFeePerGas = 2, MaxFeePerGas = 1, GasLimit = 21_000, To = EthAddress.Zero,
        }.Sign(Key));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Eip1559Transaction
        {
            ChainId = 0, Nonce = 0, MaxPriorityFeePerGas = 1, MaxFeePerGas = 1, GasLimit = 21_000, To = EthAddress.Zero,
        }.Sign(Key));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Eip1559Transaction
        {
            ChainId = 1, Nonce = 0, MaxPriorityFeePerGas = 1, MaxFeePerGas = BigInteger.One << 256, GasLimit = 21_000, To = EthAddress.Zero,
        }.Sign(Key));
    }

    [Fact]
    public void A_changed_chain_id_changes_the_recovered_sender()
    {
        var tampered = Resign(Transfer().Sign(Key), chainId: 1);
        Assert.NotEqual(Key.Address, SignedTransaction.Decode(tampered).Sender);
    }

    [Fact]
    public void A_high_s_twin_is_refused()
    {
        var signed = (Transaction1559)TransactionFactory.CreateTransaction(Transfer().Sign(Key).Raw.ToArray());
        var s = EvmRandom.Secp256k1Order - new BigInteger(signed.Signature.S, isUnsigned: true, isBigEndian: true);
        var v = signed.Signature.V is { Length: > 0 } parity && parity[^1] == 1 ? new byte[0] : [1];
        var twin = Resign(signed, s: s.ToByteArray(isUnsigned: true, isBigEndian: true), v: v);
        var e = Assert.Throws<FormatException>(() => SignedTransaction.Decode(twin));
        Assert.Contains("EIP-2", e.Message);
    }

    [Fact]
    public void An_access_list_trailing_bytes_other_types_and_garbage_are_refused()
    {
        var signed = Transfer().Sign(Key);
        var withList = Resign(signed, accessList: [new AccessListItem("0x1000000000000000000000000000000000010101", [new byte[32]])]);
        Assert.Contains("access list", Assert.Throws<FormatException>(() => SignedTransaction.Decode(withList)).Message);
        Assert.Throws<FormatException>(() => SignedTransaction.Decode([.. signed.Raw, 0x00]));
        Assert.Throws<FormatException>(() => SignedTransaction.Decode([]));
        Assert.Throws<FormatException>(() => SignedTransaction.Decode([0x01, .. signed.Raw[1..]]));
        // a legacy EIP-155 transaction (the relayer never signs one)
        Assert.Throws<FormatException>(() => SignedTransaction.Decode(Hex.Decode(
            "0xf86c098504a817c800825208943535353535353535353535353535353535353535880de0b6b3a76400008025a028ef61340bd939bc2195fe537567866003e1a15d3c71ff63e1590620aa636276a067cbe9d8997f761aecb703304b3800ccf555c9f3dc64214b297fb1966a3b6d83")));
        Assert.Throws<FormatException>(() => SignedTransaction.Decode([0x02, 0xc3, 0x01, 0x02]));
        Assert.Throws<FormatException>(() => SignedTransaction.Decode([0x02, 0xff, 0xff]));
    }

    private static byte[] Resign(SignedTransaction signed, BigInteger? chainId = null) =>
        Resign((Transaction1559)TransactionFactory.CreateTransaction(signed.Raw.ToArray()), chainId: chainId);

    private static byte[] Resign(SignedTransaction signed, List<AccessListItem> accessList) =>
        Resign((Transaction1559)TransactionFactory.CreateTransaction(signed.Raw.ToArray()), accessList: accessList);

    /// <summary>The same transaction and signature with one part changed (the signature is not redone).</summary>
    private static byte[] Resign(Transaction1559 tx, BigInteger? chainId = null, byte[]? s = null, byte[]? v = null,
        List<AccessListItem>? accessList = null) =>
        new Transaction1559(chainId ?? tx.ChainId, tx.Nonce!.Value, tx.MaxPriorityFeePerGas!.Value, tx.MaxFeePerGas!.Value, tx.GasLimit!.Value,
            tx.ReceiverAddress, tx.Amount!.Value, tx.Data, accessList ?? tx.AccessList ?? [],
            new Signature(tx.Signature.R, s ?? tx.Signature.S, v ?? tx.Signature.V)).GetRLPEncoded();
}
