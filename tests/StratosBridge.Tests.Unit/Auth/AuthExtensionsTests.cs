using Microsoft.AspNetCore.Http;
using StratosBridge.Api.Auth;

namespace StratosBridge.Tests.Unit.Auth;

public class AuthExtensionsTests
{
    [Fact]
    public void Account_throws_on_a_request_no_api_key_authenticated()
    {
        var context = new DefaultHttpContext();
        context.Request.Path = "/v1/quotes";

        var failure = Assert.Throws<InvalidOperationException>(() => context.Account());

        Assert.Contains("/v1/quotes is not in a route group with RequireApiKey()", failure.Message);
    }
}
