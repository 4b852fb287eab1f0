using StratosBridge.Chains.Solana;
using StratosBridge.Chains.Solana.Pay;

namespace StratosBridge.Tests.Unit.Solana;

public sealed class SolanaPayTransferRequestTests
{
    private static readonly SolanaPublicKey Mvines = SolanaPublicKey.Parse("mvines9iiHiQTysrwkJjGf2gb9Ex9jXJX8ns3qwf2kN");
    private static readonly SolanaPublicKey Usdc = SolanaPublicKey.Parse("EPjFWdd5AufqSSqeM2qN1xzybapC8G4wEGGkZwyTDt1v");
    private static readonly SolanaPublicKey Reference1 = SolanaPublicKey.Parse("82ZJ7nbGpixjeDCmEhUcmwXYfvurzAgGdtSMuHnUgyny");
    private static readonly SolanaPublicKey Reference2 = SolanaPublicKey.Parse("9aE476sH92Vz7DMPyq5WLPkrKWivxeuTKEFKd2sZZcde");

    [Fact]
    public void The_specs_sol_example_parses()
    {
        // SPEC.md, "URL describing a transfer for 1 SOL".
        var request = SolanaPayTransferRequest.Parse(
            "solana:mvines9iiHiQTysrwkJjGf2gb9Ex9jXJX8ns3qwf2kN?amount=1&label=Michael&message=Thanks%20for%20all%20the%20fish&memo=OrderId1234");

        Assert.Equal(Mvines, request.Recipient);
        Assert.Equal(1_000_000_000UL, request.Lamports);
        Assert.Null(request.SplToken);
        Assert.Empty(request.References);
        Assert.Equal(("Michael", "Thanks for all the fish", "OrderId1234"), (request.Label, request.Message, request.Memo));
    }

    [Fact]
    public void The_specs_token_example_parses()
    {
        var request = SolanaPayTransferRequest.Parse(
            "solana:mvines9iiHiQTysrwkJjGf2gb9Ex9jXJX8ns3qwf2kN?amount=0.01&spl-token=EPjFWdd5AufqSSqeM2qN1xzybapC8G4wEGGkZwyTDt1v&label=Michael&message=Thanks%20for%20all%20the%20fish&memo=OrderId5678");

        Assert.Equal(Usdc, request.SplToken);
        Assert.Equal(10_000_000UL, request.Lamports);
        Assert.Throws<ArgumentException>(() => SolanaTransferExpectation.From(request));
    }

    [Fact]
    public void The_specs_generic_example_without_a_question_mark_has_no_valid_recipient()
    {
        // SPEC.md's third example joins its parameters with '&' only; the path is then not a key (parseURL agrees).
        var e = Assert.Throws<FormatException>(() =>
            SolanaPayTransferRequest.Parse("solana:mvines9iiHiQTysrwkJjGf2gb9Ex9jXJX8ns3qwf2kN&label=Michael&memo=4321ABCD"));

        Assert.StartsWith("invalid recipient", e.Message);
    }

    [Fact]
    public void A_request_writes_its_parameters_in_encodeURLs_order_and_encoding()
    {
        var request = new SolanaPayTransferRequest(Mvines)
        {
            Lamports = 250_000_000,
            References = [Reference1, Reference2],
            Label = "Stratos Bridge",
            Message = "Ozone: 12.5 OZ for st1… (quote #42)",
            Memo = "q-42&x=1",
        };

        var uri = request.ToUri();

        Assert.Equal("solana:mvines9iiHiQTysrwkJjGf2gb9Ex9jXJX8ns3qwf2kN?amount=0.25"
            + "&reference=82ZJ7nbGpixjeDCmEhUcmwXYfvurzAgGdtSMuHnUgyny&reference=9aE476sH92Vz7DMPyq5WLPkrKWivxeuTKEFKd2sZZcde"
            + "&label=Stratos+Bridge&message=Ozone%3A+12.5+OZ+for+st1%E2%80%A6+%28quote+%2342%29&memo=q-42%26x%3D1", uri);
        Assert.Equal(request, SolanaPayTransferRequest.Parse(uri) with { References = request.References });
        Assert.Equal(request.References, SolanaPayTransferRequest.Parse(uri).References);
        Assert.Equal(uri, request.ToString());
    }

    [Fact]
    public void Without_parameters_the_url_is_the_scheme_and_recipient()
    {
        Assert.Equal("solana:mvines9iiHiQTysrwkJjGf2gb9Ex9jXJX8ns3qwf2kN", new SolanaPayTransferRequest(Mvines) { Label = "" }.ToUri());
    }

    [Theory]
    [InlineData("solana:mvines9iiHiQTysrwkJjGf2gb9Ex9jXJX8ns3qwf2kN?amount=1&amount=2", 1_000_000_000UL)] // the first one counts
    [InlineData("SOLANA:mvines9iiHiQTysrwkJjGf2gb9Ex9jXJX8ns3qwf2kN?amount=2", 2_000_000_000UL)] // schemes are case-insensitive
    [InlineData("solana:mvines9iiHiQTysrwkJjGf2gb9Ex9jXJX8ns3qwf2kN?amount=3#fragment", 3_000_000_000UL)]
    [InlineData("  solana:mvines9iiHiQTysrwkJjGf2gb9Ex9jXJX8ns3qwf2kN?&&amount=0.5&  ", 500_000_000UL)]
    public void Parsing_follows_the_url_standard(string uri, ulong lamports)
    {
        Assert.Equal(lamports, SolanaPayTransferRequest.Parse(uri).Lamports);
    }

    [Fact]
    public void Query_values_decode_plus_percent_and_utf8_like_URLSearchParams()
    {
        var request = SolanaPayTransferRequest.Parse(
            "solana:mvines9iiHiQTysrwkJjGf2gb9Ex9jXJX8ns3qwf2kN?label=Caf%C3%A9+%26+co&message=100%25+%zz+%E2&memo=");

        Assert.Equal("Café & co", request.Label);
        Assert.Equal("100% %zz \uFFFD", request.Message);
        Assert.Null(request.Memo); // empty is absent
    }

    [Theory]
    [InlineData("bitcoin:mvines9iiHiQTysrwkJjGf2gb9Ex9jXJX8ns3qwf2kN", "does not start with 'solana:'")]
    [InlineData("solana:", "no recipient")]
    [InlineData("solana:?amount=1", "no recipient")]
    [InlineData("solana:https%3A%2F%2Fexample.com%2Fpay", "transaction request")]
    [InlineData("solana:mvines9iiHiQTysrwkJjGf2gb9Ex9jXJX8ns3qwf2kN0", "invalid recipient")]
    [InlineData("solana:mvines9iiHiQTysrwkJjGf2gb9Ex9jXJX8ns3qwf2kN?amount=1.0000000001", "has 10 decimals; SOL has 9")]
    [InlineData("solana:mvines9iiHiQTysrwkJjGf2gb9Ex9jXJX8ns3qwf2kN?amount=-1", "invalid amount")]
    [InlineData("solana:mvines9iiHiQTysrwkJjGf2gb9Ex9jXJX8ns3qwf2kN?amount=", "invalid amount")]
    [InlineData("solana:mvines9iiHiQTysrwkJjGf2gb9Ex9jXJX8ns3qwf2kN?reference=nope", "invalid reference")]
    [InlineData("solana:mvines9iiHiQTysrwkJjGf2gb9Ex9jXJX8ns3qwf2kN?spl-token=nope", "invalid spl-token")]
    public void Malformed_urls_are_refused_with_the_reason(string uri, string reason)
    {
        Assert.False(SolanaPayTransferRequest.TryParse(uri, out _, out var error));
        Assert.Contains(reason, error);
    }

    [Fact]
    public void Urls_over_2048_characters_are_refused()
    {
        var uri = "solana:mvines9iiHiQTysrwkJjGf2gb9Ex9jXJX8ns3qwf2kN?label=" + new string('a', 2048);

        var e = Assert.Throws<FormatException>(() => SolanaPayTransferRequest.Parse(uri));

        Assert.Contains("at most 2048", e.Message);
    }

    [Fact]
    public void An_expectation_takes_the_amount_references_and_memo_of_a_sol_request()
    {
        var request = new SolanaPayTransferRequest(Mvines) { Lamports = 5, References = [Reference1], Memo = "m" };

        var expected = SolanaTransferExpectation.From(request);

        Assert.Equal((Mvines, 5UL, "m"), (expected.Recipient, expected.Lamports, expected.Memo));
        Assert.Equal([Reference1], expected.References!);
        Assert.Null(SolanaTransferExpectation.From(request with { References = [] }).References);
        Assert.Throws<ArgumentException>(() => SolanaTransferExpectation.From(request with { Lamports = null }));
    }
}
