namespace StratosBridge.Api.Grants;

/// <summary>
/// A last check of a claim before it is decided: plug in a proof of work or a captcha verifier by registering an
/// implementation (<c>services.AddSingleton&lt;IGrantClaimGate, MyCaptchaGate&gt;()</c>). It sees the request and the
/// claim's <c>proof</c> field (whatever the client sent: a captcha token, a work nonce). The default lets every claim
/// through (<see cref="OpenGrantClaimGate"/>). A refusal is answered 403 <c>grant-gate-refused</c> with its reason.
/// </summary>
public interface IGrantClaimGate
{
    /// <summary>Null to let the claim through; otherwise the reason it is refused, shown to the caller.</summary>
    ValueTask<string?> RefuseAsync(HttpContext context, string programId, string walletHex, string? proof, CancellationToken ct);
}
