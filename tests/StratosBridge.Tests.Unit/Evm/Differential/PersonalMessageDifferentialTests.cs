using StratosBridge.Chains.Evm;
using StratosBridge.Chains.Evm.Signing;
using StratosBridge.Core.Grants;

namespace StratosBridge.Tests.Unit.Evm.Differential;

/// <summary>Our EIP-191 personal_sign (what a grant claim's wallet signs) agrees with <c>cast wallet sign</c> both ways.</summary>
[Collection(CastCollection.Name)]
public class PersonalMessageDifferentialTests
{
    [Fact]
    public async Task Personal_sign_agrees_with_cast_wallet_sign_and_cast_signatures_recover_to_the_wallet()
    {
        var seed = Differential.Seed(2101);
        var random = new EvmRandom(seed);
        var secrets = Enumerable.Range(0, 6).Select(_ => random.PrivateKey()).ToArray();
        var cases = secrets.Select((secret, i) => (Secret: secret, Key: EthKey.FromBytes(secret), Message: i switch
        {
            0 => "",
            1 => "hello",
            2 => "Ünïcödé ✓ 🚀",
            _ => GrantChallengeText.For("StratosBridge", "drive-welcome", "Stratos Drive welcome", EthKey.FromBytes(secret).Address.ToLowerHex(),
                Chains.Stratos.StratosAddress.FromEvm(EthKey.FromBytes(secret).Address).Bech32, new Guid(random.Bytes(16)), DateTimeOffset.UnixEpoch.AddDays(20_000 + i)),
        })).ToArray();
        await Differential.RunAsync("personal_sign", seed, cases, c => $"key {c.Key.Address} message {c.Message}", async c =>
        {
            var theirs = await Cast.RunAsync("wallet", "sign", "--private-key", Hex.Encode(c.Secret), c.Message);
            var ours = PersonalMessage.Sign(c.Key, c.Message);
            if (theirs != ours)
            {
                return $"cast {theirs}, ours {ours}";
            }
            return PersonalMessage.TryRecover(c.Message, theirs, out var signer, out var error) && signer == c.Key.Address
                ? null
                : $"cast's signature recovers to {signer} ({error}), not {c.Key.Address}";
        });
    }
}
