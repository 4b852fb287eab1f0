using System.Text.Json;
using System.Text.Json.Nodes;

namespace StratosBridge.Chains.Evm.Rpc;

/// <summary>
/// One JSON-RPC request and how to read its result, sent with <see cref="EvmRpcClient.SendAsync{T}"/>. The typed ones come from <see cref="EvmRpcRequests"/>; build others
/// (debug_*, anvil_*) with this constructor.
/// </summary>
public sealed class EvmRpcRequest<T>
{
    private readonly Func<JsonElement, T> _parseResult;

    /// <param name="parseResult">Reads the <c>result</c> member (which may be JSON null); must not keep the element.</param>
    public EvmRpcRequest(string method, JsonArray parameters, Func<JsonElement, T> parseResult)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(method);
        Method = method;
        Parameters = parameters;
        _parseResult = parseResult;
    }

    public string Method { get; }

    /// <summary>The params array; written out (not attached) on every attempt, so a request can be sent again.</summary>
    public JsonArray Parameters { get; }

    /// <summary>Reads a result; a result of the wrong shape becomes a permanent <see cref="EvmRpcErrorKind.InvalidResponse"/>.</summary>
    internal T ParseResult(JsonElement result)
    {
        try
        {
            return _parseResult(result);
        }
        catch (Exception e) when (e is FormatException or InvalidOperationException or KeyNotFoundException
                                      or OverflowException or ArgumentException)
        {
            throw EvmRpcErrors.UnexpectedResult(Method, e);
        }
    }

    internal void Write(Utf8JsonWriter writer, long id)
    {
        writer.WriteStartObject();
        writer.WriteString("jsonrpc", "2.0");
        writer.WriteNumber("id", id);
        writer.WriteString("method", Method);
        writer.WritePropertyName("params");
        Parameters.WriteTo(writer);
        writer.WriteEndObject();
    }
}
