# New-LiqoPeeringUser / Remove-LiqoPeeringUser (liqoctl generate/delete peering-user): the provider's administrator makes
# a limited user; the consumer's administrator, holding only the consumer's kubeconfig and that user's, peers with it.
# The sandbox enforces RBAC, so what the user may not do is refused with 403. On one pair of sandbox clusters.
BeforeDiscovery {
    Import-Module $PSScriptRoot/LiqoTestSupport.psm1 -Force
    $script:noKubectl = -not (Get-Kubectl)
    $script:real = Test-RealClusters
    $script:windows = $IsWindows
    # the user's roles are the chart's: without ../shared the sandbox installs none
    $script:noChart = -not $script:real -and -not (Test-Path (Join-Path (Get-LiqoRepoRoot) '../shared/liqo-chart/v1.2.0/files'))
}

BeforeAll {
    Import-Module $PSScriptRoot/LiqoTestSupport.psm1 -Force
    Import-Module (Get-LiqoModulePath) -Force
    $script:clusters = Start-LiqoTestClusters
    $script:consumer = $script:clusters.Consumer.KubeconfigPath
    $script:provider = $script:clusters.Provider.KubeconfigPath
    $script:C = Get-LiqoClusterId -Kubeconfig $script:consumer
    $script:P = Get-LiqoClusterId -Kubeconfig $script:provider
    $dir = if ($script:clusters.Sandbox) { $script:clusters.Sandbox } else { [IO.Path]::GetTempPath() }
    $script:userKubeconfig = Join-Path $dir "peering-user-$([guid]::NewGuid().ToString('n').Substring(0, 6)).kubeconfig"
    $script:user = "liqo-peer-user-$($script:C)"

    function Measure-Writes([scriptblock] $Body) {
        $c = Get-LiqoAuditMark $script:clusters 'consumer'; $p = Get-LiqoAuditMark $script:clusters 'provider'
        & $Body
        @(Get-LiqoModuleWrite $script:clusters 'consumer' $c) + @(Get-LiqoModuleWrite $script:clusters 'provider' $p)
    }
}

AfterAll {
    Stop-LiqoTestClusters $script:clusters
    Remove-Module Liqo -ErrorAction Ignore
}

if ($script:noChart) {
    Describe 'the chart''s peering-user roles' {
        It 'are needed by every test of this file' {
            Set-ItResult -Skipped -Because "Liqo's chart is not available (../shared/liqo-chart/v1.2.0 beside the repository), so the sandbox installs no peering-user roles"
        }
    }
}

Describe 'New-LiqoPeeringUser' -Skip:$script:noChart {
    It '-WhatIf writes nothing, not even the kubeconfig file' -Skip:$script:real {
        @(Measure-Writes {
                $u = New-LiqoPeeringUser -Kubeconfig $script:provider -ConsumerClusterId $script:C -OutFile $script:userKubeconfig -WhatIf -WarningAction SilentlyContinue
                $u.WhatIf | Should -BeTrue
                $u.Path | Should -BeNullOrEmpty
            }) | Should -HaveCount 0
        $script:userKubeconfig | Should -Not -Exist
    }

    It 'makes the user through a CSR, binds liqoctl''s roles, warns like liqoctl and writes the kubeconfig only to the file' {
        $mark = Get-LiqoAuditMark $script:clusters 'provider'
        $script:made = New-LiqoPeeringUser -Kubeconfig $script:provider -ConsumerClusterId $script:C -OutFile $script:userKubeconfig -WarningVariable warnings -WarningAction SilentlyContinue
        $script:made.PSObject.TypeNames[0] | Should -Be 'Liqo.PeeringUser'
        $script:made.UserName | Should -Be $script:user
        $script:made.CommonName | Should -Match "^$($script:user)-[0-9a-f]{32}$"
        $script:made.KeyAlgorithm | Should -Be 'Rsa'
        $script:made.Path | Should -Be $script:userKubeconfig
        $script:made.NotAfter | Should -BeGreaterThan ([DateTimeOffset]::UtcNow.AddDays(300))
        @($script:made.PSObject.Properties.Name) | Should -Not -Contain 'Kubeconfig'
        @($warnings | ForEach-Object { "$_" }) | Should -Be @(
            'Note that this functionality is currently not supported in EKS clusters'
            'Please take note of this kubeconfig as it is not stored.'
            "Note that it can only be used to peer with this cluster from a cluster with ID $($script:C)")
        if ($script:clusters.Sandbox) {
            $writes = Get-LiqoModuleWrite $script:clusters 'provider' $mark | ForEach-Object {
                "$($_.verb) $($_.objectRef.resource)$(if ($_.objectRef.subresource) { '/' + $_.objectRef.subresource })"
            }
            $writes | Should -Be @('create namespaces', 'create certificatesigningrequests', 'update certificatesigningrequests/approval',
                'create rolebindings', 'create rolebindings')
        }
    }

    It 'writes the kubeconfig owner-only' -Skip:$script:windows {
        (& stat -c '%a' $script:userKubeconfig) | Should -Be '600'
    }

    It 'lays the kubeconfig out as liqoctl: user (consumer ID)-user, context default-context in the tenant namespace, an RSA client key' {
        $text = Get-Content $script:userKubeconfig -Raw
        $text | Should -Match "(?m)^current-context: default-context$"
        $text | Should -Match "(?m)^    namespace: liqo-tenant-$($script:C)$"
        $text | Should -Match "(?m)^- name: $($script:C)-user$"
        $key = [Text.Encoding]::ASCII.GetString([Convert]::FromBase64String(($text | Select-String 'client-key-data: (\S+)').Matches[0].Groups[1].Value))
        $key | Should -Match '^-----BEGIN PRIVATE KEY-----'
        $rsa = [Security.Cryptography.RSA]::Create()
        { $rsa.ImportFromPem($key) } | Should -Not -Throw
    }

    It 'binds the chart''s peering-user roles to the certificate''s user, and nothing cluster-wide' -Skip:$script:noKubectl {
        $cn = $script:made.CommonName
        $reader = Invoke-TestKubectl $script:provider @('get', 'rolebinding', '-n', 'liqo', "$($script:user)-liqo-ns-reader", '-o', 'json') -Json
        $reader.roleRef.kind | Should -Be 'Role'
        $reader.roleRef.name | Should -Be 'liqo-peering-user-liqo-ns'
        $reader.subjects[0].name | Should -Be $cn
        $reader.metadata.labels['liqo.io/peering-user-name'] | Should -Be $script:user
        $writer = Invoke-TestKubectl $script:provider @('get', 'rolebinding', '-n', "liqo-tenant-$($script:C)", "$($script:user)-tenant-ns-writer", '-o', 'json') -Json
        $writer.roleRef.kind | Should -Be 'ClusterRole'
        $writer.roleRef.name | Should -Be 'liqo-peering-user-tenant-ns'
        @(Invoke-TestKubectl $script:provider @('get', 'clusterroles,clusterrolebindings', '-l', "liqo.io/peering-user-name=$($script:user)", '-o', 'name')) |
            Where-Object { $_ } | Should -HaveCount 0
        $csr = Invoke-TestKubectl $script:provider @('get', 'csr', $script:user, '-o', 'json') -Json
        $csr.spec.signerName | Should -Be 'kubernetes.io/kube-apiserver-client'
        $csr.status.conditions[0].reason | Should -Be 'IdentityManagerApproval'
    }

    It 'refuses a second user for the same consumer' {
        { New-LiqoPeeringUser -Kubeconfig $script:provider -ConsumerClusterId $script:C -OutFile "$($script:userKubeconfig).2" -WarningAction SilentlyContinue } |
            Should -Throw -ErrorId 'PeeringUserExists*'
        "$($script:userKubeconfig).2" | Should -Not -Exist
    }
}

Describe 'peering with only the peering user on the provider' -Skip:$script:noChart {
    It 'New-LiqoPeering reaches a Ready virtual node, every provider request made as the peering user' {
        $mark = Get-LiqoAuditMark $script:clusters 'provider'
        $since = [DateTime]::UtcNow
        $r = New-LiqoPeering -Kubeconfig $script:consumer -RemoteKubeconfig $script:userKubeconfig -Timeout 2m
        $r.Networking.Status | Should -Be 'Established'
        $r.Authentication.Status | Should -Be 'Established'
        $r.VirtualNodeReady | Should -BeTrue
        $r.ProviderRole | Should -BeNullOrEmpty -Because 'the chart''s peering-user roles do not let it read ForeignClusters'
        if ($script:clusters.Sandbox) {
            # a watch is logged when it ends: one the admin opened before may end after the mark
            $users = Get-LiqoModuleRequest $script:clusters 'provider' $mark | Where-Object { ([DateTime]$_.requestReceivedTimestamp).ToUniversalTime() -ge $since } |
                ForEach-Object { $_.user.username } | Sort-Object -Unique
            $users | Should -Be @($script:made.CommonName)
        }
    }

    It 'a request outside the user''s permissions is refused with 403' {
        { Get-LiqoInfo -Kubeconfig $script:userKubeconfig } | Should -Throw -ErrorId 'Forbidden*' -ExpectedMessage "*User ""$($script:made.CommonName)"" cannot*"
    }

    It 'kubectl with the same kubeconfig reads the cluster ID but may not read the Liqo namespace''s Secrets' -Skip:$script:noKubectl {
        Invoke-TestKubectl $script:userKubeconfig @('get', 'configmap', '-n', 'liqo', 'liqo-clusterid-configmap', '-o', 'name') | Should -Be 'configmap/liqo-clusterid-configmap'
        $denied = Invoke-TestKubectl $script:userKubeconfig @('get', 'secrets', '-n', 'liqo') 2>&1 | Out-String
        $denied | Should -Match ([regex]::Escape("Error from server (Forbidden): secrets is forbidden: User ""$($script:made.CommonName)"" cannot list resource ""secrets"" in API group """" in the namespace ""liqo"""))
    }

    It 'Remove-LiqoPeering works with the peering user too' {
        $u = Remove-LiqoPeering -Kubeconfig $script:consumer -RemoteKubeconfig $script:userKubeconfig -Confirm:$false -PassThru
        $u.NetworkingRemoved | Should -BeTrue
    }
}

Describe 'Remove-LiqoPeeringUser' -Skip:$script:noChart {
    It '-WhatIf writes nothing' -Skip:$script:real {
        @(Measure-Writes { Remove-LiqoPeeringUser -Kubeconfig $script:provider -ConsumerClusterId $script:C -WhatIf }) | Should -HaveCount 0
    }

    It 'removes the user''s roles, bindings and CSR: its kubeconfig still authenticates but may do nothing' {
        Remove-LiqoPeeringUser -Kubeconfig $script:provider -ConsumerClusterId $script:C -Confirm:$false
        { Get-LiqoClusterId -Kubeconfig $script:userKubeconfig } | Should -Throw -ErrorId 'Forbidden*'
        if (Get-Kubectl) {
            @(Invoke-TestKubectl $script:provider @('get', 'clusterroles,clusterrolebindings,rolebindings,csr', '-A', '-l', "liqo.io/peering-user-name=$($script:user)", '-o', 'name')) |
                Where-Object { $_ } | Should -HaveCount 0
        }
    }

    It 'an Ed25519 user (liqoctl''s usual default) works for kubectl, and this module says why it cannot use it' {
        $ed = "$($script:userKubeconfig).ed25519"
        $u = New-LiqoPeeringUser -Kubeconfig $script:provider -ConsumerClusterId $script:C -OutFile $ed -KeyAlgorithm Ed25519 -WarningAction SilentlyContinue
        $u.KeyAlgorithm | Should -Be 'Ed25519'
        if (Get-Kubectl) {
            Invoke-TestKubectl $ed @('get', 'configmap', '-n', 'liqo', 'liqo-clusterid-configmap', '-o', 'name') | Should -Be 'configmap/liqo-clusterid-configmap'
        }
        { Get-LiqoClusterId -Kubeconfig $ed } | Should -Throw -ErrorId 'KubeconfigInvalid*' -ExpectedMessage '*Ed25519 client certificate, which .NET (and so this module) cannot present*'
        Remove-LiqoPeeringUser -Kubeconfig $script:provider -ConsumerClusterId $script:C -Confirm:$false
    }
}
