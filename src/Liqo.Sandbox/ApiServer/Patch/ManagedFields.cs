using System.Text.Json.Nodes;
using Liqo.Sandbox.ApiServer.Go;

namespace Liqo.Sandbox.ApiServer.Patch;

/// <summary>
/// Server-side apply and metadata.managedFields bookkeeping (FieldsV1), at the granularity documented in docs/sandbox.md.
/// </summary>
/// <remarks>
/// <para><b>What is faithful.</b> Entries are shaped and ordered as the API server writes them
/// (<c>{"manager":"kubectl","operation":"Apply","apiVersion":"v1","time":"…Z","fieldsType":"FieldsV1","fieldsV1":{…}}</c>,
/// Apply entries first, then by time, manager, apiVersion, subresource). FieldsV1 uses <c>f:</c> for fields,
/// <c>k:{"name":"x"}</c> for list-map items (key fields sorted, a missing <c>protocol</c> key taken as <c>"TCP"</c>),
/// <c>v:"x"</c> for set items and <c>".":{}</c> for a node owned together with its children. There is one entry per
/// manager identity: (manager, Apply, subresource) for appliers, (manager, Update, apiVersion, subresource) for the
/// others. Apply semantics follow structured-merge-diff: the applier owns exactly what it sent; fields it owned before
/// and no longer sends are removed unless another manager (applier or updater) still owns them; a conflict is a
/// field another manager owns whose value the apply adds or changes (the same value is shared ownership, not a
/// conflict); <c>force</c> takes the field away from the other managers. Every other write
/// (<see cref="RecordUpdate"/>) gives its manager the fields it added or changed and takes them from the others, and
/// fields it removed leave every set, so later applies conflict with it. Apply entries keep their time when the apply
/// changed nothing; Update entries get a time only when they changed something. Also reproduced: the conflict
/// messages (<c>Apply failed with 1 conflict: conflict with "m" using v1: .data.a</c>, the N-conflict form grouped by
/// manager), 400 <c>metadata.managedFields must be nil</c> and <c>Incorrect version specified in apply patch…</c>,
/// kubectl's migration helpers (manager <c>kubectl</c> may take over fields recorded in the
/// <c>last-applied-configuration</c> annotation without force, and rewrites that annotation when it exists), the
/// <c>before-first-apply</c> manager for objects that had no managedFields, managedFields sent in an update
/// (used as given; <c>[]</c> or <c>[{}]</c> clear them), and the cap of 10 Update entries (older ones merge into
/// <c>ancient-changes</c>).</para>
/// <para><b>Never owned:</b> <c>apiVersion</c>, <c>kind</c>, <c>metadata</c> itself, <c>metadata.name</c>,
/// <c>namespace</c>, <c>uid</c>, <c>resourceVersion</c>, <c>generation</c>, <c>creationTimestamp</c>,
/// <c>selfLink</c>, <c>clusterName</c> and <c>managedFields</c> (the API server's strip set).</para>
/// <para><b>Status and subresources.</b> With <c>subresource: "status"</c> only <c>status</c> is merged and owned
/// (the entry carries <c>"subresource":"status"</c>). On the main resource everything sent is owned, status included:
/// for kinds whose status is a subresource the CALLER removes <c>status</c> from the applied configuration and keeps
/// the stored status in updates before calling (the real server resets it there, so nobody owns it through the main
/// resource). Other subresources are treated like the main resource.</para>
/// <para><b>Granularity limits (divergences).</b>
/// (1) Ownership is at leaf granularity for objects, maps, list-maps and sets; every other list is atomic. For custom
/// resources only <c>x-kubernetes-list-map-keys</c> is known (through the callback): <c>x-kubernetes-list-type:
/// set</c> lists are treated as atomic, <c>x-kubernetes-map-type: atomic</c> / <c>structType: atomic</c> are ignored
/// (owned per member), and map entries whose values are objects are owned through their leaves only.
/// (2) Built-in kinds use a hand-written table (<see cref="BuiltInSchemas"/>): ObjectMeta (finalizers set,
/// ownerReferences by uid), Pod/PodTemplate/workloads (containers, volumes, env, ports, volumeMounts, …), Service,
/// Node, Namespace, ServiceAccount, ConfigMap, Secret, CRD and CSR conditions; atomic are LabelSelectors, owner
/// references, <c>nodeSelector</c> and Service <c>selector</c>. Anything else in a built-in kind is treated as a plain
/// object or an atomic list.
/// (3) Whether a create "adds" a container (<c>".":{}</c> in Update entries) is decided against a small table of Go
/// zero values, not the real types, so <c>".":{}</c> may differ from a real server for rarely used fields.
/// (4) A null in an applied configuration removes the field. Values compare numerically (1 equals 1.0).
/// (5) When pruning leaves a map or list empty and nobody owns it, it is removed (a real server stores <c>{}</c> for
/// custom resources in some of these cases). (6) No schema conversion between versions (one served version per kind),
/// no validation of the applied configuration against the schema (the caller validates the result), no
/// <c>ignoredFields</c> beyond the status rule above.</para>
/// </remarks>
public static class ManagedFields
{
    private const string LastAppliedAnnotation = "kubectl.kubernetes.io/last-applied-configuration";
    private const string KubectlManager = "kubectl";
    private const string BeforeFirstApply = "before-first-apply";
    private const string AncientChanges = "ancient-changes";
    private const int MaxUpdateManagers = 10;

    private static readonly string[] StrippedPaths =
    [
        FieldSetPath.Field("apiVersion"),
        FieldSetPath.Field("kind"),
        FieldSetPath.Field("metadata"),
        .. new[] { "name", "namespace", "creationTimestamp", "selfLink", "uid", "clusterName", "generation", "managedFields", "resourceVersion" }
            .Select(f => FieldSetPath.Append(FieldSetPath.Field("metadata"), FieldSetPath.Field(f))),
    ];

    /// <summary>
    /// Server-side apply of <paramref name="applied"/> by <paramref name="manager"/> onto <paramref name="live"/> (null when the
    /// object does not exist yet). Returns the new object with metadata.managedFields updated (operation Apply).
    /// Throws <see cref="ApplyConflictException"/> when another manager owns a field with a different value and
    /// <paramref name="force"/> is false. <paramref name="listMapKeys"/> gives the list-map keys of a list at a dotted path for
    /// custom resources (see StructuralSchema.ListMapKeys); built-in kinds use the built-in merge-key table when it is null.
    /// </summary>
    /// <remarks>
    /// The inputs are not modified. Server-set metadata (uid, creationTimestamp, resourceVersion, generation) is the
    /// caller's: on create it is not in the result. Throws <see cref="PatchException"/> 400 when
    /// <paramref name="applied"/> carries metadata.managedFields or another apiVersion than <paramref name="apiVersion"/>,
    /// and 500 (no reason) when a list-map item lacks its key or two items share one, as the API server does.
    /// </remarks>
    public static JsonObject Apply(JsonObject? live, JsonObject applied, string manager, bool force, string apiVersion,
        string? subresource, string group, string kind, Func<string, IReadOnlyList<string>?>? listMapKeys, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(applied);
        ArgumentNullException.ThrowIfNull(manager);
        var appliedVersion = applied.TryGetPropertyValue("apiVersion", out var av) && av is JsonValue v && v.TryGetValue<string>(out var s) ? s : "";
        if (appliedVersion != apiVersion)
        {
            throw PatchException.BadRequest(
                $"Incorrect version specified in apply patch. Specified patch version: {appliedVersion}, expected: {apiVersion}");
        }
        if (applied["metadata"] is JsonObject appliedMeta && appliedMeta.TryGetPropertyValue("managedFields", out var mf) && mf is not null)
            throw PatchException.BadRequest("metadata.managedFields must be nil");

        var schema = RootSchema(group, kind, listMapKeys);
        var time = ManagedFieldsEntry.FormatTime(now);
        var liveObject = live is null ? null : WithoutManagedFields(live);
        var entries = (live is null ? null : ManagedFieldsEntry.Decode(Meta(live)?["managedFields"])) ?? [];
        var keep = SubresourceFilter(subresource);

        if (liveObject is not null && entries.Count == 0)
        {
            var existing = Strip(Diff(null, liveObject, schema, group, kind, listMapKeys).Changed).Where(keep);
            if (!existing.IsEmpty)
            {
                entries.Add(new ManagedFieldsEntry
                {
                    Manager = BeforeFirstApply, Operation = ManagedFieldsEntry.UpdateOperation, ApiVersion = apiVersion,
                    Subresource = subresource, Time = time, Fields = existing,
                });
            }
        }

        var config = subresource == "status" ? StatusOnly(applied) : applied;
        var configSet = Strip(FieldSetBuilder.Build(config, schema, Describe(apiVersion, kind, applied))).Where(keep);
        var applierIdentity = ManagedFieldsEntry.IdentityOf(manager, ManagedFieldsEntry.ApplyOperation, "", subresource);
        var applier = entries.FirstOrDefault(e => e.Identity == applierIdentity);
        var lastSet = applier?.Fields;
        if (applier is null)
        {
            applier = new ManagedFieldsEntry { Manager = manager, Operation = ManagedFieldsEntry.ApplyOperation, Subresource = subresource };
            entries.Add(applier);
        }
        applier.ApiVersion = apiVersion;
        applier.Fields = configSet;

        var merged = (JsonObject)ServerSideMerge.Merge(liveObject ?? new JsonObject(), config, schema)!;
        if (lastSet is { IsEmpty: false })
        {
            var owned = entries.Aggregate(new FieldSet(), (acc, e) => acc.Union(e.Fields)).WithNamedAncestors();
            // metadata itself, name, namespace, apiVersion, kind... are nobody's, so they are never given up either.
            var toRemove = lastSet.WithNamedAncestors().Except(owned).Where(p => keep(p) && !IsStripped(p));
            ServerSideMerge.RemovePaths(merged, toRemove.Members, schema);
        }

        var comparison = Diff(liveObject, merged, schema, group, kind, listMapKeys).Filter(p => keep(p) && !IsStripped(p));
        var changed = comparison.Changed;
        var conflicts = entries
            .Where(e => e != applier)
            .Select(e => (Entry: e, Paths: e.Fields.Intersect(changed)))
            .Where(c => !c.Paths.IsEmpty)
            .ToList();
        if (conflicts.Count > 0 && !force)
        {
            var allowed = manager == KubectlManager ? AllowedByLastApplied(liveObject, schema, apiVersion, kind) : null;
            var remaining = allowed is null
                ? conflicts
                : conflicts.Select(c => (c.Entry, Paths: c.Paths.Except(allowed))).Where(c => !c.Paths.IsEmpty).ToList();
            if (remaining.Count > 0) throw Conflict(remaining);
        }
        foreach (var entry in entries.Where(e => e != applier))
            entry.Fields = entry.Fields.Except(changed).Except(comparison.Removed);
        entries.RemoveAll(e => e.Fields.IsEmpty);

        if (liveObject is null || !JsonEquality.DeepEquals(liveObject, merged, numbersByValue: true))
            applier.Time = time;
        if (manager == KubectlManager && LastApplied(merged) is not null)
            SetLastApplied(merged, applied);

        CapUpdateManagers(entries);
        Encode(merged, entries);
        return merged;
    }

    /// <summary>
    /// Records a non-apply write (create, update, patch) by <paramref name="manager"/>: the fields that changed between
    /// <paramref name="oldObj"/> (null on create) and <paramref name="newObj"/> become owned by manager with operation Update,
    /// and leave other managers' sets. Modifies newObj's metadata.managedFields in place.
    /// </summary>
    /// <remarks>
    /// Fields removed by the write leave every set. When <paramref name="newObj"/> carries managedFields that decode,
    /// they replace the stored ones first (how kubectl migrates client-side apply ownership); <c>[]</c> or <c>[{}]</c>
    /// clears them; otherwise, and always for a subresource write, the stored ones are kept. Call it after defaulting,
    /// so the writer owns the defaults its write introduced, as on a real server.
    /// </remarks>
    public static void RecordUpdate(JsonObject? oldObj, JsonObject newObj, string manager, string apiVersion, string? subresource,
        string group, string kind, Func<string, IReadOnlyList<string>?>? listMapKeys, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(newObj);
        ArgumentNullException.ThrowIfNull(manager);
        var schema = RootSchema(group, kind, listMapKeys);
        var stored = oldObj is null ? null : ManagedFieldsEntry.Decode(Meta(oldObj)?["managedFields"]);
        List<ManagedFieldsEntry> entries;
        var newMeta = Meta(newObj);
        JsonNode? sent = null;
        var hasSent = newMeta is not null && newMeta.TryGetPropertyValue("managedFields", out sent);
        if (subresource is not null || !hasSent) entries = stored ?? [];
        else if (IsReset(sent)) entries = [];
        else entries = ManagedFieldsEntry.Decode(sent) is { Count: > 0 } given ? given : stored ?? [];
        newMeta?.Remove("managedFields");

        var keep = SubresourceFilter(subresource);
        var before = oldObj is null ? null : WithoutManagedFields(oldObj);
        var comparison = Diff(before, newObj, schema, group, kind, listMapKeys).Filter(p => keep(p) && !IsStripped(p));
        var changed = comparison.Changed;
        foreach (var entry in entries)
            entry.Fields = entry.Fields.Except(changed).Except(comparison.Removed);
        entries.RemoveAll(e => e.Fields.IsEmpty);

        if (!changed.IsEmpty)
        {
            var identity = ManagedFieldsEntry.IdentityOf(manager, ManagedFieldsEntry.UpdateOperation, apiVersion, subresource);
            var entry = entries.FirstOrDefault(e => e.Identity == identity);
            if (entry is null)
            {
                entry = new ManagedFieldsEntry
                {
                    Manager = manager, Operation = ManagedFieldsEntry.UpdateOperation, ApiVersion = apiVersion, Subresource = subresource,
                };
                entries.Add(entry);
            }
            entry.Fields = entry.Fields.Union(changed);
            entry.Time = ManagedFieldsEntry.FormatTime(now);
        }

        CapUpdateManagers(entries);
        Encode(newObj, entries);
    }

    private static PatchSchemaNode RootSchema(string group, string kind,
        Func<string, IReadOnlyList<string>?>? listMapKeys) =>
        listMapKeys is null ? BuiltInSchemas.For(group, kind) : new CustomResourceSchemaNode("", listMapKeys);

    /// <summary>
    /// The fields a write added, changed and removed. <paramref name="before"/> is null on create. For built-in kinds
    /// both sides get the Go zero values they would have as typed objects (empty <c>spec</c>, <c>status</c>,
    /// <c>template</c>, …), so those never count as added; a custom resource is compared as it is (a created CR's
    /// <c>spec</c> is added, as on a real server).
    /// </summary>
    private static ObjectComparison Diff(JsonObject? before, JsonObject after, PatchSchemaNode schema, string group,
        string kind, Func<string, IReadOnlyList<string>?>? listMapKeys)
    {
        if (listMapKeys is not null) return ObjectComparison.Compare(before ?? new JsonObject(), after, schema);
        var skeleton = BuiltInSchemas.Skeleton(group, kind);
        return ObjectComparison.Compare(WithZeroValues(before ?? new JsonObject(), skeleton), WithZeroValues(after, skeleton), schema);
    }

    /// <summary>A copy of <paramref name="obj"/> with the members of <paramref name="zero"/> it lacks.</summary>
    private static JsonObject WithZeroValues(JsonObject obj, JsonObject zero)
    {
        var result = (JsonObject)obj.DeepClone();
        Fill(result, zero);
        return result;

        static void Fill(JsonObject target, JsonObject source)
        {
            foreach (var (key, value) in source)
            {
                if (!target.TryGetPropertyValue(key, out var existing) || existing is null) target[key] = value?.DeepClone();
                else if (existing is JsonObject existingObject && value is JsonObject valueObject) Fill(existingObject, valueObject);
            }
        }
    }

    private static Func<string, bool> SubresourceFilter(string? subresource)
    {
        if (subresource != "status") return _ => true;
        var status = FieldSetPath.Field("status");
        return p => FieldSetPath.IsWithin(p, status);
    }

    private static bool IsStripped(string path) => Array.IndexOf(StrippedPaths, path) >= 0;

    private static FieldSet Strip(FieldSet set) => set.Where(p => !IsStripped(p));

    private static JsonObject? Meta(JsonObject obj) => obj["metadata"] as JsonObject;

    private static JsonObject WithoutManagedFields(JsonObject obj)
    {
        var copy = (JsonObject)obj.DeepClone();
        Meta(copy)?.Remove("managedFields");
        return copy;
    }

    private static JsonObject StatusOnly(JsonObject applied)
    {
        var config = new JsonObject();
        if (applied.TryGetPropertyValue("status", out var status)) config["status"] = status?.DeepClone();
        return config;
    }

    private static bool IsReset(JsonNode? managedFields) =>
        managedFields is JsonArray array && (array.Count == 0 || (array.Count == 1 && array[0] is JsonObject { Count: 0 }));

    /// <summary><c>(/v1, Kind=ConfigMap default/name)</c>, as the API server describes an object in apply errors.</summary>
    private static string Describe(string apiVersion, string kind, JsonObject obj)
    {
        var gv = apiVersion.Contains('/', StringComparison.Ordinal) ? apiVersion : "/" + apiVersion;
        var meta = Meta(obj);
        var ns = meta?["namespace"] is JsonValue n && n.TryGetValue<string>(out var nsText) ? nsText : "";
        var name = meta?["name"] is JsonValue m && m.TryGetValue<string>(out var nameText) ? nameText : "";
        return $"{gv}, Kind={kind} {ns}/{name}";
    }

    private static ApplyConflictException Conflict(List<(ManagedFieldsEntry Entry, FieldSet Paths)> conflicts)
    {
        var ordered = conflicts
            .OrderBy(c => c.Entry.Identity, StringComparer.Ordinal)
            .SelectMany(c => c.Paths.InSetOrder().Select(p => (c.Entry, Path: FieldSetPath.Display(p))))
            .ToList();
        var causes = ordered.Select(c => new ApplyConflict(c.Path, "conflict with " + c.Entry.Describe())).ToList();
        string message;
        if (ordered.Count == 1)
        {
            message = $"Apply failed with 1 conflict: conflict with {ordered[0].Entry.Describe()}: {ordered[0].Path}";
        }
        else
        {
            var lines = new List<string>();
            foreach (var group in ordered.GroupBy(c => c.Entry))
            {
                lines.Add($"conflicts with {group.Key.Describe()}:");
                lines.AddRange(group.Select(c => "- " + c.Path));
            }
            message = $"Apply failed with {ordered.Count} conflicts: " + string.Join("\n", lines);
        }
        return new ApplyConflictException(message, causes);
    }

    /// <summary>
    /// The fields manager <c>kubectl</c> may take over without force: those recorded in the live object's
    /// last-applied-configuration annotation with the value they still have (kubectl's client-side to server-side
    /// apply upgrade path). Null when there is no usable annotation.
    /// </summary>
    private static FieldSet? AllowedByLastApplied(JsonObject? live, PatchSchemaNode schema, string apiVersion,
        string kind)
    {
        if (live is null || LastApplied(live) is not { Length: > 0 } text) return null;
        JsonObject? lastApplied;
        try
        {
            lastApplied = JsonNode.Parse(text) as JsonObject;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
        if (lastApplied is null) return null;
        try
        {
            var set = FieldSetBuilder.Build(lastApplied, schema, Describe(apiVersion, kind, lastApplied));
            var comparison = ObjectComparison.Compare(lastApplied, live, schema);
            return set.Except(comparison.Modified).Except(comparison.Added).Except(comparison.Removed);
        }
        catch (PatchException)
        {
            return null;
        }
    }

    private static string? LastApplied(JsonObject obj) =>
        Meta(obj)?["annotations"] is JsonObject annotations && annotations[LastAppliedAnnotation] is JsonValue value &&
        value.TryGetValue<string>(out var text)
            ? text
            : null;

    /// <summary>Rewrites the annotation to the applied configuration, as the API server does for manager kubectl.</summary>
    private static void SetLastApplied(JsonObject target, JsonObject applied)
    {
        var copy = (JsonObject)applied.DeepClone();
        if (Meta(copy)?["annotations"] is JsonObject annotations) annotations.Remove(LastAppliedAnnotation);
        var text = ServerGoJson.Marshal(copy, NumberDecoding.Unstructured) + "\n";
        ((JsonObject)Meta(target)!["annotations"]!)[LastAppliedAnnotation] = text;
    }

    /// <summary>At most 10 Update entries: the oldest are merged into <c>ancient-changes</c> buckets per apiVersion.</summary>
    private static void CapUpdateManagers(List<ManagedFieldsEntry> entries)
    {
        var updaters = entries.Where(e => e.Operation == ManagedFieldsEntry.UpdateOperation)
            .OrderBy(e => e.Seconds).ThenBy(e => e.Identity, StringComparer.Ordinal).ToList();
        if (updaters.Count <= MaxUpdateManagers) return;
        var firstByVersion = new Dictionary<string, ManagedFieldsEntry>(StringComparer.Ordinal);
        var length = updaters.Count;
        for (var i = 0; i < updaters.Count && length > MaxUpdateManagers; i++)
        {
            var entry = updaters[i];
            if (!firstByVersion.TryGetValue(entry.ApiVersion, out var first))
            {
                firstByVersion[entry.ApiVersion] = entry;
                continue;
            }
            var bucketIdentity = ManagedFieldsEntry.IdentityOf(AncientChanges, ManagedFieldsEntry.UpdateOperation, entry.ApiVersion, null);
            var bucket = entries.FirstOrDefault(e => e.Identity == bucketIdentity);
            if (bucket is null)
            {
                entries.Remove(first);
                bucket = new ManagedFieldsEntry
                {
                    Manager = AncientChanges, Operation = ManagedFieldsEntry.UpdateOperation, ApiVersion = entry.ApiVersion,
                    Fields = first.Fields, Time = first.Time,
                };
                entries.Add(bucket);
            }
            bucket.Fields = bucket.Fields.Union(entry.Fields);
            bucket.Time = entry.Time;
            entries.Remove(entry);
            length--;
        }
    }

    private static void Encode(JsonObject obj, List<ManagedFieldsEntry> entries)
    {
        var meta = Meta(obj);
        if (meta is null)
        {
            if (entries.Count == 0) return;
            meta = new JsonObject();
            obj["metadata"] = meta;
        }
        meta.Remove("managedFields");
        if (entries.Count == 0) return;
        entries.Sort(ManagedFieldsEntry.CompareForEncoding);
        meta["managedFields"] = new JsonArray(entries.Select(e => (JsonNode)e.ToJson()).ToArray());
    }
}

/// <summary>Apply conflicts; the message is the API server's ("Apply failed with 1 conflict: conflict with \"m\" using v1: .data.a").</summary>
public sealed class ApplyConflictException(string message, IReadOnlyList<ApplyConflict> conflicts) : Exception(message)
{
    public IReadOnlyList<ApplyConflict> Conflicts { get; } = conflicts;
}

/// <summary>One conflicting field: its path in the API server's notation (".data.a") and the cause message.</summary>
public sealed record ApplyConflict(string Field, string Message);
