using System.Numerics;
using System.Text.Json;
using StratosBridge.Chains.Rest;
using StratosBridge.Chains.Stratos.Rest;

namespace StratosBridge.Tests.Unit.Stratos;

/// <summary>
/// Reading a prepay's purchased noz from cosmos-sdk v0.47's <c>GetTxsEventResponse</c>, in the shape a stratos-chain
/// v0.12 node gives for an EVM transaction that ran <c>runMsg(MsgPrepay)</c>: the ante handler's <c>EventTx</c>, the
/// bank transfer and <c>EventPrePay</c> of the message, then x/evm's <c>EventEthereumTx</c> and <c>EventTxLog</c>;
/// typed event values are JSON (strings quoted).
/// </summary>
public class StratosRestClientTests
{
    private const string EthHash = "0x5c504ed432cb51138bcf09aa5e8a410dd4a1e204ef84bfed1be16dfba1b22060";

    [Fact]
    public async Task The_query_selects_the_EVM_transaction_by_its_typed_event()
    {
        var answer = new FixedAnswer("""{"tx_responses":[]}""");
        using var http = new HttpClient(answer) { BaseAddress = new Uri("http://stratos.invalid/rest") };

        await new StratosRestClient(http).PurchasedNozAsync(EthHash.ToUpperInvariant().Replace("0X", "0x"), CancellationToken.None);

        var asked = Assert.Single(answer.Asked);
        Assert.Equal("/rest/cosmos/tx/v1beta1/txs", asked.AbsolutePath);
        const string events = "?events=";
        Assert.StartsWith(events, asked.Query);
        Assert.Equal($"stratos.evm.v1.EventEthereumTx.eth_hash='\"{EthHash}\"'", Uri.UnescapeDataString(asked.Query[events.Length..]));
        Assert.DoesNotContain("\"", asked.Query); // escaped for the URL
    }

    [Theory]
    [InlineData("")]
    [InlineData("5c504ed432cb51138bcf09aa5e8a410dd4a1e204ef84bfed1be16dfba1b22060")]
    [InlineData("0x5c504ed432cb51138bcf09aa5e8a410dd4a1e204ef84bfed1be16dfba1b2206")]
    [InlineData("0x5c504ed432cb51138bcf09aa5e8a410dd4a1e204ef84bfed1be16dfba1b2206g")]
    [InlineData("0x5c504ed432cb51138bcf09aa5e8a410dd4a1e204ef84bfed1be16dfba1b22060' OR tx.height>0")]
    public void Only_a_transaction_hash_makes_a_query(string hash) =>
        Assert.Throws<ArgumentException>(() => StratosRestClient.PrepayTxEvents(hash));

    [Fact]
    public void The_purchased_noz_of_an_indexed_prepay_is_read_from_EventPrePay()
    {
        Assert.Equal(BigInteger.Parse("99999000009999900"), Parse(Response(failed: "", prepay: true)));
    }

    [Fact]
    public void A_transaction_not_indexed_yet_gives_no_answer() =>
        Assert.Null(Parse("""{"txs":[],"tx_responses":[],"pagination":null,"total":"0"}"""));

    [Fact]
    public void A_failed_EVM_transaction_is_refused_with_the_chain_s_reason()
    {
        var e = Assert.Throws<RestCallException>(() => Parse(Response(failed: "execution reverted", prepay: false)));

        Assert.Equal(RestErrorKind.Refused, e.Kind);
        Assert.Contains("execution reverted", e.Message);
    }

    [Fact]
    public void A_transaction_without_a_prepay_is_refused()
    {
        var e = Assert.Throws<RestCallException>(() => Parse(Response(failed: "", prepay: false)));

        Assert.Equal(RestErrorKind.Refused, e.Kind);
        Assert.Contains("0 stratos.sds.v1.EventPrePay events", e.Message);
    }

    [Theory]
    [InlineData("""{"txs":[]}""")]
    [InlineData("""{"tx_responses":{}}""")]
    [InlineData("""{"tx_responses":[{"code":0,"events":[{"type":"stratos.sds.v1.EventPrePay","attributes":[{"key":"purchased_noz","value":"\"-1\""}]}]}]}""")]
    [InlineData("""{"tx_responses":[{"code":0,"events":[{"type":"stratos.sds.v1.EventPrePay","attributes":[{"key":"purchased_noz","value":"\"12"}]}]}]}""")]
    public void Bodies_of_another_shape_are_malformed(string body) =>
        Assert.Equal(RestErrorKind.Malformed, Assert.Throws<RestCallException>(() => Parse(body)).Kind);

    /// <summary>Goes through the client's own error mapping, as <see cref="StratosRestClient.PurchasedNozAsync"/> does.</summary>
    private static BigInteger? Parse(string body)
    {
        using var http = new HttpClient(new FixedAnswer(body)) { BaseAddress = new Uri("http://stratos.invalid/") };
        return new StratosRestClient(http).PurchasedNozAsync(EthHash, CancellationToken.None).GetAwaiter().GetResult();
    }

    private static string Response(string failed, bool prepay)
    {
        var prepayEvent = prepay
            ? """
              {"type":"coin_spent","attributes":[{"key":"spender","value":"st1t2htvpfl862vnwdqnuekd9p4ulh3h6hdt624qq","index":true},{"key":"amount","value":"1000000000000000000000wei","index":true}]},
              {"type":"coin_received","attributes":[{"key":"receiver","value":"st15fmkzxwtq5p64gc0zxmd87cmdwjnn3sakmkuu7","index":true},{"key":"amount","value":"1000000000000000000000wei","index":true}]},
              {"type":"transfer","attributes":[{"key":"recipient","value":"st15fmkzxwtq5p64gc0zxmd87cmdwjnn3sakmkuu7","index":true},{"key":"sender","value":"st1t2htvpfl862vnwdqnuekd9p4ulh3h6hdt624qq","index":true},{"key":"amount","value":"1000000000000000000000wei","index":true}]},
              {"type":"stratos.sds.v1.EventPrePay","attributes":[{"key":"amount","value":"\"1000000000000000000000wei\"","index":true},{"key":"beneficiary","value":"\"st1t2htvpfl862vnwdqnuekd9p4ulh3h6hdt624qq\"","index":true},{"key":"purchased_noz","value":"\"99999000009999900\"","index":true},{"key":"sender","value":"\"st1t2htvpfl862vnwdqnuekd9p4ulh3h6hdt624qq\"","index":true}]},
              """
            : "";
        return $$"""
            {
              "txs": [{"body":{"messages":[{"@type":"/stratos.evm.v1.MsgEthereumTx","data":null,"size":0,"hash":"{{EthHash}}","from":""}],"memo":"","timeout_height":"0","extension_options":[{"@type":"/stratos.evm.v1.ExtensionOptionsEthereumTx"}],"non_critical_extension_options":[]},"auth_info":{"signer_infos":[],"fee":{"amount":[{"denom":"wei","amount":"84151000000000"}],"gas_limit":"84151","payer":"","granter":""},"tip":null},"signatures":[]}],
              "tx_responses": [{
                "height": "8431117",
                "txhash": "5E1B0B3A0C3D9B7F3A1F2E4D6C8B0A9F7E5D3C1B2A4F6E8D0C2B4A6F8E0D2C4B",
                "codespace": "",
                "code": 0,
                "data": "12310A2B2F73747261746F732E65766D2E76312E4D7367457468657265756D5478526573706F6E7365",
                "raw_log": "[]",
                "logs": [],
                "info": "",
                "gas_wanted": "84151",
                "gas_used": "70126",
                "tx": null,
                "timestamp": "2024-11-05T09:12:44Z",
                "events": [
                  {"type":"stratos.evm.v1.EventTx","attributes":[{"key":"fee","value":"\"84151000000000wei\"","index":true}]},
                  {{prepayEvent}}
                  {"type":"stratos.evm.v1.EventEthereumTx","attributes":[{"key":"amount","value":"\"0\"","index":true},{"key":"eth_hash","value":"\"{{EthHash}}\"","index":true},{"key":"eth_tx_failed","value":"\"{{failed}}\"","index":true},{"key":"gas_used","value":"\"70126\"","index":true},{"key":"hash","value":"\"5E1B0B3A0C3D9B7F3A1F2E4D6C8B0A9F7E5D3C1B2A4F6E8D0C2B4A6F8E0D2C4B\"","index":true},{"key":"index","value":"\"0\"","index":true},{"key":"recipient","value":"\"0x1000000000000000000000000000000000010101\"","index":true}]},
                  {"type":"stratos.evm.v1.EventTxLog","attributes":[{"key":"tx_logs","value":"\"W10=\"","index":true}]}
                ]
              }],
              "pagination": null,
              "total": "1"
            }
            """;
    }

    private sealed class FixedAnswer(string body) : HttpMessageHandler
    {
        public List<Uri> Asked { get; } = [];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Asked.Add(request.RequestUri!);
            return Task.FromResult(new HttpResponseMessage(System.Net.HttpStatusCode.OK) { Content = new StringContent(body) });
        }
    }
}
