namespace StratosBridge.Tests.Unit.Evm.Differential;

/// <summary>
/// The differential tests share one collection so that they run one after another, each with a bounded number
/// of concurrent cast processes (<see cref="Differential.Parallelism"/>), instead of all at once.
/// </summary>
[CollectionDefinition(Name)]
public sealed class CastCollection
{
    public const string Name = "cast differential";
}
