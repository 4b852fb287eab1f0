using StratosBridge.Relayer.Watchers;

namespace StratosBridge.Tests.Unit.Watchers;

public sealed class SolanaWatcherOptionsTests
{
    private static readonly DateTimeOffset Created = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(0, 2)]          // new: every poll
    [InlineData(60, 2)]         // a minute old: 60 / 30 = 2 s
    [InlineData(300, 10)]       // five minutes: 10 s
    [InlineData(900, 30)]       // at expiry (15 min): 30 s
    [InlineData(3_600, 120)]    // an hour: capped at 2 min
    [InlineData(86_400, 120)]   // a day
    [InlineData(-30, 2)]        // a clock behind the database's: never less than the poll interval
    public void A_quote_is_looked_up_less_often_as_it_ages_between_the_poll_interval_and_the_cap(int ageSeconds, int spacingSeconds)
    {
        var options = new SolanaWatcherOptions();

        Assert.Equal(TimeSpan.FromSeconds(spacingSeconds), options.SpacingFor(Created, Created.AddSeconds(ageSeconds)));
    }

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
