using System.Text.Json;

namespace StratosBridge.Chains.Evm.Contracts;

/// <summary>
/// One compiled contract from <c>contracts/artifacts/&lt;Name&gt;.json</c> (written by <c>contracts/build</c>):
/// its ABI as JSON, creation bytecode and runtime bytecode.
/// </summary>
public sealed class ContractArtifact
{
    private ContractArtifact(string name, JsonElement abi, byte[] bytecode, byte[] deployedBytecode)
    {
        Name = name;
        Abi = abi;
        Bytecode = bytecode;
        DeployedBytecode = deployedBytecode;
    }

    public string Name { get; }

    /// <summary>The ABI array as solc wrote it.</summary>
    public JsonElement Abi { get; }

    /// <summary>Creation code; append the ABI-encoded constructor arguments to deploy.</summary>
    public byte[] Bytecode { get; }

    /// <summary>Runtime code (immutables appear as zeros).</summary>
    public byte[] DeployedBytecode { get; }

    /// <summary>Loads <c>{artifactsDirectory}/{name}.json</c>. Throws <see cref="FileNotFoundException"/> or <see cref="FormatException"/>.</summary>
    public static ContractArtifact Load(string artifactsDirectory, string name)
    {
        var path = Path.Combine(artifactsDirectory, name + ".json");
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"no contract artifact {name} at {path} (run contracts/build)", path);
        }
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        var root = doc.RootElement;
        try
        {
            return new ContractArtifact(root.GetProperty("contractName").GetString()!, root.GetProperty("abi").Clone(),
                Hex.Decode(root.GetProperty("bytecode").GetString()!), Hex.Decode(root.GetProperty("deployedBytecode").GetString()!));
        }
        catch (Exception e) when (e is KeyNotFoundException or InvalidOperationException)
        {
            throw new FormatException($"{path} is not a contract artifact: {e.Message}", e);
        }
    }
}
