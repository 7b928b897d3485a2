using System.Text.Json.Nodes;

namespace Liqo.Sandbox.ApiServer.Patch;

/// <summary>
/// A set of owned fields (structured-merge-diff <c>fieldpath.Set</c>): the member paths, in the string form of
/// <see cref="FieldSetPath"/>. Serialises to and from FieldsV1 (<c>{"f:data":{".":{},"f:a":{}}}</c>).
/// </summary>
internal sealed class FieldSet
{
    private readonly HashSet<string> members;

    public FieldSet() => members = new HashSet<string>(StringComparer.Ordinal);

    private FieldSet(IEnumerable<string> paths) => members = new HashSet<string>(paths, StringComparer.Ordinal);

    public bool IsEmpty => members.Count == 0;

    public IEnumerable<string> Members => members;

    public void Add(string path) => members.Add(path);

    public bool Contains(string path) => members.Contains(path);

    public FieldSet Union(FieldSet other) => new(members.Concat(other.members));

    public FieldSet Except(FieldSet other) => new(members.Where(p => !other.members.Contains(p)));

    public FieldSet Intersect(FieldSet other) => new(members.Where(other.members.Contains));

    public FieldSet Where(Func<string, bool> predicate) => new(members.Where(predicate));

    public FieldSet Copy() => new(members);

    /// <summary>
    /// structured-merge-diff's <c>EnsureNamedFieldsAreMembers</c>: every field element above a member becomes a
    /// member too (list items and their keys do not). Used to decide what an applier stops owning.
    /// </summary>
    public FieldSet WithNamedAncestors()
    {
        var result = new HashSet<string>(members, StringComparer.Ordinal);
        foreach (var path in members)
        {
            var parent = FieldSetPath.Parent(path);
            while (parent.Length > 0)
            {
                var last = parent.LastIndexOf(FieldSetPath.Separator);
                var element = last < 0 ? parent : parent[(last + 1)..];
                if (element.StartsWith("f:", StringComparison.Ordinal)) result.Add(parent);
                parent = FieldSetPath.Parent(parent);
            }
        }
        return new FieldSet(result);
    }

    /// <summary>The members in structured-merge-diff's iteration order (at each level: members first, then children).</summary>
    public IReadOnlyList<string> InSetOrder()
    {
        var result = new List<string>();
        Visit(BuildTree(), "", result);
        return result;

        static void Visit(Node node, string prefix, List<string> output)
        {
            foreach (var (element, child) in node.Children)
                if (child.Member) output.Add(FieldSetPath.Append(prefix, element));
            foreach (var (element, child) in node.Children)
                if (child.Children.Count > 0) Visit(child, FieldSetPath.Append(prefix, element), output);
        }
    }

    /// <summary>The FieldsV1 object: elements sorted as the API server sorts them, <c>"."</c> first.</summary>
    public JsonObject ToFieldsV1() => Encode(BuildTree());

    /// <summary>Decodes FieldsV1; null when it is malformed.</summary>
    public static FieldSet? FromFieldsV1(JsonNode? fieldsV1)
    {
        if (fieldsV1 is not JsonObject root) return null;
        var set = new FieldSet();
        return Decode(root, "", set) ? set : null;
    }

    private static bool Decode(JsonObject node, string prefix, FieldSet set)
    {
        foreach (var (key, value) in node)
        {
            if (value is not JsonObject child) return false;
            if (key == ".")
            {
                if (child.Count != 0 || prefix.Length == 0) return false;
                set.Add(prefix);
                continue;
            }
            var element = FieldSetPath.Canonical(key);
            if (element is null) return false;
            var path = FieldSetPath.Append(prefix, element);
            if (child.Count == 0) set.Add(path);
            else if (!Decode(child, path, set)) return false;
        }
        return true;
    }

    private Node BuildTree()
    {
        var root = new Node();
        foreach (var path in members)
        {
            var node = root;
            foreach (var element in FieldSetPath.Elements(path))
            {
                if (!node.Children.TryGetValue(element, out var next))
                {
                    next = new Node();
                    node.Children.Add(element, next);
                }
                node = next;
            }
            node.Member = true;
        }
        return root;
    }

    private static JsonObject Encode(Node node)
    {
        var obj = new JsonObject();
        if (node.Member && node.Children.Count > 0) obj["."] = new JsonObject();
        foreach (var (element, child) in node.Children) obj[element] = Encode(child);
        return obj;
    }

    private sealed class Node
    {
        public bool Member { get; set; }

        public SortedDictionary<string, Node> Children { get; } = new(Comparer<string>.Create(FieldSetPath.CompareElements));
    }
}
