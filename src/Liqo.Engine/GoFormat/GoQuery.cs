namespace Liqo.Engine.GoFormat;

/// <summary>
/// liqoctl's <c>--get</c> (info/utils.go sPrintField): the first segment picks a section by its exact key, each later
/// segment a struct field by its Go name, case-insensitively; a zero value is "not found"; slices, maps and pointers
/// cannot be entered ("is not an object"). Structs, slices and maps print as YAML (JSON with -o json), anything else
/// with fmt.Sprint.
/// </summary>
internal static class GoQuery
{
    public static string SPrintField(string query, IReadOnlyDictionary<string, GoValue> data, IReadOnlyDictionary<string, string>? shortcuts,
        MachineFormat format)
    {
        if (shortcuts is not null && shortcuts.TryGetValue(query.ToLowerInvariant(), out var shortcut)) query = shortcut;
        if (query.StartsWith('.')) query = query[1..];
        var fields = query.Split('.');
        if (!data.TryGetValue(fields[0], out var current))
            throw InvalidQuery(query, $"{GoText.Quote(fields[0])} not found");
        for (var i = 1; i < fields.Length; i++)
        {
            if (current is not GoStruct st)
                throw InvalidQuery(query, $"{GoText.Quote(fields[i - 1])} is not an object");
            var matches = st.Fields.Where(f => string.Equals(f.Name, fields[i], StringComparison.OrdinalIgnoreCase)).ToList();
            // reflect's FieldByNameFunc finds nothing when two fields match
            if (matches.Count != 1 || matches[0].Value.IsZero)
                throw InvalidQuery(query, $"{GoText.Quote(fields[i])} not found");
            current = matches[0].Value;
        }
        return current is GoStruct or GoSlice or GoMap ? Machine(current, format) : GoText.Sprint(current);
    }

    /// <summary>The machine-readable form liqoctl prints: json.MarshalIndent or sigs.k8s.io/yaml (no trailing newline).</summary>
    public static string Machine(GoValue value, MachineFormat format) =>
        format == MachineFormat.Json ? GoJson.MarshalIndent(value) : GoYaml.Marshal(value).TrimEnd('\n');

    private static LiqoException InvalidQuery(string query, string what) =>
        new(ErrorIds.InvalidQuery, LiqoErrorCategory.InvalidArgument, query, $"invalid query {GoText.Quote(query)}: {what}",
            "Name a section (local, health, network, peerings; for peers: info, network, authentication, offloading) and then " +
            "the fields below it, separated by dots, e.g. local.clusterid or network.cidrs.remote.");
}
