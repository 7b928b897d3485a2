namespace Liqo.Sandbox.ApiServer.Patch;

/// <summary>A schema position of a built-in kind, described in <see cref="BuiltInSchemas"/>.</summary>
internal sealed class BuiltInSchemaNode : SchemaNode
{
    /// <summary>Declared struct fields that need a description (others are unknown).</summary>
    public IReadOnlyDictionary<string, SchemaNode>? Fields { get; init; }

    /// <summary>For a map (labels, data, nodeSelector): the schema of its values; its keys are not named fields.</summary>
    public SchemaNode? MapValues { get; init; }

    /// <summary>For a list: the schema of its items.</summary>
    public SchemaNode? Items { get; init; }

    public ListType List { get; init; }

    public IReadOnlyList<string> Keys { get; init; } = [];

    public bool SmpMerge { get; init; }

    public string? SmpKey { get; init; }

    public bool Atomic { get; init; }

    public override SchemaNode Child(string name) =>
        Fields is not null && Fields.TryGetValue(name, out var field) ? field : MapValues ?? Unknown;

    public override SchemaNode Item => Items ?? Unknown;

    public override ListType ListType => List;

    public override IReadOnlyList<string> MapKeys => Keys;

    public override bool SmpMergeList => SmpMerge;

    public override string? SmpMergeKey => SmpKey;

    public override bool AtomicObject => Atomic;

    public override bool IsNamedField(string name) => MapValues is null || (Fields?.ContainsKey(name) ?? false);
}
