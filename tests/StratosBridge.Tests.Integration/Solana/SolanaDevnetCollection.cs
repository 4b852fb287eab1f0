namespace StratosBridge.Tests.Integration.Solana;

[CollectionDefinition(SolanaDevnetFixture.Collection)]
public sealed class SolanaDevnetCollection : ICollectionFixture<SolanaDevnetFixture>;
