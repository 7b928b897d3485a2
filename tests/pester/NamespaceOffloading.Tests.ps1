# Enable-/Disable-/Get-LiqoNamespaceOffloading end to end (liqoctl offload/unoffload namespace), on one peered sandbox
# pair shared by the whole file (or real clusters, see LiqoTestSupport). Each test offloads its own namespace.
BeforeDiscovery {
    Import-Module $PSScriptRoot/LiqoTestSupport.psm1 -Force
    $script:noKubectl = -not (Get-Kubectl)
    $script:real = Test-RealClusters
}

BeforeAll {
    Import-Module $PSScriptRoot/LiqoTestSupport.psm1 -Force
    Import-Module $PSScriptRoot/SandboxFaults.psm1 -Force
    Import-Module (Get-LiqoModulePath) -Force
    $script:clusters = Start-LiqoTestClusters
    $script:consumer = $script:clusters.Consumer.KubeconfigPath
    $script:provider = $script:clusters.Provider.KubeconfigPath
    $script:pair = @{ Kubeconfig = $script:consumer; RemoteKubeconfig = $script:provider }
    $script:back = @{ Kubeconfig = $script:provider; RemoteKubeconfig = $script:consumer }
    $script:consumerId = Get-LiqoClusterId -Kubeconfig $script:consumer
    $script:providerId = Get-LiqoClusterId -Kubeconfig $script:provider
    $null = New-LiqoPeering @script:pair
    $script:virtualNode = $script:providerId

    function Invoke-Kubectl([string] $Kubeconfig, [string[]] $Arguments) { Invoke-TestKubectl $Kubeconfig $Arguments }
    # kubectl's reads, asked again when kubectl could not connect (a TLS handshake timeout on a loaded machine)
    function Get-Json([string] $Kubeconfig, [string[]] $Arguments) {
        foreach ($attempt in 1..3) {
            $out = Invoke-TestKubectl $Kubeconfig ($Arguments + @('-o', 'json')) -Json
            if ($LASTEXITCODE -eq 0) { return $out }
        }
        throw "kubectl $($Arguments -join ' ') failed three times"
    }
    function New-TestNamespace([string] $Name, [string] $Kubeconfig = $script:consumer) {
        $null = Invoke-Kubectl $Kubeconfig @('create', 'namespace', $Name)
        $Name
    }
    function Get-ProviderNamespace([string] $Name, [string] $Kubeconfig = $script:provider) {
        (Get-Json $Kubeconfig @('get', 'namespaces')).items | Where-Object { $_.metadata.name -eq $Name }
    }
    # Waits for a condition that Liqo's controllers bring about (no fixed delay): $true, or $false after $Seconds.
    function Wait-Until([scriptblock] $Condition, [int] $Seconds = 60) {
        $deadline = [DateTime]::UtcNow.AddSeconds($Seconds)
        while ([DateTime]::UtcNow -lt $deadline) {
            if (& $Condition) { return $true }
            Start-Sleep -Milliseconds 250
        }
        [bool](& $Condition)
    }
    # A pod created with kubectl run in the namespace; returns it once scheduled (spec.nodeName set).
    function New-ScheduledPod([string] $Namespace, [string] $Name) {
        $null = Invoke-Kubectl $script:consumer @('run', $Name, '--image=nginx', '-n', $Namespace)
        $null = Wait-Until { (Get-Json $script:consumer @('get', 'pod', $Name, '-n', $Namespace)).spec.nodeName }
        Get-Json $script:consumer @('get', 'pod', $Name, '-n', $Namespace)
    }
}

AfterAll {
    Stop-LiqoTestClusters $script:clusters
    Remove-Module Liqo, SandboxFaults -ErrorAction Ignore
}

Describe 'Enable-LiqoNamespaceOffloading' -Skip:$script:noKubectl {
    It 'writes the NamespaceOffloading "offloading" as liqoctl does, waits for Ready, and the provider has the remote namespace NAMESPACE-CONSUMERID' {
        $ns = New-TestNamespace 'offload-default'
        $result = Enable-LiqoNamespaceOffloading $ns -Kubeconfig $script:consumer -InformationVariable steps
        $result.PSObject.TypeNames[0] | Should -Be 'Liqo.NamespaceOffloadingInfo'
        $result.OffloadingPhase | Should -Be 'Ready'
        $result.RemoteNamespaceName | Should -Be "$ns-$($script:consumerId)"
        $result.Clusters.ClusterId | Should -Be $script:providerId
        $result.Clusters.Ready | Should -Be 'True'
        @($steps | ForEach-Object { $_.MessageData.ToString() }) | Should -Be @(
            "INFO (local) Offloading of namespace `"$ns`" correctly enabled"
            'INFO (local) Offloading completed successfully')

        $written = Get-Json $script:consumer @('get', 'namespaceoffloadings', '-n', $ns)
        $written.items | Should -HaveCount 1
        $o = $written.items[0]
        $o.metadata.name | Should -Be 'offloading'
        $o.metadata.labels | Should -BeNullOrEmpty
        @($o.spec.Keys | Sort-Object) | Should -Be @('clusterSelector', 'namespaceMappingStrategy', 'podOffloadingStrategy')
        $o.spec.namespaceMappingStrategy | Should -Be 'DefaultName'
        $o.spec.podOffloadingStrategy | Should -Be 'LocalAndRemote'
        @($o.spec.clusterSelector.Keys) | Should -Be @('nodeSelectorTerms')
        $o.spec.clusterSelector.nodeSelectorTerms | Should -HaveCount 0
        Get-ProviderNamespace "$ns-$($script:consumerId)" | Should -Not -BeNullOrEmpty
    }

    It 'names the remote namespace as the mapping strategy says: EnforceSameName and SelectedName' {
        $same = New-TestNamespace 'offload-same'
        (Enable-LiqoNamespaceOffloading $same -NamespaceMappingStrategy EnforceSameName -Kubeconfig $script:consumer).RemoteNamespaceName | Should -Be $same
        Get-ProviderNamespace $same | Should -Not -BeNullOrEmpty

        $selected = New-TestNamespace 'offload-selected'
        $r = Enable-LiqoNamespaceOffloading $selected -NamespaceMappingStrategy SelectedName -RemoteNamespaceName 'picked-name' -Kubeconfig $script:consumer
        $r.RemoteNamespaceName | Should -Be 'picked-name'
        $r.OffloadingPhase | Should -Be 'Ready'
        Get-ProviderNamespace 'picked-name' | Should -Not -BeNullOrEmpty
        (Get-Json $script:consumer @('get', 'namespaceoffloading', 'offloading', '-n', $selected)).spec.remoteNamespaceName | Should -Be 'picked-name'
    }

    It 'refuses SelectedName without -RemoteNamespaceName, and -RemoteNamespaceName for several namespaces, before writing' {
        $mark = Get-LiqoAuditMark $script:clusters 'consumer'
        { Enable-LiqoNamespaceOffloading x -NamespaceMappingStrategy SelectedName -Kubeconfig $script:consumer } |
            Should -Throw -ErrorId 'OffloadingOptionsInvalid,*'
        { Enable-LiqoNamespaceOffloading x, y -NamespaceMappingStrategy SelectedName -RemoteNamespaceName z -Kubeconfig $script:consumer } |
            Should -Throw -ErrorId 'OffloadingOptionsInvalid,*'
        { Enable-LiqoNamespaceOffloading x -ClusterSelector 'a!=b' -Kubeconfig $script:consumer } | Should -Throw -ErrorId 'ClusterSelectorInvalid,*'
        @(Get-LiqoModuleWrite $script:clusters 'consumer' $mark) | Should -HaveCount 0
    }

    It 'reports a namespace that does not exist as NamespaceNotFound, and offloads the others' {
        $ns = New-TestNamespace 'offload-exists'
        $out = Enable-LiqoNamespaceOffloading 'no-such-namespace', $ns -Kubeconfig $script:consumer -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs | Should -HaveCount 1
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'NamespaceNotFound,*'
        $errs[0].TargetObject | Should -Be 'no-such-namespace'
        $out.Namespace | Should -Be $ns
        $out.OffloadingPhase | Should -Be 'Ready'
    }

    It 'takes namespaces from the pipeline as kubectl objects (metadata.name) and by -NamespaceSelector' {
        $a = New-TestNamespace 'offload-pipe-a'
        $b = New-TestNamespace 'offload-pipe-b'
        $null = Invoke-Kubectl $script:consumer @('label', 'namespace', $a, $b, 'offload-test=pipeline')
        $objects = (Get-Json $script:consumer @('get', 'namespaces', '-l', 'offload-test=pipeline')).items | ForEach-Object { [pscustomobject]$_ }
        $objects | Should -HaveCount 2
        $out = $objects | Enable-LiqoNamespaceOffloading -Kubeconfig $script:consumer
        ($out.Namespace | Sort-Object) | Should -Be @($a, $b)

        $mark = Get-LiqoAuditMark $script:clusters 'consumer'
        $again = Enable-LiqoNamespaceOffloading -NamespaceSelector 'offload-test=pipeline' -Kubeconfig $script:consumer
        ($again.Namespace | Sort-Object) | Should -Be @($a, $b)
        @(Get-LiqoModuleWrite $script:clusters 'consumer' $mark) | Should -HaveCount 0 -Because 'both are offloaded as asked already'
    }

    It 'writes nothing when run again with the same options (audit log)' {
        $ns = New-TestNamespace 'offload-rerun'
        $null = Enable-LiqoNamespaceOffloading $ns -PodOffloadingStrategy Remote -ClusterSelector "liqo.io/remote-cluster-id=$($script:providerId)" -Kubeconfig $script:consumer
        $mark = Get-LiqoAuditMark $script:clusters 'consumer'
        $r = Enable-LiqoNamespaceOffloading $ns -PodOffloadingStrategy Remote -ClusterSelector "liqo.io/remote-cluster-id=$($script:providerId)" -Kubeconfig $script:consumer
        $r.OffloadingPhase | Should -Be 'Ready'
        @(Get-LiqoModuleWrite $script:clusters 'consumer' $mark) | Should -HaveCount 0
    }

    It '-WhatIf writes nothing and says what it would do' {
        $ns = New-TestNamespace 'offload-whatif'
        $mark = Get-LiqoAuditMark $script:clusters 'consumer'
        $r = Enable-LiqoNamespaceOffloading $ns -Kubeconfig $script:consumer -WhatIf -InformationVariable steps
        $r.WhatIf | Should -BeTrue
        $steps.MessageData.ToString() | Should -Be "INFO (local) Offloading of namespace `"$ns`" would be enabled"
        @(Get-LiqoModuleWrite $script:clusters 'consumer' $mark) | Should -HaveCount 0
        (Get-Json $script:consumer @('get', 'namespaceoffloadings', '-n', $ns)).items | Should -HaveCount 0
    }

    It 'warns, as liqoctl, when the pod offloading strategy becomes more restrictive' {
        $ns = New-TestNamespace 'offload-restrict'
        $null = Enable-LiqoNamespaceOffloading $ns -Kubeconfig $script:consumer -WarningVariable none
        $none | Should -HaveCount 0
        $r = Enable-LiqoNamespaceOffloading $ns -PodOffloadingStrategy Remote -Kubeconfig $script:consumer -WarningVariable w -WarningAction SilentlyContinue
        $r.PodOffloadingStrategy | Should -Be 'Remote'
        @($w | ForEach-Object Message) | Should -Be @(
            'The PodOffloadingStrategy was mutated to a more restrictive setting'
            'Existing pods violating this policy might still be running')
        $null = Enable-LiqoNamespaceOffloading $ns -PodOffloadingStrategy LocalAndRemote -Kubeconfig $script:consumer -WarningVariable back
        $back | Should -HaveCount 0 -Because 'LocalAndRemote is the least restrictive'
    }

    It 'a cluster selector that matches no provider ends NoClusterSelected, with liqoctl''s warning' {
        $ns = New-TestNamespace 'offload-noselect'
        $r = Enable-LiqoNamespaceOffloading $ns -ClusterSelector 'region in (nowhere)' -Kubeconfig $script:consumer -WarningVariable w -WarningAction SilentlyContinue
        $r.OffloadingPhase | Should -Be 'NoClusterSelected'
        $r.ClusterSelector | Should -Be @('region In (nowhere)')
        $r.Clusters.OffloadingRequired | Should -Be 'False'
        @($w | ForEach-Object Message) | Should -Be @('Offloading completed, but no cluster was selected')
        Get-ProviderNamespace "$ns-$($script:consumerId)" | Should -BeNullOrEmpty
    }

    It 'a remote namespace the provider refuses ends AllFailed: ErrorId OffloadingFailed naming the provider' -Skip:$script:real {
        $ns = New-TestNamespace 'offload-failing'
        Set-SandboxKnobs $script:clusters.Sandbox 'provider' @('--fail', 'remote-namespace-failing')
        try {
            # the sandbox reads its knobs file within 250 ms: wait for its effect on a probe namespace first
            $probe = New-TestNamespace 'offload-failing-probe'
            Wait-Until { $null = Enable-LiqoNamespaceOffloading $probe -Kubeconfig $script:consumer -Timeout 1m -ErrorVariable probeErrs -ErrorAction SilentlyContinue
                $ok = @($probeErrs).Count -gt 0; if (-not $ok) { Disable-LiqoNamespaceOffloading $probe -Kubeconfig $script:consumer -Confirm:$false }; $ok } | Should -BeTrue
            $null = Enable-LiqoNamespaceOffloading $ns -Kubeconfig $script:consumer -Timeout 1m -ErrorVariable errs -ErrorAction SilentlyContinue
            $errs | Should -HaveCount 1
            $errs[0].FullyQualifiedErrorId | Should -BeLike 'OffloadingFailed,*'
            $errs[0].Exception.Message | Should -BeLike '*"AllFailed"*'
            $errs[0].Exception.Message | Should -BeLike "*could not be created on $($script:providerId) (CreationLoopBackOff:*"
            $errs[0].TargetObject | Should -Be $script:providerId
            (Get-LiqoNamespaceOffloading $ns -Kubeconfig $script:consumer).OffloadingPhase | Should -Be 'AllFailed'
        }
        finally {
            Set-SandboxKnobs $script:clusters.Sandbox 'provider' @()
        }
        Disable-LiqoNamespaceOffloading $ns -Kubeconfig $script:consumer -Confirm:$false
    }

    # SomeFailed (one provider of several refuses the remote namespace) needs two providers: FanOut.Tests.ps1 has them.

    It '-Output Json|Yaml prints what liqoctl prints and writes nothing, without reaching the cluster' {
        $json = Enable-LiqoNamespaceOffloading foo -PodOffloadingStrategy Remote -NamespaceMappingStrategy EnforceSameName -ClusterSelector 'region in (europe,us-west), !staging', 'zone=a' -Output Json -Kubeconfig /nonexistent
        $json | Should -Be (@(
                '{'
                '    "kind": "NamespaceOffloading",'
                '    "apiVersion": "offloading.liqo.io/v1beta1",'
                '    "metadata": {'
                '        "name": "offloading",'
                '        "namespace": "foo"'
                '    },'
                '    "spec": {'
                '        "namespaceMappingStrategy": "EnforceSameName",'
                '        "podOffloadingStrategy": "Remote",'
                '        "clusterSelector": {'
                '            "nodeSelectorTerms": ['
                '                {'
                '                    "matchExpressions": ['
                '                        {'
                '                            "key": "region",'
                '                            "operator": "In",'
                '                            "values": ['
                '                                "europe",'
                '                                "us-west"'
                '                            ]'
                '                        },'
                '                        {'
                '                            "key": "staging",'
                '                            "operator": "DoesNotExist"'
                '                        }'
                '                    ]'
                '                },'
                '                {'
                '                    "matchExpressions": ['
                '                        {'
                '                            "key": "zone",'
                '                            "operator": "In",'
                '                            "values": ['
                '                                "a"'
                '                            ]'
                '                        }'
                '                    ]'
                '                }'
                '            ]'
                '        }'
                '    },'
                '    "status": {}'
                '}'
                '') -join "`n")
        $yaml = Enable-LiqoNamespaceOffloading foo -NamespaceMappingStrategy SelectedName -RemoteNamespaceName bar -Output Yaml -Kubeconfig /nonexistent
        $yaml | Should -Be (@(
                'apiVersion: offloading.liqo.io/v1beta1'
                'kind: NamespaceOffloading'
                'metadata:'
                '  name: offloading'
                '  namespace: foo'
                'spec:'
                '  clusterSelector:'
                '    nodeSelectorTerms: []'
                '  namespaceMappingStrategy: SelectedName'
                '  podOffloadingStrategy: LocalAndRemote'
                '  remoteNamespaceName: bar'
                'status: {}'
                '---'
                '') -join "`n")
    }
}

Describe 'Pod offloading strategies' -Skip:$script:noKubectl {
    It 'Remote: the namespace''s pods go to the virtual node' {
        $ns = New-TestNamespace 'strategy-remote'
        $null = Enable-LiqoNamespaceOffloading $ns -PodOffloadingStrategy Remote -Kubeconfig $script:consumer
        (New-ScheduledPod $ns 'p').spec.nodeName | Should -Be $script:virtualNode
    }

    It 'Local: the namespace''s pods stay on the local nodes, its remote namespace exists all the same' {
        $ns = New-TestNamespace 'strategy-local'
        $r = Enable-LiqoNamespaceOffloading $ns -PodOffloadingStrategy Local -Kubeconfig $script:consumer
        $r.OffloadingPhase | Should -Be 'Ready'
        Get-ProviderNamespace $r.RemoteNamespaceName | Should -Not -BeNullOrEmpty
        (New-ScheduledPod $ns 'p').spec.nodeName | Should -Not -Be $script:virtualNode
    }

    It 'LocalAndRemote: the namespace''s pods tolerate the virtual node''s taint, and a pod in a namespace not offloaded does not' {
        $ns = New-TestNamespace 'strategy-both'
        $null = Enable-LiqoNamespaceOffloading $ns -Kubeconfig $script:consumer
        $pod = New-ScheduledPod $ns 'p'
        @($pod.spec.tolerations | Where-Object { $_.key -eq 'virtual-node.liqo.io/not-allowed' }) | Should -HaveCount 1
        $plain = New-TestNamespace 'strategy-none'
        $other = New-ScheduledPod $plain 'p'
        $other.spec.nodeName | Should -Not -Be $script:virtualNode
        @($other.spec.tolerations | Where-Object { $_.key -eq 'virtual-node.liqo.io/not-allowed' }) | Should -HaveCount 0
    }

    It 'a Deployment''s pods on the virtual node run on the provider, in the remote namespace, and are Running on both' {
        $ns = New-TestNamespace 'strategy-deploy'
        $remote = (Enable-LiqoNamespaceOffloading $ns -PodOffloadingStrategy Remote -Kubeconfig $script:consumer).RemoteNamespaceName
        $null = Invoke-Kubectl $script:consumer @('create', 'deployment', 'web', '--image=nginx', '--replicas=3', '-n', $ns)
        $running = { param($Kubeconfig, $Namespace) @((Get-Json $Kubeconfig @('get', 'pods', '-n', $Namespace)).items | Where-Object { $_.status.phase -eq 'Running' }) }
        Wait-Until { (& $running $script:consumer $ns).Count -eq 3 -and (& $running $script:provider $remote).Count -eq 3 } | Should -BeTrue
        $local = & $running $script:consumer $ns
        @($local | Where-Object { $_.spec.nodeName -ne $script:virtualNode }) | Should -HaveCount 0
        $onProvider = & $running $script:provider $remote
        ($onProvider.metadata.name | Sort-Object) | Should -Be ($local.metadata.name | Sort-Object)
        @($onProvider | Where-Object { $_.spec.nodeName -eq $script:virtualNode }) | Should -HaveCount 0 -Because 'they run on the provider''s own nodes'
    }

    It 'the consumer''s pod status follows a provider-side failure of the remote pod (--failed-pod on the provider)' -Skip:$script:real {
        $ns = New-TestNamespace 'reflect-status'
        $remote = (Enable-LiqoNamespaceOffloading $ns -PodOffloadingStrategy Remote -Kubeconfig $script:consumer).RemoteNamespaceName
        $null = Invoke-Kubectl $script:consumer @('run', 'victim', '--image=nginx', '-n', $ns)
        $phase = { param($Kubeconfig, $Namespace) (Get-Json $Kubeconfig @('get', 'pod', 'victim', '-n', $Namespace)).status.phase }
        Wait-Until { (& $phase $script:consumer $ns) -eq 'Running' -and (& $phase $script:provider $remote) -eq 'Running' } | Should -BeTrue
        Set-SandboxKnobs $script:clusters.Sandbox 'provider' @('--failed-pod', "$remote/victim")
        try {
            Wait-Until { (& $phase $script:provider $remote) -eq 'Failed' } | Should -BeTrue -Because 'the provider''s kubelet fails it'
            Wait-Until { (& $phase $script:consumer $ns) -eq 'Failed' } | Should -BeTrue -Because 'the virtual kubelet reflects the remote status'
        }
        finally {
            Set-SandboxKnobs $script:clusters.Sandbox 'provider' @()
        }
    }
}

Describe 'Get-LiqoNamespaceOffloading' -Skip:$script:noKubectl {
    It 'lists every offloaded namespace, and a named namespace that is not offloaded is NamespaceOffloadingNotFound' {
        $ns = New-TestNamespace 'get-listed'
        $null = Enable-LiqoNamespaceOffloading $ns -Kubeconfig $script:consumer
        $all = Get-LiqoNamespaceOffloading -Kubeconfig $script:consumer
        $all.Namespace | Should -Contain $ns
        ($all.Namespace | Sort-Object) | Should -Be @($all.Namespace)
        $one = Get-LiqoNamespaceOffloading $ns, 'not-offloaded' -Kubeconfig $script:consumer -ErrorVariable errs -ErrorAction SilentlyContinue
        $one.Namespace | Should -Be $ns
        $one.Clusters[0].Reason | Should -Be 'NamespaceCreated'
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'NamespaceOffloadingNotFound,*'
        ($one | Format-Table | Out-String) | Should -Match "$ns\s+LocalAndRemote\s+DefaultName\s+Ready\s+$ns-$($script:consumerId)"
    }
}

Describe 'Disable-LiqoNamespaceOffloading' -Skip:$script:noKubectl {
    It 'deletes the NamespaceOffloading, waits until it is gone, and the remote namespace is gone from the provider' {
        $ns = New-TestNamespace 'unoffload'
        $null = Enable-LiqoNamespaceOffloading $ns -Kubeconfig $script:consumer
        Get-ProviderNamespace "$ns-$($script:consumerId)" | Should -Not -BeNullOrEmpty
        Disable-LiqoNamespaceOffloading $ns -Kubeconfig $script:consumer -Confirm:$false -InformationVariable steps
        @($steps | ForEach-Object { $_.MessageData.ToString() }) | Should -Be @(
            "INFO (local) Offloading of namespace `"$ns`" correctly disabled"
            'INFO (local) Unoffloading completed successfully')
        (Get-Json $script:consumer @('get', 'namespaceoffloadings', '-n', $ns)).items | Should -HaveCount 0
        Wait-Until { -not (Get-ProviderNamespace "$ns-$($script:consumerId)") } | Should -BeTrue
    }

    It 'leaves no reflected pod, Service, ConfigMap or Secret of the namespace on the provider' {
        $ns = New-TestNamespace 'unoffload-reflected'
        $remote = (Enable-LiqoNamespaceOffloading $ns -PodOffloadingStrategy Remote -Kubeconfig $script:consumer).RemoteNamespaceName
        $null = Invoke-Kubectl $script:consumer @('create', 'configmap', 'settings', '--from-literal=a=b', '-n', $ns)
        $null = Invoke-Kubectl $script:consumer @('run', 'app', '--image=nginx', '--labels=app=app', '-n', $ns)
        $null = Invoke-Kubectl $script:consumer @('create', 'service', 'clusterip', 'app', '--tcp=80:80', '-n', $ns)
        $reflected = { @('pods', 'services', 'configmaps', 'shadowpods.offloading.liqo.io') | ForEach-Object { (Get-Json $script:provider @('get', $_, '-n', $remote)).items } |
                Where-Object { $_.metadata.name -in 'app', 'settings' } }
        Wait-Until { @(& $reflected).Count -ge 4 } | Should -BeTrue -Because 'the pod, its ShadowPod, the Service and the ConfigMap are reflected'
        Disable-LiqoNamespaceOffloading $ns -Kubeconfig $script:consumer -Confirm:$false
        Wait-Until { -not (Get-ProviderNamespace $remote) } | Should -BeTrue
        @(& $reflected) | Should -HaveCount 0
    }

    It 'takes Get-LiqoNamespaceOffloading''s objects from the pipeline; -WhatIf writes nothing; a namespace not offloaded is no error' {
        $ns = New-TestNamespace 'unoffload-pipe'
        $null = Enable-LiqoNamespaceOffloading $ns -Kubeconfig $script:consumer
        $mark = Get-LiqoAuditMark $script:clusters 'consumer'
        Get-LiqoNamespaceOffloading $ns -Kubeconfig $script:consumer | Disable-LiqoNamespaceOffloading -Kubeconfig $script:consumer -WhatIf
        @(Get-LiqoModuleWrite $script:clusters 'consumer' $mark) | Should -HaveCount 0
        Get-LiqoNamespaceOffloading $ns -Kubeconfig $script:consumer | Disable-LiqoNamespaceOffloading -Kubeconfig $script:consumer -Confirm:$false
        (Get-Json $script:consumer @('get', 'namespaceoffloadings', '-n', $ns)).items | Should -HaveCount 0
        { Disable-LiqoNamespaceOffloading $ns -Kubeconfig $script:consumer -Confirm:$false -ErrorAction Stop } | Should -Not -Throw
    }

    It 'refuses to run without -Confirm:$false where nobody can answer (ConfirmImpact High)' {
        { Disable-LiqoNamespaceOffloading x -Kubeconfig $script:consumer } | Should -Throw -ErrorId 'ConfirmationRequired,*'
    }
}

Describe 'A bidirectional peering, then unpeering' -Skip:$script:noKubectl {
    It 'offloads both ways: each cluster''s namespace gets its twin on the other' {
        $null = New-LiqoPeering @script:back
        $there = New-TestNamespace 'both-ways-from-provider' $script:provider
        $r = Enable-LiqoNamespaceOffloading $there -Kubeconfig $script:provider -Timeout 1m # liqoctl's 20 s are short for a loaded build machine
        $r.OffloadingPhase | Should -Be 'Ready'
        $r.Clusters.ClusterId | Should -Be $script:consumerId
        Get-ProviderNamespace "$there-$($script:providerId)" $script:consumer | Should -Not -BeNullOrEmpty

        $here = New-TestNamespace 'both-ways-from-consumer'
        (Enable-LiqoNamespaceOffloading $here -Kubeconfig $script:consumer -Timeout 1m).OffloadingPhase | Should -Be 'Ready'
        Get-ProviderNamespace "$here-$($script:consumerId)" | Should -Not -BeNullOrEmpty

        Disable-LiqoNamespaceOffloading $there -Kubeconfig $script:provider -Confirm:$false
        Get-ProviderNamespace "$there-$($script:providerId)" $script:consumer | Should -BeNullOrEmpty
    }

    It 'unoffloading everything and unpeering leave no remote namespace or reflected object on the provider' {
        Get-LiqoNamespaceOffloading -Kubeconfig $script:consumer | Disable-LiqoNamespaceOffloading -Kubeconfig $script:consumer -Confirm:$false
        Remove-LiqoPeering @script:back -Confirm:$false
        Remove-LiqoPeering @script:pair -Confirm:$false
        # the tenant namespace stays, as liqoctl unpeer leaves it (without -DeleteNamespaces)
        $left = (Get-Json $script:provider @('get', 'namespaces')).items | Where-Object { -not $_.metadata.labels.'liqo.io/tenant-namespace' } |
            Where-Object { $_.metadata.name -like "*-$($script:consumerId)" -or $_.metadata.labels.'liqo.io/remote-cluster-id' -eq $script:consumerId }
        @($left | ForEach-Object { $_.metadata.name }) | Should -BeNullOrEmpty
        $pods = (Get-Json $script:provider @('get', 'pods', '-A')).items | Where-Object { $_.metadata.labels.'liqo.io/managed-by' -or $_.metadata.annotations.'offloading.liqo.io/origin' }
        $pods | Should -BeNullOrEmpty
        (Get-Json $script:consumer @('get', 'namespaceoffloadings', '-A')).items | Should -HaveCount 0
    }
}
