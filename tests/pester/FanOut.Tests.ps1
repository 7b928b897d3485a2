# New-LiqoPeering / Remove-LiqoPeering with several providers at once (fan-out), on one sandbox with a consumer and three
# providers, the third made to fail (its simulated Liqo rejects the nonce signature, so its Tenant is never accepted).
# Sandbox only: a real provider cannot be made to fail on demand.
BeforeDiscovery {
    Import-Module $PSScriptRoot/LiqoTestSupport.psm1 -Force
    $script:real = Test-RealClusters
    $script:noKubectl = -not (Get-Kubectl)
}

BeforeAll {
    Import-Module $PSScriptRoot/LiqoTestSupport.psm1 -Force
    Import-Module (Get-LiqoModulePath) -Force
    if (Test-RealClusters) { return }
    Import-Module (Join-Path (Get-LiqoRepoRoot) 'out/LiqoSandbox/LiqoSandbox.psd1') -Force
    Import-Module $PSScriptRoot/SandboxFaults.psm1 -Force
    $script:path = Join-Path ([IO.Path]::GetTempPath()) ('liqo-fanout-' + [guid]::NewGuid().ToString('n').Substring(0, 8))
    $clusters = Start-LiqoSandbox -Path $script:path -Cluster consumer, p1, p2, p3 -ArgumentList @('--fail', 'p3=signature-rejected')
    $script:consumer = ($clusters | Where-Object Name -EQ consumer).KubeconfigPath
    $script:providers = foreach ($n in 'p1', 'p2', 'p3') { ($clusters | Where-Object Name -EQ $n).KubeconfigPath }
    $script:ids = @{}
    foreach ($n in 'p1', 'p2', 'p3') { $script:ids[$n] = Get-LiqoClusterId -Kubeconfig (Join-Path $script:path "$n.kubeconfig") }
    $script:sandbox = [pscustomobject]@{ Sandbox = $script:path }
    function Get-Marks { $m = @{}; foreach ($n in 'consumer', 'p1', 'p2', 'p3') { $m[$n] = Get-LiqoAuditMark $script:sandbox $n }; $m }
    function Get-WritesSince($Marks) {
        foreach ($n in $Marks.Keys) { Get-LiqoModuleWrite $script:sandbox $n $Marks[$n] }
    }
    # the failing provider waits for its Tenant until -Timeout; the healthy ones are done long before (zero controller latency)
    $script:timeout = '45s'
}

AfterAll {
    if ($script:path) { Stop-LiqoSandbox -Path $script:path; Remove-Item $script:path -Recurse -Force -ErrorAction Ignore }
    Remove-Module Liqo, LiqoSandbox, SandboxFaults -ErrorAction Ignore
}

Describe 'New-LiqoPeering -RemoteKubeconfig a,b,c -WhatIf' -Skip:$script:real {
    It 'writes nothing on any cluster and plans each provider in its own lines' {
        $marks = Get-Marks
        $r = Invoke-FreshPwsh -Script @"
Import-Module '$(Get-LiqoModulePath)'
New-LiqoPeering -Kubeconfig '$script:consumer' -RemoteKubeconfig '$($script:providers -join "','")' -WhatIf | Out-Null
"@
        @(Get-WritesSince $marks) | Should -HaveCount 0
        $plan = $r.Output -join "`n"
        foreach ($n in 'p1', 'p2', 'p3') {
            $plan | Should -Match "What if: Performing the operation `"Create`" on target `"\[$n\] remote cluster .*: Tenant"
            $plan | Should -Match "What if: Performing the operation `"Create`" on target `"\[$n\] local cluster .*: ResourceSlice"
        }
    }
}

Describe 'New-LiqoPeering with three providers, one failing' -Skip:$script:real {
    BeforeAll {
        $all = New-LiqoPeering -Kubeconfig $script:consumer -RemoteKubeconfig $script:providers -Timeout $script:timeout `
            -InformationVariable steps -ErrorVariable errs -ErrorAction SilentlyContinue -Verbose 4>&1
        $script:results = @($all | Where-Object { $_ -isnot [Management.Automation.VerboseRecord] })
        $script:verbose = @($all | Where-Object { $_ -is [Management.Automation.VerboseRecord] } | ForEach-Object Message)
        $script:steps = @($steps)
        $script:errors = @($errs)
    }

    It 'peers the two healthy providers: one result each, with a Ready virtual node' {
        $script:results | Should -HaveCount 2
        @($script:results.ProviderClusterId | Sort-Object) | Should -Be @(@($script:ids.p1, $script:ids.p2) | Sort-Object)
        $script:results | ForEach-Object { $_.VirtualNodeReady | Should -BeTrue }
        $peers = @(Get-LiqoPeerInfo -Kubeconfig $script:consumer | Where-Object Role -EQ Provider)
        @($peers.ClusterId) | Should -Contain $script:ids.p1
        @($peers.ClusterId) | Should -Contain $script:ids.p2
    }

    It 'writes one non-terminating error, naming the failing provider' {
        $script:errors | Should -HaveCount 1
        $script:errors[0].FullyQualifiedErrorId | Should -BeLike 'TenantNotAccepted,*'
        $script:errors[0].TargetObject | Should -Be 'p3'
        $script:errors[0].Exception.Message | Should -BeLike '`[p3`] *'
    }

    It 'says in every step line which provider it is about' {
        $script:steps | Should -Not -BeNullOrEmpty
        foreach ($n in 'p1', 'p2', 'p3') {
            @($script:steps | Where-Object { $_.MessageData.Provider -eq $n }) | Should -Not -BeNullOrEmpty
        }
        $script:steps | Where-Object { $_.MessageData.Provider -notin 'p1', 'p2', 'p3' } | Should -BeNullOrEmpty
        "$($script:steps[0].MessageData)" | Should -Match '^\[p[123]\] INFO \((local|remote)\) '
        $script:verbose | Should -Contain "[p1] INFO (local) ResourceSlice resources: Accepted"
        $script:verbose | Should -Contain "[p2] INFO (local) ResourceSlice resources: Accepted"
    }

    It 'keeps networking and authentication per provider on the consumer' {
        # the same objects for each provider, as one peering writes them: one tenant namespace, gateway client and
        # Configuration each, no duplicate, nothing shared
        $p1 = Get-PeeringObjectCount $script:consumer $script:ids.p1
        $p2 = Get-PeeringObjectCount $script:consumer $script:ids.p2
        ($p1 | ConvertTo-Json -Compress) | Should -Be ($p2 | ConvertTo-Json -Compress)
        foreach ($kind in 'Namespace', 'GatewayClient', 'Configuration', 'ResourceSlice', 'VirtualNode') { $p1.$kind | Should -Be 1 }
    }
}

Describe 'New-LiqoPeering with remote kubeconfigs from the pipeline' -Skip:$script:real {
    It 'peers them together once they have all arrived: one result each (a re-run on peered clusters)' {
        $piped = foreach ($n in 'p1', 'p2') { [pscustomobject]@{ Name = $n; KubeconfigPath = Join-Path $script:path "$n.kubeconfig" } }
        $results = @($piped | New-LiqoPeering -Kubeconfig $script:consumer -Timeout $script:timeout -InformationVariable steps)
        $results | Should -HaveCount 2
        @($results.ProviderClusterId | Sort-Object) | Should -Be @(@($script:ids.p1, $script:ids.p2) | Sort-Object)
        @($steps | Where-Object { $_.MessageData.Provider -notin 'p1', 'p2' }) | Should -HaveCount 0
    }
}

# Two providers peered to one consumer (the pipeline test above leaves p1 and p2 peered): the only place in Pester where
# an offloaded namespace can be created on one provider and refused on another.
Describe 'Enable-LiqoNamespaceOffloading on a consumer of two providers, one refusing the remote namespace' -Skip:($script:real -or $script:noKubectl) {
    It 'ends SomeFailed: ErrorId OffloadingFailed naming the failing provider, and the healthy provider has the namespace' {
        $consumerId = Get-LiqoClusterId -Kubeconfig $script:consumer
        Set-SandboxKnobs $script:path 'p2' @('--fail', 'remote-namespace-failing')
        try {
            # the sandbox reads its knobs file within 250 ms: offload fresh namespaces until p2 refuses one
            $deadline = [DateTime]::UtcNow.AddSeconds(60)
            $i = 0
            do {
                $ns = "fanout-somefailed-$((++$i))"
                Invoke-TestKubectl $script:consumer @('create', 'namespace', $ns) | Out-Null
                $r = Enable-LiqoNamespaceOffloading $ns -Kubeconfig $script:consumer -Timeout 1m -ErrorVariable errs -ErrorAction SilentlyContinue
                if (-not $errs) { Disable-LiqoNamespaceOffloading $ns -Kubeconfig $script:consumer -Confirm:$false }
            } until ($errs -or [DateTime]::UtcNow -gt $deadline)
            @($errs) | Should -HaveCount 1
            $errs[0].FullyQualifiedErrorId | Should -BeLike 'OffloadingFailed,*'
            $errs[0].Exception.Message | Should -BeLike '*"SomeFailed"*'
            $errs[0].Exception.Message | Should -BeLike "*could not be created on $($script:ids.p2) (CreationLoopBackOff:*"
            $errs[0].Exception.Message | Should -Not -BeLike "*$($script:ids.p1) (*"
            $errs[0].TargetObject | Should -Be $script:ids.p2
            $state = Get-LiqoNamespaceOffloading $ns -Kubeconfig $script:consumer
            $state.OffloadingPhase | Should -Be 'SomeFailed'
            (Invoke-TestKubectl $script:providers[0] @('get', 'namespace', "$ns-$consumerId", '-o', 'name')) | Should -Be "namespace/$ns-$consumerId"
        }
        finally {
            Set-SandboxKnobs $script:path 'p2' @()
        }
        Disable-LiqoNamespaceOffloading $ns -Kubeconfig $script:consumer -Confirm:$false
    }
}

Describe 'Remove-LiqoPeering with several providers' -Skip:$script:real {
    It '-WhatIf with several providers writes nothing' {
        $marks = Get-Marks
        $null = Remove-LiqoPeering -Kubeconfig $script:consumer -RemoteKubeconfig $script:providers[0], $script:providers[1] -WhatIf
        @(Get-WritesSince $marks) | Should -HaveCount 0
    }

    It 'refuses -ClusterId with several remote kubeconfigs before anything runs' {
        $marks = Get-Marks
        { Remove-LiqoPeering $script:ids.p1 -Kubeconfig $script:consumer -RemoteKubeconfig $script:providers[0], $script:providers[1] -Confirm:$false } |
            Should -Throw -ErrorId 'InvalidArgument,Liqo.PowerShell.Cmdlets.RemoveLiqoPeeringCommand'
        @(Get-WritesSince $marks) | Should -HaveCount 0
    }

    It 'unpeers the healthy providers at once, one result each with -PassThru, and one error for a kubeconfig that is not there' {
        $gone = Join-Path $script:path 'gone.kubeconfig'
        $removed = @(Remove-LiqoPeering -Kubeconfig $script:consumer -RemoteKubeconfig $script:providers[0], $gone, $script:providers[1] `
                -Confirm:$false -PassThru -InformationVariable steps -ErrorVariable errs -ErrorAction SilentlyContinue)
        $removed | Should -HaveCount 2
        @($removed.ProviderClusterId | Sort-Object) | Should -Be @(@($script:ids.p1, $script:ids.p2) | Sort-Object)
        @($errs) | Should -HaveCount 1
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'KubeconfigNotFound,*'
        $errs[0].TargetObject | Should -Be 'gone.kubeconfig'
        @($steps | Where-Object { $_.MessageData.Provider -notin 'p1', 'p2' }) | Should -HaveCount 0
        @(Get-LiqoPeerInfo -Kubeconfig $script:consumer | Where-Object { $_.ClusterId -in $script:ids.p1, $script:ids.p2 -and $_.Role -ne 'Unknown' }) |
            Should -HaveCount 0
    }
}
