using System.Globalization;
using System.Net.Http.Json;
using System.Numerics;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace StratosBridge.Chains.Evm.Rpc;

/// <summary>
/// JSON-RPC client for one EVM chain over a typed <see cref="HttpClient"/> (base address = the node's RPC URL).
/// </summary>
public sealed class EvmRpcClient(HttpClient http)
{
    private long _nextId;

    public Uri? Endpoint => http.BaseAddress;

    public async Task<long> ChainIdAsync(CancellationToken ct = default) =>
        (long)ParseQuantity(await CallAsync("eth_chainId", [], ct));

    public async Task<long> BlockNumberAsync(CancellationToken ct = default) =>
        (long)ParseQuantity(await CallAsync("eth_blockNumber", [], ct));

    /// <summary>One JSON-RPC call; a JSON-RPC error object becomes <see cref="EvmRpcException"/>.</summary>
    public async Task<JsonElement> CallAsync(string method, JsonArray parameters, CancellationToken ct = default)
    {
        var request = new JsonObject
        {
            ["jsonrpc"] = "2.0",
            ["id"] = Interlocked.Increment(ref _nextId),
            ["method"] = method,
            ["params"] = parameters,
        };
        using var response = await http.PostAsJsonAsync("", request, ct);
        response.EnsureSuccessStatusCode();
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStreamAsync(ct));
        if (doc.RootElement.TryGetProperty("error", out var error))
        {
            var code = error.TryGetProperty("code", out var c) && c.TryGetInt64(out var n) ? n : 0;
            var message = error.TryGetProperty("message", out var m) ? m.GetString() ?? "" : error.ToString();
            throw new EvmRpcException(method, code, message);
        }
        return doc.RootElement.GetProperty("result").Clone();
    }

    /// <summary>Parses a JSON-RPC hex quantity ("0x1a").</summary>
    public static BigInteger ParseQuantity(JsonElement value)
    {
        var text = value.GetString() ?? throw new FormatException("quantity is null");
        if (!text.StartsWith("0x", StringComparison.Ordinal) || text.Length < 3)
        {
            throw new FormatException($"'{text}' is not a hex quantity");
        }
        return BigInteger.Parse("0" + text[2..], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
    }
}
