using System.Numerics;

namespace StratosBridge.Chains.Stratos.Sds;

/// <summary>
/// A wallet's Ozone balance as an SDS meta node reports it: <paramref name="Noz"/> (1 OZ = 10^9 noz) and the wallet's
/// current <paramref name="SequenceNumber"/> (SDS signs uploads and downloads with it).
/// </summary>
public sealed record SdsOzoneBalance(BigInteger Noz, string? SequenceNumber);
