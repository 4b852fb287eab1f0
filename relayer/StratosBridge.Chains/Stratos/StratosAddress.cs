using System.Diagnostics.CodeAnalysis;
using StratosBridge.Chains.Evm;
using StratosBridge.Core.Addresses;

namespace StratosBridge.Chains.Stratos;

/// <summary>
/// A Stratos account: 20 bytes, written either as bech32 <c>st1…</c> (Cosmos side) or as the EVM address <c>0x…</c>
/// (Stratos EVM, and the <c>address</c> contracts take) — the same bytes either way. <see cref="TryParse"/> accepts
/// both forms; <see cref="Bech32"/> and <see cref="Hex"/> (EIP-55) print them. The ledger stores <see cref="LowerHex"/>.
/// <c>default(StratosAddress)</c> is the zero account.
/// </summary>
public readonly struct StratosAddress : IEquatable<StratosAddress>
{
    /// <summary>The human-readable part of Stratos account addresses.</summary>
    public const string AccountPrefix = "st";

    private readonly EthAddress _address;

    private StratosAddress(EthAddress address) => _address = address;

    /// <summary>The 20 bytes.</summary>
    public ReadOnlySpan<byte> Bytes => _address.Bytes;

    /// <summary>The same account as an EVM address.</summary>
    public EthAddress EvmAddress => _address;

    /// <summary>True for the all-zero account (no key can own it; contracts refuse it as a beneficiary).</summary>
    public bool IsZero => _address == EthAddress.Zero;

    /// <summary>The bech32 form, e.g. <c>st1…</c>.</summary>
    public string Bech32 => Core.Addresses.Bech32.Encode(AccountPrefix, Bytes);

    /// <summary>The EIP-55 checksummed 0x form.</summary>
    public string Hex => _address.ToString();

    /// <summary>The all-lower-case 0x form (the ledger's).</summary>
    public string LowerHex => _address.ToLowerHex();

    public static StratosAddress FromBytes(ReadOnlySpan<byte> bytes) => new(EthAddress.FromBytes(bytes));

    public static StratosAddress FromEvm(EthAddress address) => new(address);

    /// <summary>Parses <c>st1…</c> or <c>0x…</c>; throws <see cref="FormatException"/> saying what is wrong.</summary>
    public static StratosAddress Parse(string text) =>
        TryParse(text, out var address, out var error) ? address : throw new FormatException(error);

    public static bool TryParse([NotNullWhen(true)] string? text, out StratosAddress address) =>
        TryParse(text, out address, out _);

    /// <summary>
    /// Parses either form. A <c>0x…</c> address must be 40 hex digits, and when it mixes upper and lower case the
    /// EIP-55 checksum must hold. An <c>st1…</c> address must be valid bech32 with the <c>st</c> prefix and exactly 20
    /// bytes. <paramref name="error"/> says why not.
    /// </summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out StratosAddress address, [NotNullWhen(false)] out string? error)
    {
        address = default;
        var trimmed = text?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            error = "an address is required (st1… or 0x…)";
            return false;
        }
        if (trimmed.StartsWith("0x", StringComparison.Ordinal) || trimmed.StartsWith("0X", StringComparison.Ordinal))
        {
            if (!EthAddress.TryParse(trimmed, out var evm))
            {
                error = trimmed.Length != 42
                    ? $"a 0x address has 40 hex digits, '{Shorten(trimmed)}' has {trimmed.Length - 2}"
                    : $"'{trimmed}' is not valid hex or fails its EIP-55 checksum";
                return false;
            }
            address = new StratosAddress(evm);
            error = null;
            return true;
        }
        if (!Core.Addresses.Bech32.TryDecode(trimmed, out var hrp, out var data, out var bechError))
        {
            error = $"'{Shorten(trimmed)}' is neither a 0x address nor valid bech32: {bechError}";
            return false;
        }
        if (hrp != AccountPrefix)
        {
            error = $"'{Shorten(trimmed)}' has prefix '{hrp}', not '{AccountPrefix}' (a Stratos account)";
            return false;
        }
        if (data.Length != EthAddress.Length)
        {
            error = $"'{Shorten(trimmed)}' holds {data.Length} bytes, an account is {EthAddress.Length}";
            return false;
        }
        address = FromBytes(data);
        error = null;
        return true;
    }

    /// <summary>The bech32 form.</summary>
    public override string ToString() => Bech32;

    public bool Equals(StratosAddress other) => _address == other._address;

    public override bool Equals(object? obj) => obj is StratosAddress other && Equals(other);

    public override int GetHashCode() => _address.GetHashCode();

    public static bool operator ==(StratosAddress left, StratosAddress right) => left.Equals(right);

    public static bool operator !=(StratosAddress left, StratosAddress right) => !left.Equals(right);

    private static string Shorten(string text) => text.Length <= 100 ? text : text[..100] + "…";
}
