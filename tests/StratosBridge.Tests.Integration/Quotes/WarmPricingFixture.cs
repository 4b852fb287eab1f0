namespace StratosBridge.Tests.Integration.Quotes;

/// <summary>One warmed <see cref="PricingHarness"/> shared by the tests of a class that only read prices and create quotes.</summary>
public sealed class WarmPricingFixture : IAsyncLifetime
{
    private PricingHarness? _harness;

    public PricingHarness Harness => _harness ?? throw new InvalidOperationException("fixture not started");

    public async Task InitializeAsync()
    {
        _harness = await PricingHarness.StartAsync("quotes_shared");
        await _harness.WarmAsync();
    }

    public async Task DisposeAsync()
    {
        if (_harness is not null)
        {
            await _harness.DisposeAsync();
        }
    }
}
