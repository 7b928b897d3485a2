namespace Liqo.Sandbox.ApiServer.Schema.Cel;

/// <summary>An immutable chain of variable bindings (self, oldSelf, macro variables).</summary>
internal sealed class CelScope
{
    private readonly string name;
    private readonly object value;
    private readonly CelScope? parent;

    public CelScope(string name, object value, CelScope? parent)
    {
        this.name = name;
        this.value = value;
        this.parent = parent;
    }

    public bool TryResolve(string identifier, out object resolved)
    {
        for (var s = this; s is not null; s = s.parent)
        {
            if (s.name == identifier)
            {
                resolved = s.value;
                return true;
            }
        }
        resolved = CelNull.Value;
        return false;
    }

    public CelScope Bind(string identifier, object boundValue) => new(identifier, boundValue, this);
}
