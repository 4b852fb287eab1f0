using System.Numerics;
using System.Text.Json;
using StratosBridge.Chains.Stratos;
using StratosBridge.Chains.Stratos.Sds;
using StratosBridge.Tests.Unit.Evm.Rpc;

namespace StratosBridge.Tests.Unit.Stratos;

/// <summary>
/// <c>user_requestGetOzone</c> request and answers in the shapes of stratosnet/sds (<c>example/rpcclient/rpc_client.go</c>
/// builds the request; <c>pp/api/rpc/types.go GetOzoneResult</c> is the result, with its <c>sequencynumber</c> spelling).
/// </summary>
[Collection(JsonRpcStubServer.Collection)]
public class SdsRpcClientTests
{
    private static readonly StratosAddress Wallet = StratosAddress.Parse("st1t2htvpfl862vnwdqnuekd9p4ulh3h6hdt624qq");

    [Fact]
    public async Task Asks_for_the_wallet_in_bech32_and_reads_the_balance_in_noz()
    {
        JsonElement? seen = null;
        await using var node = JsonRpcStubServer.Start(call =>
        {
            seen = call.Body.Clone();
            return StubReply.Result(call, """{"return":"0","ozone":"1500000000000","sequencynumber":"SN12"}""");
        });
        var client = new SdsRpcClient(new HttpClient { BaseAddress = node.Url });

        var balance = await client.GetOzoneAsync(Wallet);

        Assert.Equal(new SdsOzoneBalance(BigInteger.Parse("1500000000000"), "SN12"), balance);
        Assert.Equal("2.0", seen!.Value.GetProperty("jsonrpc").GetString());
        Assert.Equal("user_requestGetOzone", seen.Value.GetProperty("method").GetString());
        Assert.Equal(Wallet.Bech32, seen.Value.GetProperty("params")[0].GetProperty("walletaddr").GetString());
    }

    [Theory]
    [InlineData("""{"jsonrpc":"2.0","id":1,"result":{"return":"-5"}}""", "-5", true)] // TIME_OUT
    [InlineData("""{"jsonrpc":"2.0","id":1,"result":{"return":"-10"}}""", "-10", true)] // INTERNAL_COMM_FAILURE
    [InlineData("""{"jsonrpc":"2.0","id":1,"result":{"return":"-12"}}""", "-12", false)] // WRONG_WALLET_ADDRESS
    [InlineData("""{"jsonrpc":"2.0","id":1,"result":{"return":"0","ozone":"1.5"}}""", null, false)]
    [InlineData("""{"jsonrpc":"2.0","id":1,"result":{"return":"0"}}""", null, false)]
    [InlineData("""{"jsonrpc":"2.0","id":1,"error":{"code":-32601,"message":"the method user_requestGetOzone does not exist/is not available"}}""", null, false)]
    [InlineData("""{"jsonrpc":"2.0","id":1,"result":null}""", null, false)]
    public void Failures_name_the_return_code_and_whether_to_try_again(string response, string? code, bool transient)
    {
        using var doc = JsonDocument.Parse(response);

        var e = Assert.Throws<SdsRpcException>(() => SdsRpcClient.ParseGetOzone(doc.RootElement));

        Assert.Equal(code, e.ReturnCode);
        Assert.Equal(transient, e.IsTransient);
    }

    [Fact]
    public async Task A_node_that_does_not_answer_is_a_transient_failure()
    {
        await using var node = JsonRpcStubServer.Start(_ => StubReply.Http(503, "busy"));
        var client = new SdsRpcClient(new HttpClient { BaseAddress = node.Url });

        var e = await Assert.ThrowsAsync<SdsRpcException>(() => client.GetOzoneAsync(Wallet));

        Assert.True(e.IsTransient);
        Assert.Contains("503", e.Message);
    }
}
