using System.Text;

namespace StratosBridge.TestKit.Stripe;

/// <summary>
/// An event the fake produced: <see cref="Json"/> is the exact body it serves on <c>GET /v1/events/{id}</c> and delivers
/// to webhook endpoints, with the snapshot of <see cref="ObjectId"/> as it was when the event happened.
/// </summary>
public sealed record StripeFakeEvent(string Id, string Type, string ObjectId, string Json)
{
    /// <summary>The body's UTF-8 bytes, as signed and sent.</summary>
    public byte[] Body => Encoding.UTF8.GetBytes(Json);
}
