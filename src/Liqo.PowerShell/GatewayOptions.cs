namespace Liqo;

// Parameter types of the cmdlets live here, not in the engine: PowerShell reads the cmdlets' parameter types when it
// imports the module, before the load-context bridge can hand out the engine, so no public signature may name an
// engine type.

/// <summary>Which cluster hosts the WireGuard gateway server (liqoctl --gw-server-service-location).</summary>
public enum GatewayServerLocation { Provider, Consumer }

/// <summary>The gateway server's Service type (liqoctl --gw-server-service-type).</summary>
public enum GatewayServiceType { LoadBalancer, NodePort, ClusterIP }
