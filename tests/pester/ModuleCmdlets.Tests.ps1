# The module-level cmdlets (liqoctl network connect/disconnect/reset, authenticate/unauthenticate, create resourceslice
# and virtualnode) on one pair of sandbox clusters (or real ones, see LiqoTestSupport): a peering assembled from them
# writes what New-LiqoPeering writes, each -WhatIf writes nothing, the destructive ones keep their promises.
BeforeDiscovery {
    Import-Module $PSScriptRoot/LiqoTestSupport.psm1 -Force
    $script:noKubectl = -not (Get-Kubectl)
    $script:real = Test-RealClusters
}

BeforeAll {
    Import-Module $PSScriptRoot/LiqoTestSupport.psm1 -Force
    Import-Module (Get-LiqoModulePath) -Force
    $script:clusters = Start-LiqoTestClusters
    $script:consumer = $script:clusters.Consumer.KubeconfigPath
    $script:provider = $script:clusters.Provider.KubeconfigPath
    $script:pair = @{ Kubeconfig = $script:consumer; RemoteKubeconfig = $script:provider }
    $script:C = Get-LiqoClusterId -Kubeconfig $script:consumer
    $script:P = Get-LiqoClusterId -Kubeconfig $script:provider

    # Runs a script block and returns the module's writes on both clusters meanwhile.
    function Measure-Writes([scriptblock] $Body) {
        $c = Get-LiqoAuditMark $script:clusters 'consumer'; $p = Get-LiqoAuditMark $script:clusters 'provider'
        & $Body
        @(Get-LiqoModuleWrite $script:clusters 'consumer' $c) + @(Get-LiqoModuleWrite $script:clusters 'provider' $p)
    }

    # What the module (and Liqo's controllers) left on both clusters, as comparable lines; WireGuard keys are fresh for
    # every gateway, so PublicKeys are compared without them.
    function Get-PeeringSnapshot {
        foreach ($kc in @($script:consumer, $script:provider)) {
            foreach ($r in 'configurations.networking.liqo.io', 'gatewayservers.networking.liqo.io',
                'tenants.authentication.liqo.io', 'identities.authentication.liqo.io', 'virtualnodes.offloading.liqo.io') {
                Get-WrittenObject $kc $r
            }
            Get-WrittenObject $kc 'resourceslices.authentication.liqo.io' 'liqo.io/replication=true'
            Get-WrittenObject $kc 'publickeies.networking.liqo.io' | ForEach-Object { $_ -replace '"publicKey":"[^"]*"', '"publicKey":"<key>"' }
            # a new gateway server gets a new load-balancer address
            Get-WrittenObject $kc 'gatewayclients.networking.liqo.io' | ForEach-Object { $_ -replace '"addresses":\[[^\]]*\]', '"addresses":["<address>"]' }
            Get-WrittenObject $kc 'secrets' 'liqo.io/nonce'
            Get-WrittenObject $kc 'secrets' 'liqo.io/signed-nonce'
            Get-WrittenObject $kc 'namespaces' 'liqo.io/tenant-namespace'
        }
    }

    $script:networkingLines = @(
        'INFO (local) Network configuration correctly retrieved'
        'INFO (remote) Network configuration correctly retrieved'
        'INFO (local) Network configuration correctly set up'
        'INFO (remote) Network configuration correctly set up'
        'INFO (local) Configuration applied successfully'
        'INFO (remote) Configuration applied successfully'
        'INFO (remote) Gateway server template "wireguard-server/liqo" correctly checked'
        'INFO (local) Gateway client template "wireguard-client/liqo" correctly checked'
        'INFO (local) Network correctly initialized'
        'INFO (remote) Network correctly initialized'
        'INFO (remote) Gateway server correctly set up'
        "INFO (remote) Gateway pod gw-$($script:C) is ready"
        'INFO (remote) Gateway server Service created successfully'
        'INFO (local) Gateway client correctly set up'
        "INFO (local) Gateway pod gw-$($script:P) is ready"
        'INFO (remote) Gateway server Secret created successfully'
        'INFO (local) Public key correctly created'
        'INFO (local) Gateway client Secret created successfully'
        'INFO (remote) Public key correctly created'
        'INFO (remote) Connection created successfully'
        'INFO (local) Connection created successfully'
        'INFO (local) Connection is established'
        'INFO (remote) Connection is established'
    )
}

AfterAll {
    Stop-LiqoTestClusters $script:clusters
    Remove-Module Liqo -ErrorAction Ignore
}

Describe 'creating cmdlets with -WhatIf' -Skip:$script:real {
    It 'Enable-LiqoNetworking and Enable-LiqoAuthentication write nothing' {
        $writes = Measure-Writes {
            $n = Enable-LiqoNetworking @script:pair -Wait -WhatIf
            $n.WhatIf | Should -BeTrue
            $a = Enable-LiqoAuthentication @script:pair -WhatIf
            $a.WhatIf | Should -BeTrue
        }
        @($writes) | Should -HaveCount 0
    }

    It 'New-LiqoResourceSlice needs the authentication''s tenant namespace, -WhatIf or not (liqoctl: tenant namespace not found)' {
        $writes = Measure-Writes {
            { New-LiqoResourceSlice -Kubeconfig $script:consumer $script:P -RemoteClusterId $script:P -WhatIf } |
                Should -Throw -ErrorId 'TenantNamespaceNotFound*' -ExpectedMessage "tenant namespace not found for cluster ""$($script:P)"""
        }
        @($writes) | Should -HaveCount 0
    }
}

Describe 'a peering assembled from the module-level cmdlets' {
    It 'Enable-LiqoNetworking -Wait connects the clusters with liqoctl network connect''s steps' {
        $r = Enable-LiqoNetworking @script:pair -Wait -InformationVariable steps
        $r.Established | Should -BeTrue
        $r.ReusedReverseTunnel | Should -BeFalse
        $r.LocalClusterId | Should -Be $script:C
        ($steps | ForEach-Object { $_.MessageData.ToString() }) | Should -Be $script:networkingLines
    }

    It 'Enable-LiqoAuthentication authenticates the consumer with the provider' {
        $r = Enable-LiqoAuthentication @script:pair
        $r.Completed | Should -BeTrue
        $r.Identity | Should -Be "controlplane-$($script:P)"
        $r.ProviderTenantNamespace | Should -Be "liqo-tenant-$($script:C)"
    }

    It 'New-LiqoResourceSlice -WhatIf writes nothing' -Skip:$script:real {
        @(Measure-Writes {
                $s = New-LiqoResourceSlice -Kubeconfig $script:consumer $script:P -RemoteClusterId $script:P -WhatIf
                $s.WhatIf | Should -BeTrue
            }) | Should -HaveCount 0
    }

    It 'New-LiqoResourceSlice gets the slice accepted' {
        $r = New-LiqoResourceSlice -Kubeconfig $script:consumer $script:P -RemoteClusterId $script:P
        $r.Authentication | Should -Be 'Accepted'
        $r.Resources | Should -Be 'Accepted'
        $r.Namespace | Should -Be "liqo-tenant-$($script:P)"
        $r.CreateVirtualNode | Should -BeTrue
        $r.PSObject.TypeNames[0] | Should -Be 'Liqo.ResourceSliceResult'
    }

    It 'leads to a Ready virtual node' -Skip:$script:noKubectl {
        $deadline = [DateTime]::UtcNow.AddSeconds(30)
        do {
            $node = Invoke-TestKubectl $script:consumer @('get', 'nodes', $script:P, '-o', 'json', '--ignore-not-found') | Out-String
            $ready = $node -and (($node | ConvertFrom-Json).status.conditions | Where-Object type -EQ 'Ready').status -eq 'True'
            if (-not $ready) { Start-Sleep -Milliseconds 200 }
        } until ($ready -or [DateTime]::UtcNow -gt $deadline)
        $ready | Should -BeTrue
        $script:assembled = @(Get-PeeringSnapshot)
        $script:assembled.Count | Should -BeGreaterThan 10
    }
}

Describe 'tearing down with the module-level cmdlets' {
    It 'Disable-LiqoAuthentication refuses while the consumer has ResourceSlices for the provider, and writes nothing' {
        $writes = Measure-Writes {
            { Disable-LiqoAuthentication @script:pair -Confirm:$false } |
                Should -Throw -ErrorId 'ResourceSlicesPresent*' -ExpectedMessage 'resourceslices are still present on consumer cluster'
        }
        @($writes) | Should -HaveCount 0
    }

    It 'Remove-LiqoResourceSlice -WhatIf writes nothing' -Skip:$script:real {
        @(Measure-Writes { Remove-LiqoResourceSlice -Kubeconfig $script:consumer $script:P -WhatIf }) | Should -HaveCount 0
    }

    It 'Remove-LiqoResourceSlice deletes the slice and waits for it to be gone; its virtual node goes too' -Skip:$script:noKubectl {
        Remove-LiqoResourceSlice -Kubeconfig $script:consumer $script:P -RemoteClusterId $script:P -Confirm:$false
        @(Invoke-TestKubectl $script:consumer @('get', 'resourceslices.authentication.liqo.io', '-A', '-l', 'liqo.io/replication=true', '-o', 'name')) |
            Where-Object { $_ } | Should -HaveCount 0
        $deadline = [DateTime]::UtcNow.AddSeconds(30)
        do {
            $left = @(Invoke-TestKubectl $script:consumer @('get', 'virtualnodes.offloading.liqo.io', '-A', '-o', 'name')) + @(Invoke-TestKubectl $script:consumer @('get', 'nodes', '-l', 'liqo.io/type=virtual-node', '-o', 'name')) | Where-Object { $_ }
            if ($left) { Start-Sleep -Milliseconds 200 }
        } until (-not $left -or [DateTime]::UtcNow -gt $deadline)
        $left | Should -BeNullOrEmpty
    }

    It 'Disable-LiqoAuthentication -WhatIf writes nothing; without it the Tenant and the Identity go' -Skip:$script:noKubectl {
        @(Measure-Writes { Disable-LiqoAuthentication @script:pair -WhatIf }) | Should -HaveCount 0
        Disable-LiqoAuthentication @script:pair -Confirm:$false
        @(Invoke-TestKubectl $script:provider @('get', 'tenants.authentication.liqo.io', '-A', '-o', 'name')) | Where-Object { $_ } | Should -HaveCount 0
        @(Invoke-TestKubectl $script:consumer @('get', 'identities.authentication.liqo.io', '-A', '-o', 'name')) | Where-Object { $_ } | Should -HaveCount 0
    }

    It 'Disable-LiqoNetworking -WhatIf writes nothing; without it the gateways go and the Configurations stay' -Skip:$script:noKubectl {
        @(Measure-Writes { Disable-LiqoNetworking @script:pair -WhatIf }) | Should -HaveCount 0
        Disable-LiqoNetworking @script:pair -Confirm:$false
        foreach ($kc in $script:consumer, $script:provider) {
            @(Invoke-TestKubectl $kc @('get', 'gatewayservers.networking.liqo.io,gatewayclients.networking.liqo.io', '-A', '-o', 'name')) | Where-Object { $_ } | Should -HaveCount 0
            @(Invoke-TestKubectl $kc @('get', 'configurations.networking.liqo.io', '-A', '-o', 'name')) | Where-Object { $_ } | Should -HaveCount 1
        }
    }

    It 'Reset-LiqoNetworking -WhatIf writes nothing; without it the Configurations go too' -Skip:$script:noKubectl {
        @(Measure-Writes { Reset-LiqoNetworking @script:pair -WhatIf }) | Should -HaveCount 0
        Reset-LiqoNetworking @script:pair -Confirm:$false
        foreach ($kc in $script:consumer, $script:provider) {
            @(Invoke-TestKubectl $kc @('get', 'configurations.networking.liqo.io', '-A', '-o', 'name')) | Where-Object { $_ } | Should -HaveCount 0
        }
    }

    It '<_> refuses to prompt in a non-interactive host' -ForEach @(
        'Disable-LiqoNetworking', 'Reset-LiqoNetworking', 'Disable-LiqoAuthentication', 'Remove-LiqoResourceSlice', 'Remove-LiqoVirtualNode', 'Remove-LiqoPeeringUser'
    ) {
        $cmdlet = $_
        $params = switch -Wildcard ($cmdlet) {
            '*Networking' { $script:pair }
            '*Authentication' { $script:pair }
            'Remove-LiqoPeeringUser' { @{ Kubeconfig = $script:provider; ConsumerClusterId = $script:C } }
            default { @{ Kubeconfig = $script:consumer; Name = 'anything' } }
        }
        $writes = Measure-Writes { { & $cmdlet @params } | Should -Throw -ErrorId 'ConfirmationRequired*' }
        @($writes) | Should -HaveCount 0
    }
}

# liqoctl network --namespace/--remote-namespace and --gw-server-type: after the teardown above, so the clusters hold no
# networking objects, and before New-LiqoPeering below, which finds them clean again.
Describe 'networking in namespaces of the user''s choice, with a gateway server type of the user''s' -Skip:($script:noKubectl -or $script:real) {
    BeforeAll {
        Invoke-TestKubectl $script:consumer @('create', 'namespace', 'net-consumer') | Out-Null
        Invoke-TestKubectl $script:provider @('create', 'namespace', 'net-provider') | Out-Null
        # a template type of the user's on the provider: a CRD, and the chart's WireGuard server template copied into it
        $crd = @{
            apiVersion = 'apiextensions.k8s.io/v1'; kind = 'CustomResourceDefinition'; metadata = @{ name = 'acmegatewayservertemplates.example.com' }
            spec = @{
                group = 'example.com'; scope = 'Namespaced'
                names = @{ plural = 'acmegatewayservertemplates'; singular = 'acmegatewayservertemplate'; kind = 'AcmeGatewayServerTemplate' }
                versions = @(@{ name = 'v1'; served = $true; storage = $true; schema = @{ openAPIV3Schema = @{ type = 'object'
                    properties = @{ spec = @{ type = 'object'; 'x-kubernetes-preserve-unknown-fields' = $true } } } } })
            }
        }
        $crd | ConvertTo-Json -Depth 20 | Set-Content TestDrive:/crd.json
        Invoke-TestKubectl $script:provider @('create', '-f', (Get-Item TestDrive:/crd.json).FullName) | Out-Null
        $wireguard = Invoke-TestKubectl $script:provider @('get', 'wggatewayservertemplates.networking.liqo.io', 'wireguard-server', '-n', 'liqo', '-o', 'json') -Json
        @{ apiVersion = 'example.com/v1'; kind = 'AcmeGatewayServerTemplate'; metadata = @{ name = 'acme-server'; namespace = 'liqo' }; spec = $wireguard.spec } |
            ConvertTo-Json -Depth 50 | Set-Content TestDrive:/acme.json
        Invoke-TestKubectl $script:provider @('create', '-f', (Get-Item TestDrive:/acme.json).FullName) | Out-Null
        $script:netNs = @{ NetworkingNamespace = 'net-consumer'; RemoteNetworkingNamespace = 'net-provider' }
        $script:acme = @{ GatewayServerType = 'example.com/v1/acmegatewayservertemplates'; GatewayServerTemplateName = 'acme-server' }
        function Get-NetworkingObject([string] $Kubeconfig) {
            Invoke-TestKubectl $Kubeconfig @('get', 'configurations.networking.liqo.io,gatewayservers.networking.liqo.io,gatewayclients.networking.liqo.io,publickeies.networking.liqo.io',
                '-A', '-o', 'jsonpath={range .items[*]}{.kind}/{.metadata.namespace}/{.metadata.name}{"\n"}{end}') | Where-Object { $_ } | Sort-Object
        }
    }

    It 'refuses a malformed type, a namespace that does not exist and a type the cluster does not serve, before any write' {
        $writes = Measure-Writes {
            { Enable-LiqoNetworking @script:pair @script:netNs -GatewayServerType 'acmegatewayservertemplates' -Wait } |
                Should -Throw -ErrorId 'InvalidArgument*' -ExpectedMessage "-GatewayServerType 'acmegatewayservertemplates' is not valid*"
            { Enable-LiqoNetworking @script:pair -NetworkingNamespace 'net-consumer' -RemoteNetworkingNamespace 'no-such-namespace' -Wait } |
                Should -Throw -ErrorId 'NetworkingNamespaceNotFound*' -ExpectedMessage '*namespace "no-such-namespace" not found on the remote cluster*'
            { Enable-LiqoNetworking @script:pair @script:netNs -GatewayServerType 'example.com/v1/nosuchtemplates' -Wait } |
                Should -Throw -ErrorId 'GatewayTypeNotFound*'
        }
        @($writes) | Should -HaveCount 0
    }

    It 'Enable-LiqoNetworking -WhatIf writes nothing; without it every networking object is in the namespaces named, the server template as named' {
        @(Measure-Writes { $null = Enable-LiqoNetworking @script:pair @script:netNs @script:acme -Wait -WhatIf }) | Should -HaveCount 0
        $r = Enable-LiqoNetworking @script:pair @script:netNs @script:acme -Wait -InformationVariable steps
        $r.Established | Should -BeTrue
        "$steps" | Should -BeLike '*Gateway server template "acme-server/liqo" correctly checked*'
        Get-NetworkingObject $script:consumer | Should -Be @("Configuration/net-consumer/$($script:P)", "GatewayClient/net-consumer/$($script:P)", "PublicKey/net-consumer/$($script:P)")
        Get-NetworkingObject $script:provider | Should -Be @("Configuration/net-provider/$($script:C)", "GatewayServer/net-provider/$($script:C)", "PublicKey/net-provider/$($script:C)")
        $server = Invoke-TestKubectl $script:provider @('get', 'gatewayservers.networking.liqo.io', $script:C, '-n', 'net-provider', '-o', 'json') -Json
        $server.spec.serverTemplateRef | ConvertTo-Json -Compress |
            Should -Be '{"apiVersion":"example.com/v1","kind":"AcmeGatewayServerTemplate","name":"acme-server","namespace":"liqo"}'
    }

    It 'Disable-LiqoNetworking and Reset-LiqoNetworking find them in the namespaces named and remove them' {
        Disable-LiqoNetworking @script:pair @script:netNs -Confirm:$false
        Get-NetworkingObject $script:consumer | Should -Be @("Configuration/net-consumer/$($script:P)")
        Get-NetworkingObject $script:provider | Should -Be @("Configuration/net-provider/$($script:C)")
        Reset-LiqoNetworking @script:pair @script:netNs -Confirm:$false
        Get-NetworkingObject $script:consumer | Should -BeNullOrEmpty
        Get-NetworkingObject $script:provider | Should -BeNullOrEmpty
    }
}

Describe 'New-LiqoPeering after the module-level teardown' {
    It 'writes the same objects as the module-level cmdlets did' -Skip:$script:noKubectl {
        $r = New-LiqoPeering @script:pair -Timeout 1m
        $r.VirtualNodeReady | Should -BeTrue
        $again = @(Get-PeeringSnapshot)
        $again.Count | Should -Be $script:assembled.Count
        Compare-Object $script:assembled $again | ForEach-Object { "$($_.SideIndicator) $($_.InputObject)" } | Should -BeNullOrEmpty
    }
}

Describe 'offloading cmdlets on the peering' {
    It 'New-LiqoResourceSlice -NoVirtualNode writes the slice liqoctl create resourceslice --no-virtual-node writes' -Skip:$script:noKubectl {
        $r = New-LiqoResourceSlice -Kubeconfig $script:consumer extra -RemoteClusterId $script:P -NoVirtualNode -Cpu 1000m -Memory 1Gi -Resource @{ 'example.com/dongle' = '2' }
        $r.Authentication | Should -Be 'Accepted'
        $r.RequestedResources['cpu'] | Should -Be '1'
        $slice = Invoke-TestKubectl $script:consumer @('get', 'resourceslices.authentication.liqo.io', '-n', "liqo-tenant-$($script:P)", 'extra', '-o', 'json') -Json
        $slice.metadata.labels['liqo.io/replication'] | Should -Be 'true'
        $slice.metadata.labels['liqo.io/remoteID'] | Should -Be $script:P
        $slice.metadata.labels['liqo.io/remote-cluster-id'] | Should -Be $script:P
        $slice.metadata.annotations | Should -BeNullOrEmpty
        $slice.spec.class | Should -Be 'default'
        $slice.spec.providerClusterID | Should -Be $script:P
        $slice.spec.resources | Should -BeOfType [System.Collections.IDictionary]
        ($slice.spec.resources.GetEnumerator() | Sort-Object Key | ForEach-Object { "$($_.Key)=$($_.Value)" }) -join ',' |
            Should -Be 'cpu=1,example.com/dongle=2,memory=1Gi'
    }

    It '-Output Json|Yaml of New-LiqoResourceSlice and New-LiqoVirtualNode prints what liqoctl create -o prints and writes nothing' -Skip:($script:real -or $script:noKubectl) {
        $ns = "liqo-tenant-$($script:P)"
        $writes = Measure-Writes {
            $script:sliceYaml = New-LiqoResourceSlice -Kubeconfig $script:consumer printed -RemoteClusterId $script:P -Cpu 2000m -Output Yaml
            $script:vnJson = New-LiqoVirtualNode -Kubeconfig $script:consumer printed -RemoteClusterId $script:P -KubeconfigSecretName "kubeconfig-resourceslice-$($script:P)" -NoNode -Output Json
            $script:fromSlice = New-LiqoVirtualNode -Kubeconfig $script:consumer printed -RemoteClusterId $script:P -ResourceSliceName extra -Output Json
        }
        @($writes) | Should -HaveCount 0
        $script:sliceYaml | Should -Be (@(
                'apiVersion: authentication.liqo.io/v1beta1'
                'kind: ResourceSlice'
                'metadata:'
                '  annotations:'
                '    liqo.io/create-virtual-node: "true"'
                '  labels:'
                "    liqo.io/remote-cluster-id: $($script:P)"
                "    liqo.io/remoteID: $($script:P)"
                '    liqo.io/replication: "true"'
                '  name: printed'
                "  namespace: $ns"
                'spec:'
                '  class: default'
                "  providerClusterID: $($script:P)"
                '  resources:'
                '    cpu: "2"'
                'status: {}'
                '') -join "`n")
        $script:vnJson | Should -Be (@(
                '{'
                '    "kind": "VirtualNode",'
                '    "apiVersion": "offloading.liqo.io/v1beta1",'
                '    "metadata": {'
                '        "name": "printed",'
                "        `"namespace`": `"$ns`","
                '        "labels": {'
                "            `"liqo.io/remote-cluster-id`": `"$($script:P)`""
                '        }'
                '    },'
                '    "spec": {'
                "        `"clusterID`": `"$($script:P)`","
                '        "createNode": false,'
                '        "disableNetworkCheck": false,'
                '        "kubeconfigSecretRef": {'
                "            `"name`": `"kubeconfig-resourceslice-$($script:P)`""
                '        },'
                '        "resourceQuota": {'
                '            "hard": {'
                '                "cpu": "2",'
                '                "memory": "4Gi",'
                '                "pods": "110"'
                '            }'
                '        },'
                '        "labels": {'
                "            `"liqo.io/remote-cluster-id`": `"$($script:P)`""
                '        }'
                '    },'
                '    "status": {}'
                '}'
                '') -join "`n")
        # from the slice: its accepted resources and its Identity's kubeconfig Secret, as liqoctl reads them
        $printed = $script:fromSlice | ConvertFrom-Json -AsHashtable
        $slice = Invoke-TestKubectl $script:consumer @('get', 'resourceslices.authentication.liqo.io', '-n', $ns, 'extra', '-o', 'json') -Json
        ($printed.spec.resourceQuota.hard | ConvertTo-Json -Compress) | Should -Be ($slice.status.resources | ConvertTo-Json -Compress)
        $printed.spec.kubeconfigSecretRef.name | Should -Be 'kubeconfig-resourceslice-extra'
        @(Invoke-TestKubectl $script:consumer @('get', 'virtualnodes.offloading.liqo.io', '-n', $ns, 'printed', '--ignore-not-found', '-o', 'name')) |
            Where-Object { $_ } | Should -HaveCount 0
        { New-LiqoResourceSlice -Kubeconfig $script:consumer printed -RemoteClusterId no-such-cluster -Output Json } | Should -Throw -ErrorId 'TenantNamespaceNotFound,*'
    }

    It 'New-LiqoVirtualNode -ResourceSliceName takes the slice''s resources and identity and waits for the Node' -Skip:$script:noKubectl {
        $v = New-LiqoVirtualNode -Kubeconfig $script:consumer extra -RemoteClusterId $script:P -ResourceSliceName extra
        $v.NodeReady | Should -BeTrue
        $v.KubeconfigSecret | Should -Be 'kubeconfig-resourceslice-extra'
        $slice = Invoke-TestKubectl $script:consumer @('get', 'resourceslices.authentication.liqo.io', '-n', "liqo-tenant-$($script:P)", 'extra', '-o', 'json') -Json
        $vn = Invoke-TestKubectl $script:consumer @('get', 'virtualnodes.offloading.liqo.io', '-n', "liqo-tenant-$($script:P)", 'extra', '-o', 'json') -Json
        ($vn.spec.resourceQuota.hard | ConvertTo-Json -Compress) | Should -Be ($slice.status.resources | ConvertTo-Json -Compress)
    }

    It 'New-LiqoVirtualNode -KubeconfigSecretName writes exactly the VirtualNode liqoctl create virtualnode writes' -Skip:$script:noKubectl {
        $mark = Get-LiqoAuditMark $script:clusters 'consumer'
        $v = New-LiqoVirtualNode -Kubeconfig $script:consumer manual -RemoteClusterId $script:P -KubeconfigSecretName "kubeconfig-resourceslice-$($script:P)" `
            -Cpu 1000m -Memory 2048Mi -Pods 20 -Resource @{ 'nvidia.com/gpu' = '1' } -StorageClass fast, slow -IngressClass nginx -LoadBalancerClass lb `
            -Label @{ zone = 'a' } -NodeSelector @{ disk = 'ssd' } -RuntimeClassName kata -DisableNetworkCheck
        $v.NodeReady | Should -BeTrue
        $v.PSObject.TypeNames[0] | Should -Be 'Liqo.VirtualNodeResult'
        if ($script:clusters.Sandbox) {
            $writes = @(Get-LiqoModuleWrite $script:clusters 'consumer' $mark)
            ($writes | ForEach-Object { "$($_.verb) $($_.objectRef.resource)" }) | Should -Be @('create virtualnodes')
        }
        $vn = Invoke-TestKubectl $script:consumer @('get', 'virtualnodes.offloading.liqo.io', '-n', "liqo-tenant-$($script:P)", 'manual', '-o', 'json') -Json
        $vn.metadata.labels | ConvertTo-Json -Compress | Should -Be (@{ 'liqo.io/remote-cluster-id' = $script:P } | ConvertTo-Json -Compress)
        $written = [ordered]@{}
        foreach ($f in 'clusterID', 'createNode', 'disableNetworkCheck', 'kubeconfigSecretRef', 'resourceQuota', 'labels', 'storageClasses',
            'ingressClasses', 'loadBalancerClasses', 'offloadingPatch') { $written[$f] = $vn.spec[$f] }
        $expected = [ordered]@{
            clusterID           = $script:P
            createNode          = $true
            disableNetworkCheck = $true
            kubeconfigSecretRef = @{ name = "kubeconfig-resourceslice-$($script:P)" }
            resourceQuota       = @{ hard = @{ cpu = '1'; memory = '2Gi'; 'nvidia.com/gpu' = '1'; pods = '20' } }
            labels              = @{ 'liqo.io/remote-cluster-id' = $script:P; zone = 'a' }
            storageClasses      = @(@{ storageClassName = 'fast'; default = $true }, @{ storageClassName = 'slow' })
            ingressClasses      = @(@{ ingressClassName = 'nginx'; default = $true })
            loadBalancerClasses = @(@{ loadBalancerClassName = 'lb'; default = $true })
            offloadingPatch     = @{ nodeSelector = @{ disk = 'ssd' }; runtimeClassName = 'kata' }
        }
        (ConvertTo-SortedValue $written | ConvertTo-Json -Depth 10 -Compress) | Should -Be (ConvertTo-SortedValue $expected | ConvertTo-Json -Depth 10 -Compress)
        # the webhook filled the rest from the default VkOptionsTemplate
        $vn.spec.vkOptionsTemplateRef.name | Should -Be 'virtual-kubelet-default'
    }

    It 'New-LiqoVirtualNode and Remove-LiqoVirtualNode -WhatIf write nothing' -Skip:$script:real {
        @(Measure-Writes {
                New-LiqoVirtualNode -Kubeconfig $script:consumer other -RemoteClusterId $script:P -KubeconfigSecretName x -WhatIf | Out-Null
                Remove-LiqoVirtualNode -Kubeconfig $script:consumer manual -WhatIf
            }) | Should -HaveCount 0
    }

    It 'Remove-LiqoVirtualNode deletes the virtual node and waits until it is gone; the Node goes with it' -Skip:$script:noKubectl {
        New-LiqoVirtualNode -Kubeconfig $script:consumer manual -RemoteClusterId $script:P -KubeconfigSecretName "kubeconfig-resourceslice-$($script:P)" -NoWait |
            Remove-LiqoVirtualNode -Kubeconfig $script:consumer -Confirm:$false
        @(Invoke-TestKubectl $script:consumer @('get', 'virtualnodes.offloading.liqo.io', '-A', '--field-selector', 'metadata.name=manual', '-o', 'name')) |
            Where-Object { $_ } | Should -HaveCount 0
        @(Invoke-TestKubectl $script:consumer @('get', 'nodes', 'manual', '--ignore-not-found', '-o', 'name')) | Where-Object { $_ } | Should -HaveCount 0
    }

    It 'refuses an amount that is not a quantity before writing anything' {
        $writes = Measure-Writes {
            { New-LiqoResourceSlice -Kubeconfig $script:consumer bad -RemoteClusterId $script:P -Cpu 'two' } |
                Should -Throw -ErrorId 'InvalidQuantity*' -ExpectedMessage "unable to parse cpu quantity*"
            { New-LiqoVirtualNode -Kubeconfig $script:consumer bad -RemoteClusterId $script:P -KubeconfigSecretName x -Memory '4 GB' } |
                Should -Throw -ErrorId 'InvalidQuantity*'
        }
        @($writes) | Should -HaveCount 0
    }

    It 'bounds the wait for a provider that never answers by -Timeout (liqoctl waits forever)' -Skip:$script:noKubectl {
        Invoke-TestKubectl $script:consumer @('create', 'namespace', 'liqo-tenant-ghost') | Out-Null
        Invoke-TestKubectl $script:consumer @('label', 'namespace', 'liqo-tenant-ghost', 'liqo.io/remote-cluster-id=ghost', 'liqo.io/tenant-namespace=true') | Out-Null
        $watch = [Diagnostics.Stopwatch]::StartNew()
        { New-LiqoResourceSlice -Kubeconfig $script:consumer ghost -RemoteClusterId ghost -Timeout 2s } |
            Should -Throw -ErrorId 'WaitTimeout*' -ExpectedMessage '*ResourceSlice liqo-tenant-ghost/ghost*condition Authentication=Accepted*'
        $watch.Elapsed.TotalSeconds | Should -BeLessThan 15
        Remove-LiqoResourceSlice -Kubeconfig $script:consumer ghost -NoWait -Confirm:$false
    }

    It 'Remove-LiqoPeering -WhatIf writes nothing' -Skip:$script:real {
        @(Measure-Writes { Remove-LiqoPeering @script:pair -WhatIf }) | Should -HaveCount 0
    }

    It 'Remove-LiqoPeering removes the slices and virtual nodes made by hand too' -Skip:$script:noKubectl {
        Remove-LiqoPeering @script:pair -Confirm:$false
        @(Invoke-TestKubectl $script:consumer @('get', 'virtualnodes.offloading.liqo.io', '-A', '-l', "liqo.io/remote-cluster-id=$($script:P)", '-o', 'name')) |
            Where-Object { $_ } | Should -HaveCount 0
    }
}
