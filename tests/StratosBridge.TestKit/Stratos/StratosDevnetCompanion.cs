using System.Globalization;
using System.Numerics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Nethereum.RPC.Eth.DTOs;
using StratosBridge.Chains.Evm;
using StratosBridge.Chains.Evm.Contracts;
using StratosBridge.Chains.Evm.Rpc;
using StratosBridge.Chains.Stratos;
using StratosBridge.Chains.Stratos.Prepay;
using static StratosBridge.TestKit.Stratos.CompanionState;

namespace StratosBridge.TestKit.Stratos;

/// <summary>
/// The Cosmos side of Stratos' <c>runMsg(MsgPrepay)</c> for a devnet whose "Stratos" is an anvil chain with
/// <c>SystemContractStandIn</c> at the SystemContract's address (which only emits <c>MsgExecuted</c>). It reads every
/// <c>MsgExecuted</c> log in block and log order, decodes the transaction's <c>runMsg</c> calldata to the MsgPrepay, and
/// applies what the chain does — or, where the chain would have reverted, records why and applies nothing:
/// <list type="number">
/// <item>the message's sender must be the caller (SystemContract.sol <c>runMsg</c>: <c>NotAllowedSigner</c>);</item>
/// <item>the sender must hold the amount (x/sds <c>keeper.go Prepay</c>: <c>HasBalance</c>, else
/// <c>ErrInsufficientFunds</c>);</item>
/// <item>noz = Lt·X / (St + Pt + X) on the state before the prepay (x/register <c>store.go CalculatePurchaseAmount</c>,
/// computed by <see cref="LegacyDecReference"/>), refused if more than Lt;</item>
/// <item>X moves from the sender to the <c>total_unissued_prepay</c> module account, so Pt grows by X
/// (<c>purchaseNozAndSubCoins</c>: <c>SendCoinsFromAccountToModule</c>; Pt is that account's balance,
/// x/register <c>keeper.go GetTotalUnissuedPrepay</c>) — done on anvil with <c>anvil_setBalance</c>;</item>
/// <item>Lt −= noz (<c>SetRemainingOzoneLimit</c>), and <c>EventPrePay {sender, beneficiary, amount, purchased_noz}</c>
/// is emitted (x/sds <c>msg_server.go HandleMsgPrepay</c>);</item>
/// <item>the beneficiary's Ozone balance grows by purchased_noz: the SDS relay forwards <c>EventPrePay</c> to the meta
/// nodes, which keep Ozone balances (sds <c>relayer/stratoschain/handlers/stratoschain_events.go</c>).</item>
/// </list>
/// It serves, on one loopback port: Stratos REST's <c>noz_supply</c>, <c>noz_price</c> and <c>sim_prepay</c>
/// (<see cref="StratosRestAnswers"/>, at the last block read), <c>GET /cosmos/tx/v1beta1/txs?events=…</c> for the
/// transactions it handled (<see cref="CosmosTxEvents"/>), and, on <c>POST /</c>, the SDS RPC method
/// <c>user_requestGetOzone</c>. Only direct <c>runMsg</c> calls are understood (the Any is read from the transaction's
/// input; a call through a contract is recorded as refused); reorgs are not followed (anvil has none).
/// </summary>
public sealed class StratosDevnetCompanion : IAsyncDisposable
{
    /// <summary>
    /// The <c>total_unissued_prepay</c> module account: the first 20 bytes of sha256 of the module name
    /// (cosmos-sdk x/auth <c>NewModuleAddress</c> = <c>crypto.AddressHash</c>; the name is x/register <c>types/keys.go</c>).
    /// </summary>
    public static readonly EthAddress UnissuedPrepayAccount = EthAddress.FromBytes(SHA256.HashData("total_unissued_prepay"u8)[..20]);

    private readonly StratosCompanionOptions _options;
    private readonly EvmRpcClient _rpc;
    private readonly SemaphoreSlim _sync = new(1, 1);
    private readonly Lock _gate = new();
    private readonly CancellationTokenSource _stopping = new();
    private CompanionState _state;
    private WebApplication? _app;
    private Task? _polling;
    private long _sequence;

    private StratosDevnetCompanion(StratosCompanionOptions options, EvmRpcClient rpc, CompanionState state)
    {
        _options = options;
        _rpc = rpc;
        _state = state;
    }

    public int Port { get; private set; }

    /// <summary>The root of the REST queries (<c>Pricing:Stratos:RestUrl</c>) and of the SDS RPC (<c>POST /</c>).</summary>
    public Uri Url => new($"http://127.0.0.1:{Port}/");

    /// <summary>Lt, St, Pt now, at the last block read.</summary>
    public OzoneState Ozone
    {
        get
        {
            lock (_gate)
            {
                return _state.Snapshot;
            }
        }
    }

    /// <summary>Every transaction handled so far, applied or refused, in chain order.</summary>
    public IReadOnlyList<CompanionPrepay> Prepays
    {
        get
        {
            lock (_gate)
            {
                return [.. _state.Txs.Select(t => t.Prepay)];
            }
        }
    }

    /// <summary>
    /// Asks a companion at <paramref name="companion"/> over HTTP for <paramref name="wallet"/>'s Ozone, as an SDS client
    /// would: <c>user_requestGetOzone</c> with the bech32 address; the <c>ozone</c> of a <c>return</c> "0" answer (noz).
    /// </summary>
    public static async Task<BigInteger> RequestOzoneAsync(Uri companion, EthAddress wallet, CancellationToken ct = default)
    {
        using var http = new HttpClient { BaseAddress = companion, Timeout = TimeSpan.FromSeconds(30) };
        var request = new JsonObject
        {
            ["jsonrpc"] = "2.0", ["id"] = 1, ["method"] = "user_requestGetOzone",
            ["params"] = new JsonArray(new JsonObject { ["walletaddr"] = StratosAddress.FromEvm(wallet).Bech32 }),
        };
        using var response = await http.PostAsync("", new StringContent(request.ToJsonString(), Encoding.UTF8, "application/json"), ct);
        response.EnsureSuccessStatusCode();
        var result = JsonNode.Parse(await response.Content.ReadAsStringAsync(ct))?["result"];
        return result?["return"]?.GetValue<string>() == "0" && result["ozone"]?.GetValue<string>() is { } ozone
            ? BigInteger.Parse(ozone, NumberStyles.None, CultureInfo.InvariantCulture)
            : throw new InvalidOperationException($"user_requestGetOzone answered {result?.ToJsonString() ?? "no result"}");
    }

    /// <summary>The Ozone balance (noz) the meta nodes would report for <paramref name="wallet"/>.</summary>
    public BigInteger OzoneBalance(EthAddress wallet)
    {
        lock (_gate)
        {
            return _state.Ozone.GetValueOrDefault(wallet.ToLowerHex());
        }
    }

    /// <summary>
    /// Connects to the chain, loads (or starts) the state, redoes balance writes a crash interrupted, starts serving on
    /// <paramref name="port"/> (a free one when 0) and polls the chain in the background.
    /// </summary>
    public static async Task<StratosDevnetCompanion> StartAsync(StratosCompanionOptions options, int port = 0, CancellationToken ct = default)
    {
        var rpc = new EvmRpcClient(new HttpClient { BaseAddress = options.RpcUrl, Timeout = TimeSpan.FromSeconds(10) });
        var chainId = await rpc.ChainIdAsync(ct);
        var genesis = (await rpc.GetBlockByNumberAsync(0, ct))?.BlockHash ?? throw new InvalidOperationException("the chain has no block 0");
        var state = CompanionState.Load(options.StateFile);
        if (state is null || state.ChainId != chainId || state.GenesisHash != genesis)
        {
            if (state is not null)
            {
                options.Log?.WriteLine($"{options.StateFile} belongs to another chain (genesis {state.GenesisHash}): starting afresh");
            }
            state = CompanionState.Fresh(chainId, genesis, options.Genesis);
            // Pt is the module account's balance: the devnet's starts out holding the genesis Pt.
            state.PendingWrites.Add(new BalanceWrite(UnissuedPrepayAccount, state.UnissuedPrepay));
        }
        if (options.StartBlock is { } start)
        {
            state.NextBlock = start;
        }
        var companion = new StratosDevnetCompanion(options, rpc, state);
        await companion.FinishWritesAsync(ct);
        await companion.ListenAsync(port);
        companion._polling = Task.Run(companion.PollAsync, CancellationToken.None);
        return companion;
    }

    /// <summary>Reads the chain up to its current head now and applies what it finds (the background poll does the same).</summary>
    public async Task SyncAsync(CancellationToken ct = default)
    {
        await _sync.WaitAsync(ct);
        try
        {
            var head = await _rpc.BlockNumberAsync(ct);
            if (_state.NextBlock > head + 1)
            {
                // The chain is shorter than what was read (an anvil restored from an older dump): read on from its head.
                _options.Log?.WriteLine($"the chain's head {head} is below block {_state.NextBlock - 1} already read: reading on from {head + 1}");
                lock (_gate)
                {
                    _state.NextBlock = head + 1;
                }
            }
            while (_state.NextBlock <= head)
            {
                var from = _state.NextBlock;
                var to = Math.Min(head, from + _options.MaxBlockRange - 1);
                var logs = await _rpc.GetLogsAsync(new NewFilterInput
                {
                    FromBlock = EvmBlocks.Number(from),
                    ToBlock = EvmBlocks.Number(to),
                    Address = [StratosSystemContract.Address.ToLowerHex()],
                    Topics = [new[] { ContractEvents.Topic0<StratosSystemContract.MsgExecutedEvent>() }],
                }, ct);
                foreach (var log in logs.OrderBy(l => l.BlockNumber.Value).ThenBy(l => l.LogIndex.Value).DistinctBy(l => l.TransactionHash))
                {
                    await HandleAsync(log, ct);
                }
                lock (_gate)
                {
                    _state.NextBlock = to + 1;
                    _state.Save(_options.StateFile);
                }
            }
        }
        finally
        {
            _sync.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        if (_polling is not null)
        {
            await _polling;
        }
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
        _stopping.Dispose();
        _sync.Dispose();
    }

    private async Task PollAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            var wait = _options.PollInterval;
            try
            {
                await SyncAsync(_stopping.Token);
            }
            catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) // the background loop outlives any one failure (node down, a bad answer); tests see them from SyncAsync
            {
                _options.Log?.WriteLine($"reading the chain failed, trying again: {e.Message}");
                wait = TimeSpan.FromSeconds(1);
            }
            try
            {
                await Task.Delay(wait, _stopping.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>One <c>runMsg</c> transaction, once: decide, record (with the balance writes to make), then write.</summary>
    private async Task HandleAsync(FilterLog log, CancellationToken ct)
    {
        lock (_gate)
        {
            if (_state.Txs.Any(t => t.Prepay.TxHash == log.TransactionHash))
            {
                return; // already applied or refused: a transaction is handled once
            }
        }
        var executed = log.DecodeEvent<StratosSystemContract.MsgExecutedEvent>(StratosSystemContract.Address);
        var signer = EthAddress.Parse(executed.Signer);
        var tx = await _rpc.GetTransactionByHashAsync(log.TransactionHash, ct)
                 ?? throw new InvalidOperationException($"the node does not know transaction {log.TransactionHash} of its own log");
        var receipt = await _rpc.GetTransactionReceiptAsync(log.TransactionHash, ct)
                      ?? throw new InvalidOperationException($"no receipt for mined transaction {log.TransactionHash}");
        var block = await _rpc.GetBlockByNumberAsync(log.BlockNumber.ToLong(), ct);
        var (message, refusal) = Decode(tx, executed, signer);

        var writes = new List<BalanceWrite>();
        BigInteger? noz = null;
        if (message is not null && refusal is null)
        {
            var balance = await _rpc.GetBalanceAsync(message.Sender.ToLowerHex(), EvmBlocks.Latest, ct);
            var before = Ozone;
            noz = before.PurchaseNoz(message.Wei);
            if (balance < message.Wei)
            {
                refusal = $"insufficient funds: Insufficient balance in the acc {StratosAddress.FromEvm(message.Sender).Bech32}";
            }
            else if (noz > before.RemainingNoz)
            {
                refusal = "not enough remaining ozone limit to complete prepay";
            }
            else
            {
                var module = await _rpc.GetBalanceAsync(UnissuedPrepayAccount.ToLowerHex(), EvmBlocks.Latest, ct);
                writes.Add(new BalanceWrite(message.Sender, balance - message.Wei));
                writes.Add(new BalanceWrite(UnissuedPrepayAccount, module + message.Wei));
            }
        }
        var prepay = new CompanionPrepay(log.TransactionHash, log.BlockNumber.ToLong(), signer, message?.Sender, message?.Beneficiary,
            message?.Wei, refusal is null ? noz : null, refusal);
        var recipient = tx.To is { } to ? EthAddress.Parse(to).ToString() : ""; // x/evm sets it only for a call
        var indexed = new IndexedTx(prepay, (int)receipt.TransactionIndex.ToLong(), tx.Gas.ToLong(), receipt.GasUsed.ToLong(),
            block is null ? DateTimeOffset.UtcNow : DateTimeOffset.FromUnixTimeSeconds(block.Timestamp.ToLong()),
            CosmosTxEvents.For(prepay, UnissuedPrepayAccount, tx.Value.Value, (int)receipt.TransactionIndex.ToLong(), receipt.GasUsed.ToLong(), recipient));
        lock (_gate)
        {
            if (prepay is { Applied: true, Wei: { } wei, PurchasedNoz: { } bought, Beneficiary: { } beneficiary })
            {
                _state.UnissuedPrepay += wei;
                _state.RemainingNoz -= bought;
                _state.Ozone[beneficiary.ToLowerHex()] = _state.Ozone.GetValueOrDefault(beneficiary.ToLowerHex()) + bought;
            }
            _state.Txs.Add(indexed);
            _state.PendingWrites.AddRange(writes);
            _state.Save(_options.StateFile);
        }
        await FinishWritesAsync(ct);
        _options.Log?.WriteLine(prepay.Applied
            ? $"block {prepay.BlockNumber} {prepay.TxHash}: prepay of {prepay.Wei} wei by {prepay.Sender} bought {prepay.PurchasedNoz} noz for {prepay.Beneficiary}"
            : $"block {prepay.BlockNumber} {prepay.TxHash}: refused, nothing applied: {prepay.FailureReason}");
    }

    /// <summary>The MsgPrepay of a direct <c>runMsg</c> call by its signer, or why there is none the chain would run.</summary>
    private static (PrepayMessage? Message, string? Refusal) Decode(Transaction tx, StratosSystemContract.MsgExecutedEvent executed, EthAddress signer)
    {
        if (tx.To is null || EthAddress.Parse(tx.To) != StratosSystemContract.Address)
        {
            return (null, "not a direct runMsg call: the companion reads the message from the transaction's input");
        }
        if (!executed.IsType(StratosSystemContract.MsgPrepayTypeUrl))
        {
            return (null, $"the message is not a {StratosSystemContract.MsgPrepayTypeUrl}");
        }
        byte[] any;
        try
        {
            any = StratosSystemContract.DecodeRunMsg(Hex.Decode(tx.Input));
        }
        catch (FormatException e)
        {
            return (null, $"the calldata is not runMsg(bytes): {e.Message}");
        }
        if (!StratosPrepay.TryDecodeAny(any, out var message, out var error))
        {
            return (null, error);
        }
        return message.Sender != signer
            ? (message, $"NotAllowedSigner: the message's sender {message.Sender} is not the caller {signer}")
            : (message, null);
    }

    /// <summary>Performs the recorded balance writes (absolute values, so redoing them after a crash is safe), then clears them.</summary>
    private async Task FinishWritesAsync(CancellationToken ct)
    {
        List<BalanceWrite> writes;
        lock (_gate)
        {
            writes = [.. _state.PendingWrites];
        }
        foreach (var write in writes)
        {
            await _rpc.RequestAsync("anvil_setBalance", [write.Account.ToLowerHex(), Hex.EncodeQuantity(write.Wei)], ct);
        }
        lock (_gate)
        {
            _state.PendingWrites.Clear();
            _state.Save(_options.StateFile);
        }
    }

    private async Task ListenAsync(int port)
    {
        for (var attempt = 0; ; attempt++)
        {
            var fixedPort = port != 0;
            var listenOn = fixedPort ? port : FreePort.Next();
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.WebHost.UseUrls($"http://127.0.0.1:{listenOn}");
            builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(2));
            var app = builder.Build();
            app.MapGet("/stratos/sds/v1/{**query}", (HttpContext context, string query) =>
                StratosRestAnswers.WriteAsync(context, "stratos/sds/v1/" + query, Ozone));
            app.MapGet("/cosmos/tx/v1beta1/txs", TxsByEventsAsync);
            app.MapPost("/", SdsRpcAsync);
            try
            {
                await app.StartAsync();
                _app = app;
                Port = listenOn;
                return;
            }
            catch (IOException) when (attempt < 3 && !fixedPort)
            {
                await app.DisposeAsync(); // lost a race for the port
            }
        }
    }

    /// <summary><c>GET /cosmos/tx/v1beta1/txs?events=…</c>: the handled transactions whose events meet every condition.</summary>
    private Task TxsByEventsAsync(HttpContext context)
    {
        if (!CosmosTxEvents.TryParseConditions(context.Request.Query["events"], out var conditions, out var error))
        {
            return StratosRestAnswers.ErrorAsync(context, 400, 3, error);
        }
        List<IndexedTx> found;
        lock (_gate)
        {
            found = [.. _state.Txs.Where(t => CosmosTxEvents.Matches(t, conditions))];
        }
        context.Response.Headers[StratosRestAnswers.HeightHeader] = Ozone.Height.ToString(CultureInfo.InvariantCulture);
        return StratosRestAnswers.JsonAsync(context, CosmosTxEvents.Response(found));
    }

    /// <summary>
    /// SDS JSON-RPC 2.0, <c>user_requestGetOzone</c> only: <c>params [{"walletaddr":"st1…"}]</c> →
    /// <c>{"return":"0","ozone":"…","sequencynumber":"…"}</c> (sds <c>pp/api/rpc/types.go</c>). A wallet address that is
    /// not an <c>st1…</c> account answers <c>return</c> "-12" (WRONG_WALLET_ADDRESS; what a meta node answers there is
    /// not in the sds code, this is an assumption). The sequence number is a counter here.
    /// </summary>
    private async Task SdsRpcAsync(HttpContext context)
    {
        JsonNode? request;
        try
        {
            request = await JsonNode.ParseAsync(context.Request.Body);
        }
        catch (JsonException)
        {
            await StratosRestAnswers.JsonAsync(context, new JsonObject
            {
                ["jsonrpc"] = "2.0", ["id"] = null, ["error"] = new JsonObject { ["code"] = -32700, ["message"] = "parse error" },
            });
            return;
        }
        var id = request?["id"]?.DeepClone();
        var method = request?["method"]?.GetValue<string>();
        if (method != "user_requestGetOzone")
        {
            await StratosRestAnswers.JsonAsync(context, new JsonObject
            {
                ["jsonrpc"] = "2.0", ["id"] = id,
                ["error"] = new JsonObject { ["code"] = -32601, ["message"] = $"the method {method} does not exist/is not available" },
            });
            return;
        }
        var wallet = request?["params"]?[0]?["walletaddr"]?.GetValue<string>();
        var result = Core.Addresses.Bech32.TryDecode(wallet, out var hrp, out var bytes, out _) && hrp == StratosAddress.AccountPrefix
                     && bytes.Length == EthAddress.Length
            ? new JsonObject
            {
                ["return"] = "0",
                ["ozone"] = OzoneBalance(EthAddress.FromBytes(bytes)).ToString(CultureInfo.InvariantCulture),
                ["sequencynumber"] = Interlocked.Increment(ref _sequence).ToString(CultureInfo.InvariantCulture),
            }
            : new JsonObject { ["return"] = "-12" };
        await StratosRestAnswers.JsonAsync(context, new JsonObject { ["jsonrpc"] = "2.0", ["id"] = id, ["result"] = result });
    }
}
