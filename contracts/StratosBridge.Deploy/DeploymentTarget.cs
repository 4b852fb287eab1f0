namespace StratosBridge.Deploy;

/// <summary>One chain to deploy to: its configuration name (ethereum, bsc, stratos) and JSON-RPC URL.</summary>
public sealed record DeploymentTarget(string Name, Uri RpcUrl);
