namespace Liqo.Sandbox.ApiServer.Schema;

/// <summary>
/// apimachinery's field.Path rendering, on strings: null is the nil path (printed <c>&lt;nil&gt;</c>), children are
/// joined with dots, map keys and list indexes are bracketed.
/// </summary>
internal static class ValidationFieldPath
{
    public static string Child(string? path, string name) => path is null ? name : path + "." + name;

    public static string Key(string? path, string key) => (path ?? "") + "[" + key + "]";

    public static string Index(string? path, int index) =>
        (path ?? "") + "[" + index.ToString(System.Globalization.CultureInfo.InvariantCulture) + "]";

    public static string Render(string? path) => path ?? "<nil>";

    /// <summary>
    /// The field of an error kube-openapi reports under <paramref name="name"/> (its own dotted path): the nil path
    /// when empty, else the name without one leading dot.
    /// </summary>
    public static string FromOpenApiName(string name) =>
        name.Length == 0 || name == "." ? "<nil>" : name.StartsWith('.') ? name[1..] : name;
}
