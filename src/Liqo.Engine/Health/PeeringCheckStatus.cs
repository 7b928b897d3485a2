namespace Liqo.Engine.Health;

/// <summary>The outcome of one check of <see cref="PeeringHealth"/>: Pass, Warn (works now, needs attention) or Fail.</summary>
public enum PeeringCheckStatus
{
    Pass,
    Warn,
    Fail,
}
