using StratosBridge.Relayer.Watchers;

namespace StratosBridge.Tests.Unit.Watchers;

public sealed class SolanaWatcherOptionsTests
{

    [Fact]
    public void Validation_names_the_key_of_a_bad_url_and_of_a_cap_below_the_poll_interval()
    {
        var options = new SolanaWatcherOptions { RpcUrl = "ftp://example.org", MaxQuoteInterval = TimeSpan.FromSeconds(1) };

        var failures = options.Validate("Solana").ToList();

        Assert.Equal(2, failures.Count);
        Assert.StartsWith("Solana:RpcUrl: 'ftp://example.org'", failures[0]);
        Assert.StartsWith("Solana:MaxQuoteInterval:", failures[1]);
        Assert.Empty(new SolanaWatcherOptions { RpcUrl = "https://api.mainnet-beta.solana.com" }.Validate("Solana"));
        Assert.False(new SolanaWatcherOptions().Configured);
    }

    [Fact]
    public void Confirm_endpoints_are_validated_with_their_keys_and_the_quorum_defaults_to_all_of_them()
    {
        var options = new SolanaWatcherOptions
        {
            RpcUrl = "https://api.mainnet-beta.solana.com",
            ConfirmRpcUrls = ["https://solana-mainnet.provider.example/SECRETKEYSECRETKEY", "wss://b.example", "https://c.example"],
            ConfirmQuorum = 4,
        };

        var failures = options.Validate("Solana").ToList();

        Assert.Equal(2, failures.Count);
        Assert.Equal("Solana:ConfirmRpcUrls:1: 'wss://b.example' is not an absolute http(s) URL", failures[0]);
        Assert.Equal("Solana:ConfirmQuorum: 4 must be between 1 and the 3 endpoint(s) of Solana:ConfirmRpcUrls", failures[1]);
        Assert.Empty(new SolanaWatcherOptions { ConfirmRpcUrls = ["https://a.example", "https://c.example"] }.Validate("Solana"));
        Assert.Equal(2, new SolanaWatcherOptions { ConfirmRpcUrls = ["https://a.example", "https://c.example"] }.Quorum);
        Assert.Equal(0, new SolanaWatcherOptions().Quorum);
    }
}
