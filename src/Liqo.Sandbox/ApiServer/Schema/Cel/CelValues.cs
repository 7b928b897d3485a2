namespace Liqo.Sandbox.ApiServer.Schema.Cel;

// The CEL runtime value model. A value is one of: bool, long (int), ulong (uint), double, string,
// byte[] (bytes), CelNull, CelList, CelMap, CelOptional, or CelError (an error travelling as a value so
// that && and || can absorb it, as CEL specifies).

/// <summary>The CEL <c>null</c>.</summary>
internal sealed class CelNull
{
    public static readonly CelNull Value = new();

    private CelNull() { }

    public override string ToString() => "null";
}

/// <summary>A CEL list.</summary>
internal sealed class CelList(IReadOnlyList<object> items)
{
    public IReadOnlyList<object> Items { get; } = items;
}

/// <summary>A CEL map with insertion-ordered entries; keys are string, long, ulong or bool.</summary>
internal sealed class CelMap
{
    private readonly List<KeyValuePair<object, object>> _entries = [];
    private readonly Dictionary<string, int>? _stringIndex;

    public CelMap(IEnumerable<KeyValuePair<object, object>> items)
    {
        foreach (var e in items)
        {
            _entries.Add(e);
        }
        if (_entries.Count > 8 && _entries.All(e => e.Key is string))
        {
            _stringIndex = new Dictionary<string, int>(StringComparer.Ordinal);
            for (var i = 0; i < _entries.Count; i++) _stringIndex[(string)_entries[i].Key] = i;
        }
    }

    public IReadOnlyList<KeyValuePair<object, object>> Entries => _entries;

    public int Count => _entries.Count;

    public bool TryGet(object key, out object value)
    {
        if (_stringIndex is not null && key is string s)
        {
            if (_stringIndex.TryGetValue(s, out var idx))
            {
                value = _entries[idx].Value;
                return true;
            }
            value = CelNull.Value;
            return false;
        }
        foreach (var e in _entries)
        {
            if (CelOps.KeyEquals(e.Key, key))
            {
                value = e.Value;
                return true;
            }
        }
        value = CelNull.Value;
        return false;
    }
}

/// <summary>A CEL optional value (<c>optional.of(x)</c> or <c>optional.none()</c>).</summary>
internal sealed class CelOptional
{
    public static readonly CelOptional None = new(null);

    public CelOptional(object? value) => Value = value;

    /// <summary>The wrapped value, or null for none.</summary>
    public object? Value { get; }

    public bool HasValue => Value is not null;
}

/// <summary>A CEL evaluation error, carried as a value.</summary>
internal sealed class CelError(string message)
{
    public string Message { get; } = message;

    public static CelError NoSuchOverload() => new("no such overload");

    public override string ToString() => Message;
}
