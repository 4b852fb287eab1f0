namespace StratosBridge.Api.Docs;

/// <summary>
/// Examples of answers, shown in <c>/openapi/v1.json</c> and <c>/docs</c> (route metadata <see cref="DocumentedExample"/>).
/// A test compares each with a live answer of the same route: the same members, at every depth, with the same JSON kinds (an
/// empty object stands for a free-form one, such as a quote's pricing rule). Values are illustrative.
/// </summary>
public static class ApiExamples
{
    public const string Quote = """
        {
          "id": "0x6b1f4c2a9e0d8b7c5a3f1e2d4c6b8a0f9e7d5c3b1a2f4e6d8c0b9a7f5e3d1c2b",
          "status": "open",
          "createdAt": "2026-12-02T10:00:00+00:00",
          "expiresAt": "2026-12-02T10:15:00+00:00",
          "monitorUntil": "2026-12-03T10:00:00+00:00",
          "beneficiary": { "hex": "0x70997970C51812dc3A010C7d01b50e0d17dc79C8", "bech32": "st1wzvhju29zqfdcwsppsa6qkssaqtacj3uf8uzs2" },
          "payAsset": "ETH",
          "chain": "ethereum",
          "noz": "1000000000",
          "oz": "1",
          "gb": "1",
          "stosWei": "1000000000010001",
          "amountDue": { "baseUnits": "84166666668", "unit": "wei", "decimals": 18, "value": "0.000000084166666668" },
          "rates": { "stosUsd": "0.25", "assetUsd": "3000", "spreadPercent": "1", "assetPerStos": "0.0000841666666666666667" },
          "payment": {
            "uri": "ethereum:0x5FbDB2315678afecb367f032d93F642f64180aa3@1/pay?bytes32=0x6b1f…&address=0x7099…&value=84166666668",
            "evm": {
              "chainId": 1,
              "contract": "0x5FbDB2315678afecb367f032d93F642f64180aa3",
              "function": "pay(bytes32,address)",
              "calldata": "0x…",
              "value": "84166666668",
              "uri": "ethereum:0x5FbDB2315678afecb367f032d93F642f64180aa3@1/pay?…"
            },
            "solana": null,
            "card": null,
            "qr": { "png": "/v1/quotes/0x6b1f…/qr.png", "svg": "/v1/quotes/0x6b1f…/qr.svg" }
          },
          "pricingRule": {},
          "settlement": { "state": "awaiting-payment", "payments": [] },
          "pauses": []
        }
        """;

    public const string OwnAccount = """
        {
          "id": 7,
          "kind": "business",
          "name": "Acme Storage",
          "contactEmail": "billing@acme.example",
          "wallet": { "hex": "0x70997970C51812dc3A010C7d01b50e0d17dc79C8", "bech32": "st1wzvhju29zqfdcwsppsa6qkssaqtacj3uf8uzs2" },
          "status": "active",
          "statusNote": null,
          "monthlyLimitCents": 150000,
          "monthlyLimitUsd": "1500.00",
          "usedThisMonthCents": 2500,
          "usedThisMonthUsd": "25.00",
          "remainingThisMonthCents": 147500,
          "keyPrefix": "sbk_3f9c1d0e"
        }
        """;

    /// <summary>An endpoint's members but its secret (the created one and the listed one differ only there).</summary>
    private const string WebhookEndpoint = """
        "id": 3,
              "url": "https://hooks.example.com/stratosbridge",
              "events": ["credit.completed", "quote.payment_seen"],
              "status": "enabled",
              "statusNote": null,
              "failingSince": null,
              "previousSecretUntil": null,
              "createdAt": "2026-12-02T10:00:00+00:00"
        """;

    public const string WebhookCreated = $$"""
        { {{WebhookEndpoint}}, "secret": "whsec_Zm9yIGV4YW1wbGUgb25seTogbm90IGEgcmVhbCBzZWNyZXQ" }
        """;

    public const string Webhooks = $$"""
        { "endpoints": [ { {{WebhookEndpoint}}, "secret": null } ] }
        """;

    public const string WebhookRefused = """
        {
          "type": "https://tools.ietf.org/html/rfc4918#section-11.2",
          "title": "The webhook URL is refused",
          "status": 422,
          "detail": "10.1.2.3 is a private address: deliveries may not reach it",
          "code": "invalid-webhook-url",
          "traceId": "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"
        }
        """;

    public const string WebhookDeliveries = """
        {
          "deliveries": [
            {
              "id": 41,
              "eventId": "evt_0f1e2d3c4b5a69788796a5b4",
              "type": "credit.completed",
              "endpointId": 3,
              "redeliveryOf": null,
              "status": "delivered",
              "attempts": 2,
              "nextAttemptAt": "2026-12-02T10:00:30+00:00",
              "lastStatus": 200,
              "lastError": null,
              "createdAt": "2026-12-02T10:00:00+00:00",
              "deliveredAt": "2026-12-02T10:00:31+00:00",
              "recent": [
                { "at": "2026-12-02T10:00:31+00:00", "durationMs": 84, "statusCode": 200, "error": null, "response": "ok" }
              ]
            }
          ]
        }
        """;

    public const string ApiKeyCreated = """
        {
          "id": 12,
          "accountId": 7,
          "key": "sbk_3f9c1d0e…",
          "prefix": "sbk_3f9c1d0e",
          "label": "ci runner",
          "createdAt": "2026-12-02T10:00:00+00:00",
          "notice": "Store this key now: it is not shown again. …"
        }
        """;

    public const string ApiKeys = """
        {
          "keys": [
            {
              "id": 12,
              "prefix": "sbk_3f9c1d0e",
              "label": "ci runner",
              "status": "active",
              "createdAt": "2026-12-02T10:00:00+00:00",
              "lastUsedAt": "2026-12-02T10:05:00+00:00",
              "revokedAt": null
            }
          ]
        }
        """;
}

/// <summary>Route metadata: an example of the answer with <see cref="Status"/> (JSON text, from <see cref="ApiExamples"/>).</summary>
public sealed record DocumentedExample(int Status, string Json);
