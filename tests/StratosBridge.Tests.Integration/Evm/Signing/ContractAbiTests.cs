using System.Net.Http.Json;
using System.Numerics;
using System.Text.Json.Nodes;
using System.Text.Json;
using Nethereum.Util;
using StratosBridge.Chains.Evm.Abi;
using StratosBridge.Chains.Evm.Signing;
using StratosBridge.Chains.Evm.Transactions;
using StratosBridge.Chains.Evm;
using StratosBridge.TestKit.Anvil;
using StratosBridge.TestKit;

namespace StratosBridge.Tests.Integration.Evm.Signing;

/// <summary>
/// Our ABI layer against the real thing: a contract compiled by solc (solc-js 0.8.37, through contracts/solc-js-wrapper),
/// deployed and called on anvil with transactions we sign. Covers what cast cannot be trusted for: topics of indexed
/// string/bytes/array/struct parameters, event data with several dynamic values, and revert data produced by
/// require/revert, panics and custom errors.
/// </summary>
public class ContractAbiTests
{
    private const long ChainId = 31337;

    private const string Source = """
        // SPDX-License-Identifier: MIT
        pragma solidity ^0.8.20;

        contract AbiProbe {
            struct Pair { uint8 a; string b; }

            event Dynamic(string indexed s, bytes indexed b, uint256[] indexed xs, string plain);
            event Composite(Pair indexed p, uint16[2] indexed f, string[] indexed strs, Pair[] data, bytes tail);
            event Plain(address indexed who, uint64 nonce, int32 delta, bytes32 tag);

            error Insufficient(uint256 available, uint256 required, string note);

            function emitDynamic(string calldata s, bytes calldata b, uint256[] calldata xs, string calldata plain) external {
                emit Dynamic(s, b, xs, plain);
            }

            function emitComposite(Pair calldata p, uint16[2] calldata f, string[] calldata strs, Pair[] calldata data,
                bytes calldata tail) external {
                emit Composite(p, f, strs, data, tail);
            }

            function emitPlain(uint64 nonce, int32 delta, bytes32 tag) external {
                emit Plain(msg.sender, nonce, delta, tag);
            }

            function failWithMessage(string calldata message) external pure { revert(message); }

            function failWithoutMessage(uint256 x) external pure { require(x == 1); }

            function divide(uint256 x) external pure returns (uint256) { return 10 / x; }

            function increment(uint8 x) external pure returns (uint8) { return x + 1; }

            function failCustom(uint256 available, uint256 required) external pure {
                revert Insufficient(available, required, "short");
            }

            function echo(Pair[] calldata ps, int64 i, bytes32 h) external pure returns (Pair[] memory, int64, bytes32) {
                return (ps, i, h);
            }
        }
        """;

    private static readonly AbiEvent Dynamic = AbiEvent.Parse("Dynamic(string indexed s, bytes indexed b, uint256[] indexed xs, string plain)");
    private static readonly AbiEvent Composite = AbiEvent.Parse(
        "Composite((uint8,string) indexed p, uint16[2] indexed f, string[] indexed strs, (uint8,string)[] data, bytes tail)");
    private static readonly AbiEvent Plain = AbiEvent.Parse("Plain(address indexed who, uint64 nonce, int32 delta, bytes32 tag)");
    private static readonly AbiError Insufficient = AbiError.Parse("Insufficient(uint256 available, uint256 required, string note)");

    private static readonly Dictionary<string, AbiFunction> Functions = new[]
    {
        "emitDynamic(string s, bytes b, uint256[] xs, string plain)",
        "emitComposite((uint8,string) p, uint16[2] f, string[] strs, (uint8,string)[] data, bytes tail)",
        "emitPlain(uint64 nonce, int32 delta, bytes32 tag)",
        "failWithMessage(string message)",
        "failWithoutMessage(uint256 x)",
        "divide(uint256 x) returns (uint256)",
        "increment(uint8 x) returns (uint8)",
        "failCustom(uint256 available, uint256 required)",
        "echo((uint8,string)[] ps, int64 i, bytes32 h) returns ((uint8,string)[], int64, bytes32)",
    }.Select(AbiFunction.Parse).ToDictionary(f => f.Name);

    [Fact]
    public async Task Selectors_match_the_compilers_method_identifiers()
    {
        var (_, methodIdentifiers) = await CompileAsync();
        foreach (var function in Functions.Values)
        {
            Assert.Equal(Hex.Encode(function.Selector)[2..], methodIdentifiers[function.Signature]);
        }
        Assert.Equal(Functions.Count, methodIdentifiers.Count);
    }

    [Fact]
    public async Task Logs_emitted_by_solidity_match_our_topics_and_data_and_decode()
    {
        await using var probe = await Probe.DeployAsync();
        var eventCases = new (AbiEvent Event, string Function, object?[] Values, object?[] Arguments)[]
        {
            (Dynamic, "emitDynamic", ["stratos", new byte[] { 1, 2, 3 }, new object[] { 1, 2 }, "plain"], []),
            (Dynamic, "emitDynamic", ["", Array.Empty<byte>(), Array.Empty<object>(), ""], []),
            (Dynamic, "emitDynamic", [new string('x', 32), new byte[33], new object[] { BigInteger.Pow(2, 256) - 1 }, "é中🚀"], []),
            (Composite, "emitComposite",
            [
                new object[] { 7, "a string longer than thirty-two bytes, to pad" }, new object[] { 1, 65535 },
                new object[] { "one", "", new string('z', 64) }, new object[] { new object[] { 1, "x" }, new object[] { 2, "" } },
                new byte[] { 0xde, 0xad },
            ], []),
            (Composite, "emitComposite",
            [
                new object[] { 0, "" }, new object[] { 0, 0 }, Array.Empty<object>(), Array.Empty<object>(), Array.Empty<byte>(),
            ], []),
            (Plain, "emitPlain", [probe.Key.Address, ulong.MaxValue, int.MinValue, new byte[32]], [ulong.MaxValue, int.MinValue, new byte[32]]),
        };
        foreach (var (@event, function, values, explicitArguments) in eventCases)
        {
            var arguments = explicitArguments.Length > 0 ? explicitArguments : values;
            var receipt = await probe.TransactAsync(Functions[function].EncodeCall(arguments));
            var log = Assert.Single(receipt.GetProperty("logs").EnumerateArray());
            var topics = log.GetProperty("topics").EnumerateArray().Select(t => t.GetString()!).ToArray();
            var data = log.GetProperty("data").GetString()!;
            var (ourTopics, ourData) = @event.EncodeLog(values);
            Assert.Equal(topics, ourTopics.Select(t => Hex.Encode(t)).ToArray());
            Assert.Equal(data, Hex.Encode(ourData));
            var decoded = @event.DecodeLog(topics.Select(Hex.Decode).ToArray(), Hex.Decode(data));
            for (var i = 0; i < @event.Parameters.Count; i++)
            {
                var parameter = @event.Parameters[i];
                if (parameter.Indexed && parameter.Type.Kind is AbiTypeKind.String or AbiTypeKind.Bytes or AbiTypeKind.Array
                        or AbiTypeKind.FixedArray or AbiTypeKind.Tuple)
                {
                    var hash = Assert.IsType<AbiIndexedHash>(decoded.Values[i]);
                    Assert.Equal(AbiEvent.EncodeTopic(parameter.Type, values[i]), hash.Hash.ToArray());
                }
                else
                {
                    Assert.Equal(Text(parameter.Type, values[i]), Text(parameter.Type, decoded.Values[i]));
                }
            }
        }
    }

    [Fact]
    public async Task Revert_data_from_solidity_decodes_to_its_reason()
    {
        await using var probe = await Probe.DeployAsync();
        var message = await probe.RevertDataAsync(Functions["failWithMessage"].EncodeCall(["not enough STOS: 5 < 7"]));
        var reason = RevertReason.Decode(message, [Insufficient]);
        Assert.Equal(RevertKind.Error, reason.Kind);
        Assert.Equal("not enough STOS: 5 < 7", Assert.Single(reason.Arguments));

        Assert.Equal(RevertKind.Empty, RevertReason.Decode(await probe.RevertDataAsync(Functions["failWithoutMessage"].EncodeCall([2]))).Kind);

        var division = RevertReason.Decode(await probe.RevertDataAsync(Functions["divide"].EncodeCall([0])));
        Assert.Equal(RevertKind.Panic, division.Kind);
        Assert.Equal(new BigInteger(0x12), Assert.Single(division.Arguments));

        var overflow = RevertReason.Decode(await probe.RevertDataAsync(Functions["increment"].EncodeCall([255])));
        Assert.Equal("Panic(0x11: arithmetic overflow or underflow)", overflow.ToString());

        var custom = RevertReason.Decode(await probe.RevertDataAsync(Functions["failCustom"].EncodeCall([1, 2])), [Insufficient]);
        Assert.Equal(RevertKind.Custom, custom.Kind);
        Assert.Equal("Insufficient(1, 2, \"short\")", custom.ToString());
        Assert.Equal(RevertKind.Unrecognised, RevertReason.Decode(custom.Data).Kind);
    }

    [Fact]
    public async Task Return_data_from_solidity_decodes_to_what_was_sent()
    {
        await using var probe = await Probe.DeployAsync();
        var echo = Functions["echo"];
        var pairs = new object[] { new object[] { 255, "first" }, new object[] { 0, new string('é', 40) } };
        var hash = Sha3Keccack.Current.CalculateHashAsBytes("tag");
        var output = await probe.CallAsync(echo.EncodeCall([pairs, long.MinValue, hash]));
        var decoded = echo.DecodeOutput(output);
        Assert.Equal(Text(echo.Outputs[0].Type, pairs), Text(echo.Outputs[0].Type, decoded[0]));
        Assert.Equal(new BigInteger(long.MinValue), decoded[1]);
        Assert.Equal(hash, decoded[2]);
        var increment = Functions["increment"];
        Assert.Equal(new BigInteger(11), Assert.Single(increment.DecodeOutput(await probe.CallAsync(increment.EncodeCall([10])))));
    }

    private static string Text(AbiType type, object? value) => type.Kind switch
    {
        AbiTypeKind.UInt or AbiTypeKind.Int => value switch { BigInteger b => b.ToString(), _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)! },
        AbiTypeKind.Bytes or AbiTypeKind.FixedBytes => Hex.Encode((byte[])value!),
        AbiTypeKind.Array or AbiTypeKind.FixedArray => "[" + string.Join(",", ((System.Collections.IList)value!).Cast<object?>().Select(v => Text(type.Element!, v))) + "]",
        AbiTypeKind.Tuple => "(" + string.Join(",", ((System.Collections.IList)value!).Cast<object?>().Select((v, i) => Text(type.Components[i], v))) + ")",
        _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)!,
    };

    /// <summary>Compiles <see cref="Source"/>; returns the creation bytecode and solc's method identifiers.</summary>
    private static async Task<(byte[] Bytecode, Dictionary<string, string> MethodIdentifiers)> CompileAsync()
    {
        var wrapper = Path.Combine(RepoPaths.Root, "contracts", "solc-js-wrapper");
        if (!File.Exists(wrapper))
        {
            throw new InvalidOperationException($"the solc-js wrapper is missing at {wrapper}");
        }
        var input = new JsonObject
        {
            ["language"] = "Solidity",
            ["sources"] = new JsonObject { ["AbiProbe.sol"] = new JsonObject { ["content"] = Source } },
            ["settings"] = new JsonObject
            {
                ["evmVersion"] = "paris",
                ["optimizer"] = new JsonObject { ["enabled"] = true, ["runs"] = 200 },
                ["outputSelection"] = new JsonObject
                {
                    ["*"] = new JsonObject { ["*"] = new JsonArray("evm.bytecode.object", "evm.methodIdentifiers") },
                },
            },
        };
        var output = await ToolRunner.RunAsync(wrapper, ["--standard-json"], input.ToJsonString());
        using var doc = JsonDocument.Parse(output);
        if (doc.RootElement.TryGetProperty("errors", out var errors)
            && errors.EnumerateArray().Any(e => e.GetProperty("severity").GetString() == "error"))
        {
            throw new InvalidOperationException($"solc failed: {errors}");
        }
        var contract = doc.RootElement.GetProperty("contracts").GetProperty("AbiProbe.sol").GetProperty("AbiProbe");
        var evm = contract.GetProperty("evm");
        return (Hex.Decode(evm.GetProperty("bytecode").GetProperty("object").GetString()!),
            evm.GetProperty("methodIdentifiers").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!));
    }

    /// <summary>The compiled probe on a fresh anvil, deployed and called with transactions signed by our layer.</summary>
    private sealed class Probe : IAsyncDisposable
    {
        private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(10) };
        private readonly AnvilNode _node;
        private ulong _nonce;

        private Probe(AnvilNode node, EthAddress address, ulong nonce)
        {
            _node = node;
            Address = address;
            _nonce = nonce;
        }

        public EthKey Key { get; } = EthKey.FromHex(AnvilNode.DevKeys[2]);

        public EthAddress Address { get; }

        public static async Task<Probe> DeployAsync()
        {
            var (bytecode, _) = await CompileAsync();
            var node = await AnvilNode.StartAsync(ChainId);
            try
            {
                var key = EthKey.FromHex(AnvilNode.DevKeys[2]);
                var deployment = await SendAsync(node, key, 0, null, bytecode, 3_000_000);
                var address = EthAddress.Parse(deployment.GetProperty("contractAddress").GetString()!);
                return new Probe(node, address, 1);
            }
            catch
            {
                await node.DisposeAsync();
                throw;
            }
        }

        /// <summary>Sends a signed EIP-1559 call to the probe; returns its successful receipt.</summary>
        public async Task<JsonElement> TransactAsync(byte[] calldata) => await SendAsync(_node, Key, _nonce++, Address, calldata, 500_000);

        /// <summary>eth_call; returns the output bytes.</summary>
        public async Task<byte[]> CallAsync(byte[] calldata)
        {
            var answer = await RawCallAsync(calldata);
            if (answer.TryGetProperty("error", out var error))
            {
                throw new InvalidOperationException($"eth_call failed: {error}");
            }
            return Hex.Decode(answer.GetProperty("result").GetString()!);
        }

        /// <summary>eth_call that must revert; returns the revert data (empty when the node reports none).</summary>
        public async Task<byte[]> RevertDataAsync(byte[] calldata)
        {
            var answer = await RawCallAsync(calldata);
            Assert.True(answer.TryGetProperty("error", out var error), $"expected a revert, got {answer}");
            return error.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.String
                ? Hex.Decode(data.GetString()!)
                : [];
        }

        public async ValueTask DisposeAsync() => await _node.DisposeAsync();

        private async Task<JsonElement> RawCallAsync(byte[] calldata)
        {
            var request = new
            {
                jsonrpc = "2.0", id = 1, method = "eth_call",
                @params = new object[] { new { from = Key.Address.ToLowerHex(), to = Address.ToLowerHex(), data = Hex.Encode(calldata) }, "latest" },
            };
            using var response = await Http.PostAsJsonAsync(_node.RpcUrl, request);
            response.EnsureSuccessStatusCode();
            using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            return doc.RootElement.Clone();
        }

        private static async Task<JsonElement> SendAsync(AnvilNode node, EthKey key, ulong nonce, EthAddress? to, byte[] data, ulong gas)
        {
            var baseFee = SignedTransactionTests.Quantity((await node.RpcAsync("eth_getBlockByNumber", "latest", false)).GetProperty("baseFeePerGas"));
            var signed = new Eip1559Transaction
            {
                ChainId = ChainId, Nonce = nonce, MaxPriorityFeePerGas = 1, MaxFeePerGas = baseFee * 2 + 1, GasLimit = gas, To = to, Data = data,
            }.Sign(key);
            await node.RpcAsync("eth_sendRawTransaction", signed.RawHex);
            var receipt = await SignedTransactionTests.ReceiptAsync(node, signed.HashHex);
            Assert.Equal("0x1", receipt.GetProperty("status").GetString());
            return receipt;
        }
    }
}
