namespace Liqo.Engine.GoFormat;

/// <summary>
/// A value as liqoctl holds it in Go before it prints it: the machine formats (encoding/json, sigs.k8s.io/yaml) and
/// <c>--get</c> (reflection on Go struct fields) each depend on what Go can tell apart here: a nil slice or map from an
/// empty one, a nil pointer, a struct field's Go name from its JSON name and omitempty tag.
/// </summary>
internal abstract record GoValue
{
    /// <summary>reflect.Value.IsZero: "", false, 0, nil slice/map/pointer, or a struct whose fields are all zero.</summary>
    public abstract bool IsZero { get; }

    /// <summary>encoding/json's omitempty test: "", false, 0, nil pointer, or a slice/map of length 0.</summary>
    public abstract bool IsEmpty { get; }
}

internal sealed record GoString(string Value) : GoValue
{
    public override bool IsZero => Value.Length == 0;
    public override bool IsEmpty => IsZero;
}

internal sealed record GoBool(bool Value) : GoValue
{
    public override bool IsZero => !Value;
    public override bool IsEmpty => IsZero;
}

internal sealed record GoInt(long Value) : GoValue
{
    public override bool IsZero => Value == 0;
    public override bool IsEmpty => IsZero;
}

/// <summary>A slice; <see cref="Items"/> null is a nil slice (JSON null), an empty list is an empty slice (JSON []).</summary>
internal sealed record GoSlice(IReadOnlyList<GoValue>? Items) : GoValue
{
    public override bool IsZero => Items is null;
    public override bool IsEmpty => Items is null || Items.Count == 0;

    public static GoSlice Of(IEnumerable<string>? strings) => new(strings?.Select(s => (GoValue)new GoString(s)).ToList());
}

/// <summary>A map with string keys; <see cref="Entries"/> null is a nil map. Go prints maps with sorted keys.</summary>
internal sealed record GoMap(IReadOnlyList<KeyValuePair<string, GoValue>>? Entries) : GoValue
{
    public override bool IsZero => Entries is null;
    public override bool IsEmpty => Entries is null || Entries.Count == 0;

    public static GoMap Of(IEnumerable<KeyValuePair<string, string>>? entries) =>
        new(entries?.Select(e => new KeyValuePair<string, GoValue>(e.Key, new GoString(e.Value))).ToList());
}

/// <summary>A pointer; <see cref="Target"/> null is a nil pointer.</summary>
internal sealed record GoPointer(GoValue? Target) : GoValue
{
    public override bool IsZero => Target is null;
    public override bool IsEmpty => Target is null;
}

/// <summary>A struct: its exported fields in declaration order.</summary>
internal sealed record GoStruct(IReadOnlyList<GoField> Fields) : GoValue
{
    public GoStruct(params GoField[] fields) : this((IReadOnlyList<GoField>)fields) { }

    public override bool IsZero => Fields.All(f => f.Value.IsZero);

    // encoding/json never omits a struct value
    public override bool IsEmpty => false;
}

/// <summary>
/// One struct field: its Go name (what <c>--get</c> matches), its JSON name (the Go name when the field has no json tag,
/// as APIServerAddr and CIDRs in liqoctl) and whether the tag says omitempty.
/// </summary>
internal sealed record GoField(string Name, string? JsonName, bool OmitEmpty, GoValue Value)
{
    public string Key => JsonName ?? Name;
}
