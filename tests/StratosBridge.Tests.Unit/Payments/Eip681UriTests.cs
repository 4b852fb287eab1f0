using System.Numerics;
using Nethereum.Contracts;
using StratosBridge.Chains.Evm;
using StratosBridge.Chains.Evm.Contracts;
using StratosBridge.Pricing.Payments;

namespace StratosBridge.Tests.Unit.Payments;

public class Eip681UriTests
{
    [Fact]
    public void A_quotes_payment_request_parses_back_to_the_same_call_on_generated_quotes()
    {
        var random = new Random(681);
        for (var i = 0; i < 1000; i++)
        {
            var contract = EthAddress.FromBytes(Bytes(random, 20));
            var beneficiary = EthAddress.FromBytes(Bytes(random, 20));
            var quoteId = Bytes(random, 32);
            var chainId = new long[] { 1, 56, 97, 2048, 31337 }[random.Next(5)];
            BigInteger? value = random.Next(10) == 0 ? null : new BigInteger(random.NextInt64()) * random.Next(1, 1_000_000);

            var text = Eip681Uri.ForPay(contract, chainId, quoteId, beneficiary, value).ToString();
            var parsed = Eip681Uri.Parse(text);

            Assert.Equal(contract, parsed.Target);
            Assert.Equal(chainId, parsed.ChainId);
            Assert.Equal("pay(bytes32,address)", parsed.Function.Signature);
            Assert.Equal(OzonePaymentsContract.EncodePay(quoteId, beneficiary), parsed.CallData());
            Assert.Equal(value, parsed.Value);
            var decoded = new OzonePaymentsContract.PayFunction().DecodeInput(Hex.Encode(parsed.CallData()));
            Assert.Equal(quoteId, decoded.QuoteId);
            Assert.Equal(beneficiary, EthAddress.Parse(decoded.Beneficiary));
        }
    }

    [Fact]
    public void The_shape_is_the_one_EIP681_specifies()
    {
        var quoteId = Enumerable.Range(1, 32).Select(b => (byte)b).ToArray();
        var text = Eip681Uri.ForPay(EthAddress.Parse("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"), 56, quoteId,
            EthAddress.Parse("0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359"), BigInteger.Parse("2014000000000000000")).ToString();

        Assert.Equal("ethereum:0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed@56/pay" +
                     "?bytes32=0x0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f20" +
                     "&address=0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359&value=2014000000000000000", text);
    }

    [Fact]
    public void The_EIP_examples_parse()
    {
        // "Payment request URLs" examples of EIP-681
        var ether = Eip681Uri.Parse("ethereum:0xfb6916095ca1df60bb79Ce92ce3ea74c37c5d359?value=2.014e18");
        Assert.Null(ether.FunctionName);
        Assert.Null(ether.ChainId);
        Assert.Equal(BigInteger.Parse("2014000000000000000"), ether.Value);

        var token = Eip681Uri.Parse("ethereum:0x89205a3a3b2a69de6dbf7f01ed13b2108b2c43e7/transfer?address=0x8e23ee67d1332ad560396262c48ffbb01f93d052&uint256=1");
        Assert.Equal("transfer(address,uint256)", token.Function.Signature);
        Assert.Equal(Erc20Contract.EncodeTransfer(EthAddress.Parse("0x8e23ee67d1332ad560396262c48ffbb01f93d052"), BigInteger.One), token.CallData());
        Assert.Null(token.Value);

        Assert.Equal(EthAddress.Parse("0xfb6916095ca1df60bb79ce92ce3ea74c37c5d359"),
            Eip681Uri.Parse("ethereum:pay-0xfb6916095ca1df60bb79Ce92ce3ea74c37c5d359@1?value=1e3").Target);
    }

    [Theory]
    [InlineData("0", "0")]
    [InlineData("42", "42")]
    [InlineData("1e3", "1000")]
    [InlineData("2.014e18", "2014000000000000000")]
    [InlineData("1.50e1", "15")]
    [InlineData("+7", "7")]
    [InlineData("7e", "7")] // the grammar allows an empty exponent
    public void Numbers_in_EIP681_form_are_whole(string text, string value) =>
        Assert.Equal(BigInteger.Parse(value), Eip681Uri.ParseNumber(text));

    [Theory]
    [InlineData("1.5")]
    [InlineData("1e-1")]
    [InlineData("")]
    [InlineData("1.")]
    [InlineData("0x10")]
    [InlineData("120e-1")] // the grammar's exponent has no sign
    public void Numbers_that_are_not_whole_or_not_numbers_are_refused(string text) =>
        Assert.False(Eip681Uri.TryParseNumber(text, out _));

    [Theory]
    [InlineData("bitcoin:0xfb6916095ca1df60bb79Ce92ce3ea74c37c5d359", "starts with 'ethereum:'")]
    [InlineData("ethereum:vitalik.eth", "ENS")]
    [InlineData("ethereum:0xfb6916095ca1df60bb79Ce92ce3ea74c37c5d359@main", "chain id")]
    [InlineData("ethereum:0xfb6916095ca1df60bb79Ce92ce3ea74c37c5d359?value=1.5", "not a whole number")]
    [InlineData("ethereum:0xfb6916095ca1df60bb79Ce92ce3ea74c37c5d359/pay?bytes32", "key=value")]
    public void Malformed_urls_are_refused_with_the_reason(string text, string reason)
    {
        Assert.False(Eip681Uri.TryParse(text, out _, out var error));
        Assert.Contains(reason, error);
    }

    private static byte[] Bytes(Random random, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }
}
