using System.Globalization;
using System.Net.Http.Json;
using System.Numerics;
using System.Text.Json;

namespace StratosBridge.Chains.Stratos.Sds;

/// <summary>
/// Client of an SDS node's JSON-RPC 2.0 API (POST to the base address), as stratosnet/sds serves it: only
/// <c>user_requestGetOzone</c>, a wallet's Ozone balance. The meta nodes keep Ozone balances (the chain only emits
/// <c>EventPrePay</c>; the SDS relay credits <c>purchased_noz</c> to the beneficiary, sds
/// <c>relayer/stratoschain/handlers/stratoschain_events.go</c>).
/// <list type="bullet">
/// <item>request (sds <c>example/rpcclient/rpc_client.go reqGetOzoneMsg</c>):
/// <c>{"jsonrpc":"2.0","id":1,"method":"user_requestGetOzone","params":[{"walletaddr":"st1…"}]}</c></item>
/// <item>result (<c>pp/api/rpc/types.go GetOzoneResult</c>): <c>{"return":"0","ozone":"…","sequencynumber":"…"}</c> —
/// <c>return</c> "0" is success, <c>ozone</c> is noz as decimal text, and the sequence number's key is spelled
/// <c>sequencynumber</c>.</item>
/// </list>
/// </summary>
public sealed class SdsRpcClient(HttpClient http)
{
    public const string GetOzoneMethod = "user_requestGetOzone";

    /// <summary>SDS <c>rpc.SUCCESS</c>.</summary>
    public const string Success = "0";

    private static readonly string[] TransientReturns = ["-5", "-10"]; // TIME_OUT, INTERNAL_COMM_FAILURE

    private long _nextId;

    /// <summary>The Ozone balance of <paramref name="wallet"/>; throws <see cref="SdsRpcException"/> when the node cannot say.</summary>
    public async Task<SdsOzoneBalance> GetOzoneAsync(StratosAddress wallet, CancellationToken ct = default)
    {
        var request = new
        {
            jsonrpc = "2.0",
            id = Interlocked.Increment(ref _nextId),
            method = GetOzoneMethod,
            @params = new[] { new { walletaddr = wallet.Bech32 } },
        };
        byte[] body;
        try
        {
            using var response = await http.PostAsJsonAsync((Uri?)null, request, ct);
            body = await response.Content.ReadAsByteArrayAsync(ct);
            if (!response.IsSuccessStatusCode)
            {
                throw new SdsRpcException($"{GetOzoneMethod}: HTTP {(int)response.StatusCode} {response.ReasonPhrase}",
                    isTransient: (int)response.StatusCode >= 500);
            }
        }
        catch (Exception e) when (e is HttpRequestException or IOException && !ct.IsCancellationRequested)
        {
            throw new SdsRpcException($"{GetOzoneMethod}: {e.Message}", isTransient: true, inner: e);
        }
        catch (OperationCanceledException e) when (!ct.IsCancellationRequested)
        {
            throw new SdsRpcException($"{GetOzoneMethod}: no answer within {http.Timeout}", isTransient: true, inner: e);
        }
        try
        {
            using var doc = JsonDocument.Parse(body);
            return ParseGetOzone(doc.RootElement);
        }
        catch (JsonException e)
        {
            throw new SdsRpcException($"{GetOzoneMethod}: the answer is not JSON ({body.Length} bytes)", inner: e);
        }
    }

    /// <summary>Reads a whole JSON-RPC response of <c>user_requestGetOzone</c>.</summary>
    public static SdsOzoneBalance ParseGetOzone(JsonElement response)
    {
        if (response.ValueKind != JsonValueKind.Object)
        {
            throw new SdsRpcException($"{GetOzoneMethod}: expected a JSON-RPC response object, got {response.ValueKind}");
        }
        if (response.TryGetProperty("error", out var error) && error.ValueKind != JsonValueKind.Null)
        {
            var message = error.ValueKind == JsonValueKind.Object && error.TryGetProperty("message", out var m) ? m.ToString() : error.GetRawText();
            throw new SdsRpcException($"{GetOzoneMethod}: JSON-RPC error: {message}");
        }
        if (!response.TryGetProperty("result", out var result) || result.ValueKind != JsonValueKind.Object)
        {
            throw new SdsRpcException($"{GetOzoneMethod}: the response has no result object");
        }
        var code = Text(result, "return");
        if (code != Success)
        {
            throw new SdsRpcException($"{GetOzoneMethod}: the node answered return code {code ?? "(none)"}", code,
                TransientReturns.Contains(code));
        }
        var ozone = Text(result, "ozone");
        if (ozone is not { Length: > 0 and <= 80 } || !BigInteger.TryParse(ozone, NumberStyles.None, CultureInfo.InvariantCulture, out var noz))
        {
            throw new SdsRpcException($"{GetOzoneMethod}: 'ozone' is not a whole number of noz: {ozone ?? "(missing)"}");
        }
        return new SdsOzoneBalance(noz, Text(result, "sequencynumber"));
    }

    private static string? Text(JsonElement result, string name) =>
        result.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
