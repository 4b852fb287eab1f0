namespace StratosBridge.Tests.Integration.Api;

/// <summary>
/// The chains the API tests configure: ethereum by the node's finalized tag (12 s blocks), bsc by 3 confirmations
/// (3 s blocks), stratos final on commit (5 s blocks). The RPC URLs carry a provider key that must never be shown.
/// </summary>
public static class ApiChains
{
    public const string ProviderKey = "pk-live-3f9c1d0e8b7a6f5e4d3c2b1a";

    public const string EthereumVault = "0x5FbDB2315678afecb367f032d93F642f64180aa3";
    public const string StosToken = "0x08c32b0726C5684024ea6e141C50aDe9690bBdcc";
    public const string EthereumOzonePayments = "0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512";
    public const string BscVault = "0x9fE46736679d2D9a65F0992F2272dE9f3c7fa6e0";
    public const string StratosVaultForEthereum = "0xCf7Ed3AccA5a467e9e704C703E8D87F634fB0Fc9";
    public const string StratosVaultForBsc = "0xDc64a140Aa3E981100a9becA4E685f962f0cF6C9";
    public const string SystemContract = "0x1000000000000000000000000000000000010101";

    public static string RpcUrl(string chain) => $"https://{chain}.rpc.example/v3/{ProviderKey}";

    /// <summary>Configuration keys as an operator would set them (addresses in lower case: the API shows EIP-55).</summary>
    public static IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Chains:ethereum:ChainId"] = "1",
        ["Chains:ethereum:RpcUrl"] = RpcUrl("ethereum"),
        ["Chains:ethereum:BlockTime"] = "00:00:12",
        ["Chains:ethereum:Contracts:FromBlock"] = "42",
        ["Chains:ethereum:Contracts:Vaults:stratos"] = EthereumVault.ToLowerInvariant(),
        ["Chains:ethereum:Contracts:StosToken"] = StosToken.ToLowerInvariant(),
        ["Chains:ethereum:Contracts:OzonePayments"] = EthereumOzonePayments.ToLowerInvariant(),
        ["Chains:bsc:ChainId"] = "56",
        ["Chains:bsc:RpcUrl"] = RpcUrl("bsc"),
        ["Chains:bsc:BlockTime"] = "00:00:03",
        ["Chains:bsc:Confirmations"] = "3",
        ["Chains:bsc:Contracts:Vaults:stratos"] = BscVault,
        ["Chains:stratos:ChainId"] = "2048",
        ["Chains:stratos:RpcUrl"] = RpcUrl("stratos"),
        ["Chains:stratos:BlockTime"] = "00:00:05",
        ["Chains:stratos:Confirmations"] = "0",
        ["Chains:stratos:Contracts:Vaults:ethereum"] = StratosVaultForEthereum,
        ["Chains:stratos:Contracts:Vaults:bsc"] = StratosVaultForBsc,
        ["Chains:stratos:Contracts:SystemContract"] = SystemContract,
    };
}
