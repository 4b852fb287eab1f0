using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using StratosBridge.Chains.Evm.Rpc;
using StratosBridge.Chains.JsonRpc;

namespace StratosBridge.Tests.Unit.Evm.Rpc;

[Collection(JsonRpcStubServer.Collection)]
public sealed class EvmRpcServiceCollectionExtensionsTests
{
    [Fact]
    public async Task Factory_hands_out_a_client_per_configured_chain()
    {
        var services = new ServiceCollection()
            .AddEvmRpcClient("ethereum", new Uri("http://127.0.0.1:8545/"))
            .AddEvmRpcClient("stratos", new Uri("http://127.0.0.1:8645/"));
        await using var provider = services.BuildServiceProvider();
        var factory = provider.GetRequiredService<IEvmRpcClientFactory>();

        Assert.Equal(["ethereum", "stratos"], factory.Chains.Order());
        Assert.Equal(new Uri("http://127.0.0.1:8545/"), factory.For("ethereum").Endpoint);
        Assert.Equal(new Uri("http://127.0.0.1:8645/"), factory.For("stratos").Endpoint);
        Assert.Throws<ArgumentException>(() => factory.For("solana"));
    }

    [Fact]
    public async Task Client_from_the_factory_retries_with_the_chain_options()
    {
        await using var node = JsonRpcStubServer.Start(call =>
            call.Number <= 2 ? StubReply.Http(503) : StubReply.Result(call, "\"0x800\""));
        var services = new ServiceCollection().AddEvmRpcClient("stratos", node.Url, new RpcResilienceOptions
        {
            MaxRetryAttempts = 2,
            BaseDelay = TimeSpan.FromMilliseconds(5),
            MaxDelay = TimeSpan.FromMilliseconds(20),
        });
        await using var provider = services.BuildServiceProvider();

        var chainId = await provider.GetRequiredService<IEvmRpcClientFactory>().For("stratos").ChainIdAsync();

        Assert.Equal(2048, chainId);
        Assert.Equal(3, node.RequestCount);
    }

    [Fact]
    public async Task Chain_options_bind_from_configuration()
    {
        await using var node = JsonRpcStubServer.Start(_ => StubReply.Http(503));
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Chains:Bsc:Rpc:RpcUrl"] = node.Url.ToString(),
            ["Chains:Bsc:Rpc:Resilience:MaxRetryAttempts"] = "1",
            ["Chains:Bsc:Rpc:Resilience:BaseDelay"] = "00:00:00.005",
            ["Chains:Bsc:Rpc:Resilience:AttemptTimeout"] = "00:00:30", // the 503 comes at once; a busy machine is no timeout
        }).Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration)
            .AddEvmRpcClient("bsc", "Chains:Bsc:Rpc");
        await using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<IOptionsMonitor<EvmRpcClientOptions>>().Get("bsc");
        await Assert.ThrowsAsync<EvmRpcTransientException>(() => provider.GetRequiredService<IEvmRpcClientFactory>().For("bsc").ChainIdAsync());

        Assert.Equal(TimeSpan.FromSeconds(30), options.Resilience.AttemptTimeout);
        Assert.Equal(2, node.RequestCount); // one retry, as configured
    }

    [Theory]
    [InlineData("relative/path", 3)]
    [InlineData("ftp://127.0.0.1/", 3)]
    [InlineData("http://127.0.0.1:8545/", 50)]
    public async Task Invalid_chain_options_fail_at_start_up(string url, int retries)
    {
        var services = new ServiceCollection().AddEvmRpcClient("ethereum", new Uri(url, UriKind.RelativeOrAbsolute),
            new RpcResilienceOptions { MaxRetryAttempts = retries });
        await using var provider = services.BuildServiceProvider();

        Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());
        Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IEvmRpcClientFactory>().For("ethereum"));
    }

    [Fact]
    public void Registering_a_chain_twice_is_refused()
    {
        var services = new ServiceCollection().AddEvmRpcClient("ethereum", new Uri("http://127.0.0.1:8545/"));

        Assert.Throws<InvalidOperationException>(() => services.AddEvmRpcClient("ethereum", new Uri("http://127.0.0.1:9545/")));
    }
}
