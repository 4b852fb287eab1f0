using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using StratosBridge.Chains.Evm.Rpc;
using StratosBridge.Chains.JsonRpc;
using StratosBridge.Chains.Solana.Rpc;
using StratosBridge.Tests.Unit.Evm.Rpc;

namespace StratosBridge.Tests.Unit.JsonRpc;

/// <summary>The one registration both protocols use: named endpoints, validated options, a factory per client type.</summary>
[Collection(JsonRpcStubServer.Collection)]
public sealed class RpcClientServiceCollectionExtensionsTests
{
    [Fact]
    public async Task Factory_hands_out_a_client_per_configured_endpoint_of_its_protocol()
    {
        var services = new ServiceCollection()
            .AddRpcClient<EvmRpcClient>("ethereum", new Uri("http://127.0.0.1:8545/"))
            .AddRpcClient<EvmRpcClient>("stratos", new Uri("http://127.0.0.1:8645/"))
            .AddRpcClient<SolanaRpcClient>("solana", new Uri("http://127.0.0.1:8899/"))
            .AddRpcClient<SolanaRpcClient>("stratos", new Uri("http://127.0.0.1:9899/")); // another protocol may share a name
        await using var provider = services.BuildServiceProvider();
        var evm = provider.GetRequiredService<IRpcClientFactory<EvmRpcClient>>();
        var solana = provider.GetRequiredService<IRpcClientFactory<SolanaRpcClient>>();

        Assert.Equal(["ethereum", "stratos"], evm.Names.Order());
        Assert.Equal(["solana", "stratos"], solana.Names.Order());
        Assert.Equal(new Uri("http://127.0.0.1:8545/"), evm.For("ethereum").Endpoint);
        Assert.Equal(new Uri("http://127.0.0.1:8645/"), evm.For("stratos").Endpoint);
        Assert.Equal(new Uri("http://127.0.0.1:9899/"), solana.For("stratos").Endpoint);
        Assert.Throws<ArgumentException>(() => evm.For("solana"));
        Assert.Throws<ArgumentException>(() => solana.For("ethereum"));
    }

    [Fact]
    public async Task A_factory_without_endpoints_names_none()
    {
        await using var provider = new ServiceCollection().AddRpcClientFactory<EvmRpcClient>().BuildServiceProvider();

        Assert.Empty(provider.GetRequiredService<IRpcClientFactory<EvmRpcClient>>().Names);
    }

    [Fact]
    public async Task Client_from_the_factory_retries_with_the_endpoint_options()
    {
        await using var node = JsonRpcStubServer.Start(call =>
            call.Number <= 2 ? StubReply.Http(503) : StubReply.Result(call, "\"0x800\""));
        var services = new ServiceCollection().AddRpcClient<EvmRpcClient>("stratos", node.Url, new RpcResilienceOptions
        {
            MaxRetryAttempts = 2,
            BaseDelay = TimeSpan.FromMilliseconds(5),
            MaxDelay = TimeSpan.FromMilliseconds(20),
        });
        await using var provider = services.BuildServiceProvider();

        var chainId = await provider.GetRequiredService<IRpcClientFactory<EvmRpcClient>>().For("stratos").ChainIdAsync();

        Assert.Equal(2048, chainId);
        Assert.Equal(3, node.RequestCount);
    }

    [Fact]
    public async Task Resilience_binds_from_configuration()
    {
        await using var node = JsonRpcStubServer.Start(_ => StubReply.Http(503));
        var section = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Solana:Resilience:MaxRetryAttempts"] = "1",
            ["Solana:Resilience:BaseDelay"] = "00:00:00.005",
            ["Solana:Resilience:AttemptTimeout"] = "00:00:30", // the 503 comes at once; a busy machine is no timeout
        }).Build().GetSection("Solana:Resilience");
        var services = new ServiceCollection().AddRpcClient<SolanaRpcClient>("solana", o =>
        {
            o.RpcUrl = node.Url;
            section.Bind(o.Resilience);
        });
        await using var provider = services.BuildServiceProvider();

        var e = await Assert.ThrowsAsync<SolanaRpcTransientException>(() =>
            provider.GetRequiredService<IRpcClientFactory<SolanaRpcClient>>().For("solana").GetSlotAsync());

        Assert.Equal(SolanaRpcErrorKind.HttpStatus, e.Kind);
        Assert.Equal(2, node.RequestCount); // one retry, as configured
    }

    [Theory]
    [InlineData("relative/path", 3)]
    [InlineData("ftp://127.0.0.1/", 3)]
    [InlineData("http://127.0.0.1:8545/", 50)]
    public async Task Invalid_endpoint_options_fail_at_start_up(string url, int retries)
    {
        var services = new ServiceCollection().AddRpcClient<EvmRpcClient>("ethereum", new Uri(url, UriKind.RelativeOrAbsolute),
            new RpcResilienceOptions { MaxRetryAttempts = retries });
        await using var provider = services.BuildServiceProvider();

        var invalid = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());
        Assert.Contains(retries > 20 ? "MaxRetryAttempts" : "RpcUrl must be an absolute http(s) URL", invalid.Message);
        Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IRpcClientFactory<EvmRpcClient>>().For("ethereum"));
    }

    [Fact]
    public void Registering_an_endpoint_twice_is_refused()
    {
        var services = new ServiceCollection().AddRpcClient<SolanaRpcClient>("solana", new Uri("http://127.0.0.1:8899/"));

        Assert.Throws<InvalidOperationException>(() => services.AddRpcClient<SolanaRpcClient>("solana", new Uri("http://127.0.0.1:9899/")));
    }
}
