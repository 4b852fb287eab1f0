using System.Net.Http.Json;
using System.Text.Json;

namespace StratosBridge.TestKit.Anvil;

/// <summary>
/// One real anvil chain on a free loopback port, with anvil's deterministic dev accounts
/// (mnemonic "test test … junk"). Stopped by its own pid on dispose.
/// </summary>
public sealed class AnvilNode : IAsyncDisposable
{
    /// <summary>The first deterministic dev account of anvil (0xf39F…2266).</summary>
    public const string DevKey0 = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";

    /// <summary>The private keys of anvil's first ten dev accounts.</summary>
    public static readonly IReadOnlyList<string> DevKeys =
    [
        DevKey0,
        "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d",
        "0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a",
        "0x7c852118294e51e653712a81e05800f419141751be58f605c371e15141b007a6",
        "0x47e179ec197488593b187f80a00eb0da91f1b9d0b13f8733639f19c30a34926a",
        "0x8b3a350cf5c34c9194ca85829a2df0ec3153be0318b5e2d3348e872092edffba",
        "0x92db14e403b83dfe3df233f83dfa3a0d7096f21ca9b0d6d6b8d88b2b4ec1564e",
        "0x4bbbf85ce3377467afe5d46f804f221813b2bb87f24d81f60f1fcdbf7cbf4356",
        "0xdbda1821b80551c9d65939329250298aa3472ba22feea921c0cf5d620ea67b97",
        "0x2a871d0798f97d79848a013d4936a73bf4cc922c825d33c1cf7073dff6d409c6",
    ];

    private readonly ChildProcess _process;
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(5) };

    private AnvilNode(ChildProcess process, int port, long chainId)
    {
        _process = process;
        Port = port;
        ChainId = chainId;
    }

    public int Port { get; }

    public long ChainId { get; }

    public Uri RpcUrl => new($"http://127.0.0.1:{Port}");

    public int Pid => _process.Pid;

    /// <summary>Starts anvil and waits until it answers eth_chainId. Extra args go straight to anvil.</summary>
    public static async Task<AnvilNode> StartAsync(long chainId, params string[] extraArgs)
    {
        var anvil = RepoPaths.NodeBin("anvil");
        for (var attempt = 0; ; attempt++)
        {
            var port = FreePort.Next();
            var args = new List<string>
            {
                "--host", "127.0.0.1", "--port", port.ToString(), "--chain-id", chainId.ToString(),
                "--silent",
            };
            args.AddRange(extraArgs);
            var process = ChildProcess.Start($"anvil-{chainId}", anvil, args);
            var node = new AnvilNode(process, port, chainId);
            try
            {
                await Eventually.HoldsAsync(async () => await node.RpcAsync("eth_chainId") is { ValueKind: JsonValueKind.String },
                    TimeSpan.FromSeconds(60), $"anvil (chain {chainId}) to answer on port {port}",
                    TimeSpan.FromMilliseconds(50));
                return node;
            }
            catch (TimeoutException) when (attempt < 2 && process.HasExited)
            {
                await node.DisposeAsync(); // lost a port race; try another port
            }
            catch (TimeoutException e)
            {
                var tail = process.OutputTail;
                await node.DisposeAsync();
                throw new InvalidOperationException($"anvil did not start: {tail}", e);
            }
        }
    }

    /// <summary>A raw JSON-RPC call for test set-up (anvil_* cheat codes, evm_mine, snapshots).</summary>
    public async Task<JsonElement> RpcAsync(string method, params object[] parameters)
    {
        var response = await Http.PostAsJsonAsync(RpcUrl, new { jsonrpc = "2.0", id = 1, method, @params = parameters });
        response.EnsureSuccessStatusCode();
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        if (doc.RootElement.TryGetProperty("error", out var error))
        {
            throw new InvalidOperationException($"{method} failed: {error}");
        }
        return doc.RootElement.GetProperty("result").Clone();
    }

    public async ValueTask DisposeAsync() => await _process.DisposeAsync();
}
