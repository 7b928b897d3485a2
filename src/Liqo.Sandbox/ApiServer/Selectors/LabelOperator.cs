namespace Liqo.Sandbox.ApiServer.Selectors;

/// <summary>The operators of a label selector requirement (Kubernetes' selection.Operator), in the server's listing order.</summary>
internal enum LabelOperator
{
    In,
    NotIn,
    Equals,
    DoubleEquals,
    NotEquals,
    GreaterThan,
    LessThan,
    Exists,
    DoesNotExist,
}
