using System.Globalization;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Liqo.Sandbox.Tests.Schema;

/// <summary>
/// Converts YAML to <see cref="JsonNode"/> the way sigs.k8s.io/yaml does for Kubernetes manifests: plain scalars
/// resolve to null, booleans (YAML 1.1 spellings included), integers and floats; quoted and block scalars stay strings.
/// </summary>
internal static class YamlJson
{
    public static List<JsonNode?> LoadAll(string yaml)
    {
        // Built from the parser's event stream: much faster than YamlDotNet's representation model on the
        // 800 KB CRDs.
        var parser = new Parser(new StringReader(yaml));
        var documents = new List<JsonNode?>();
        parser.Consume<StreamStart>();
        while (parser.TryConsume<DocumentStart>(out _))
        {
            documents.Add(ReadNode(parser));
            parser.Consume<DocumentEnd>();
        }
        parser.Consume<StreamEnd>();
        return documents;
    }

    public static JsonObject LoadObject(string yaml) =>
        LoadAll(yaml).Single() as JsonObject ?? throw new InvalidOperationException("the YAML document is not a mapping");

    private static JsonNode? ReadNode(IParser parser)
    {
        if (parser.TryConsume<Scalar>(out var scalar)) return Scalar(scalar);
        if (parser.TryConsume<MappingStart>(out _))
        {
            var obj = new JsonObject();
            while (!parser.TryConsume<MappingEnd>(out _))
            {
                var key = parser.Consume<Scalar>().Value;
                obj[key] = ReadNode(parser);
            }
            return obj;
        }
        if (parser.TryConsume<SequenceStart>(out _))
        {
            var arr = new JsonArray();
            while (!parser.TryConsume<SequenceEnd>(out _)) arr.Add(ReadNode(parser));
            return arr;
        }
        throw new InvalidOperationException("unsupported YAML construct " + parser.Current);
    }

    private static JsonNode? Scalar(Scalar scalar)
    {
        var text = scalar.Value;
        if (scalar.Style != ScalarStyle.Plain || (!scalar.Tag.IsEmpty && !scalar.Tag.IsNonSpecific && scalar.Tag.Value is "tag:yaml.org,2002:str" or "!!str"))
            return JsonValue.Create(text);
        switch (text)
        {
            case "" or "~" or "null" or "Null" or "NULL":
                return null;
            case "true" or "True" or "TRUE" or "yes" or "Yes" or "YES" or "on" or "On" or "ON" or "y" or "Y":
                return JsonValue.Create(true);
            case "false" or "False" or "FALSE" or "no" or "No" or "NO" or "off" or "Off" or "OFF" or "n" or "N":
                return JsonValue.Create(false);
        }
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l))
            return JsonValue.Create(l);
        if (text.StartsWith("0x", StringComparison.Ordinal) && long.TryParse(text[2..], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var hex))
            return JsonValue.Create(hex);
        if (IsFloat(text) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d))
            return JsonValue.Create(d);
        return JsonValue.Create(text);
    }

    private static bool IsFloat(string s)
    {
        var i = 0;
        if (i < s.Length && s[i] is '+' or '-') i++;
        var digits = 0;
        while (i < s.Length && char.IsAsciiDigit(s[i])) { i++; digits++; }
        if (i < s.Length && s[i] == '.')
        {
            i++;
            while (i < s.Length && char.IsAsciiDigit(s[i])) { i++; digits++; }
        }
        if (digits == 0) return false;
        if (i < s.Length && s[i] is 'e' or 'E')
        {
            i++;
            if (i < s.Length && s[i] is '+' or '-') i++;
            var exp = 0;
            while (i < s.Length && char.IsAsciiDigit(s[i])) { i++; exp++; }
            if (exp == 0) return false;
        }
        return i == s.Length;
    }
}
