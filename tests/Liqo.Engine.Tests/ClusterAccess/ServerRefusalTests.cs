using Liqo.Engine.ClusterAccess;
using Liqo.Engine.Resources;

namespace Liqo.Engine.Tests.ClusterAccess;

/// <summary>
/// Values only the API server can judge: its 422 causes become InvalidArgument naming the parameter, the value and the
/// server's rule; a 403 for a namespace being deleted is NamespaceTerminating, not a missing right.
/// </summary>
public class ServerRefusalTests
{
    private const string Kubeconfig = """
        apiVersion: v1
        kind: Config
        clusters:
        - name: c
          cluster:
            server: https://127.0.0.1:1
        users:
        - name: u
          user:
            token: not-a-real-token
        contexts:
        - name: c
          context:
            cluster: c
            user: u
        current-context: c
        """;

    private static LiqoException Answer(int code, string body)
    {
        using var c = ClusterConnection.Open(new KubeconfigSource(null, Kubeconfig, null));
        return ApiErrorTranslator.FromStatus(code, body, c, "create", "gatewayservers.networking.liqo.io");
    }

    [Fact]
    public void A_node_port_the_server_refuses_names_the_parameter_the_value_and_the_servers_rule()
    {
        var e = (KubeApiException)Answer(422, """
            {"kind":"Status","apiVersion":"v1","status":"Failure","reason":"Invalid","code":422,
             "message":"GatewayServer \"p\" is invalid: spec.endpoint.nodePort: Invalid value: 31000: provided port is not in the valid range. The range of valid ports is 32000-32767",
             "details":{"name":"p","kind":"gatewayservers","causes":[{"reason":"FieldValueInvalid","message":"Invalid value: 31000: provided port is not in the valid range. The range of valid ports is 32000-32767","field":"spec.endpoint.nodePort"}]}}
            """);
        var invalid = InputRules.FromServer(e, new Dictionary<string, string> { ["spec.endpoint.nodePort"] = "ServiceNodePort" });
        Assert.NotNull(invalid);
        Assert.Equal(ErrorIds.InvalidArgument, invalid.ErrorId);
        Assert.Equal("-ServiceNodePort '31000' is not valid: it was refused by the API server (spec.endpoint.nodePort): " +
                     "provided port is not in the valid range. The range of valid ports is 32000-32767.", invalid.Message);
    }

    [Fact]
    public void A_quoted_value_is_unquoted_and_a_field_no_parameter_holds_is_left_to_the_caller()
    {
        var e = (KubeApiException)Answer(422, """
            {"kind":"Status","reason":"Invalid","code":422,"message":"x",
             "details":{"causes":[{"reason":"FieldValueInvalid","message":"Invalid value: \"Bad Class\": must be a DNS-1123 subdomain","field":"spec.class"}]}}
            """);
        Assert.Equal("-Class 'Bad Class' is not valid: it was refused by the API server (spec.class): must be a DNS-1123 subdomain.",
            InputRules.FromServer(e, new Dictionary<string, string> { ["spec"] = "Class" })?.Message);
        Assert.Null(InputRules.FromServer(e, new Dictionary<string, string> { ["spec.resources"] = "Resource" }));
    }

    [Fact]
    public void A_create_in_a_namespace_being_deleted_is_NamespaceTerminating()
    {
        var e = Answer(403, """
            {"kind":"Status","reason":"Forbidden","code":403,
             "message":"gatewayservers.networking.liqo.io \"p\" is forbidden: unable to create new content in namespace liqo-tenant-p because it is being terminated",
             "details":{"name":"p","kind":"gatewayservers","causes":[{"reason":"NamespaceTerminating","message":"namespace liqo-tenant-p is being terminated","field":"metadata.namespace"}]}}
            """);
        Assert.Equal(ErrorIds.NamespaceTerminating, e.ErrorId);
        Assert.Contains("because it is being terminated", e.Message);
        Assert.Equal(ErrorIds.Forbidden, Answer(403, """{"kind":"Status","reason":"Forbidden","code":403,"message":"no"}""").ErrorId);
    }
}
