using StratosBridge.Core.Addresses;

namespace StratosBridge.Tests.Unit.Addresses;

/// <summary>BIP-173's published test vectors, valid and invalid, and the byte-level conversions.</summary>
public class Bech32Tests
{
    public static TheoryData<string> ValidVectors =>
    [
        "A12UEL5L",
        "a12uel5l",
        "an83characterlonghumanreadablepartthatcontainsthenumber1andtheexcludedcharactersbio1tt5tgs",
        "abcdef1qpzry9x8gf2tvdw0s3jn54khce6mua7lmqqqxw",
        "11qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqc8247j",
        "split1checkupstagehandshakeupstreamerranterredcaperred2y9e3w",
        "?1ezyfcl",
    ];

    public static TheoryData<string, string> InvalidVectors => new()
    {
        { "\u0020" + "1nwldj5", "outside ASCII 33–126" },
        { "\u007F" + "1axkwrx", "outside ASCII 33–126" },
        { "\u0080" + "1eym55h", "outside ASCII 33–126" },
        { "an84characterslonghumanreadablepartthatcontainsthenumber1andtheexcludedcharactersbio1569pvx", "longer than 90" },
        { "pzry9x0s0muk", "no separator" },
        { "1pzry9x0s0muk", "empty human-readable part" },
        { "x1b4n0q5v", "not a Bech32 data character" },
        { "li1dgmt3", "shorter than the 6-character checksum" },
        { "de1lg7wt" + "\u00FF", "outside ASCII 33–126" },
        { "A1G7SGD8", "checksum mismatch" },
        { "10a06t8", "empty human-readable part" },
        { "1qzzfhee", "empty human-readable part" },
    };

    [Theory]
    [MemberData(nameof(ValidVectors))]
    public void Valid_vectors_decode_and_re_encode_to_their_lower_case_form(string vector)
    {
        Assert.True(Bech32.TryDecodeWords(vector, out var hrp, out var words, out var error), error);

        Assert.Equal(vector.ToLowerInvariant(), Bech32.EncodeWords(hrp, words));
    }

    [Theory]
    [MemberData(nameof(InvalidVectors))]
    public void Invalid_vectors_are_refused_with_the_reason(string vector, string reason)
    {
        Assert.False(Bech32.TryDecodeWords(vector, out _, out _, out var error));
        Assert.Contains(reason, error);
    }

    [Fact]
    public void A_single_changed_character_breaks_the_checksum()
    {
        var address = Bech32.Encode("st", Enumerable.Range(1, 20).Select(i => (byte)i).ToArray());
        for (var i = 3; i < address.Length; i++)
        {
            var changed = address[..i] + (address[i] == 'q' ? 'p' : 'q') + address[(i + 1)..];
            Assert.False(Bech32.TryDecode(changed, out _, out _, out _), $"changing position {i} went unnoticed");
        }
    }

    [Fact]
    public void Bytes_round_trip_through_five_bit_words_of_every_length()
    {
        var random = new Random(173);
        for (var length = 0; length <= 40; length++)
        {
            var bytes = new byte[length];
            random.NextBytes(bytes);

            var (hrp, data) = Bech32.Decode(Bech32.Encode("st", bytes));

            Assert.Equal("st", hrp);
            Assert.Equal(bytes, data);
        }
    }

    [Fact]
    public void Words_whose_padding_is_not_zero_are_not_bytes()
    {
        // 20 bytes = 160 bits = 32 words exactly; 21 bytes need 34 words with 2 padding bits.
        var words = Bech32.ToWords(new byte[21]);
        words[^1] = 1; // a padding bit set
        Assert.False(Bech32.TryFromWords(words, out _));
        Assert.False(Bech32.TryDecode(Bech32.EncodeWords("st", words), out _, out _, out var error));
        Assert.Contains("padding", error);
    }
}
