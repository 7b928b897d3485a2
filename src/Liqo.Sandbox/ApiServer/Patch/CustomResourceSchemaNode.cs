namespace Liqo.Sandbox.ApiServer.Patch;

/// <summary>
/// A schema position of a custom resource. Only list-map keys are known (from the CRD's structural schema through
/// the caller's callback, by dotted path with array levels skipped, e.g. <c>spec.endpoints</c>); every other list is
/// atomic and every object key counts as a named field. <c>metadata</c> at the root is ObjectMeta.
/// </summary>
internal sealed class CustomResourceSchemaNode(string path, Func<string, IReadOnlyList<string>?> listMapKeys)
    : PatchSchemaNode
{
    private IReadOnlyList<string>? keys;
    private bool resolved;

    public override PatchSchemaNode Child(string name) =>
        path.Length == 0 && name == "metadata"
            ? BuiltInSchemas.ObjectMeta
            : new CustomResourceSchemaNode(path.Length == 0 ? name : path + "." + name, listMapKeys);

    public override PatchSchemaNode Item => this;

    public override ListType ListType => Keys is { Count: > 0 } ? ListType.Map : ListType.Atomic;

    public override IReadOnlyList<string> MapKeys => Keys ?? [];

    private IReadOnlyList<string>? Keys
    {
        get
        {
            if (!resolved)
            {
                keys = path.Length == 0 ? null : listMapKeys(path);
                resolved = true;
            }
            return keys;
        }
    }
}
