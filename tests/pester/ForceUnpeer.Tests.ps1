# Remove-LiqoPeering -Force (liqoctl force unpeer): the remote cluster is gone, only the local cluster's kubeconfig is at
# hand. On sandbox clusters the provider is taken away with the sandbox's outage knob (DIR/provider.faults.json,
# {"unreachable": true}: its API server drops every connection); on real clusters the tests that need that are skipped.
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
    $script:C = Get-LiqoClusterId -Kubeconfig $script:consumer
    $script:P = Get-LiqoClusterId -Kubeconfig $script:provider

    # Takes the provider's API server away (or brings it back) and waits until the module sees it so.
    function Set-ProviderUnreachable([bool] $Unreachable) {
        $file = Join-Path $script:clusters.Sandbox 'provider.faults.json'
        Set-Content $file ($(if ($Unreachable) { '{"unreachable": true}' } else { '{}' }))
        $deadline = [DateTime]::UtcNow.AddSeconds(10)
        while ($true) {
            $down = $null -ne (Get-ErrorRecordOf { Get-LiqoClusterId -Kubeconfig $script:provider -ErrorAction Stop })
            if ($down -eq $Unreachable) { return }
            if ([DateTime]::UtcNow -gt $deadline) { throw "the provider is not $(if ($Unreachable) { 'unreachable' } else { 'back' }) after 10 s" }
            Start-Sleep -Milliseconds 100
        }
    }
    function Get-ErrorRecordOf([scriptblock] $Body) {
        try { $null = & $Body; $null } catch { $_ }
    }
}

AfterAll {
    if ($script:clusters.Sandbox) { Remove-Item (Join-Path $script:clusters.Sandbox 'provider.faults.json') -ErrorAction Ignore }
    Stop-LiqoTestClusters $script:clusters
    Remove-Module Liqo -ErrorAction Ignore
}

Describe 'Remove-LiqoPeering -Force: surface' {
    It 'keeps the two-cluster parameter set as it was, and as the default' {
        $c = Get-Command Remove-LiqoPeering
        $common = [System.Management.Automation.PSCmdlet]::CommonParameters + [System.Management.Automation.PSCmdlet]::OptionalCommonParameters
        $set = $c.ParameterSets | Where-Object IsDefault
        $set.Name | Should -Be 'Unpeer'
        @($set.Parameters.Name | Where-Object { $_ -notin $common }) | Should -Be @(
            'ClusterId', 'Timeout', 'DeleteNamespaces', 'Drain', 'NoWait', 'PassThru',
            'RemoteKubeconfig', 'RemoteKubeconfigContent', 'RemoteContext', 'RemoteLiqoNamespace',
            'RemoteCluster', 'RemoteUser', 'RemoteServer', 'RemoteToken', 'RemoteAs', 'RemoteAsGroup', 'RemoteAsUid', 'RemoteCertificateAuthority',
            'RemoteInsecureSkipTlsVerify', 'RemoteTlsServerName', 'RemoteRequestTimeout', 'ThrottleLimit',
            'Kubeconfig', 'KubeconfigContent', 'Context', 'LiqoNamespace',
            'Cluster', 'User', 'Server', 'Token', 'As', 'AsGroup', 'AsUid', 'CertificateAuthority', 'InsecureSkipTlsVerify', 'TlsServerName', 'RequestTimeout')
        ($set.Parameters | Where-Object Name -EQ 'ClusterId').IsMandatory | Should -BeFalse
        ($set.Parameters | Where-Object IsMandatory) | Should -BeNullOrEmpty
    }

    It 'has a -Force set on the local cluster only, with a mandatory -ClusterId by position or from the pipeline' {
        $c = Get-Command Remove-LiqoPeering
        $common = [System.Management.Automation.PSCmdlet]::CommonParameters + [System.Management.Automation.PSCmdlet]::OptionalCommonParameters
        $set = $c.ParameterSets | Where-Object Name -EQ 'Force'
        @($set.Parameters.Name | Where-Object { $_ -notin $common }) | Should -Be @(
            'ClusterId', 'Force', 'Timeout', 'NoWait', 'PassThru', 'Kubeconfig', 'KubeconfigContent', 'Context', 'LiqoNamespace',
            'Cluster', 'User', 'Server', 'Token', 'As', 'AsGroup', 'AsUid', 'CertificateAuthority', 'InsecureSkipTlsVerify', 'TlsServerName', 'RequestTimeout')
        $id = $set.Parameters | Where-Object Name -EQ 'ClusterId'
        $id.IsMandatory | Should -BeTrue
        $id.Position | Should -Be 0
        $id.ValueFromPipelineByPropertyName | Should -BeTrue
        ($set.Parameters | Where-Object Name -EQ 'Force').IsMandatory | Should -BeTrue
        $c.Parameters['WhatIf'] | Should -Not -BeNullOrEmpty
        ($c.OutputType | Where-Object { $_.Type -eq [Liqo.ForceUnpeeringResult] }) | Should -Not -BeNullOrEmpty
        ($c.OutputType | Where-Object { $_.Type -eq [Liqo.UnpeeringResult] }) | Should -Not -BeNullOrEmpty
        # the other two-cluster cmdlets keep the remote parameters the base class gives them
        (Get-Command New-LiqoPeering).Parameters.Keys | Should -Contain 'RemoteKubeconfig'
        (Get-Command Reset-LiqoNetworking).ParameterSets.Count | Should -Be 1
    }

    It 'refuses a remote parameter with -Force before anything runs' {
        $mark = Get-LiqoAuditMark $script:clusters 'consumer'
        foreach ($remote in @(@{ RemoteKubeconfig = $script:provider }, @{ RemoteContext = 'provider' }, @{ RemoteLiqoNamespace = 'liqo' })) {
            { Remove-LiqoPeering $script:P -Force -Kubeconfig $script:consumer @remote -Confirm:$false } |
                Should -Throw -ErrorId 'AmbiguousParameterSet,Liqo.PowerShell.Cmdlets.RemoveLiqoPeeringCommand'
        }
        { Remove-LiqoPeering $script:P -Force -Kubeconfig $script:consumer -DeleteNamespaces -Confirm:$false } |
            Should -Throw -ErrorId 'AmbiguousParameterSet,*'
        @(Get-LiqoModuleRequest $script:clusters 'consumer' $mark) | Should -HaveCount 0
    }
}

Describe 'Remove-LiqoPeering -Force' {
    BeforeAll {
        $null = New-LiqoPeering -Kubeconfig $script:consumer -RemoteKubeconfig $script:provider
    }

    It 'does not prompt in a non-interactive host: it asks for -Confirm:$false' {
        { Remove-LiqoPeering $script:P -Force -Kubeconfig $script:consumer } | Should -Throw -ErrorId 'ConfirmationRequired,*'
    }

    It 'an unknown cluster ID is PeeringNotFound with liqoctl''s message, an error of that record only, and nothing is written' {
        $mark = Get-LiqoAuditMark $script:clusters 'consumer'
        $e = Get-ErrorRecordOf { Remove-LiqoPeering 'nobody' -Force -Kubeconfig $script:consumer -Confirm:$false -ErrorAction Stop }
        $e.FullyQualifiedErrorId | Should -Be 'PeeringNotFound,Liqo.PowerShell.Cmdlets.RemoveLiqoPeeringCommand'
        $e.Exception.Message | Should -BeLike 'Remote cluster with ID nobody not found*'
        $e.TargetObject | Should -Be 'nobody'
        # piped IDs: each unknown one is an error of its own and the pipeline goes on
        $peers = [pscustomobject]@{ ClusterId = 'nobody' }, [pscustomobject]@{ ClusterId = 'no-one-else' }
        $out = $peers | Remove-LiqoPeering -Force -Kubeconfig $script:consumer -Confirm:$false -PassThru -ErrorAction SilentlyContinue -ErrorVariable errs
        $out | Should -BeNullOrEmpty
        @($errs) | Should -HaveCount 2
        $errs[1].TargetObject | Should -Be 'no-one-else'
        { Remove-LiqoPeering 'Not,valid' -Force -Kubeconfig $script:consumer -Confirm:$false -ErrorAction Stop } | Should -Throw -ErrorId 'ClusterIdInvalid,*'
        @(Get-LiqoModuleWrite $script:clusters 'consumer' $mark) | Should -HaveCount 0
    }

    It '-WhatIf writes nothing and prints the plan' -Skip:$script:real {
        $mark = Get-LiqoAuditMark $script:clusters 'consumer'
        $r = Invoke-FreshPwsh -Script @"
Import-Module '$(Get-LiqoModulePath)'
`$r = Remove-LiqoPeering '$($script:P)' -Force -Kubeconfig '$script:consumer' -WhatIf -PassThru
'whatif:' + `$r.WhatIf
"@
        @(Get-LiqoModuleWrite $script:clusters 'consumer' $mark) | Should -HaveCount 0
        $plan = $r.Output -join "`n"
        $plan | Should -Match ([regex]::Escape("What if: Performing the operation `"Annotate`" on target `"local cluster $($script:C): ForeignCluster $($script:P) (liqo.io/foreign-cluster-permanently-unreachable=true)`""))
        $plan | Should -Match ([regex]::Escape("What if: Performing the operation `"Delete`" on target `"local cluster $($script:C): Namespace liqo-tenant-$($script:P)`""))
        $r.Output | Should -Contain 'whatif:True'
    }

    It 'with the provider down and only the consumer''s kubeconfig, removes the tenant namespace and the virtual node and annotates the ForeignCluster' -Skip:$script:real {
        Set-ProviderUnreachable $true
        $result = Remove-LiqoPeering -ClusterId $script:P -Force -Kubeconfig $script:consumer -Confirm:$false -PassThru -InformationVariable steps
        $result | Should -HaveCount 1
        $result.PSObject.TypeNames[0] | Should -Be 'Liqo.ForceUnpeeringResult'
        $result.LocalClusterId | Should -Be $script:C
        $result.RemoteClusterId | Should -Be $script:P
        $result.TenantNamespace | Should -Be "liqo-tenant-$($script:P)"
        $result.TenantNamespaceGone | Should -BeTrue
        $result.WhatIf | Should -BeFalse
        @($steps | ForEach-Object { $_.MessageData.ToString() }) | Should -Be @(
            'INFO (local) Info about the remote cluster retrieved successfully'
            'INFO (local) Foreign cluster declared as permanently unreachable successfully'
            'INFO (local) Tenant namespace deleted'
            'INFO (local) Ensured tenant namespace absence'
            'INFO (local) Force unpeer executed successfully'
        )
        ($result | Format-Table | Out-String) | Should -Match "liqo-tenant-$($script:P)"
    }

    It 'left the ForeignCluster annotated, and no tenant namespace, virtual node or Node for the provider' -Skip:($script:real -or $script:noKubectl) {
        $fc = Invoke-TestKubectl $script:consumer @('get', 'foreignclusters.core.liqo.io', $script:P, '-o', 'json') -Json
        $fc.metadata.annotations['liqo.io/foreign-cluster-permanently-unreachable'] | Should -Be 'true'
        @(Invoke-TestKubectl $script:consumer @('get', 'namespaces', '-l', "liqo.io/remote-cluster-id=$($script:P)", '-o', 'name')) | Where-Object { $_ } | Should -HaveCount 0
        @(Invoke-TestKubectl $script:consumer @('get', 'virtualnodes.offloading.liqo.io', '-A', '-o', 'name')) | Where-Object { $_ } | Should -HaveCount 0
        @(Invoke-TestKubectl $script:consumer @('get', 'nodes', '-l', 'liqo.io/type=virtual-node', '-o', 'name')) | Where-Object { $_ } | Should -HaveCount 0
    }

    It 'runs again without writing, and the provider keeps its side of the peering (nothing was sent to it)' -Skip:($script:real -or $script:noKubectl) {
        $mark = Get-LiqoAuditMark $script:clusters 'consumer'
        $again = Remove-LiqoPeering $script:P -Force -Kubeconfig $script:consumer -Confirm:$false -PassThru -InformationVariable steps
        $again.TenantNamespaceGone | Should -BeTrue
        @($steps | ForEach-Object { $_.MessageData.ToString() }) | Should -Contain 'INFO (local) Tenant namespace already deleted'
        @(Get-LiqoModuleWrite $script:clusters 'consumer' $mark) | Should -HaveCount 0
        Set-ProviderUnreachable $false
        @(Invoke-TestKubectl $script:provider @('get', 'tenants.authentication.liqo.io', '-n', "liqo-tenant-$($script:C)", '-o', 'name')) | Should -Contain "tenant.authentication.liqo.io/$($script:C)"
    }
}
