namespace StratosBridge.Relayer.Configuration;

/// <summary>A configuration value that stops start-up; the message begins with the key.</summary>
public sealed class ConfigurationKeyException(string key, string problem) : Exception($"{key}: {problem}")
{
    public string Key { get; } = key;
}
