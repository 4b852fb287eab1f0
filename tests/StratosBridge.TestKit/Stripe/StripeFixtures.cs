using System.Text.Json.Nodes;

namespace StratosBridge.TestKit.Stripe;

/// <summary>Stripe's published example objects (Fixtures/README.md names the source), one per resource name.</summary>
public static class StripeFixtures
{
    private static readonly Lazy<JsonObject> Resources = new(Load);

    /// <summary>The example object as JSON text (for parser tests).</summary>
    public static string Json(string resource) => Object(resource).ToJsonString();

    /// <summary>A fresh copy of the example object, to change.</summary>
    public static JsonObject Object(string resource) =>
        Resources.Value[resource] is JsonObject found
            ? found.DeepClone().AsObject()
            : throw new ArgumentException($"no Stripe fixture '{resource}'", nameof(resource));

    private static JsonObject Load()
    {
        using var stream = typeof(StripeFixtures).Assembly.GetManifestResourceStream("StratosBridge.TestKit.Stripe.fixtures3-subset.json")
                           ?? throw new InvalidOperationException("the embedded Stripe fixtures are missing");
        return JsonNode.Parse(stream)!["resources"]!.AsObject();
    }
}
