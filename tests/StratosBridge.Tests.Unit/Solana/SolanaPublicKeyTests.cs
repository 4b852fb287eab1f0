using StratosBridge.Chains.Solana;

namespace StratosBridge.Tests.Unit.Solana;

public sealed class SolanaPublicKeyTests
{
    // Well-known program and sysvar ids with their bytes (solana-program: system_program, sysvar::clock,
    // spl_token::native_mint), independent of our base58.
    [Theory]
    [InlineData("11111111111111111111111111111111", "0000000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("SysvarC1ock11111111111111111111111111111111", "06a7d51718c774c928566398691d5eb68b5eb8a39b4b6d5c73555b2100000000")]
    [InlineData("So11111111111111111111111111111111111111112", "069b8857feab8184fb687f634618c035dac439dc1aeb3b5598a0f00000000001")]
    public void Known_addresses_decode_to_their_bytes_and_back(string base58, string hex)
    {
        var key = SolanaPublicKey.Parse(base58);

        Assert.Equal(hex, Convert.ToHexStringLower(key.ToArray()));
        Assert.Equal(base58, key.ToString());
        Assert.Equal(key, new SolanaPublicKey(Convert.FromHexString(hex)));
    }

    [Fact]
    public void Default_is_the_system_program()
    {
        Assert.Equal("11111111111111111111111111111111", default(SolanaPublicKey).ToString());
        Assert.Equal(SolanaPublicKey.SystemProgram, SolanaPublicKey.Parse("11111111111111111111111111111111"));
        Assert.Equal("MemoSq4gqABAXKb96qnH8TysNcWxMyWCqXgDLGmfcHr", SolanaPublicKey.MemoProgram.ToString());
    }

    [Fact]
    public void Keys_are_equal_by_value()
    {
        var a = SolanaPublicKey.Parse("9aE476sH92Vz7DMPyq5WLPkrKWivxeuTKEFKd2sZZcde");
        var b = SolanaPublicKey.Parse("9aE476sH92Vz7DMPyq5WLPkrKWivxeuTKEFKd2sZZcde");
        var c = SolanaPublicKey.Parse("G1wZ113tiUHdSpQEBcid8n1x8BAvcWZoZgxPKxgE5B7o");

        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, c);
        Assert.Single(new HashSet<SolanaPublicKey> { a, b });
    }

    [Theory]
    [InlineData("", "cannot be empty")]
    [InlineData("0OIl1111111111111111111111111111", "'0' at position 0 is not a base58 character")]
    [InlineData("9aE476sH92Vz7DMPyq5WLPkrKWivxeuTKEFKd2sZZcdl", "'l' at position 43 is not a base58 character")]
    [InlineData("1111111111111111111111111111111", "decodes to 31 bytes, not 32")]
    [InlineData("9aE476sH92Vz7DMPyq5WLPkrKWivxeu", "decodes to 23 bytes, not 32")]
    [InlineData("1111111111111111111111111111111111111111111", "decodes to 43 bytes, not 32")]
    [InlineData("9aE476sH92Vz7DMPyq5WLPkrKWivxeuTKEFKd2sZZcdeee", "46 characters, at most 44")]
    [InlineData("0x9aE476sH92Vz7DMPyq5WLPkrKWivxeuTKEFKd2sZZ", "'0' at position 0")]
    public void Invalid_text_is_refused_with_the_reason(string text, string reason)
    {
        var e = Assert.Throws<FormatException>(() => SolanaPublicKey.Parse(text));

        Assert.Contains(reason, e.Message);
        Assert.Contains("Solana public key", e.Message);
        Assert.False(SolanaPublicKey.TryParse(text, out _));
    }

    [Fact]
    public void Wrong_byte_count_is_refused()
    {
        Assert.Throws<ArgumentException>(() => new SolanaPublicKey(new byte[31]));
        Assert.Throws<ArgumentException>(() => new SolanaPublicKey(new byte[33]));
    }

    [Fact]
    public void Signatures_parse_and_format_64_bytes()
    {
        const string text = "2nBhEBYYvfaAe16UMNqRHre4YNSskvuYgx3M6E4JP1oDYvZEJHvoPzyUidNgNX5r9sTyN1J9UxtbCXy2rqYcuyuv";
        var signature = SolanaSignature.Parse(text);

        Assert.Equal(text, signature.ToString());
        Assert.Equal(64, signature.ToArray().Length);
        Assert.Equal(signature, new SolanaSignature(signature.ToArray()));
        Assert.NotEqual(signature, SolanaSignature.Parse("5h6xBEauJ3PK6SWCZ1PGjBvj8vDdWG3KpwATGy1ARAXFSDwt8GFXM7W5Ncn16wmqokgpiKRLuS83KUxyZyv2sUYv"));
        var e = Assert.Throws<FormatException>(() => SolanaSignature.Parse("9aE476sH92Vz7DMPyq5WLPkrKWivxeuTKEFKd2sZZcde"));
        Assert.Contains("decodes to 32 bytes, not 64", e.Message);
        Assert.Contains("Solana signature", e.Message);
    }
}
