using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Numerics;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using StratosBridge.Chains.Evm;
using StratosBridge.Chains.Evm.Contracts;
using StratosBridge.Chains.Stratos.Prepay.Protos;

namespace StratosBridge.Chains.Stratos.Prepay;

/// <summary>
/// The protobuf <c>google.protobuf.Any</c> of <c>/stratos.sds.v1.MsgPrepay {sender, beneficiary, amount[]}</c>
/// (stratos-chain <c>proto/stratos/sds/v1/tx.proto</c>) that <see cref="StratosSystemContract.RunMsg"/> takes: the
/// message buys Ozone for the beneficiary with the sender's STOS, and the sender must be the caller of <c>runMsg</c>.
/// Encoded by Google.Protobuf from <c>Stratos/Prepay/Protos</c>; the bytes are cross-checked against cosmjs-types.
/// </summary>
public static class StratosPrepay
{
    /// <summary>The bond denom Stratos prepays in (x/register <c>DefaultBondDenom</c> = <c>wei</c>).</summary>
    public const string Denom = "wei";

    /// <summary>The largest sdk.Int (256 bits): a coin amount beyond it does not decode on chain.</summary>
    public static readonly BigInteger MaxAmount = (BigInteger.One << 256) - 1;

    /// <summary>
    /// The Any of a MsgPrepay from <paramref name="sender"/> for <paramref name="beneficiary"/> (both written as
    /// <c>st1…</c>) paying <paramref name="wei"/> as one <c>wei</c> coin. The amount must be 1 … 2^256 − 1: the chain
    /// refuses a zero amount (<c>MsgPrepay.ValidateBasic</c>) and cannot hold a larger one.
    /// </summary>
    public static byte[] EncodeAny(EthAddress sender, EthAddress beneficiary, BigInteger wei)
    {
        if (wei.Sign <= 0 || wei > MaxAmount)
        {
            throw new ArgumentOutOfRangeException(nameof(wei), wei, "a prepay amount is 1 … 2^256 − 1 wei");
        }
        var message = new MsgPrepay
        {
            Sender = StratosAddress.FromEvm(sender).Bech32,
            Beneficiary = StratosAddress.FromEvm(beneficiary).Bech32,
            Amount = { new Coin { Denom = Denom, Amount = wei.ToString(CultureInfo.InvariantCulture) } },
        };
        // Cosmos type URLs are "/" + the full message name (no type.googleapis.com host).
        return Any.Pack(message, "").ToByteArray();
    }

    /// <inheritdoc cref="TryDecodeAny(ReadOnlySpan{byte}, out PrepayMessage, out string)"/>
    public static bool TryDecodeAny(ReadOnlySpan<byte> any, [NotNullWhen(true)] out PrepayMessage? message) =>
        TryDecodeAny(any, out message, out _);

    /// <summary>
    /// Decodes the Any of a MsgPrepay. Refused (with <paramref name="error"/> saying why): bytes that are not protobuf,
    /// a type URL other than <see cref="StratosSystemContract.MsgPrepayTypeUrl"/>, a sender or beneficiary that is not
    /// an <c>st1…</c> account of 20 bytes (x/sds <c>HandleMsgPrepay</c> requires bech32 accounts), and an amount that
    /// is not exactly one <c>wei</c> coin of 1 … 2^256 − 1 in plain decimal digits.
    /// </summary>
    /// <remarks>
    /// Wire reading follows protobuf's rules, as the chain's gogoproto code does (a repeated scalar field: the last one
    /// wins; unknown fields are skipped). The content rules are stricter than the chain's, which would also take a
    /// coin list with other denoms (x/sds <c>Prepay</c> uses only <c>AmountOf("wei")</c>) or sdk.Int text such as
    /// <c>+5</c>: nothing StratosBridge sends looks like that, and a decoder that refuses it cannot misread it.
    /// </remarks>
    public static bool TryDecodeAny(ReadOnlySpan<byte> any, [NotNullWhen(true)] out PrepayMessage? message,
        [NotNullWhen(false)] out string? error)
    {
        message = null;
        Any packed;
        MsgPrepay prepay;
        try
        {
            packed = Any.Parser.ParseFrom(any);
            if (packed.TypeUrl != StratosSystemContract.MsgPrepayTypeUrl)
            {
                error = $"the Any's type URL is '{Shorten(packed.TypeUrl)}', not {StratosSystemContract.MsgPrepayTypeUrl}";
                return false;
            }
            prepay = MsgPrepay.Parser.ParseFrom(packed.Value);
        }
        catch (InvalidProtocolBufferException e)
        {
            error = $"not a protobuf Any of a MsgPrepay: {e.Message}";
            return false;
        }
        if (!TryAccount(prepay.Sender, "sender", out var sender, out error)
            || !TryAccount(prepay.Beneficiary, "beneficiary", out var beneficiary, out error))
        {
            return false;
        }
        if (prepay.Amount.Count != 1)
        {
            error = $"the amount has {prepay.Amount.Count} coins, a prepay has one ({Denom})";
            return false;
        }
        var coin = prepay.Amount[0];
        if (coin.Denom != Denom)
        {
            error = $"the coin's denom is '{Shorten(coin.Denom)}', not '{Denom}'";
            return false;
        }
        var wei = IsPlainDecimal(coin.Amount) ? BigInteger.Parse(coin.Amount, NumberStyles.None, CultureInfo.InvariantCulture) : BigInteger.Zero;
        if (wei.IsZero || wei > MaxAmount)
        {
            error = $"the amount '{Shorten(coin.Amount)}' is not a whole number of wei in 1 … 2^256 − 1";
            return false;
        }
        message = new PrepayMessage(sender, beneficiary, wei);
        error = null;
        return true;
    }

    private static bool TryAccount(string text, string field, out EthAddress account, [NotNullWhen(false)] out string? error)
    {
        account = default;
        if (!Core.Addresses.Bech32.TryDecode(text, out var hrp, out var data, out var bechError))
        {
            error = $"the {field} '{Shorten(text)}' is not bech32: {bechError}";
            return false;
        }
        if (hrp != StratosAddress.AccountPrefix || data.Length != EthAddress.Length)
        {
            error = $"the {field} '{Shorten(text)}' is not an {StratosAddress.AccountPrefix}1… account of {EthAddress.Length} bytes";
            return false;
        }
        account = EthAddress.FromBytes(data);
        error = null;
        return true;
    }

    /// <summary>Digits only, no sign, no leading zero, at most 78 digits (2^256 has 78).</summary>
    private static bool IsPlainDecimal(string text) =>
        text.Length is > 0 and <= 78 && (text.Length == 1 || text[0] != '0') && text.All(char.IsAsciiDigit);

    private static string Shorten(string text) => text.Length <= 80 ? text : text[..80] + "…";
}
