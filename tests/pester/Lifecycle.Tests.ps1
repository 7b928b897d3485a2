# Provider-side lifecycle on sandbox clusters: Suspend-/Resume-LiqoTenant and Suspend-/Resume-LiqoResourceSlice write the
# fields liqoctl cordon/uncordon/drain/activate write, the simulated Liqo reacts as Liqo v1.2.0's controllers do, and
# Remove-LiqoPeering -Drain leaves gracefully (refusals, interruption and re-run). Sandbox only.
BeforeDiscovery {
    Import-Module $PSScriptRoot/LiqoTestSupport.psm1 -Force
    $script:real = Test-RealClusters
    $script:noKubectl = -not (Get-Kubectl)
}

BeforeAll {
    Import-Module $PSScriptRoot/LiqoTestSupport.psm1 -Force
    Import-Module $PSScriptRoot/SandboxFaults.psm1 -Force
    Import-Module (Get-LiqoModulePath) -Force
    Import-Module (Join-Path (Get-LiqoRepoRoot) 'out/LiqoSandbox/LiqoSandbox.psd1') -Force
    $script:sandboxes = [Collections.Generic.List[string]]::new()
    function New-Pair {
        $path = Join-Path ([IO.Path]::GetTempPath()) ('liqo-life-' + [guid]::NewGuid().ToString('n').Substring(0, 8))
        $script:sandboxes.Add($path)
        $c, $p = Start-LiqoSandbox -Path $path
        $pair = [pscustomobject]@{ Path = $path; Sandbox = $path; Consumer = $c.KubeconfigPath; Provider = $p.KubeconfigPath }
        New-LiqoPeering -Kubeconfig $pair.Consumer -RemoteKubeconfig $pair.Provider | Out-Null
        $pair
    }
    function Get-Caught([scriptblock] $Command) { try { & $Command; $null } catch { $_ } }
    # polls an admin GET until $Condition holds on it, within a minute (the controllers react within a few reconciles)
    function Wait-Object([string] $Kubeconfig, [string] $Path, [scriptblock] $Condition) {
        $deadline = [DateTime]::UtcNow.AddSeconds(60)
        do {
            $o = Invoke-SandboxGet $Kubeconfig $Path
            if (& $Condition $o) { return $o }
            Start-Sleep -Milliseconds 250
        } while ([DateTime]::UtcNow -lt $deadline)
        $o
    }
    function Invoke-Kubectl([string] $Kubeconfig, [string[]] $Arguments, [string] $InputText) {
        $k = Get-Kubectl
        $out = if ($InputText) { $InputText | & $k --kubeconfig $Kubeconfig @Arguments 2>&1 } else { & $k --kubeconfig $Kubeconfig @Arguments 2>&1 }
        if ($LASTEXITCODE -ne 0) { throw "kubectl $($Arguments -join ' ') failed: $out" }
        $out -join "`n"
    }
    $script:tenantPath = '/apis/authentication.liqo.io/v1beta1/namespaces/liqo-tenant-consumer/tenants/consumer'
    $script:sliceOnProvider = '/apis/authentication.liqo.io/v1beta1/namespaces/liqo-tenant-consumer/resourceslices/provider'
    $script:quotas = '/apis/offloading.liqo.io/v1beta1/namespaces/liqo-tenant-consumer/quotas'
    function Get-QuotaCordoned([string] $Kubeconfig) { @((Invoke-SandboxGet $Kubeconfig $script:quotas).items | ForEach-Object { [bool]$_.spec.cordoned }) }
    if (-not $script:real) { $script:pair = New-Pair }
}

AfterAll {
    foreach ($p in $script:sandboxes) { Stop-LiqoSandbox -Path $p; Remove-Item $p -Recurse -Force -ErrorAction Ignore }
    Remove-Module Liqo, LiqoSandbox -ErrorAction Ignore
}

Describe 'Suspend-LiqoTenant and Resume-LiqoTenant (liqoctl cordon, uncordon, drain, activate tenant)' -Skip:$script:real {
    It '-WhatIf writes nothing' {
        $mark = Get-LiqoAuditMark $script:pair 'provider'
        Suspend-LiqoTenant consumer -Kubeconfig $script:pair.Provider -WhatIf
        Suspend-LiqoTenant consumer -Drain -Kubeconfig $script:pair.Provider -WhatIf
        @(Get-LiqoModuleWrite $script:pair 'provider' $mark) | Should -HaveCount 0
        (Invoke-SandboxGet $script:pair.Provider $script:tenantPath).spec.tenantCondition | Should -Be 'Active'
    }

    It 'cordons: the Tenant becomes Cordoned, the existing slice stays accepted with its Quota cordoned, a new slice is denied' {
        $r = Suspend-LiqoTenant consumer -Kubeconfig $script:pair.Provider -Confirm:$false -PassThru
        $r.PreviousCondition | Should -Be 'Active'
        $r.Condition | Should -Be 'Cordoned'
        $r.Changed | Should -BeTrue
        $r.Namespace | Should -Be 'liqo-tenant-consumer'
        (Invoke-SandboxGet $script:pair.Provider $script:tenantPath).spec.tenantCondition | Should -Be 'Cordoned'
        $rs = Wait-Object $script:pair.Provider $script:sliceOnProvider { param($o) $o.metadata.annotations.'liqo.io/cordon-tenant' -eq 'true' }
        $rs.metadata.annotations.'liqo.io/cordon-tenant' | Should -Be 'true'
        ($rs.status.conditions | Where-Object type -EQ 'Resources').status | Should -Be 'Accepted'
        $null = Wait-Object $script:pair.Provider $script:quotas { param($o) @($o.items | Where-Object { $_.spec.cordoned }).Count -gt 0 }
        Get-QuotaCordoned $script:pair.Provider | Should -Contain $true
        New-LiqoResourceSlice extra -RemoteClusterId provider -Kubeconfig $script:pair.Consumer -NoVirtualNode -NoWait | Out-Null
        $extra = Wait-Object $script:pair.Consumer '/apis/authentication.liqo.io/v1beta1/namespaces/liqo-tenant-provider/resourceslices/extra' {
            param($o) ($o.status.conditions | Where-Object type -EQ 'Resources').status -eq 'Denied' }
        ($extra.status.conditions | Where-Object type -EQ 'Resources').status | Should -Be 'Denied'
        Remove-LiqoResourceSlice extra -RemoteClusterId provider -Kubeconfig $script:pair.Consumer -Confirm:$false
    }

    It 'warns as liqoctl does and writes nothing when cordoning a tenant that is not Active' {
        $mark = Get-LiqoAuditMark $script:pair 'provider'
        $r = Suspend-LiqoTenant consumer -Kubeconfig $script:pair.Provider -Confirm:$false -PassThru -WarningVariable w -WarningAction SilentlyContinue
        $r.Changed | Should -BeFalse
        ($w -join "`n") | Should -BeLike '*Tenant "consumer" is not active. Activate the tenant to cordon it.*'
        @(Get-LiqoModuleWrite $script:pair 'provider' $mark) | Should -HaveCount 0
    }

    It 'uncordons: Active again, the cordon-tenant mark and the Quota cordon go' {
        $r = Resume-LiqoTenant consumer -UncordonOnly -Kubeconfig $script:pair.Provider -PassThru
        $r.PreviousCondition | Should -Be 'Cordoned'
        $r.Condition | Should -Be 'Active'
        $rs = Wait-Object $script:pair.Provider $script:sliceOnProvider { param($o) -not $o.metadata.annotations -or -not $o.metadata.annotations.Contains('liqo.io/cordon-tenant') }
        if ($rs.metadata.annotations) { $rs.metadata.annotations.Contains('liqo.io/cordon-tenant') | Should -BeFalse }
        $null = Wait-Object $script:pair.Provider $script:quotas { param($o) @($o.items | Where-Object { $_.spec.cordoned }).Count -eq 0 }
        Get-QuotaCordoned $script:pair.Provider | Should -Not -Contain $true
    }

    It 'drains: the provider unbinds the consumer and deletes its slices; activation brings them back; the pipeline gives the ID' {
        $r = Get-LiqoPeerInfo -Kubeconfig $script:pair.Provider | Suspend-LiqoTenant -Drain -Kubeconfig $script:pair.Provider -Confirm:$false -PassThru
        $r.ConsumerClusterId | Should -Be 'consumer'
        $r.Condition | Should -Be 'Drained'
        $gone = Wait-Object $script:pair.Provider $script:sliceOnProvider { param($o) $null -eq $o }
        $gone | Should -BeNullOrEmpty
        (Invoke-SandboxGet $script:pair.Provider '/apis/rbac.authorization.k8s.io/v1/namespaces/liqo-tenant-consumer/rolebindings').items.metadata.name |
            Where-Object { $_ -like 'liqo-binding-*' } | Should -BeNullOrEmpty
        $t = Test-LiqoPeering -Kubeconfig $script:pair.Provider | Where-Object Name -EQ 'Tenant'
        $t.Status | Should -Be 'Fail'
        $t.Remediation | Should -BeLike 'Resume-LiqoTenant consumer*'
        # liqoctl uncordon leaves a drained tenant as it is
        $u = Resume-LiqoTenant consumer -UncordonOnly -Kubeconfig $script:pair.Provider -PassThru -WarningVariable w -WarningAction SilentlyContinue
        $u.Condition | Should -Be 'Drained'
        ($w -join "`n") | Should -BeLike '*is not cordoned*'
        $a = Resume-LiqoTenant -Name consumer -Kubeconfig $script:pair.Provider -PassThru
        $a.PreviousCondition | Should -Be 'Drained'
        $a.Condition | Should -Be 'Active'
        # as in Liqo v1.2.0, the consumer's CRD replicator made the slice again only on its next event (a 403 while drained
        # is not retried; its informers resync every 10 h): an annotation on the consumer's slice is such an event
        Invoke-SandboxGet $script:pair.Provider $script:sliceOnProvider | Should -BeNullOrEmpty
        Invoke-Kubectl $script:pair.Consumer @('annotate', 'resourceslice', '-n', 'liqo-tenant-provider', 'provider', 'test.liqo.io/touch=1', '--overwrite') | Out-Null
        $back = Wait-Object $script:pair.Provider $script:sliceOnProvider { param($o) $o -and ($o.status.conditions | Where-Object type -EQ 'Resources').status -eq 'Accepted' }
        ($back.status.conditions | Where-Object type -EQ 'Resources').status | Should -Be 'Accepted'
    }

    It 'fails with TenantNotFound for a consumer that has no Tenant here' {
        $e = Get-Caught { Suspend-LiqoTenant nobody -Kubeconfig $script:pair.Provider -Confirm:$false }
        $e.FullyQualifiedErrorId | Should -BeLike 'TenantNotFound,*'
        $e.ErrorDetails.RecommendedAction | Should -BeLike '*provider*'
    }
}

Describe 'Suspend-LiqoResourceSlice and Resume-LiqoResourceSlice (liqoctl cordon, uncordon resourceslice)' -Skip:$script:real {
    It 'sets and removes liqo.io/cordon, and Liqo cordons the slice''s Quota' {
        $r = Suspend-LiqoResourceSlice provider -RemoteClusterId consumer -Kubeconfig $script:pair.Provider -Confirm:$false -PassThru
        $r.Cordoned | Should -BeTrue
        $r.Changed | Should -BeTrue
        (Invoke-SandboxGet $script:pair.Provider $script:sliceOnProvider).metadata.annotations.'liqo.io/cordon' | Should -Be 'true'
        $null = Wait-Object $script:pair.Provider $script:quotas { param($o) @($o.items | Where-Object { $_.spec.cordoned }).Count -gt 0 }
        Get-QuotaCordoned $script:pair.Provider | Should -Contain $true
        $mark = Get-LiqoAuditMark $script:pair 'provider'
        (Suspend-LiqoResourceSlice provider -RemoteClusterId consumer -Kubeconfig $script:pair.Provider -Confirm:$false -PassThru).Changed | Should -BeFalse
        @(Get-LiqoModuleWrite $script:pair 'provider' $mark) | Should -HaveCount 0
        $u = Resume-LiqoResourceSlice provider -RemoteClusterId consumer -Kubeconfig $script:pair.Provider -Confirm:$false -PassThru
        $u.Cordoned | Should -BeFalse
        $rs = Invoke-SandboxGet $script:pair.Provider $script:sliceOnProvider
        if ($rs.metadata.annotations) { $rs.metadata.annotations.Contains('liqo.io/cordon') | Should -BeFalse }
        $null = Wait-Object $script:pair.Provider $script:quotas { param($o) @($o.items | Where-Object { $_.spec.cordoned }).Count -eq 0 }
        Get-QuotaCordoned $script:pair.Provider | Should -Not -Contain $true
    }

    It 'fails with ResourceSliceNotFound for a slice that does not exist' {
        $e = Get-Caught { Suspend-LiqoResourceSlice nope -RemoteClusterId consumer -Kubeconfig $script:pair.Provider -Confirm:$false }
        $e.FullyQualifiedErrorId | Should -BeLike 'ResourceSliceNotFound,*'
    }
}

Describe 'Remove-LiqoPeering -Drain' -Skip:($script:real -or $script:noKubectl) {
    BeforeAll {
        $script:leave = New-Pair
        Invoke-Kubectl $script:leave.Consumer @('create', 'namespace', 'shop') | Out-Null
        Invoke-Kubectl $script:leave.Consumer @('create', 'configmap', '-n', 'shop', 'owner') | Out-Null
        $script:ownerUid = (Invoke-Kubectl $script:leave.Consumer @('get', 'configmap', '-n', 'shop', 'owner', '-o', 'jsonpath={.metadata.uid}'))
        # an offloaded pod as the scheduler leaves it: bound to the virtual node, owned by a controller
        function New-OffloadedPod([string] $Name, [string] $Cpu = '100m', [switch] $Bare, [string[]] $Finalizers = @()) {
            $meta = @{ name = $Name; namespace = 'shop'; labels = @{ app = 'shop' } }
            if (-not $Bare) { $meta.ownerReferences = @(@{ apiVersion = 'v1'; kind = 'ConfigMap'; name = 'owner'; uid = $script:ownerUid; controller = $true }) }
            if ($Finalizers) { $meta.finalizers = $Finalizers }
            $pod = @{ apiVersion = 'v1'; kind = 'Pod'; metadata = $meta
                spec = @{ nodeName = 'provider'; containers = @(@{ name = 'c'; image = 'nginx'; resources = @{ requests = @{ cpu = $Cpu } } }) } }
            Invoke-Kubectl $script:leave.Consumer @('create', '-f', '-') -InputText ($pod | ConvertTo-Json -Depth 10) | Out-Null
        }
        function Get-Writes { @(Get-LiqoModuleWrite $script:leave 'consumer' $args[0]) + @(Get-LiqoModuleWrite $script:leave 'provider' $args[1]) }
        $script:drainArgs = @{ Kubeconfig = $script:leave.Consumer; RemoteKubeconfig = $script:leave.Provider; Drain = $true; Confirm = $false }
    }

    It 'refuses a pod without a controller (DrainBlocked) and changes nothing' {
        New-OffloadedPod bare -Bare
        try {
            $marks = (Get-LiqoAuditMark $script:leave 'consumer'), (Get-LiqoAuditMark $script:leave 'provider')
            $e = Get-Caught { Remove-LiqoPeering @script:drainArgs }
            $e.FullyQualifiedErrorId | Should -BeLike 'DrainBlocked,*'
            $e.Exception.Message | Should -BeLike '*nothing was changed*shop/bare*'
            Get-Writes @marks | Should -BeNullOrEmpty
        }
        finally { Invoke-Kubectl $script:leave.Consumer @('delete', 'pod', '-n', 'shop', 'bare', '--grace-period=0', '--force') | Out-Null }
    }

    It 'refuses when the consumer''s own nodes have no room (DrainNoRoom) and changes nothing' {
        New-OffloadedPod huge -Cpu '64'
        try {
            $marks = (Get-LiqoAuditMark $script:leave 'consumer'), (Get-LiqoAuditMark $script:leave 'provider')
            $e = Get-Caught { Remove-LiqoPeering @script:drainArgs }
            $e.FullyQualifiedErrorId | Should -BeLike 'DrainNoRoom,*'
            $e.Exception.Message | Should -BeLike '*cpu: 64 requested, 8 free*'
            Get-Writes @marks | Should -BeNullOrEmpty
        }
        finally { Invoke-Kubectl $script:leave.Consumer @('delete', 'pod', '-n', 'shop', 'huge', '--grace-period=0', '--force') | Out-Null }
    }

    It 'stops with DrainTimeout while a pod does not leave, and a second run goes on from there to the unpeer' {
        New-OffloadedPod web-1
        New-OffloadedPod web-2 -Finalizers @('test.liqo.io/hold')
        # not through Get-Caught: -InformationVariable must land in this scope
        try { Remove-LiqoPeering @script:drainArgs -Timeout 8s -InformationVariable first; $e = $null } catch { $e = $_ }
        $e.FullyQualifiedErrorId | Should -BeLike 'DrainTimeout,*'
        ($first | ForEach-Object { $_.MessageData.ToString() }) | Should -Contain 'INFO (local) Cordoned virtual node(s) provider and the tenant on the provider'
        # interrupted in the wait: cordoned on both sides, one pod gone, the peering still there
        (Invoke-SandboxGet $script:leave.Consumer '/api/v1/nodes/provider').spec.unschedulable | Should -BeTrue
        (Invoke-SandboxGet $script:leave.Provider $script:tenantPath).spec.tenantCondition | Should -Be 'Cordoned'
        Invoke-SandboxGet $script:leave.Consumer '/api/v1/namespaces/shop/pods/web-1' | Should -BeNullOrEmpty
        (Get-LiqoForeignCluster -Kubeconfig $script:leave.Consumer -ClusterId provider).Role | Should -Be 'Provider'
        # the pod is let go; the same command finishes the job
        Invoke-Kubectl $script:leave.Consumer @('patch', 'pod', '-n', 'shop', 'web-2', '--type=json', '-p', '[{"op":"remove","path":"/metadata/finalizers"}]') | Out-Null
        $r = Remove-LiqoPeering @script:drainArgs -PassThru -InformationVariable second
        $r.ProviderClusterId | Should -Be 'provider'
        $steps = $second | ForEach-Object { $_.MessageData.ToString() }
        $steps | Should -Contain 'INFO (local) The offloaded pods left virtual node(s) provider'
        Invoke-SandboxGet $script:leave.Consumer '/api/v1/namespaces/shop/pods/web-2' | Should -BeNullOrEmpty
        (Get-LiqoForeignCluster -Kubeconfig $script:leave.Consumer -ClusterId provider).Role | Should -Not -Be 'Provider'
    }

    It 'moves a Deployment''s offloaded pods home, then unpeers' {
        $e2e = New-Pair
        Invoke-Kubectl $e2e.Consumer @('create', 'namespace', 'web') | Out-Null
        $no = @{ apiVersion = 'offloading.liqo.io/v1beta1'; kind = 'NamespaceOffloading'; metadata = @{ name = 'offloading'; namespace = 'web' }
            spec = @{ namespaceMappingStrategy = 'DefaultName'; podOffloadingStrategy = 'LocalAndRemote'; clusterSelector = @{ nodeSelectorTerms = @() } } }
        Invoke-Kubectl $e2e.Consumer @('create', '-f', '-') -InputText ($no | ConvertTo-Json -Depth 10) | Out-Null
        $ready = Wait-Object $e2e.Consumer '/apis/offloading.liqo.io/v1beta1/namespaces/web/namespaceoffloadings/offloading' { param($o) $o.status.offloadingPhase -eq 'Ready' }
        $ready.status.offloadingPhase | Should -Be 'Ready'
        Invoke-Kubectl $e2e.Consumer @('create', 'deployment', 'web', '-n', 'web', '--image=nginx', '--replicas=4') | Out-Null
        $pods = Wait-Object $e2e.Consumer '/api/v1/namespaces/web/pods' { param($o) @($o.items | Where-Object { $_.spec.nodeName -eq 'provider' -and $_.status.phase -eq 'Running' }).Count -gt 0 }
        @($pods.items | Where-Object { $_.spec.nodeName -eq 'provider' }).Count | Should -BeGreaterThan 0
        $r = Remove-LiqoPeering -Kubeconfig $e2e.Consumer -RemoteKubeconfig $e2e.Provider -Drain -Confirm:$false -PassThru -Timeout 3m -InformationVariable steps
        $r.ProviderClusterId | Should -Be 'provider'
        $lines = $steps | ForEach-Object { $_.MessageData.ToString() }
        $lines | Should -Contain 'INFO (local) The offloaded pods left virtual node(s) provider'
        $home_ = Wait-Object $e2e.Consumer '/api/v1/namespaces/web/pods' { param($o) @($o.items | Where-Object { $_.status.phase -eq 'Running' -and $_.spec.nodeName -ne 'provider' }).Count -eq 4 }
        @($home_.items | Where-Object { $_.status.phase -eq 'Running' -and $_.spec.nodeName -ne 'provider' }).Count | Should -Be 4
        (Get-LiqoForeignCluster -Kubeconfig $e2e.Consumer -ClusterId provider).Role | Should -Not -Be 'Provider'
    }

    It 'waits for a PodDisruptionBudget that holds the pods back, times out naming it, and finishes once it is relaxed' {
        $pdb = New-Pair
        Invoke-Kubectl $pdb.Consumer @('create', 'namespace', 'web') | Out-Null
        $no = @{ apiVersion = 'offloading.liqo.io/v1beta1'; kind = 'NamespaceOffloading'; metadata = @{ name = 'offloading'; namespace = 'web' }
            spec = @{ namespaceMappingStrategy = 'DefaultName'; podOffloadingStrategy = 'LocalAndRemote'; clusterSelector = @{ nodeSelectorTerms = @() } } }
        Invoke-Kubectl $pdb.Consumer @('create', '-f', '-') -InputText ($no | ConvertTo-Json -Depth 10) | Out-Null
        Wait-Object $pdb.Consumer '/apis/offloading.liqo.io/v1beta1/namespaces/web/namespaceoffloadings/offloading' { param($o) $o.status.offloadingPhase -eq 'Ready' } | Out-Null
        Invoke-Kubectl $pdb.Consumer @('create', 'deployment', 'web', '-n', 'web', '--image=nginx', '--replicas=4') | Out-Null
        $pods = Wait-Object $pdb.Consumer '/api/v1/namespaces/web/pods' { param($o) @($o.items | Where-Object { $_.spec.nodeName -eq 'provider' -and $_.status.phase -eq 'Running' }).Count -gt 0 }
        $offloaded = @($pods.items | Where-Object { $_.spec.nodeName -eq 'provider' } | ForEach-Object { "web/$($_.metadata.name)" })
        # every replica must stay: the budget allows no eviction at all
        Invoke-Kubectl $pdb.Consumer @('create', 'pdb', 'web', '-n', 'web', '--selector=app=web', '--min-available=4') | Out-Null
        Wait-Object $pdb.Consumer '/apis/policy/v1/namespaces/web/poddisruptionbudgets/web' { param($o) $o.status.currentHealthy -eq 4 } | Out-Null
        $args_ = @{ Kubeconfig = $pdb.Consumer; RemoteKubeconfig = $pdb.Provider; Drain = $true; Confirm = $false }
        try { Remove-LiqoPeering @args_ -Timeout 10s -InformationVariable first; $e = $null } catch { $e = $_ }
        $e.FullyQualifiedErrorId | Should -BeLike 'DrainTimeout,*'
        $e.Exception.Message | Should -BeLike '*held back by the PodDisruptionBudget(s) web/web*'
        foreach ($p in $offloaded) { $e.Exception.Message | Should -BeLike "*$p*" }
        $lines = $first | ForEach-Object { $_.MessageData.ToString() }
        @($lines | Where-Object { $_ -like 'WARN (local) The PodDisruptionBudget web/web allows no disruption now (it needs 4 healthy pods and has 4): evicting web/* waits for it (up to -Timeout)' }).Count | Should -Be 1
        # one step line per held pod, naming the pod and the budget's answer
        @($lines | Where-Object { $_ -like 'WARN (local) Waiting to evict web/*: The disruption budget web needs 4 healthy pods and has 4 currently' }).Count | Should -Be $offloaded.Count
        # nothing was evicted; the peering is still there
        @((Invoke-SandboxGet $pdb.Consumer '/api/v1/namespaces/web/pods').items | Where-Object { $_.spec.nodeName -eq 'provider' }).Count | Should -Be $offloaded.Count
        (Get-LiqoForeignCluster -Kubeconfig $pdb.Consumer -ClusterId provider).Role | Should -Be 'Provider'
        # one replica may go at a time: the run evicts, waits for the replacement to be Ready at home, evicts the next
        Invoke-Kubectl $pdb.Consumer @('patch', 'pdb', 'web', '-n', 'web', '--type=merge', '-p', '{"spec":{"minAvailable":3}}') | Out-Null
        $r = Remove-LiqoPeering @args_ -PassThru -Timeout 3m -InformationVariable second
        $r.ProviderClusterId | Should -Be 'provider'
        ($second | ForEach-Object { $_.MessageData.ToString() }) | Should -Contain 'INFO (local) The offloaded pods left virtual node(s) provider'
        $home_ = Wait-Object $pdb.Consumer '/api/v1/namespaces/web/pods' { param($o) @($o.items | Where-Object { $_.status.phase -eq 'Running' -and $_.spec.nodeName -ne 'provider' }).Count -eq 4 }
        @($home_.items | Where-Object { $_.status.phase -eq 'Running' -and $_.spec.nodeName -ne 'provider' }).Count | Should -Be 4
        (Get-LiqoForeignCluster -Kubeconfig $pdb.Consumer -ClusterId provider).Role | Should -Not -Be 'Provider'
    }
}
