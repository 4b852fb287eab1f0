using System.Net;
using static StratosBridge.Tests.Integration.Api.Wallets;

namespace StratosBridge.Tests.Integration.Api;

public sealed class TransferProblemTests(ProblemApiFixture fixture) : IClassFixture<ProblemApiFixture>
{
    private static readonly string Hash = TxHash(0x1234);

    public static TheoryData<string, HttpStatusCode, string, string> Problems => new()
    {
        { $"/v1/transfers/polygon/{Hash}", HttpStatusCode.NotFound, "unsupported-chain", "'polygon' is not a configured chain; configured: bsc, ethereum, stratos" },
        { $"/v1/transfers/Ethereum/{Hash}", HttpStatusCode.NotFound, "unsupported-chain", "'Ethereum'" },
        { "/v1/transfers/ethereum/0x1234", HttpStatusCode.UnprocessableEntity, "invalid-tx-hash", "expected 0x followed by 64 hex digits" },
        { $"/v1/transfers/ethereum/{Hash[2..]}", HttpStatusCode.UnprocessableEntity, "invalid-tx-hash", "is not a transaction hash" },
        { $"/v1/transfers/ethereum/{Hash[..^1]}g", HttpStatusCode.UnprocessableEntity, "invalid-tx-hash", "is not a transaction hash" },
        { $"/v1/transfers/ethereum/{Hash}00", HttpStatusCode.UnprocessableEntity, "invalid-tx-hash", "is not a transaction hash" },
        { $"/v1/transfers/ethereum/{Hash}", HttpStatusCode.NotFound, "transfer-not-found", $"no transfer comes from transaction {Hash} on ethereum" },
        { "/v1/wallets/0x1234/transfers", HttpStatusCode.UnprocessableEntity, "invalid-address", "expected 0x followed by 40 hex digits, or st1" },
        { "/v1/wallets/alice/transfers", HttpStatusCode.UnprocessableEntity, "invalid-address", "'alice' is not a wallet address" },
        { $"/v1/wallets/{Alice[2..]}/transfers", HttpStatusCode.UnprocessableEntity, "invalid-address", "is not a wallet address" },
        { $"/v1/wallets/{Alice.Replace('a', 'A')}/transfers", HttpStatusCode.UnprocessableEntity, "invalid-address", "EIP-55 checksum" },
        { "/v1/wallets/st1qypqxpq9qcrsszg2pvxq6rs0zqg3yyc5e5ajfq/transfers", HttpStatusCode.UnprocessableEntity, "invalid-address", "is not a valid st1" },
        { $"/v1/wallets/{Alice}/transfers?limit=0", HttpStatusCode.UnprocessableEntity, "invalid-limit", "from 1 to 200" },
        { $"/v1/wallets/{Alice}/transfers?limit=201", HttpStatusCode.UnprocessableEntity, "invalid-limit", "from 1 to 200" },
        { $"/v1/wallets/{Alice}/transfers?limit=ten", HttpStatusCode.UnprocessableEntity, "invalid-limit", "limit 'ten'" },
        { $"/v1/wallets/{Alice}/transfers?limit=", HttpStatusCode.UnprocessableEntity, "invalid-limit", "limit ''" },
        { $"/v1/wallets/{Alice}/transfers?before=abc", HttpStatusCode.UnprocessableEntity, "invalid-limit", "before 'abc' is not a cursor" },
        { $"/v1/wallets/{Alice}/transfers?before=-5", HttpStatusCode.UnprocessableEntity, "invalid-limit", "before '-5' is not a cursor" },
    };

    [Theory]
    [MemberData(nameof(Problems))]
    public async Task Bad_or_unknown_input_is_a_problem_with_a_stable_code(string path, HttpStatusCode expected, string code, string detail)
    {
        var (status, contentType, body, raw) = await fixture.Api.GetAsync(path);

        Assert.True(status == expected, $"GET {path}: {status} {raw}");
        Assert.Equal("application/problem+json", contentType);
        Assert.Equal((int)expected, body["status"]!.GetValue<int>());
        Assert.Equal(code, body["code"]!.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(body["title"]?.GetValue<string>()));
        Assert.Contains(detail, body["detail"]!.GetValue<string>());
    }
}
