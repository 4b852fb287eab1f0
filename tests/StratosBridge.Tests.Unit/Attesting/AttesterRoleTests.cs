using Microsoft.Extensions.Configuration;
using StratosBridge.Relayer.Configuration;
using StratosBridge.Relayer.Relaying;

namespace StratosBridge.Tests.Unit.Attesting;

/// <summary>The relayer holds no attester key; the attester runs alone; the one-process shortcut is for local devnets only.</summary>
public sealed class AttesterRoleTests
{
    private const string Key1 = "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d";
    private const string Key2 = "0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a";

    [Fact]
    public void The_attester_role_runs_alone()
    {
        Assert.Equal(new Roles(false, false, false, Attester: true), Roles.Parse("attester"));
        var e = Assert.Throws<ConfigurationKeyException>(() => Roles.Parse("jobs,attester"));
        Assert.Contains("runs alone", e.Message);
        Assert.False(Roles.Parse(null).Attester);
    }

    [Fact]
    public void Attester_keys_given_to_the_relayer_are_refused_without_the_devnet_flag()
    {
        var e = Assert.Throws<ConfigurationKeyException>(() => RelayKeys.Load(Config(("Relay:SignerKey", Key1), ("Relay:AttesterKeys", Key2)), Chains("http://127.0.0.1:8545")));
        Assert.Contains("holds no attester key", e.Message);
        Assert.DoesNotContain(Key2[2..], e.Message);
        Assert.Empty(RelayKeys.Load(Config(("Relay:SignerKey", Key1)), Chains("http://127.0.0.1:8545")).InProcessAttesters);
    }

    [Fact]
    public void The_in_process_shortcut_is_refused_for_a_chain_that_is_not_local()
    {
        var config = Config(("Relay:SignerKey", Key1), ("Relay:AttesterKeys", Key2), ("Relay:InProcessAttesters", "true"));
        var e = Assert.Throws<ConfigurationKeyException>(() => RelayKeys.Load(config, Chains("https://mainnet.example/v3/secret")));
        Assert.Contains("not a local", e.Message.Replace("non-local", "not a local", StringComparison.Ordinal));
        Assert.DoesNotContain("secret", e.Message);
        Assert.Single(RelayKeys.Load(config, Chains("http://127.0.0.1:8545")).InProcessAttesters);
    }

    private static IConfiguration Config(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();

    private static ChainsOptions Chains(string rpcUrl) => new() { ["ethereum"] = new ChainOptions { ChainId = 1, RpcUrl = rpcUrl } };
}
