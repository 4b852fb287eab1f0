using StratosBridge.Chains.Evm.Rpc;

namespace StratosBridge.Chains.Evm.Contracts;

/// <summary>
/// A decoded <c>StosVault.ReleaseConflict</c>: a batch entry whose id the vault had already used with other content
/// (another recipient or amount, or <see cref="StosVaultContract.Cancelled"/>). Never "done": an alarm for a person.
/// </summary>
public sealed record VaultReleaseConflict(byte[] SourceEventId, byte[] UsedContent, byte[] Content, EvmLog Log);
