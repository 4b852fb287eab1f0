using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using StratosBridge.Relayer.Configuration;

namespace StratosBridge.Tests.Unit.Configuration;

public class ChainsOptionsTests
{
    private const string Key = "https://eth-mainnet.provider.example/v2/SECRETKEYSECRETKEYSECRETKEY";

    private static List<string> Failures(ChainsOptions options) =>
        ValidatedOptions.Check(options, ChainsOptions.Section).Concat(options.Validate(ChainsOptions.Section)).ToList();

    private static ChainOptions Ethereum(params string[] confirm) =>
        new() { ChainId = 1, RpcUrl = "http://127.0.0.1:8545", ConfirmRpcUrls = [.. confirm] };

    [Fact]
    public void Confirm_endpoints_bind_as_a_list_and_the_quorum_defaults_to_all_of_them()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Chains:ethereum:ChainId"] = "1",
            ["Chains:ethereum:RpcUrl"] = "http://127.0.0.1:8545",
            ["Chains:ethereum:ConfirmRpcUrls:0"] = "https://a.example/rpc",
            ["Chains:ethereum:ConfirmRpcUrls:1"] = Key,
            ["Chains:bsc:ChainId"] = "56",
            ["Chains:bsc:RpcUrl"] = "http://127.0.0.1:8546",
            ["Chains:bsc:ConfirmRpcUrls:0"] = "http://127.0.0.1:9001",
            ["Chains:bsc:ConfirmRpcUrls:1"] = "http://127.0.0.1:9002",
            ["Chains:bsc:ConfirmQuorum"] = "1",
        }).Build();
        var chains = configuration.GetSection(ChainsOptions.Section).Get<ChainsOptions>()!;
        Assert.Empty(Failures(chains));
        Assert.Equal(["https://a.example/rpc", Key], chains["ethereum"].ConfirmRpcUrls);
        Assert.Equal(2, chains["ethereum"].Quorum);
        Assert.Equal(1, chains["bsc"].Quorum);

        // each endpoint is an RPC client of its own, named in logs by its host and port, never by its URL
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IConfiguration>(configuration);
        ChainClients.Register(services, configuration, chains);
        using var provider = services.BuildServiceProvider();
        var clients = provider.GetRequiredService<ChainClients>();
        Assert.Equal(["a.example", "eth-mainnet.provider.example"], clients.ConfirmRpcs("ethereum").Select(c => c.Host));
        Assert.Equal(["127.0.0.1:9001", "127.0.0.1:9002"], clients.ConfirmRpcs("bsc").Select(c => c.Host));
        Assert.Equal(new Uri(Key), clients.ConfirmRpcs("ethereum")[1].Rpc.Endpoint);
    }

    [Fact]
    public void No_confirm_endpoints_is_valid_and_asks_no_one()
    {
        var options = new ChainsOptions { ["ethereum"] = Ethereum() };
        Assert.Empty(Failures(options));
        Assert.Equal(0, options["ethereum"].Quorum);
    }

    [Fact]
    public void Failures_name_the_confirm_key_that_is_wrong_and_never_show_a_whole_provider_url()
    {
        var options = new ChainsOptions
        {
            ["ethereum"] = Ethereum("not-a-url", "ftp://a.example/", "https://b.example/rpc", "https://b.example/rpc/", Key + "?x=ws"),
            ["bsc"] = new ChainOptions { ChainId = 56, RpcUrl = "http://127.0.0.1:8546", ConfirmRpcUrls = ["http://127.0.0.1:9001"], ConfirmQuorum = 2 },
            ["stratos"] = new ChainOptions { ChainId = 2048, RpcUrl = "http://127.0.0.1:8547", ConfirmQuorum = 1 },
            ["polygon"] = new ChainOptions { ChainId = 137, RpcUrl = "http://127.0.0.1:8548", ConfirmRpcUrls = ["http://127.0.0.1:9002"], ConfirmQuorum = 0 },
        };
        var failures = Failures(options);
        Assert.Contains("Chains:ethereum:ConfirmRpcUrls:0: 'not-a-url' is not an absolute http(s) URL", failures);
        Assert.Contains("Chains:ethereum:ConfirmRpcUrls:1: 'ftp://a.example/' is not an absolute http(s) URL", failures);
        Assert.Contains(failures, f => f.StartsWith("Chains:ethereum:ConfirmRpcUrls:3: ", StringComparison.Ordinal) && f.Contains("listed twice", StringComparison.Ordinal));
        Assert.DoesNotContain(failures, f => f.StartsWith("Chains:ethereum:ConfirmRpcUrls:2", StringComparison.Ordinal)
                                             || f.StartsWith("Chains:ethereum:ConfirmRpcUrls:4", StringComparison.Ordinal));
        Assert.Contains("Chains:bsc:ConfirmQuorum: 2 must be between 1 and the 1 endpoint(s) of Chains:bsc:ConfirmRpcUrls", failures);
        Assert.Contains("Chains:stratos:ConfirmQuorum: 1 is set but Chains:stratos:ConfirmRpcUrls is empty", failures);
        Assert.Contains("Chains:polygon:ConfirmQuorum: 0 must be between 1 and the 1 endpoint(s) of Chains:polygon:ConfirmRpcUrls", failures);
        Assert.DoesNotContain(failures, f => f.Contains("SECRETKEY", StringComparison.Ordinal));
    }

    [Fact]
    public void A_provider_key_in_an_invalid_confirm_url_is_cut_from_the_message()
    {
        var options = new ChainsOptions { ["ethereum"] = Ethereum("wss://eth-mainnet.provider.example/v2/SECRETKEYSECRETKEY") };
        var failure = Assert.Single(Failures(options));
        Assert.StartsWith("Chains:ethereum:ConfirmRpcUrls:0: 'wss://eth-mainnet.pr…'", failure, StringComparison.Ordinal);
        Assert.DoesNotContain("SECRETKEY", failure, StringComparison.Ordinal);
    }
}
