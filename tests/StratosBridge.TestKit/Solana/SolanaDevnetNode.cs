using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;

namespace StratosBridge.TestKit.Solana;

/// <summary>
/// The Solana devnet (<c>ops/solana-devnet</c>: LiteSVM behind a JSON-RPC front) on a free loopback port, with fast
/// slots and a short finality depth so tests see transactions finalize in a second or two. Stopped by its own pid on
/// dispose. Helpers make keypairs, airdrop, and send Solana Pay-shaped transfers built by @solana/kit.
/// </summary>
public sealed class SolanaDevnetNode : IAsyncDisposable
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(10) };

    private readonly ChildProcess _process;

    private SolanaDevnetNode(ChildProcess process, int port, TimeSpan slotTime, int finalityDepth)
    {
        _process = process;
        Port = port;
        SlotTime = slotTime;
        FinalityDepth = finalityDepth;
    }

    public int Port { get; }

    public Uri RpcUrl => new($"http://127.0.0.1:{Port}");

    public int Pid => _process.Pid;

    public TimeSpan SlotTime { get; }

    /// <summary>finalized = processed − this many slots.</summary>
    public int FinalityDepth { get; }

    /// <summary>Time for a transaction just sent to be finalized, with room for a loaded machine.</summary>
    public TimeSpan FinalityTimeout => SlotTime * (FinalityDepth + 2) + TimeSpan.FromSeconds(20);

    public string OutputTail => _process.OutputTail;

    /// <summary>Starts the devnet and waits until it answers getHealth.</summary>
    public static async Task<SolanaDevnetNode> StartAsync(int slotMs = 50, int finalityDepth = 4)
    {
        var server = Path.Combine(RepoPaths.Root, "ops", "solana-devnet", "server.mjs");
        for (var attempt = 0; ; attempt++)
        {
            var port = FreePort.Next();
            var process = ChildProcess.Start("solana-devnet", "node",
            [
                server, "--port", port.ToString(CultureInfo.InvariantCulture),
                "--slot-ms", slotMs.ToString(CultureInfo.InvariantCulture),
                "--finality-depth", finalityDepth.ToString(CultureInfo.InvariantCulture),
            ]);
            var node = new SolanaDevnetNode(process, port, TimeSpan.FromMilliseconds(slotMs), finalityDepth);
            try
            {
                await Eventually.HoldsAsync(async () => (await node.RpcAsync("getHealth")).GetString() == "ok",
                    TimeSpan.FromSeconds(120), $"the Solana devnet to answer on port {port}", TimeSpan.FromMilliseconds(50));
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
                throw new InvalidOperationException($"the Solana devnet did not start: {tail}", e);
            }
        }
    }

    /// <summary>A raw JSON-RPC call; a JSON-RPC error throws <see cref="InvalidOperationException"/> with it.</summary>
    public async Task<JsonElement> RpcAsync(string method, params object[] parameters)
    {
        using var doc = await PostAsync(method, parameters);
        if (doc.RootElement.TryGetProperty("error", out var error))
        {
            throw new InvalidOperationException($"{method} failed: {error}");
        }
        return doc.RootElement.GetProperty("result").Clone();
    }

    /// <summary>A raw JSON-RPC call that returns the whole response object (result or error).</summary>
    public async Task<JsonElement> RpcResponseAsync(string method, params object[] parameters)
    {
        using var doc = await PostAsync(method, parameters);
        return doc.RootElement.Clone();
    }

    public async Task<ulong> SlotAsync(string commitment = "finalized") =>
        (await RpcAsync("getSlot", new { commitment })).GetUInt64();

    /// <summary>Keypairs made by @solana/kit (no funds).</summary>
    public static async Task<IReadOnlyList<SolanaTestKeypair>> CreateKeypairsAsync(int count)
    {
        var answer = await NodeScript.RunAsync("solana-kit.mjs", new { op = "keypairs", count });
        return answer.EnumerateArray()
            .Select(k => new SolanaTestKeypair(k.GetProperty("seed").GetString()!, k.GetProperty("address").GetString()!))
            .ToArray();
    }

    /// <summary>Fresh addresses (of keypairs nobody will use): recipients, references.</summary>
    public static async Task<IReadOnlyList<string>> CreateAddressesAsync(int count) =>
        (await CreateKeypairsAsync(count)).Select(k => k.Address).ToArray();

    /// <summary>requestAirdrop; returns the airdrop transaction's signature (it lands at once, in the processed slot).</summary>
    public async Task<string> AirdropAsync(string address, ulong lamports) =>
        (await RpcAsync("requestAirdrop", address, lamports)).GetString()!;

    /// <summary>New keypairs, each funded with <paramref name="lamports"/>.</summary>
    public async Task<IReadOnlyList<SolanaTestKeypair>> CreateFundedKeypairsAsync(int count, ulong lamports)
    {
        var keypairs = await CreateKeypairsAsync(count);
        foreach (var keypair in keypairs)
        {
            await AirdropAsync(keypair.Address, lamports);
        }
        return keypairs;
    }

    /// <summary>Builds, signs (@solana/kit) and sends the transfers one after another, in order.</summary>
    public async Task<IReadOnlyList<SolanaTestTransferResult>> SendTransfersAsync(IReadOnlyList<SolanaTestTransfer> transfers)
    {
        var answer = await NodeScript.RunAsync("solana-kit.mjs", new
        {
            op = "transfers",
            rpcUrl = RpcUrl.ToString(),
            transfers = transfers.Select(t => new
            {
                payerSeed = t.Payer.Seed,
                recipient = t.Recipient,
                lamports = t.Lamports.ToString(CultureInfo.InvariantCulture),
                references = t.References,
                memo = t.Memo,
                memoAfterTransfer = t.MemoAfterTransfer,
                version = t.Versioned ? (object)0 : "legacy",
                encoding = t.Encoding,
                skipPreflight = t.SkipPreflight,
            }),
        });
        return answer.EnumerateArray().Select(r => r.GetProperty("error") is { ValueKind: JsonValueKind.Object } error
                ? new SolanaTestTransferResult(r.GetProperty("signature").GetString()!, error.GetProperty("code").GetInt64(),
                    error.GetProperty("message").GetString())
                : new SolanaTestTransferResult(r.GetProperty("signature").GetString()!, null, null))
            .ToArray();
    }

    /// <summary>Waits until the transaction is visible at <paramref name="commitment"/> (getTransaction answers it).</summary>
    public Task WaitForTransactionAsync(string signature, string commitment = "finalized") =>
        Eventually.HoldsAsync(
            async () => (await RpcAsync("getTransaction", signature,
                new { commitment, encoding = "json", maxSupportedTransactionVersion = 0 })).ValueKind == JsonValueKind.Object,
            FinalityTimeout, $"transaction {signature} to be {commitment}");

    public async ValueTask DisposeAsync() => await _process.DisposeAsync();

    private async Task<JsonDocument> PostAsync(string method, object[] parameters)
    {
        using var response = await Http.PostAsJsonAsync(RpcUrl, new { jsonrpc = "2.0", id = 1, method, @params = parameters });
        response.EnsureSuccessStatusCode();
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync());
    }
}
