using System.Net;
using static StratosBridge.Tests.Integration.Api.Wallets;

namespace StratosBridge.Tests.Integration.Api;

public sealed class PaymentProblemTests(ProblemApiFixture fixture) : IClassFixture<ProblemApiFixture>
{
    public static TheoryData<string, HttpStatusCode, string, string> Problems => new()
    {
        { "/v1/wallets/0x1234/credits", HttpStatusCode.UnprocessableEntity, "invalid-address", "expected 0x followed by 40 hex digits, or st1" },
        { "/v1/wallets/alice/credits", HttpStatusCode.UnprocessableEntity, "invalid-address", "'alice' is not a wallet address" },
        { $"/v1/wallets/{Alice.Replace('a', 'A')}/credits", HttpStatusCode.UnprocessableEntity, "invalid-address", "EIP-55 checksum" },
        { "/v1/wallets/st1qypqxpq9qcrsszg2pvxq6rs0zqg3yyc5e5ajfq/credits", HttpStatusCode.UnprocessableEntity, "invalid-address", "is not a valid st1" },
        { $"/v1/wallets/{Alice}/credits?limit=0", HttpStatusCode.UnprocessableEntity, "invalid-limit", "from 1 to 200" },
        { $"/v1/wallets/{Alice}/credits?limit=201", HttpStatusCode.UnprocessableEntity, "invalid-limit", "from 1 to 200" },
        { $"/v1/wallets/{Alice}/credits?before=abc", HttpStatusCode.UnprocessableEntity, "invalid-limit", "before 'abc' is not a cursor" },
        { "/v1/payments?status=refunded", HttpStatusCode.UnprocessableEntity, "invalid-status",
            "status 'refunded' is not a payment status: use one of pending, final, matched, unmatched, orphaned" },
        { "/v1/payments?status=Unmatched", HttpStatusCode.UnprocessableEntity, "invalid-status", "status 'Unmatched'" },
        { "/v1/payments?status=", HttpStatusCode.UnprocessableEntity, "invalid-status", "status ''" },
        { "/v1/payments?status=unmatched&limit=ten", HttpStatusCode.UnprocessableEntity, "invalid-limit", "limit 'ten'" },
        { "/v1/payments?before=-5", HttpStatusCode.UnprocessableEntity, "invalid-limit", "before '-5' is not a cursor" },
        { $"/v1/quotes/{TxHash(9)}", HttpStatusCode.NotFound, "quote-not-found", $"no quote {TxHash(9)}" },
    };

    [Theory]
    [MemberData(nameof(Problems))]
    public async Task Bad_or_unknown_input_is_a_problem_with_a_stable_code(string path, HttpStatusCode expected, string code, string detail)
    {
        // /v1/payments is for operators; the admin token is ignored by the public routes
        var (status, contentType, body, raw) = await fixture.Api.GetAsync(path, AdminSettings.Token);

        Assert.True(status == expected, $"GET {path}: {status} {raw}");
        Assert.Equal("application/problem+json", contentType);
        Assert.Equal((int)expected, body["status"]!.GetValue<int>());
        Assert.Equal(code, body["code"]!.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(body["title"]?.GetValue<string>()));
        Assert.Contains(detail, body["detail"]!.GetValue<string>());
    }
}
