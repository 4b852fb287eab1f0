namespace StratosBridge.Chains.Evm.Abi;

/// <summary>The kinds of Solidity ABI types this layer supports (no fixed-point, no function pointers).</summary>
public enum AbiTypeKind
{
    /// <summary>uint&lt;M&gt;, M = 8…256 in steps of 8; values are <see cref="System.Numerics.BigInteger"/>.</summary>
    UInt,

    /// <summary>int&lt;M&gt;, two's complement; values are <see cref="System.Numerics.BigInteger"/>.</summary>
    Int,

    /// <summary>address; values are <see cref="EthAddress"/>.</summary>
    Address,

    /// <summary>bool.</summary>
    Bool,

    /// <summary>bytes&lt;M&gt;, M = 1…32; values are byte[] of exactly M bytes.</summary>
    FixedBytes,

    /// <summary>bytes (dynamic); values are byte[].</summary>
    Bytes,

    /// <summary>string (UTF-8); values are <see cref="string"/>.</summary>
    String,

    /// <summary>T[] (dynamic length); values are lists, decoded as object?[].</summary>
    Array,

    /// <summary>T[k]; values are lists of exactly k elements, decoded as object?[].</summary>
    FixedArray,

    /// <summary>(T1,…,Tn); values are lists of n elements, decoded as object?[].</summary>
    Tuple,
}
