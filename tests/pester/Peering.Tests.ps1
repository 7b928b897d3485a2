# New-LiqoPeering / Remove-LiqoPeering end to end: on sandbox clusters (or real ones, see LiqoTestSupport).
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
    $script:back = @{ Kubeconfig = $script:provider; RemoteKubeconfig = $script:consumer }
    $script:consumerId = Get-LiqoClusterId -Kubeconfig $script:consumer
    $script:providerId = Get-LiqoClusterId -Kubeconfig $script:provider

    # Write requests the module sent to a cluster, from the sandbox's audit log (user agent Liqo-PowerShell).
    function Get-ModuleWrites([string] $Cluster, [int] $Skip = 0) {
        if (-not $script:clusters.Sandbox) { return @() }
        $log = Join-Path $script:clusters.Sandbox "$Cluster.audit.jsonl"
        $null = Get-LiqoAuditQuietCount $log # the last requests' lines have landed
        Get-Content $log | Select-Object -Skip $Skip | ConvertFrom-Json |
            Where-Object { $_.userAgent -like 'Liqo-PowerShell*' -and $_.verb -in 'create', 'update', 'patch', 'delete', 'deletecollection' -and $_.requestURI -notlike '*/selfsubjectaccessreviews*' }
    }
    function Get-AuditLength([string] $Cluster) { Get-LiqoAuditMark $script:clusters $Cluster }
    $script:kubectl = Get-Kubectl
    function Invoke-Kubectl([string] $Kubeconfig, [string[]] $Arguments) {
        & $script:kubectl --kubeconfig $Kubeconfig --cache-dir (Join-Path ([IO.Path]::GetTempPath()) "liqo-kc-$PID") @Arguments
    }
}

AfterAll {
    Stop-LiqoTestClusters $script:clusters
    Remove-Module Liqo -ErrorAction Ignore
}

Describe 'New-LiqoPeering' {
    BeforeAll {
        $script:steps = $null
        $script:verbose = $null
        $script:result = New-LiqoPeering @script:pair -InformationVariable steps -Verbose 4>&1 | Tee-Object -Variable all | Where-Object { $_ -isnot [Management.Automation.VerboseRecord] }
        $script:steps = $steps
        $script:verbose = $all | Where-Object { $_ -is [Management.Automation.VerboseRecord] }
    }

    It 'returns one result naming both clusters, the roles and a Ready virtual node' {
        $script:result | Should -HaveCount 1
        $script:result.PSObject.TypeNames[0] | Should -Be 'Liqo.PeeringResult'
        $script:result.ConsumerClusterId | Should -Be $script:consumerId
        $script:result.ProviderClusterId | Should -Be $script:providerId
        $script:result.ConsumerRole | Should -Be 'Provider'
        $script:result.ProviderRole | Should -Be 'Consumer'
        $script:result.Networking.Status | Should -Be 'Established'
        $script:result.Authentication.Status | Should -Be 'Established'
        $script:result.Offloading.Status | Should -Be 'Established'
        $script:result.VirtualNode | Should -Be $script:providerId
        $script:result.VirtualNodeReady | Should -BeTrue
    }

    It 'prints liqoctl''s step lines in liqoctl''s order, as information records with structured data' {
        $lines = $script:steps | ForEach-Object { $_.MessageData.ToString() }
        $expected = @(
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
            "INFO (remote) Gateway pod gw-$($script:consumerId) is ready"
            'INFO (remote) Gateway server Service created successfully'
            'INFO (local) Gateway client correctly set up'
            "INFO (local) Gateway pod gw-$($script:providerId) is ready"
            'INFO (remote) Gateway server Secret created successfully'
            'INFO (local) Public key correctly created'
            'INFO (local) Gateway client Secret created successfully'
            'INFO (remote) Public key correctly created'
            'INFO (remote) Connection created successfully'
            'INFO (local) Connection created successfully'
            'INFO (local) Connection is established'
            'INFO (remote) Connection is established'
            'INFO (local) Tenant namespace correctly ensured'
            'INFO (remote) Tenant namespace correctly ensured'
            'INFO (remote) Nonce secret ensured'
            'INFO (remote) Nonce generated successfully'
            'INFO (remote) Nonce retrieved'
            'INFO (local) Signed nonce secret ensured'
            'INFO (local) Nonce is signed'
            'INFO (local) Signed nonce retrieved'
            'INFO (local) Tenant correctly generated'
            'INFO (remote) Tenant correctly applied on provider cluster'
            'INFO (remote) Tenant status is filled'
            'INFO (remote) Identity correctly generated'
            'INFO (local) Identity correctly applied on consumer cluster'
            'INFO (local) Identity status is filled'
            'INFO (local) ResourceSlice created'
            'INFO (local) ResourceSlice authentication: Accepted'
            'INFO (local) ResourceSlice resources: Accepted'
        )
        $lines[0..($expected.Count - 1)] | Should -Be $expected
        $lines | Should -Contain "INFO (local) Node $($script:providerId) is Ready"
        $first = $script:steps[0]
        $first.Tags | Should -Contain 'Liqo.Step'
        $first.MessageData.Module | Should -Be 'Networking'
        $first.MessageData.Scope | Should -Be 'local'
        $first.MessageData.ClusterId | Should -Be $script:consumerId
        $first.MessageData.Elapsed | Should -BeOfType [TimeSpan]
    }

    It 'mirrors every step line to Verbose' {
        $v = $script:verbose | ForEach-Object Message
        foreach ($s in $script:steps) { $v | Should -Contain $s.MessageData.ToString() }
    }

    It 'writes the objects liqoctl writes' -Skip:$script:noKubectl {
        $tenant = Invoke-Kubectl $script:provider @('get', 'tenants.authentication.liqo.io', '-n', "liqo-tenant-$($script:consumerId)", $script:consumerId, '-o', 'json') | ConvertFrom-Json
        $tenant.metadata.labels.'liqo.io/remote-cluster-id' | Should -Be $script:consumerId
        $tenant.spec.clusterID | Should -Be $script:consumerId
        [Text.Encoding]::ASCII.GetString([Convert]::FromBase64String($tenant.spec.publicKey)) | Should -Match '^-----BEGIN PUBLIC KEY-----'
        [Text.Encoding]::ASCII.GetString([Convert]::FromBase64String($tenant.spec.csr)) | Should -Match '^-----BEGIN CERTIFICATE REQUEST-----'
        $slice = Invoke-Kubectl $script:consumer @('get', 'resourceslices.authentication.liqo.io', '-n', "liqo-tenant-$($script:providerId)", $script:providerId, '-o', 'json') | ConvertFrom-Json
        $slice.metadata.labels.'liqo.io/replication' | Should -Be 'true'
        $slice.metadata.labels.'liqo.io/remoteID' | Should -Be $script:providerId
        $slice.metadata.annotations.'liqo.io/create-virtual-node' | Should -Be 'true'
        $slice.spec.class | Should -Be 'default'
        $identity = Invoke-Kubectl $script:consumer @('get', 'identities.authentication.liqo.io', '-n', "liqo-tenant-$($script:providerId)", "controlplane-$($script:providerId)", '-o', 'json') | ConvertFrom-Json
        $identity.spec.type | Should -Be 'ControlPlane'
        $identity.spec.namespace | Should -Be "liqo-tenant-$($script:consumerId)"
        $nodes = Invoke-Kubectl $script:consumer @('get', 'nodes', '-l', 'liqo.io/type=virtual-node', '-o', 'name')
        $nodes | Should -Contain "node/$($script:providerId)"
    }

    It 'writes nothing when run again on the established peering, and returns the same result' {
        $before = Get-AuditLength 'consumer'; $beforeP = Get-AuditLength 'provider'
        $again = New-LiqoPeering @script:pair
        $again.ProviderClusterId | Should -Be $script:result.ProviderClusterId
        $again.VirtualNodeReady | Should -BeTrue
        if ($script:clusters.Sandbox) {
            @(Get-ModuleWrites 'consumer' $before) | Should -HaveCount 0
            @(Get-ModuleWrites 'provider' $beforeP) | Should -HaveCount 0
        }
    }
}

Describe 'bidirectional peering' {
    It 'peering back reuses the tunnel and both ForeignClusters become ConsumerAndProvider' {
        $r = New-LiqoPeering @script:back
        $r.Networking.Status | Should -Be 'Reused'
        $r.ConsumerRole | Should -Be 'ConsumerAndProvider'
        $r.ProviderRole | Should -Be 'ConsumerAndProvider'
        $r.VirtualNodeReady | Should -BeTrue
    }

    It 'refuses -DeleteNamespaces on a bidirectional peering' {
        { Remove-LiqoPeering @script:pair -DeleteNamespaces -Confirm:$false } | Should -Throw -ErrorId 'BidirectionalPeering*'
    }

    It 'removing one direction leaves the other working' {
        $u = Remove-LiqoPeering @script:pair -Confirm:$false -PassThru
        $u.Bidirectional | Should -BeTrue
        $u.NetworkingRemoved | Should -BeFalse
        $again = New-LiqoPeering @script:back
        $again.Networking.Status | Should -Be 'Reused'
        $again.VirtualNodeReady | Should -BeTrue -Because 'the reverse peering''s virtual node is still Ready'
        if ($script:kubectl) {
            $node = Invoke-Kubectl $script:provider @('get', 'node', $script:consumerId, '-o', 'json') | ConvertFrom-Json
            ($node.status.conditions | Where-Object type -EQ 'Ready').status | Should -Be 'True'
        }
    }

    It 'removing the other direction too leaves no peering objects but what liqoctl leaves' {
        Remove-LiqoPeering @script:back -Confirm:$false
        if (-not $script:kubectl) { Set-ItResult -Skipped -Because 'kubectl is needed to list what is left' }
        else {
            foreach ($k in @($script:consumer, $script:provider)) {
                foreach ($kind in 'gatewayservers.networking.liqo.io', 'gatewayclients.networking.liqo.io', 'configurations.networking.liqo.io',
                    'tenants.authentication.liqo.io', 'identities.authentication.liqo.io', 'resourceslices.authentication.liqo.io', 'virtualnodes.offloading.liqo.io') {
                    @(Invoke-Kubectl $k @('get', $kind, '-A', '-o', 'name')) | Where-Object { $_ } | Should -HaveCount 0 -Because "$kind must be gone"
                }
                @(Invoke-Kubectl $k @('get', 'nodes', '-l', 'liqo.io/type=virtual-node', '-o', 'name')) | Where-Object { $_ } | Should -HaveCount 0
            }
        }
    }
}

Describe 'Remove-LiqoPeering safety' {
    It 'does not prompt in a non-interactive host: it asks for -Confirm:$false' {
        { Remove-LiqoPeering @script:pair } | Should -Throw -ErrorId 'ConfirmationRequired*'
    }

    It 'refuses a -ClusterId that is not the remote cluster''s, as an error of that record only' {
        { Remove-LiqoPeering @script:pair -ClusterId 'someone-else' -Confirm:$false -ErrorAction Stop } | Should -Throw -ErrorId 'ClusterIdMismatch*'
        # piped IDs: each one that is not the remote cluster's is an error of its own, and the pipeline goes on
        $peers = [pscustomobject]@{ ClusterId = 'someone-else' }, [pscustomobject]@{ ClusterId = 'another-one' }
        $out = $peers | Remove-LiqoPeering @script:pair -Confirm:$false -PassThru -ErrorAction SilentlyContinue -ErrorVariable errs
        $out | Should -BeNullOrEmpty
        @($errs) | Should -HaveCount 2
        $errs[1].FullyQualifiedErrorId | Should -BeLike 'ClusterIdMismatch,*'
        $errs[1].TargetObject | Should -Be 'another-one'
    }
}

Describe 'pre-flight' {
    It 'refuses to peer a cluster with itself (same cluster ID)' {
        { New-LiqoPeering -Kubeconfig $script:consumer -RemoteKubeconfig $script:consumer } | Should -Throw -ErrorId 'SameCluster*'
    }
}

Describe 'New-LiqoPeering -WhatIf' {
    It 'writes nothing and prints the plan for both clusters' -Skip:$script:real {
        $before = Get-AuditLength 'consumer'; $beforeP = Get-AuditLength 'provider'
        $r = Invoke-FreshPwsh -Script @"
Import-Module '$(Get-LiqoModulePath)'
New-LiqoPeering -Kubeconfig '$script:consumer' -RemoteKubeconfig '$script:provider' -WhatIf | Out-Null
"@
        @(Get-ModuleWrites 'consumer' $before) | Should -HaveCount 0
        @(Get-ModuleWrites 'provider' $beforeP) | Should -HaveCount 0
        $plan = $r.Output -join "`n"
        $plan | Should -Match 'What if: Performing the operation "Create" on target "local cluster .*: Configuration'
        $plan | Should -Match 'What if: Performing the operation "Create" on target "remote cluster .*: GatewayServer'
        $plan | Should -Match 'What if: Performing the operation "Create" on target "remote cluster .*: Tenant'
        $plan | Should -Match 'What if: Performing the operation "Create" on target "local cluster .*: ResourceSlice'
    }

    It 'says in its step lines what would be done, never that it was done' {
        $null = New-LiqoPeering @script:pair -WhatIf -InformationVariable steps 6>$null
        $lines = @($steps | ForEach-Object { "$($_.MessageData)" })
        $lines | Should -Not -BeNullOrEmpty
        $lines | Where-Object { $_ -match 'correctly|successfully' } | Should -BeNullOrEmpty
        $lines | Should -Contain 'INFO (remote) Gateway server would be set up'
        $lines | Should -Contain 'INFO (remote) Tenant would be applied on provider cluster'
    }
}
