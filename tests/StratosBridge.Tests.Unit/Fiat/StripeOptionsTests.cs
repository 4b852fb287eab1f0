using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Stripe;
using StratosBridge.Fiat.StripeApi;

namespace StratosBridge.Tests.Unit.Fiat;

public class StripeOptionsTests
{
    private static ServiceProvider Services(params (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)))
            .Build();
        return new ServiceCollection().AddStripe(configuration).BuildServiceProvider();
    }

    [Fact]
    public void The_stripe_client_gets_its_api_base_and_key_from_the_section()
    {
        using var services = Services(("Stripe:SecretKey", "sk_test_abc123"), ("Stripe:BaseUrl", "http://127.0.0.1:9/stripe/"),
            ("Stripe:Timeout", "00:00:07"), ("Stripe:WebhookSecrets:0", "whsec_a"), ("Stripe:WebhookSecrets:1", "whsec_b"), ("Stripe:MaxAttempts", "4"));

        var options = services.GetRequiredService<IOptions<StripeOptions>>().Value;
        Assert.Equal(["whsec_a", "whsec_b"], options.WebhookSecrets);
        Assert.Equal((4, TimeSpan.FromSeconds(7)), (options.MaxAttempts, options.Timeout));
        var client = services.GetRequiredService<IStripeClient>();
        Assert.Equal(("http://127.0.0.1:9/stripe", "sk_test_abc123"), (client.ApiBase, client.ApiKey));
        Assert.NotNull(services.GetRequiredService<Stripe.Checkout.SessionService>());
        Assert.NotNull(services.GetRequiredService<RefundService>());
        Assert.NotNull(services.GetRequiredService<EventService>());
    }

    [Fact]
    public void Defaults_are_stripes_api_and_the_sdks_pinned_version()
    {
        using var services = Services(("Stripe:SecretKey", "rk_live_abc"));
        var options = services.GetRequiredService<IOptions<StripeOptions>>().Value;
        Assert.Equal((new Uri("https://api.stripe.com/"), "2026-10-28.endive", 3, TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(300)),
            (options.BaseUrl, options.ApiVersion, options.MaxAttempts, options.Timeout, options.WebhookTolerance));
        Assert.Equal(StripeConfiguration.ApiVersion, options.ApiVersion);
        Assert.Empty(options.WebhookSecrets);
    }

    [Theory]
    [InlineData("Stripe:SecretKey", "", "SecretKey must be a Stripe secret or restricted key")]
    [InlineData("Stripe:SecretKey", "pk_test_abc", "SecretKey must be a Stripe secret or restricted key")]
    [InlineData("Stripe:SecretKey", "sk_test_ab c", "SecretKey must be a Stripe secret or restricted key")]
    [InlineData("Stripe:BaseUrl", "ftp://api.stripe.com/", "BaseUrl must be an absolute http(s) URL")]
    [InlineData("Stripe:ApiVersion", "2024-06-20", "is not the version Stripe.net sends and reads (2026-10-28.endive)")]
    [InlineData("Stripe:WebhookSecrets:0", "sk_test_notawebhooksecret", "each webhook secret must be a whsec_")]
    [InlineData("Stripe:MaxAttempts", "0", "MaxAttempts")]
    [InlineData("Stripe:Timeout", "00:10:00", "Timeout")]
    [InlineData("Stripe:WebhookTolerance", "00:00:01", "WebhookTolerance")]
    public void A_bad_setting_fails_validation_and_never_shows_the_key(string key, string value, string message)
    {
        var settings = new Dictionary<string, string> { ["Stripe:SecretKey"] = "sk_test_good", [key] = value };
        using var services = Services([.. settings.Select(s => (s.Key, s.Value))]);

        var e = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<StripeOptions>>().Value);
        Assert.Contains(message, e.Message);
        Assert.DoesNotContain("sk_test_ab c", e.Message);
    }
}
