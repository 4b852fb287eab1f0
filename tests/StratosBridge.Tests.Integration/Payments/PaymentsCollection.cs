namespace StratosBridge.Tests.Integration.Payments;

/// <summary>The payment tests share one set of chains, price fakes and Stratos companion; each test has its own ledger and service.</summary>
[CollectionDefinition(Name)]
public sealed class PaymentsCollection : ICollectionFixture<PaymentsFixture>
{
    public const string Name = "payments";
}
