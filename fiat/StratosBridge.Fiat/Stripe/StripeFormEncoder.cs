using System.Collections;
using System.Globalization;
using System.Text;

namespace StratosBridge.Fiat.Stripe;

/// <summary>
/// Encodes request parameters into the <c>application/x-www-form-urlencoded</c> body Stripe's API reads, with its
/// nested-key syntax: <c>metadata[quote_id]=q_1</c>, <c>line_items[0][price_data][currency]=usd</c>,
/// <c>expand[]=line_items</c>.
/// </summary>
/// <remarks>
/// Values: <see cref="string"/>; <see cref="bool"/> as <c>true</c>/<c>false</c>; integers (amounts are minor units);
/// <see cref="DateTimeOffset"/> as Unix seconds (Stripe's timestamps); a dictionary
/// (<c>IEnumerable&lt;KeyValuePair&lt;string, object?&gt;&gt;</c> or any <see cref="IDictionary"/> with string keys)
/// nests as <c>key[field]</c>; a list of scalars as <c>key[]=a&amp;key[]=b</c>; a list of dictionaries as
/// <c>key[0][field]</c> (stripe-ruby's convention, and the one Stripe's own curl examples use).
/// <c>null</c> values and empty lists or dictionaries are left out; send <c>""</c> to unset a field, as Stripe documents.
/// Anything else (<see cref="double"/>, <see cref="decimal"/>, …) is refused: a decimal amount goes as a string
/// (<c>unit_amount_decimal</c>), so nothing is ever rounded here.
/// Keys keep their structural brackets literal, as Stripe's libraries send them; every other byte outside
/// <c>A–Z a–z 0–9 - . _ ~</c> is percent-encoded from UTF-8, and a space is <c>+</c>.
/// </remarks>
public static class StripeFormEncoder
{
    public const string ContentType = "application/x-www-form-urlencoded";

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The encoded body, pairs joined by <c>&amp;</c> in the order given.</summary>
    public static string Encode(IEnumerable<KeyValuePair<string, object?>> parameters)
    {
        var body = new StringBuilder();
        foreach (var pair in Walk(parameters))
        {
            if (body.Length > 0) body.Append('&');
            body.Append(pair.EncodedKey).Append('=');
            AppendEscaped(body, pair.Value);
        }
        return body.ToString();
    }

    /// <summary>The flat (key, value) pairs before percent-encoding, e.g. (<c>metadata[quote_id]</c>, <c>q_1</c>).</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Flatten(IEnumerable<KeyValuePair<string, object?>> parameters) =>
        Walk(parameters).Select(pair => new KeyValuePair<string, string>(pair.Key, pair.Value)).ToList();

    private readonly record struct Pair(string Key, string EncodedKey, string Value);

    private static List<Pair> Walk(IEnumerable<KeyValuePair<string, object?>> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var pairs = new List<Pair>();
        foreach (var (name, value) in parameters)
        {
            if (string.IsNullOrEmpty(name)) throw new ArgumentException("A Stripe parameter name cannot be empty.", nameof(parameters));
            Add(pairs, name, Escape(name), value);
        }
        return pairs;
    }

    // key is the readable name (brackets and all), encodedKey the same with every name escaped and the brackets
    // we add kept literal; both grow together so a name that itself contains a bracket stays unambiguous.
    private static void Add(List<Pair> pairs, string key, string encodedKey, object? value)
    {
        switch (value)
        {
            case null:
                return;
            case string text:
                pairs.Add(new(key, encodedKey, text));
                return;
            case bool flag:
                pairs.Add(new(key, encodedKey, flag ? "true" : "false"));
                return;
            case sbyte or byte or short or ushort or int or uint or long or ulong:
                pairs.Add(new(key, encodedKey, ((IFormattable)value).ToString(null, CultureInfo.InvariantCulture)));
                return;
            case DateTimeOffset time:
                pairs.Add(new(key, encodedKey, time.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)));
                return;
            case IEnumerable<KeyValuePair<string, object?>> fields:
                foreach (var (field, fieldValue) in fields) AddField(pairs, key, encodedKey, field, fieldValue);
                return;
            case IDictionary dictionary:
                foreach (DictionaryEntry entry in dictionary)
                {
                    if (entry.Key is not string field) throw new ArgumentException($"Parameter '{key}' has a non-string key.", nameof(value));
                    AddField(pairs, key, encodedKey, field, entry.Value);
                }
                return;
            case IEnumerable items:
                var index = 0;
                foreach (var item in items)
                {
                    if (item is IEnumerable<KeyValuePair<string, object?>> or IDictionary)
                    {
                        var i = index.ToString(CultureInfo.InvariantCulture);
                        Add(pairs, $"{key}[{i}]", $"{encodedKey}[{i}]", item);
                    }
                    else if (item is IEnumerable and not string)
                    {
                        throw new ArgumentException($"Parameter '{key}' is a list of lists, which Stripe does not take.", nameof(value));
                    }
                    else
                    {
                        Add(pairs, key + "[]", encodedKey + "[]", item);
                    }
                    index++;
                }
                return;
            default:
                throw new ArgumentException($"Parameter '{key}' has a value of type {value.GetType().Name}, which Stripe's form encoding here does not take.", nameof(value));
        }
    }

    private static void AddField(List<Pair> pairs, string key, string encodedKey, string field, object? value)
    {
        if (string.IsNullOrEmpty(field)) throw new ArgumentException($"Parameter '{key}' has an empty field name.", nameof(field));
        Add(pairs, $"{key}[{field}]", $"{encodedKey}[{Escape(field)}]", value);
    }

    private static string Escape(string text)
    {
        var builder = new StringBuilder(text.Length);
        AppendEscaped(builder, text);
        return builder.ToString();
    }

    private static void AppendEscaped(StringBuilder body, string text)
    {
        foreach (var b in StrictUtf8.GetBytes(text))
        {
            var c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' or '~') body.Append(c);
            else if (c == ' ') body.Append('+');
            else body.Append('%').Append(HexUpper[b >> 4]).Append(HexUpper[b & 0xF]);
        }
    }

    private const string HexUpper = "0123456789ABCDEF";
}
