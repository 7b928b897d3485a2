namespace Liqo.Sandbox.ApiServer.Patch;

/// <summary>A schema position of a built-in kind, described in <see cref="BuiltInSchemas"/>.</summary>
internal sealed class BuiltInSchemaNode : PatchSchemaNode
{
    /// <summary>Declared struct fields that need a description (others are unknown).</summary>
    public IReadOnlyDictionary<string, PatchSchemaNode>? Fields { get; init; }

    /// <summary>For a map (labels, data, nodeSelector): the schema of its values; its keys are not named fields.</summary>
    public PatchSchemaNode? MapValues { get; init; }

    /// <summary>For a list: the schema of its items.</summary>
    public PatchSchemaNode? Items { get; init; }

    public ListType List { get; init; }

    public IReadOnlyList<string> Keys { get; init; } = [];

    public bool SmpMerge { get; init; }

    public string? SmpKey { get; init; }

    public bool Atomic { get; init; }

    public override PatchSchemaNode Child(string name) =>
        Fields is not null && Fields.TryGetValue(name, out var field) ? field : MapValues ?? Unknown;

    public override PatchSchemaNode Item => Items ?? Unknown;

    public override ListType ListType => List;

    public override IReadOnlyList<string> MapKeys => Keys;

    public override bool SmpMergeList => SmpMerge;

    public override string? SmpMergeKey => SmpKey;

    public override bool AtomicObject => Atomic;

    public override bool IsNamedField(string name) => MapValues is null || (Fields?.ContainsKey(name) ?? false);
}
