namespace Liqo;

// Parameter types of the cmdlets live here, not in the engine: PowerShell reads the cmdlets' parameter types when it
// imports the module, before the load-context bridge can hand out the engine, so no public signature may name an
// engine type.

/// <summary>Which cluster hosts the WireGuard gateway server (liqoctl --gw-server-service-location).</summary>
public enum GatewayServerLocation { Provider, Consumer }

/// <summary>The gateway server's Service type (liqoctl --gw-server-service-type).</summary>
public enum GatewayServiceType { LoadBalancer, NodePort, ClusterIP }

/// <summary>
/// The key type of a peering user's client certificate (liqoctl generate peering-user --tls-compatibility-mode): Rsa
/// (true) is what .NET clients, this module included, can present; Ed25519 (false, liqoctl's usual default) suits Go
/// clients (liqoctl, kubectl) only; Auto follows the provider's controller manager like liqoctl's auto.
/// </summary>
public enum PeeringUserKeyAlgorithm { Rsa, Ed25519, Auto }
