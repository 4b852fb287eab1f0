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
}
