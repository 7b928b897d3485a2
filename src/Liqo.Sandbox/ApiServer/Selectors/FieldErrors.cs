using System.Text.Json;
using Liqo.Sandbox.ApiServer.Go;

namespace Liqo.Sandbox.ApiServer.Selectors;

/// <summary>
/// The text of Kubernetes field errors (<c>field.Error.Error()</c>) and of their aggregate, as they reach a client
/// inside a selector parse message.
/// </summary>
internal static class FieldErrors
{
    /// <summary>The path a parser without a field path prints: Go's nil *field.Path stringifies as "&lt;nil&gt;".</summary>
    public const string NilPath = "<nil>";

    public static string Invalid(string path, string value, string detail) =>
        $"{path}: Invalid value: {Strconv.Quote(value)}{(detail.Length > 0 ? ": " + detail : "")}";

    public static string Invalid(string path, IReadOnlyList<string> values, string detail) =>
        $"{path}: Invalid value: {JsonSerializer.Serialize(values)}{(detail.Length > 0 ? ": " + detail : "")}";

    /// <summary>utilerrors.Aggregate: one message alone, several de-duplicated inside brackets.</summary>
    public static string Aggregate(IReadOnlyList<string> messages)
    {
        var distinct = messages.Distinct(StringComparer.Ordinal).ToList();
        return distinct.Count == 1 ? distinct[0] : "[" + string.Join(", ", distinct) + "]";
    }
}
