namespace StratosBridge.Tests.Integration.Api;

/// <summary>One API over an empty ledger for the tests that only send bad or unknown input (admin routes open to <see cref="AdminSettings.Token"/>).</summary>
public sealed class ProblemApiFixture : IAsyncLifetime
{
    private InProcessApi? _api;

    public InProcessApi Api => _api ?? throw new InvalidOperationException("the fixture has not started");

    public async Task InitializeAsync() => _api = await InProcessApi.StartAsync("api_problems", AdminSettings.With(ApiChains.Settings));

    public async Task DisposeAsync()
    {
        if (_api is not null)
        {
            await _api.DisposeAsync();
        }
    }
}
