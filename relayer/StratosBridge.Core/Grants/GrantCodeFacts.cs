using System.Numerics;

namespace StratosBridge.Core.Grants;

/// <summary>A campaign code a claim names, as stored: <see cref="Exists"/> false when the program has no such code.</summary>
public sealed record GrantCodeFacts(string Code, bool Exists, BigInteger ExtraNoz, int Uses, int MaxUses, DateTimeOffset ExpiresAt);
