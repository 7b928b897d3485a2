using Liqo.Sandbox.ApiServer.Printing;
using static Liqo.Sandbox.Tests.Printing.PrinterAssert;

namespace Liqo.Sandbox.Tests.Printing;

public class BuiltInPrinterTests
{
    [Fact]
    public void NamespaceShowsPhase()
    {
        var printer = TablePrinters.ForBuiltIn("", "Namespace");
        Assert.Equal(["Name", "Status", "Age"], Header(printer));
        var ns = Obj("""{"metadata":{"name":"liqo","creationTimestamp":"AGO:3d"},"status":{"phase":"Terminating"}}""");
        Cells("""["liqo","Terminating","3d"]""", printer.Cells(ns, Now));
        // Decoding applies the defaults, so a namespace without a phase shows Active.
        Cells("""["default","Active","<unknown>"]""", printer.Cells(Obj("""{"metadata":{"name":"default"}}"""), Now));
    }

    [Fact]
    public void ColumnDefinitionsCarryTypeFormatAndDescription()
    {
        var columns = TablePrinters.ForBuiltIn("", "Namespace").ColumnDefinitions();
        Assert.Equal(
            """{"name":"Name","type":"string","format":"name","description":"Name must be unique within a namespace. Is required when creating resources, although some resources may allow a client to request the generation of an appropriate name automatically. Name is primarily intended for creation idempotence and configuration definition. Cannot be updated. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names","priority":0}""",
            columns[0]!.ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
        Assert.Equal("The status of the namespace", (string)columns[1]!["description"]!);
        // The built-in Age columns are strings already formatted by the server (a CRD's Age is a date).
        Assert.Equal("string", (string)columns[2]!["type"]!);
        Assert.Equal("", (string)columns[2]!["format"]!);
        Assert.StartsWith("CreationTimestamp is a timestamp representing the server time", (string)columns[2]!["description"]!);
    }

    [Fact]
    public void NodeShowsReadinessRolesAndWideSystemInfo()
    {
        var printer = TablePrinters.ForBuiltIn("", "Node");
        Assert.Equal(["Name", "Status", "Roles", "Age", "Version", "+Internal-IP", "+External-IP", "+OS-Image", "+Kernel-Version", "+Container-Runtime"],
            Header(printer));
        var controlPlane = Obj("""
            {"metadata":{"name":"cluster-a-control-plane","creationTimestamp":"AGO:26h",
              "labels":{"kubernetes.io/hostname":"cluster-a-control-plane","node-role.kubernetes.io/control-plane":"","node-role.kubernetes.io/etcd":"true"}},
             "spec":{"unschedulable":true},
             "status":{"conditions":[{"type":"MemoryPressure","status":"False"},{"type":"Ready","status":"True","reason":"KubeletReady"}],
               "addresses":[{"type":"InternalIP","address":"172.18.0.2"},{"type":"Hostname","address":"cluster-a-control-plane"}],
               "nodeInfo":{"kubeletVersion":"v1.32.2","osImage":"Debian GNU/Linux 12 (bookworm)","kernelVersion":"6.8.0-1017-gcp","containerRuntimeVersion":"containerd://2.0.2"}}}
            """);
        Cells("""["cluster-a-control-plane","Ready,SchedulingDisabled","control-plane,etcd","26h","v1.32.2","172.18.0.2","<none>","Debian GNU/Linux 12 (bookworm)","6.8.0-1017-gcp","containerd://2.0.2"]""",
            printer.Cells(controlPlane, Now));

        var worker = Obj("""
            {"metadata":{"name":"w1","creationTimestamp":"AGO:5m","labels":{"kubernetes.io/role":"agent","node-role.kubernetes.io/":""}},
             "status":{"conditions":[{"type":"Ready","status":"Unknown"}],"addresses":[{"type":"ExternalIP","address":"34.1.2.3"}]}}
            """);
        Cells("""["w1","NotReady","agent","5m","","<none>","34.1.2.3","<unknown>","<unknown>","<unknown>"]""", printer.Cells(worker, Now));

        var bare = Obj("""{"metadata":{"name":"liqo-cluster-b"}}""");
        Cells("""["liqo-cluster-b","Unknown","<none>","<unknown>","","<none>","<none>","<unknown>","<unknown>","<unknown>"]""", printer.Cells(bare, Now));
    }

    [Fact]
    public void RunningPodCountsReadyContainersAndRecentRestarts()
    {
        var printer = TablePrinters.ForBuiltIn("", "Pod");
        Assert.Equal(["Name", "Ready", "Status", "Restarts", "Age", "+IP", "+Node", "+Nominated Node", "+Readiness Gates"], Header(printer));
        var pod = Obj("""
            {"metadata":{"name":"liqo-controller-manager-6d9f7","namespace":"liqo","creationTimestamp":"AGO:2h"},
             "spec":{"nodeName":"cluster-a-worker","containers":[{"name":"manager","image":"liqo/liqo-controller-manager:v1.2.0"},{"name":"proxy","image":"envoy"}],
               "readinessGates":[{"conditionType":"example.com/ready"},{"conditionType":"example.com/synced"}]},
             "status":{"phase":"Running","podIP":"10.244.1.5","podIPs":[{"ip":"10.244.1.5"}],
               "conditions":[{"type":"Ready","status":"True"},{"type":"example.com/ready","status":"True"},{"type":"example.com/synced","status":"False"}],
               "containerStatuses":[
                 {"name":"manager","ready":true,"restartCount":3,"state":{"running":{"startedAt":"AGO:5m"}},
                  "lastState":{"terminated":{"exitCode":1,"reason":"Error","finishedAt":"AGO:5m"}}},
                 {"name":"proxy","ready":true,"restartCount":0,"state":{"running":{}}}]}}
            """);
        Cells("""["liqo-controller-manager-6d9f7","2/2","Running","3 (5m ago)","120m","10.244.1.5","cluster-a-worker","<none>","1/2"]""",
            printer.Cells(pod, Now));
        Assert.Null(((ColumnTablePrinter)printer).RowConditions(pod));
    }

    [Fact]
    public void PodStatusFollowsContainerStates()
    {
        var printer = TablePrinters.ForBuiltIn("", "Pod");
        var crashing = Obj("""
            {"metadata":{"name":"crash","creationTimestamp":"AGO:5m"},"spec":{"containers":[{"name":"c"}]},
             "status":{"phase":"Running","containerStatuses":[{"name":"c","ready":false,"restartCount":4,
               "state":{"waiting":{"reason":"CrashLoopBackOff"}},"lastState":{"terminated":{"exitCode":2,"finishedAt":"AGO:40s"}}}]}}
            """);
        Cells("""["crash","0/1","CrashLoopBackOff","4 (40s ago)","5m","<none>","<none>","<none>","<none>"]""", printer.Cells(crashing, Now));

        var initializing = Obj("""
            {"metadata":{"name":"init","creationTimestamp":"AGO:5m"},
             "spec":{"initContainers":[{"name":"i1"},{"name":"i2"}],"containers":[{"name":"c"}]},
             "status":{"phase":"Pending","initContainerStatuses":[
               {"name":"i1","state":{"terminated":{"exitCode":0}}},{"name":"i2","state":{"running":{}}}],
               "containerStatuses":[{"name":"c","state":{"waiting":{"reason":"PodInitializing"}}}]}}
            """);
        Cells("""["init","0/1","Init:1/2","0","5m","<none>","<none>","<none>","<none>"]""", printer.Cells(initializing, Now));

        var initFailed = Obj("""
            {"metadata":{"name":"f"},"spec":{"initContainers":[{"name":"i1"}],"containers":[{"name":"c"}]},
             "status":{"phase":"Pending","initContainerStatuses":[{"name":"i1","restartCount":2,"state":{"terminated":{"exitCode":3}}}]}}
            """);
        Cells("""["f","0/1","Init:ExitCode:3","2","<unknown>","<none>","<none>","<none>","<none>"]""", printer.Cells(initFailed, Now));

        var sidecar = Obj("""
            {"metadata":{"name":"s"},"spec":{"initContainers":[{"name":"sidecar","restartPolicy":"Always"}],"containers":[{"name":"c"}]},
             "status":{"phase":"Running","conditions":[{"type":"Initialized","status":"True"}],
               "initContainerStatuses":[{"name":"sidecar","ready":true,"started":true,"restartCount":1,"state":{"running":{}}}],
               "containerStatuses":[{"name":"c","ready":true,"state":{"running":{}}}]}}
            """);
        Cells("""["s","2/2","Running","1","<unknown>","<none>","<none>","<none>","<none>"]""", printer.Cells(sidecar, Now));

        var terminating = Obj("""
            {"metadata":{"name":"t","creationTimestamp":"AGO:5m","deletionTimestamp":"AGO:0s"},"spec":{"containers":[{"name":"c"}]},
             "status":{"phase":"Running","containerStatuses":[{"name":"c","ready":true,"state":{"running":{}}}]}}
            """);
        Cells("""["t","1/1","Terminating","0","5m","<none>","<none>","<none>","<none>"]""", printer.Cells(terminating, Now));

        var legacyIP = Obj("""{"metadata":{"name":"ip"},"spec":{"containers":[]},"status":{"phase":"Pending","podIP":"10.0.0.9"}}""");
        Assert.Equal("10.0.0.9", (string)printer.Cells(legacyIP, Now)[5]!);

        var gated = Obj("""
            {"metadata":{"name":"g"},"spec":{"containers":[{"name":"c"}]},
             "status":{"phase":"Pending","conditions":[{"type":"PodScheduled","status":"False","reason":"SchedulingGated"}]}}
            """);
        Assert.Equal("SchedulingGated", (string)printer.Cells(gated, Now)[2]!);
    }

    [Fact]
    public void CompletedPodsCarryTheCompletedRowCondition()
    {
        var printer = TablePrinters.ForBuiltIn("", "Pod");
        var done = Obj("""
            {"metadata":{"name":"job-x"},"spec":{"containers":[{"name":"c"}]},
             "status":{"phase":"Succeeded","containerStatuses":[{"name":"c","state":{"terminated":{"exitCode":0,"reason":"Completed"}}}]}}
            """);
        Assert.Equal("Completed", (string)printer.Cells(done, Now)[2]!);
        var table = TablePrinters.BuildTable(printer, [done], "7", null, IncludeObject.None, true, Now);
        Assert.Equal("""[{"type":"Completed","status":"True","reason":"Succeeded","message":"The pod has completed successfully."}]""",
            table["rows"]![0]!["conditions"]!.ToJsonString());
    }

    [Fact]
    public void ConfigMapCountsDataAndBinaryData()
    {
        var printer = TablePrinters.ForBuiltIn("", "ConfigMap");
        Assert.Equal(["Name", "Data", "Age"], Header(printer));
        var cm = Obj("""{"metadata":{"name":"cluster-id","creationTimestamp":"AGO:5m"},"data":{"CLUSTER_ID":"a","CLUSTER_NAME":"b"},"binaryData":{"x":"AA=="}}""");
        Cells("""["cluster-id",3,"5m"]""", printer.Cells(cm, Now));
        Cells("""["empty",0,"<unknown>"]""", printer.Cells(Obj("""{"metadata":{"name":"empty"}}"""), Now));
    }

    [Fact]
    public void SecretShowsTypeAndDataCount()
    {
        var printer = TablePrinters.ForBuiltIn("", "Secret");
        Assert.Equal(["Name", "Type", "Data", "Age"], Header(printer));
        var secret = Obj("""{"metadata":{"name":"kubeconfig-cluster-b","creationTimestamp":"AGO:5m"},"type":"Opaque","data":{"kubeconfig":"YQ==","token":"Yg=="}}""");
        Cells("""["kubeconfig-cluster-b","Opaque",2,"5m"]""", printer.Cells(secret, Now));
        var tls = Obj("""{"metadata":{"name":"tls"},"type":"kubernetes.io/tls","data":{"tls.crt":"","tls.key":""}}""");
        Cells("""["tls","kubernetes.io/tls",2,"<unknown>"]""", printer.Cells(tls, Now));
        Cells("""["untyped","Opaque",0,"<unknown>"]""", printer.Cells(Obj("""{"metadata":{"name":"untyped"}}"""), Now));
    }

    [Fact]
    public void ServiceAccountCountsSecrets()
    {
        var printer = TablePrinters.ForBuiltIn("", "ServiceAccount");
        Assert.Equal(["Name", "Secrets", "Age"], Header(printer));
        Cells("""["default",0,"5m"]""", printer.Cells(Obj("""{"metadata":{"name":"default","creationTimestamp":"AGO:5m"}}"""), Now));
    }

    [Fact]
    public void ServiceShowsTypeAddressesAndPorts()
    {
        var printer = TablePrinters.ForBuiltIn("", "Service");
        Assert.Equal(["Name", "Type", "Cluster-IP", "External-IP", "Port(s)", "Age", "+Selector"], Header(printer));
        var clusterIP = Obj("""
            {"metadata":{"name":"liqo-proxy","creationTimestamp":"AGO:5m"},
             "spec":{"type":"ClusterIP","clusterIP":"10.96.12.7","clusterIPs":["10.96.12.7"],
               "ports":[{"name":"http","port":8118,"protocol":"TCP","targetPort":8118}],"selector":{"app.kubernetes.io/name":"proxy","app.kubernetes.io/instance":"liqo"}}}
            """);
        Cells("""["liqo-proxy","ClusterIP","10.96.12.7","<none>","8118/TCP","5m","app.kubernetes.io/instance=liqo,app.kubernetes.io/name=proxy"]""",
            printer.Cells(clusterIP, Now));

        var nodePort = Obj("""
            {"metadata":{"name":"gw"},"spec":{"type":"NodePort","clusterIPs":["10.96.0.20"],"externalIPs":["1.2.3.4"],
              "ports":[{"port":51840,"nodePort":30123,"protocol":"UDP"},{"port":80,"protocol":"TCP"}]}}
            """);
        Cells("""["gw","NodePort","10.96.0.20","1.2.3.4","51840:30123/UDP,80/TCP","<unknown>","<none>"]""", printer.Cells(nodePort, Now));

        var pending = Obj("""{"metadata":{"name":"lb"},"spec":{"type":"LoadBalancer","clusterIPs":["10.96.0.9"],"ports":[{"port":443,"nodePort":31443,"protocol":"TCP"}]}}""");
        Assert.Equal("<pending>", (string)printer.Cells(pending, Now)[3]!);
        var balanced = Obj("""
            {"metadata":{"name":"lb"},"spec":{"type":"LoadBalancer","clusterIPs":["10.96.0.9"],"externalIPs":["9.9.9.9"]},
             "status":{"loadBalancer":{"ingress":[{"ip":"35.1.1.1"},{"hostname":"lb.example.com"},{"ip":"35.1.1.1"}]}}}
            """);
        Assert.Equal("35.1.1.1,lb.example.com,9.9.9.9", (string)printer.Cells(balanced, Now)[3]!);
        Assert.Equal("<none>", (string)printer.Cells(balanced, Now)[4]!);
        var defaulted = Obj("""{"metadata":{"name":"d"},"spec":{"clusterIP":"10.96.0.1","ports":[{"port":443}]}}""");
        Cells("""["d","ClusterIP","10.96.0.1","<none>","443/TCP","<unknown>","<none>"]""", printer.Cells(defaulted, Now));
        var external = Obj("""{"metadata":{"name":"ext"},"spec":{"type":"ExternalName","externalName":"api.example.com"}}""");
        Cells("""["ext","ExternalName","<none>","api.example.com","<none>","<unknown>","<none>"]""", printer.Cells(external, Now));
    }

    [Fact]
    public void DeploymentShowsReplicasAndWideTemplate()
    {
        var printer = TablePrinters.ForBuiltIn("apps", "Deployment");
        Assert.Equal(["Name", "Ready", "Up-to-date", "Available", "Age", "+Containers", "+Images", "+Selector"], Header(printer));
        var deployment = Obj("""
            {"metadata":{"name":"liqo-crd-replicator","creationTimestamp":"AGO:9d"},
             "spec":{"replicas":3,"selector":{"matchLabels":{"app.kubernetes.io/name":"crd-replicator"},
                 "matchExpressions":[{"key":"tier","operator":"In","values":["b","a"]},{"key":"canary","operator":"DoesNotExist"}]},
               "template":{"spec":{"containers":[{"name":"crd-replicator","image":"ghcr.io/liqotech/crd-replicator:v1.2.0"},{"name":"sidecar","image":"busybox"}]}}},
             "status":{"replicas":3,"updatedReplicas":3,"readyReplicas":2,"availableReplicas":2}}
            """);
        Cells("""["liqo-crd-replicator","2/3",3,2,"9d","crd-replicator,sidecar","ghcr.io/liqotech/crd-replicator:v1.2.0,busybox","app.kubernetes.io/name=crd-replicator,!canary,tier in (a,b)"]""",
            printer.Cells(deployment, Now));
        var fresh = Obj("""{"metadata":{"name":"d"},"spec":{"selector":{"matchExpressions":[{"key":"x","operator":"Bogus"}]},"template":{"spec":{"containers":[]}}}}""");
        Cells("""["d","0/1",0,0,"<unknown>","","","<invalid>"]""", printer.Cells(fresh, Now));
    }

    [Fact]
    public void EventShowsObjectAndTrimmedMessage()
    {
        var printer = TablePrinters.ForBuiltIn("", "Event");
        Assert.Equal(["Last Seen", "Type", "Reason", "Object", "+Subobject", "+Source", "Message", "+First Seen", "+Count", "+Name"], Header(printer));
        var ev = Obj("""
            {"metadata":{"name":"liqo-controller-manager.17f","namespace":"liqo"},
             "involvedObject":{"kind":"Pod","name":"liqo-controller-manager","fieldPath":"spec.containers{manager}"},
             "reason":"BackOff","message":"Back-off restarting failed container\n","type":"Warning","count":7,
             "source":{"component":"kubelet","host":"cluster-a-worker"},
             "firstTimestamp":"AGO:30m","lastTimestamp":"AGO:20s"}
            """);
        Cells("""["20s","Warning","BackOff","pod/liqo-controller-manager","spec.containers{manager}","kubelet, cluster-a-worker","Back-off restarting failed container","30m",7,"liqo-controller-manager.17f"]""",
            printer.Cells(ev, Now));

        var series = Obj("""
            {"metadata":{"name":"e2"},"involvedObject":{"kind":"Node"},"type":"Normal","reason":"Ready",
             "eventTime":"AGO:1h","reportingComponent":"x","reportingController":"node-controller","reportingInstance":"cp",
             "series":{"count":12,"lastObservedTime":"AGO:1m"}}
            """);
        Cells("""["60s","Normal","Ready","node","","node-controller, cp","","60m",12,"e2"]""", printer.Cells(series, Now));

        var single = Obj("""{"metadata":{"name":"e3"},"involvedObject":{"kind":"ForeignCluster","name":"cluster-b"},"message":" ok "}""");
        Cells("""["<unknown>","","","foreigncluster/cluster-b","","","ok","<unknown>",1,"e3"]""", printer.Cells(single, Now));
    }

    [Fact]
    public void EventsApiEventsMapOntoTheSameColumns()
    {
        var printer = TablePrinters.ForBuiltIn("events.k8s.io", "Event");
        var ev = Obj("""
            {"metadata":{"name":"e"},"regarding":{"kind":"Pod","name":"p"},"note":"pulled","type":"Normal","reason":"Pulled",
             "reportingController":"kubelet","reportingInstance":"n1","eventTime":"AGO:3m","deprecatedCount":2}
            """);
        Cells("""["3m","Normal","Pulled","pod/p","","kubelet, n1","pulled","3m",2,"e"]""", printer.Cells(ev, Now));
    }

    [Fact]
    public void RoleBindingsShowTheRoleAndWideSubjects()
    {
        var binding = Obj("""
            {"metadata":{"name":"liqo-tenant","namespace":"liqo-tenant-cluster-b","creationTimestamp":"AGO:5m"},
             "roleRef":{"apiGroup":"rbac.authorization.k8s.io","kind":"ClusterRole","name":"liqo-remote-controlplane"},
             "subjects":[{"kind":"User","name":"cluster-b"},{"kind":"Group","name":"liqo-admins"},{"kind":"User","name":"alice"},
               {"kind":"ServiceAccount","name":"vk","namespace":"liqo"}]}
            """);
        var printer = TablePrinters.ForBuiltIn("rbac.authorization.k8s.io", "RoleBinding");
        Assert.Equal(["Name", "Role", "Age", "+Users", "+Groups", "+ServiceAccounts"], Header(printer));
        Cells("""["liqo-tenant","ClusterRole/liqo-remote-controlplane","5m","cluster-b, alice","liqo-admins","liqo/vk"]""", printer.Cells(binding, Now));
        Assert.Equal("Users in the roleBinding", (string)printer.ColumnDefinitions()[3]!["description"]!);

        var clusterPrinter = TablePrinters.ForBuiltIn("rbac.authorization.k8s.io", "ClusterRoleBinding");
        Assert.Equal("Users in the clusterRoleBinding", (string)clusterPrinter.ColumnDefinitions()[3]!["description"]!);
        Assert.StartsWith("RoleRef can only reference a ClusterRole", (string)clusterPrinter.ColumnDefinitions()[1]!["description"]!);
    }

    [Theory]
    [InlineData("rbac.authorization.k8s.io", "Role")]
    [InlineData("rbac.authorization.k8s.io", "ClusterRole")]
    [InlineData("apiextensions.k8s.io", "CustomResourceDefinition")]
    [InlineData("coordination.k8s.io", "Lease")]
    public void KindsWithoutPrinterGetTheDefaultTable(string group, string kind)
    {
        var printer = TablePrinters.ForBuiltIn(group, kind);
        Assert.Equal(["Name", "Created At"], Header(printer));
        Assert.Equal("date", (string)printer.ColumnDefinitions()[1]!["type"]!);
        var obj = Obj("""{"metadata":{"name":"foreignclusters.core.liqo.io","creationTimestamp":"2026-11-27T08:15:42Z"}}""");
        Cells("""["foreignclusters.core.liqo.io","2026-11-27T08:15:42Z"]""", printer.Cells(obj, Now));
        var offset = Obj("""{"metadata":{"name":"x","creationTimestamp":"2026-11-27T10:15:42.5+02:00"}}""");
        Cells("""["x","2026-11-27T08:15:42Z"]""", printer.Cells(offset, Now));
    }
}
