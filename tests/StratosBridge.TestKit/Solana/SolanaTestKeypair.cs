namespace StratosBridge.TestKit.Solana;

/// <summary>An Ed25519 keypair made by @solana/kit for a test: the 32-byte seed (base64) and its address (base58).</summary>
public sealed record SolanaTestKeypair(string Seed, string Address);
