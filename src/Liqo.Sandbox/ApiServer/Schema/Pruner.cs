using System.Collections.Frozen;
using System.Text.Json.Nodes;

namespace Liqo.Sandbox.ApiServer.Schema;

/// <summary>
/// Removes fields the schema does not declare, as the API server does before storing a custom resource:
/// x-kubernetes-preserve-unknown-fields keeps unknown fields at that level, additionalProperties keeps every key,
/// and resource roots (the object itself and x-kubernetes-embedded-resource objects) keep apiVersion, kind and
/// metadata, with metadata reduced to ObjectMeta's fields.
/// </summary>
internal sealed class Pruner
{
    private static readonly FrozenSet<string> ObjectMetaFields = new[] {
        "name", "generateName", "namespace", "selfLink", "uid", "resourceVersion", "generation", "creationTimestamp",
        "deletionTimestamp", "deletionGracePeriodSeconds", "labels", "annotations", "ownerReferences", "finalizers",
        "managedFields",
    }.ToFrozenSet(StringComparer.Ordinal);

    private static readonly FrozenSet<string> OwnerReferenceFields = new[] {
        "apiVersion", "kind", "name", "uid", "controller", "blockOwnerDeletion",
    }.ToFrozenSet(StringComparer.Ordinal);

    private static readonly FrozenSet<string> ManagedFieldsEntryFields = new[] {
        "manager", "operation", "apiVersion", "time", "fieldsType", "fieldsV1", "subresource",
    }.ToFrozenSet(StringComparer.Ordinal);

    private readonly List<string> pruned = [];
    private readonly List<string> prunedMetadata = [];

    /// <summary>
    /// The removed paths as the API server reports them: the schema-pruned ones sorted (byte order), then the
    /// unknown ObjectMeta fields, which the server finds in a later step.
    /// </summary>
    public IReadOnlyList<string> Pruned => pruned.Order(StringComparer.Ordinal).Concat(prunedMetadata).ToList();

    public void PruneResource(JsonObject obj, StructuralSchemaNode schema, string path)
    {
        foreach (var key in obj.Select(p => p.Key).ToList())
        {
            var childPath = Join(path, key);
            switch (key)
            {
                case "apiVersion":
                case "kind":
                    continue;
                case "metadata":
                    if (obj[key] is JsonObject meta) PruneObjectMeta(meta, childPath);
                    continue;
            }
            PruneField(obj, key, schema, childPath, preserveUnknown: schema.PreserveUnknownFields);
        }
    }

    private void PruneField(JsonObject obj, string key, StructuralSchemaNode schema, string childPath,
        bool preserveUnknown)
    {
        if (SchemaWalker.Member(schema, key).Schema is { } child)
        {
            Prune(obj[key], child, childPath);
        }
        else if (schema.AdditionalPropertiesAny || preserveUnknown)
        {
            // kept as is
        }
        else
        {
            obj.Remove(key);
            pruned.Add(childPath);
        }
    }

    // preserveFromList: the items of a list that preserves unknown fields keep theirs too (as the server's pruning
    // does).
    private void Prune(JsonNode? value, StructuralSchemaNode schema, string path, bool preserveFromList = false)
    {
        var preserve = schema.PreserveUnknownFields || preserveFromList;
        switch (value)
        {
            case JsonObject obj:
                if (schema.EmbeddedResource)
                {
                    PruneResource(obj, schema, path);
                    return;
                }
                foreach (var key in obj.Select(p => p.Key).ToList())
                    PruneField(obj, key, schema, Join(path, key), preserve);
                return;
            case JsonArray arr:
                if (schema.Items is null) return;
                for (var i = 0; i < arr.Count; i++)
                    Prune(arr[i], schema.Items, $"{path}[{i}]", preserve);
                return;
        }
    }

    private void PruneObjectMeta(JsonObject meta, string path)
    {
        foreach (var key in meta.Select(p => p.Key).ToList())
        {
            if (!ObjectMetaFields.Contains(key))
            {
                meta.Remove(key);
                prunedMetadata.Add(Join(path, key));
                continue;
            }
            if (key == "ownerReferences" && meta[key] is JsonArray owners)
                PruneEntries(owners, OwnerReferenceFields, Join(path, key));
            else if (key == "managedFields" && meta[key] is JsonArray managed)
                PruneEntries(managed, ManagedFieldsEntryFields, Join(path, key));
        }
    }

    private void PruneEntries(JsonArray entries, FrozenSet<string> fields, string path)
    {
        for (var i = 0; i < entries.Count; i++)
        {
            if (entries[i] is not JsonObject entry) continue;
            foreach (var key in entry.Select(p => p.Key).ToList())
            {
                if (fields.Contains(key)) continue;
                entry.Remove(key);
                prunedMetadata.Add($"{path}[{i}].{key}");
            }
        }
    }

    private static string Join(string path, string key) => path.Length == 0 ? key : path + "." + key;
}
