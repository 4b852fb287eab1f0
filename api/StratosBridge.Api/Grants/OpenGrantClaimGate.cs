namespace StratosBridge.Api.Grants;

/// <summary>The default <see cref="IGrantClaimGate"/>: no proof asked, every claim goes on to the budget and the rules.</summary>
public sealed class OpenGrantClaimGate : IGrantClaimGate
{
    public ValueTask<string?> RefuseAsync(HttpContext context, string programId, string walletHex, string? proof, CancellationToken ct) =>
        ValueTask.FromResult<string?>(null);
}
