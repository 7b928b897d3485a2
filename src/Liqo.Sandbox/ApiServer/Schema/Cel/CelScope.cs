namespace Liqo.Sandbox.ApiServer.Schema.Cel;

/// <summary>An immutable chain of variable bindings (self, oldSelf, macro variables).</summary>
internal sealed class CelScope
{
    private readonly string _name;
    private readonly object _value;
    private readonly CelScope? _parent;

    public CelScope(string name, object value, CelScope? parent)
    {
        _name = name;
        _value = value;
        _parent = parent;
    }

    public bool TryResolve(string identifier, out object resolved)
    {
        for (var s = this; s is not null; s = s._parent)
        {
            if (s._name == identifier)
            {
                resolved = s._value;
                return true;
            }
        }
        resolved = CelNull.Value;
        return false;
    }

    public CelScope Bind(string identifier, object boundValue) => new(identifier, boundValue, this);
}
