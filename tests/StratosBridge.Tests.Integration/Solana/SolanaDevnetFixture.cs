using Microsoft.Extensions.DependencyInjection;
using StratosBridge.Chains.Solana.Rpc;
using StratosBridge.TestKit.Solana;
using StratosBridge.Chains.JsonRpc;

namespace StratosBridge.Tests.Integration.Solana;

/// <summary>
/// One Solana devnet (50 ms slots, finalized 4 slots behind) for the tests of the collection, stopped by its pid, and
/// the <see cref="SolanaRpcClient"/> the service would use for it (registered through
/// <see cref="RpcClientServiceCollectionExtensions.AddRpcClient{TClient}(IServiceCollection, string, Uri, RpcResilienceOptions?)"/>).
/// </summary>
public sealed class SolanaDevnetFixture : IAsyncLifetime
{
    public const string Collection = "solana-devnet";

    private ServiceProvider? _services;
    private SolanaDevnetNode? _node;

    public SolanaDevnetNode Node => _node ?? throw new InvalidOperationException("fixture not started");

    public SolanaRpcClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _node = await SolanaDevnetNode.StartAsync(slotMs: 50, finalityDepth: 4);
        _services = new ServiceCollection()
            .AddRpcClient<SolanaRpcClient>("solana", _node.RpcUrl, new RpcResilienceOptions
            {
                MaxRetryAttempts = 2,
                BaseDelay = TimeSpan.FromMilliseconds(20),
                AttemptTimeout = TimeSpan.FromSeconds(10),
            })
            .BuildServiceProvider();
        Client = _services.GetRequiredService<IRpcClientFactory<SolanaRpcClient>>().For("solana");
    }

    public async Task DisposeAsync()
    {
        if (_services is not null)
        {
            await _services.DisposeAsync();
        }
        if (_node is not null)
        {
            await _node.DisposeAsync();
        }
    }
}
