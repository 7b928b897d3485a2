using System.Text.Json.Nodes;
using Liqo.Sandbox.ApiServer.Selectors;
using Liqo.Sandbox.ApiServer.Types;

namespace Liqo.Sandbox.ApiServer.Storage;

/// <summary>Namespace, label selector and field selector of a list or watch, checked against the type's field labels.</summary>
internal sealed class ObjectFilter
{
    private readonly ResourceType _type;
    private readonly string _namespace;
    private readonly LabelSelector? _labels;
    private readonly FieldSelector? _fields;

    private ObjectFilter(ResourceType type, string ns, LabelSelector? labels, FieldSelector? fields)
    {
        _type = type;
        _namespace = ns;
        _labels = labels;
        _fields = fields;
    }

    /// <summary>Parses the selectors; throws 400 BadRequest as the real server (parse errors, unsupported field labels).</summary>
    public static ObjectFilter Create(ResourceType type, string? ns, string? labelSelector, string? fieldSelector)
    {
        LabelSelector? labels = null;
        FieldSelector? fields = null;
        try
        {
            if (!string.IsNullOrWhiteSpace(labelSelector)) labels = LabelSelector.Parse(labelSelector);
            if (!string.IsNullOrWhiteSpace(fieldSelector)) fields = FieldSelector.Parse(fieldSelector);
        }
        catch (SelectorParseException e)
        {
            throw ApiErrors.BadRequest(e.Message);
        }
        if (fields is not null)
            foreach (var r in fields.Requirements)
                if (!type.SupportsFieldLabel(r.Field))
                    throw ApiErrors.BadRequest($"field label not supported: {r.Field}");
        return new ObjectFilter(type, ns ?? "", labels, fields);
    }

    public bool InScope(string ns) => _namespace.Length == 0 || ns == _namespace;

    public bool Matches(JsonObject obj)
    {
        if (!InScope(ObjectMeta.Namespace(obj))) return false;
        if (_labels is not null && !_labels.Matches(ObjectMeta.Labels(obj))) return false;
        if (_fields is not null && !_fields.Matches(label => _type.TryGetFieldValue(obj, label, out var v) ? v : null)) return false;
        return true;
    }
}
