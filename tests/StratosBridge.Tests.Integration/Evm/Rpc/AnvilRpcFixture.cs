using Microsoft.Extensions.DependencyInjection;
using Nethereum.RPC.Eth.DTOs;
using StratosBridge.Chains.Evm.Rpc;
using StratosBridge.Chains.JsonRpc;
using StratosBridge.TestKit.Anvil;

namespace StratosBridge.Tests.Integration.Evm.Rpc;

/// <summary>
/// A real anvil and the <see cref="EvmRpcClient"/> the service would use for it (registered through
/// <see cref="RpcClientServiceCollectionExtensions.AddRpcClient{TClient}(IServiceCollection, string, Uri, RpcResilienceOptions?)"/>).
/// </summary>
public abstract class AnvilRpcFixture : IAsyncLifetime
{
    /// <summary>The addresses of <see cref="AnvilNode.DevKeys"/> (checked with `cast wallet address`).</summary>
    public static readonly IReadOnlyList<string> DevAddresses =
    [
        "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266",
        "0x70997970C51812dc3A010C7d01b50e0d17dc79C8",
        "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC",
        "0x90F79bf6EB2c4f870365E785982E1f101E93b906",
        "0x15d34AAf54267DB7D7c367839AAf71A00a2C6A65",
        "0x9965507D1a55bcC2695C58ba16FB37d819B0A4dc",
    ];

    private ServiceProvider? _services;
    private AnvilNode? _node;

    public AnvilNode Node => _node ?? throw new InvalidOperationException("fixture not started");

    public EvmRpcClient Client { get; private set; } = null!;

    protected abstract long ChainId { get; }

    protected abstract bool Automine { get; }

    protected abstract string[] AnvilArgs { get; }

    public virtual async Task InitializeAsync()
    {
        _node = await AnvilNode.StartAsync(ChainId, AnvilArgs);
        _services = new ServiceCollection()
            .AddRpcClient<EvmRpcClient>("anvil", _node.RpcUrl, new RpcResilienceOptions
            {
                MaxRetryAttempts = 2,
                BaseDelay = TimeSpan.FromMilliseconds(20),
                AttemptTimeout = TimeSpan.FromSeconds(10),
            })
            .BuildServiceProvider();
        Client = _services.GetRequiredService<IRpcClientFactory<EvmRpcClient>>().For("anvil");
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

    public async Task MineAsync(int blocks = 1)
    {
        for (var i = 0; i < blocks; i++)
        {
            await Node.RpcAsync("evm_mine");
        }
    }

    /// <summary>Sends a transaction from an unlocked dev account (anvil signs), mines it if needed and returns its receipt.</summary>
    public async Task<TransactionReceipt> SendFromDevAccountAsync(int account, string? to, string data, long? gas = null)
    {
        var tx = new Dictionary<string, string> { ["from"] = DevAddresses[account], ["data"] = data };
        if (to is not null)
        {
            tx["to"] = to;
        }
        if (gas is { } g)
        {
            tx["gas"] = "0x" + g.ToString("x", System.Globalization.CultureInfo.InvariantCulture);
        }
        var hash = (await Node.RpcAsync("eth_sendTransaction", tx)).GetString()!;
        if (!Automine)
        {
            await MineAsync();
        }
        // Automine answers before the block is indexed on a loaded machine: wait for the receipt with a deadline.
        return (await StratosBridge.TestKit.Eventually.HoldsAsync(() => Client.GetTransactionReceiptAsync(hash), r => r is not null,
            TimeSpan.FromSeconds(60), $"a receipt for {hash}"))!;
    }

    public async Task<string> DeployAsync(string initCode) =>
        (await SendFromDevAccountAsync(0, null, initCode)).ContractAddress
        ?? throw new InvalidOperationException("deployment has no contract address");

    public async Task<string> SignTransferAsync(int account, string to, long valueWei, long nonce, string maxFeePerGas = "100gwei") =>
        await CastTool.MakeTransferAsync(Node.RpcUrl, AnvilNode.DevKeys[account], to, valueWei, nonce, maxFeePerGas);
}
