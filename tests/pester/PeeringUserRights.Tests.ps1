# Every cmdlet that takes -RemoteKubeconfig works with exactly the rights of a peering user (issue 11): the sandbox
# installs the RBAC of Liqo's chart (files/*.yaml read at run time), and the user is made once as liqoctl's userfactory
# makes it (built here, step by step, with the provider's admin credentials) and once with New-LiqoPeeringUser. The
# provider's audit log must show no refused write by that user, and each refused read at most once per command.
BeforeDiscovery {
    Import-Module $PSScriptRoot/LiqoTestSupport.psm1 -Force
    $script:real = Test-RealClusters
    $chart = Join-Path (Get-LiqoRepoRoot) '../shared/liqo-chart/v1.2.0/files'
    $script:noChart = -not $script:real -and -not (Test-Path $chart)
    $script:users = @(@{ Kind = 'liqoctl' }, @{ Kind = 'New-LiqoPeeringUser' })
}

BeforeAll {
    Import-Module $PSScriptRoot/LiqoTestSupport.psm1 -Force
    Import-Module (Get-LiqoModulePath) -Force
    $script:clusters = Start-LiqoTestClusters
    $script:consumer = $script:clusters.Consumer.KubeconfigPath
    $script:provider = $script:clusters.Provider.KubeconfigPath
    $script:C = Get-LiqoClusterId -Kubeconfig $script:consumer
    $script:P = Get-LiqoClusterId -Kubeconfig $script:provider
    $script:dir = if ($script:clusters.Sandbox) { $script:clusters.Sandbox } else { [IO.Path]::GetTempPath() }

    # The provider's admin, for the REST calls that build the liqoctl-style user.
    function Get-AdminAccess([string] $Kubeconfig) {
        $text = Get-Content $Kubeconfig -Raw
        $field = { param($name) [Text.Encoding]::ASCII.GetString([Convert]::FromBase64String(($text | Select-String "$($name): (\S+)").Matches[0].Groups[1].Value)) }
        [pscustomobject]@{
            Server      = ($text | Select-String 'server: "?([^"\s]+)').Matches[0].Groups[1].Value
            Certificate = [Security.Cryptography.X509Certificates.X509Certificate2]::CreateFromPem((& $field 'client-certificate-data'), (& $field 'client-key-data'))
            Ca          = & $field 'certificate-authority-data'
        }
    }
    function Invoke-Admin($Access, [string] $Method, [string] $Path, $Body) {
        $params = @{ Method = $Method; Uri = $Access.Server + $Path; Certificate = $Access.Certificate; SkipCertificateCheck = $true; ContentType = 'application/json' }
        if ($null -ne $Body) { $params.Body = ($Body | ConvertTo-Json -Depth 20 -Compress) }
        Invoke-RestMethod @params
    }

    # liqoctl generate peering-user, step by step as pkg/liqoctl/rest/peering-user/userfactory does it: the tenant
    # namespace, an RSA key (--tls-compatibility-mode=true), a CSR with CN liqo-peer-user-<C>-<32 hex>, O liqo.io,
    # approved and signed, and two RoleBindings to the chart's peering-user roles; nothing cluster-wide.
    function New-LiqoctlStylePeeringUser([string] $Path) {
        $a = Get-AdminAccess $script:provider
        $user = "liqo-peer-user-$($script:C)"
        $tenantNs = "liqo-tenant-$($script:C)"
        try {
            Invoke-Admin $a POST '/api/v1/namespaces' @{ apiVersion = 'v1'; kind = 'Namespace'; metadata = @{ name = $tenantNs; labels = @{
                        'liqo.io/remote-cluster-id' = $script:C; 'liqo.io/tenant-namespace' = 'true' } } } | Out-Null
        } catch { if ($_.Exception.Response.StatusCode -ne 409) { throw } }
        $rsa = [Security.Cryptography.RSA]::Create(2048)
        $cn = "$user-$([Convert]::ToHexString([Security.Cryptography.RandomNumberGenerator]::GetBytes(16)).ToLowerInvariant())"
        $request = [Security.Cryptography.X509Certificates.CertificateRequest]::new("CN=$cn, O=liqo.io", $rsa,
            [Security.Cryptography.HashAlgorithmName]::SHA256, [Security.Cryptography.RSASignaturePadding]::Pkcs1)
        $csrPem = $request.CreateSigningRequestPem()
        $csr = Invoke-Admin $a POST '/apis/certificates.k8s.io/v1/certificatesigningrequests' @{
            apiVersion = 'certificates.k8s.io/v1'; kind = 'CertificateSigningRequest'
            metadata = @{ name = $user; labels = @{ 'liqo.io/peering-user-name' = $user } }
            spec = @{ groups = @('system:authenticated'); signerName = 'kubernetes.io/kube-apiserver-client'
                request = [Convert]::ToBase64String([Text.Encoding]::ASCII.GetBytes($csrPem)); usages = @('digital signature', 'key encipherment', 'client auth') }
        }
        $csr | Add-Member -Force -NotePropertyName status -NotePropertyValue @{ conditions = @(@{ type = 'Approved'; status = 'True'; reason = 'IdentityManagerApproval'; message = 'This CSR was approved by liqoctl generate token' }) }
        Invoke-Admin $a PUT "/apis/certificates.k8s.io/v1/certificatesigningrequests/$user/approval" $csr | Out-Null
        $certificate = $null
        foreach ($i in 1..30) {
            $got = Invoke-Admin $a GET "/apis/certificates.k8s.io/v1/certificatesigningrequests/$user"
            if ($got.status.certificate) { $certificate = $got.status.certificate; break }
            Start-Sleep -Seconds 1
        }
        $certificate | Should -Not -BeNullOrEmpty
        $subject = @(@{ kind = 'User'; name = $cn; apiGroup = 'rbac.authorization.k8s.io' })
        Invoke-Admin $a POST '/apis/rbac.authorization.k8s.io/v1/namespaces/liqo/rolebindings' @{
            apiVersion = 'rbac.authorization.k8s.io/v1'; kind = 'RoleBinding'
            metadata = @{ name = "$user-liqo-ns-reader"; namespace = 'liqo'; labels = @{ 'liqo.io/peering-user-name' = $user } }
            subjects = $subject; roleRef = @{ apiGroup = 'rbac.authorization.k8s.io'; kind = 'Role'; name = 'liqo-peering-user-liqo-ns' }
        } | Out-Null
        Invoke-Admin $a POST "/apis/rbac.authorization.k8s.io/v1/namespaces/$tenantNs/rolebindings" @{
            apiVersion = 'rbac.authorization.k8s.io/v1'; kind = 'RoleBinding'
            metadata = @{ name = "$user-tenant-ns-writer"; namespace = $tenantNs; labels = @{ 'liqo.io/peering-user-name' = $user } }
            subjects = $subject; roleRef = @{ apiGroup = 'rbac.authorization.k8s.io'; kind = 'ClusterRole'; name = 'liqo-peering-user-tenant-ns' }
        } | Out-Null
        $b64 = { param($s) [Convert]::ToBase64String([Text.Encoding]::ASCII.GetBytes($s)) }
        @"
apiVersion: v1
clusters:
- cluster:
    certificate-authority-data: $(& $b64 $a.Ca)
    server: $($a.Server)
  name: $($script:C)
contexts:
- context:
    cluster: $($script:C)
    namespace: $tenantNs
    user: $($script:C)-user
  name: default-context
current-context: default-context
kind: Config
preferences: {}
users:
- name: $($script:C)-user
  user:
    client-certificate-data: $certificate
    client-key-data: $(& $b64 $rsa.ExportPkcs8PrivateKeyPem())
"@ | Set-Content -Path $Path -NoNewline
        $cn
    }

    # What the peering user sent to the provider after -Mark: refused writes, and reads refused more than once.
    function Get-RefusedRequest([int] $Mark, [string] $User) {
        $events = Get-LiqoModuleRequest $script:clusters 'provider' $Mark | Where-Object { $_.user.username -eq $User -and $_.responseStatus.code -eq 403 }
        $writes = @($events | Where-Object verb -In 'create', 'update', 'patch', 'delete', 'deletecollection' |
                ForEach-Object { "$($_.verb) $($_.objectRef.resource) $($_.objectRef.namespace)" })
        $repeatedReads = @($events | Where-Object verb -NotIn 'create', 'update', 'patch', 'delete', 'deletecollection' |
                Group-Object { "$($_.verb) $($_.objectRef.resource)$(if ($_.objectRef.subresource) { '/' + $_.objectRef.subresource }) $($_.objectRef.namespace)" } |
                Where-Object Count -GT 1 | ForEach-Object { "$($_.Count)x $($_.Name)" })
        [pscustomobject]@{ Writes = $writes; RepeatedReads = $repeatedReads; Reads = @($events | Where-Object verb -In 'get', 'list', 'watch') }
    }

    # Runs one command and checks the provider's audit for the user's refused requests during it.
    function Invoke-AsPeeringUser([scriptblock] $Command) {
        $mark = Get-LiqoAuditMark $script:clusters 'provider'
        $result = & $Command
        if ($script:clusters.Sandbox) {
            $refused = Get-RefusedRequest $mark $script:cn
            $script:lastRefusedReads = $refused.Reads
            $refused.Writes | Should -BeNullOrEmpty -Because 'no write of the peering user may be refused'
            $refused.RepeatedReads | Should -BeNullOrEmpty -Because 'a refused read is tried at most once per command'
        }
        $result
    }
}

AfterAll {
    Stop-LiqoTestClusters $script:clusters
    Remove-Module Liqo -ErrorAction Ignore
}

if ($script:noChart) {
    Describe 'the chart''s RBAC' {
        It 'is needed by every test of this file' {
            Set-ItResult -Skipped -Because "Liqo's chart is not available (../shared/liqo-chart/v1.2.0 beside the repository), so the sandbox runs without Liqo's RBAC"
        }
    }
}

Describe 'with a peering user made <Kind>' -ForEach $script:users -Skip:($script:noChart -or $script:real) {
    BeforeAll {
        $script:userKubeconfig = Join-Path $script:dir "rights-$Kind-$([guid]::NewGuid().ToString('n').Substring(0, 6)).kubeconfig"
        if ($Kind -eq 'liqoctl') {
            $script:cn = New-LiqoctlStylePeeringUser $script:userKubeconfig
        } else {
            $mark = Get-LiqoAuditMark $script:clusters 'provider'
            $made = New-LiqoPeeringUser -Kubeconfig $script:provider -ConsumerClusterId $script:C -OutFile $script:userKubeconfig -WarningAction SilentlyContinue
            $script:cn = $made.CommonName
            $script:madeWrites = @(Get-LiqoModuleWrite $script:clusters 'provider' $mark)
        }
    }

    AfterAll {
        Remove-LiqoPeeringUser -Kubeconfig $script:provider -ConsumerClusterId $script:C -Confirm:$false
    }

    if ($Kind -eq 'New-LiqoPeeringUser') {
        It 'New-LiqoPeeringUser created no ClusterRole and no ClusterRoleBinding, only liqoctl''s two RoleBindings' {
            @($script:madeWrites | Where-Object { $_.objectRef.resource -in 'clusterroles', 'clusterrolebindings' }) | Should -HaveCount 0
            @($script:madeWrites | Where-Object { $_.objectRef.resource -eq 'rolebindings' } | ForEach-Object { "$($_.objectRef.namespace)/$($_.objectRef.name)" }) |
                Should -Be @("liqo/liqo-peer-user-$($script:C)-liqo-ns-reader", "liqo-tenant-$($script:C)/liqo-peer-user-$($script:C)-tenant-ns-writer")
        }
    }

    It 'New-LiqoPeering reaches a Ready virtual node, polling where the user may not watch (said once on Verbose)' {
        $r = Invoke-AsPeeringUser { New-LiqoPeering -Kubeconfig $script:consumer -RemoteKubeconfig $script:userKubeconfig -Timeout 2m -Verbose 4>$script:dir/verbose.txt }
        $r.Networking.Status | Should -Be 'Established'
        $r.Authentication.Status | Should -Be 'Established'
        $r.VirtualNodeReady | Should -BeTrue
        @(Get-Content $script:dir/verbose.txt | Where-Object { $_ -match 'waits (get the object|list) every second instead' }) | Should -HaveCount 1
        if ($script:clusters.Sandbox) {
            # the user's refused reads are in the audit (each once; at least the list of the gateway Deployment, which the chart
            # lets it get only): the fallbacks were needed, and the checks above see the user's 403s
            @($script:lastRefusedReads | Where-Object { $_.objectRef.resource -eq 'deployments' -and $_.verb -eq 'list' -and $_.objectRef.namespace -eq "liqo-tenant-$($script:C)" }) |
                Should -HaveCount 1
        }
    }

    It 'Get-LiqoPeerInfo -RemoteKubeconfig reports the peering' {
        $info = Invoke-AsPeeringUser { Get-LiqoPeerInfo -Kubeconfig $script:consumer -RemoteKubeconfig $script:userKubeconfig }
        @($info | Where-Object ClusterId -EQ $script:P) | Should -HaveCount 1
    }

    It 'Remove-LiqoPeering removes the peering' {
        $u = Invoke-AsPeeringUser { Remove-LiqoPeering -Kubeconfig $script:consumer -RemoteKubeconfig $script:userKubeconfig -Confirm:$false -PassThru }
        $u.NetworkingRemoved | Should -BeTrue
        $u.Bidirectional | Should -BeFalse
    }

    It 'Enable- and Disable-LiqoAuthentication' {
        Invoke-AsPeeringUser { Enable-LiqoAuthentication -Kubeconfig $script:consumer -RemoteKubeconfig $script:userKubeconfig -Timeout 2m } | Out-Null
        Invoke-AsPeeringUser { Disable-LiqoAuthentication -Kubeconfig $script:consumer -RemoteKubeconfig $script:userKubeconfig -Confirm:$false } | Out-Null
    }

    It 'Enable-, Reset- and Disable-LiqoNetworking' {
        Invoke-AsPeeringUser { Enable-LiqoNetworking -Kubeconfig $script:consumer -RemoteKubeconfig $script:userKubeconfig -Timeout 2m } | Out-Null
        Invoke-AsPeeringUser { Disable-LiqoNetworking -Kubeconfig $script:consumer -RemoteKubeconfig $script:userKubeconfig -Confirm:$false } | Out-Null
        Invoke-AsPeeringUser { Enable-LiqoNetworking -Kubeconfig $script:consumer -RemoteKubeconfig $script:userKubeconfig -Timeout 2m } | Out-Null
        Invoke-AsPeeringUser { Reset-LiqoNetworking -Kubeconfig $script:consumer -RemoteKubeconfig $script:userKubeconfig -Confirm:$false } | Out-Null
    }

    It 'a bidirectional peering is unpeered one way, keeping the tunnel' {
        Invoke-AsPeeringUser { New-LiqoPeering -Kubeconfig $script:consumer -RemoteKubeconfig $script:userKubeconfig -Timeout 2m } | Out-Null
        New-LiqoPeering -Kubeconfig $script:provider -RemoteKubeconfig $script:consumer -Timeout 2m | Out-Null
        $u = Invoke-AsPeeringUser { Remove-LiqoPeering -Kubeconfig $script:consumer -RemoteKubeconfig $script:userKubeconfig -Confirm:$false -PassThru }
        $u.Bidirectional | Should -BeTrue
        $u.NetworkingRemoved | Should -BeFalse
        Remove-LiqoPeering -Kubeconfig $script:provider -RemoteKubeconfig $script:consumer -Confirm:$false
    }

    It 'Remove-LiqoPeering -DeleteNamespaces is refused before its first write: the user may not delete the tenant namespace' {
        Invoke-AsPeeringUser { New-LiqoPeering -Kubeconfig $script:consumer -RemoteKubeconfig $script:userKubeconfig -Timeout 2m } | Out-Null
        $mark = Get-LiqoAuditMark $script:clusters 'consumer'
        $e = Invoke-AsPeeringUser {
            try { Remove-LiqoPeering -Kubeconfig $script:consumer -RemoteKubeconfig $script:userKubeconfig -DeleteNamespaces -Confirm:$false } catch { $_ }
        }
        $e.FullyQualifiedErrorId | Should -BeLike 'Forbidden*'
        "$e" | Should -BeLike "*may not delete namespaces ""liqo-tenant-$($script:C)""*nothing was changed*"
        @(Get-LiqoModuleWrite $script:clusters 'consumer' $mark) | Should -HaveCount 0
        (Get-LiqoPeerInfo -Kubeconfig $script:consumer).ClusterId | Should -Be $script:P
        Invoke-AsPeeringUser { Remove-LiqoPeering -Kubeconfig $script:consumer -RemoteKubeconfig $script:userKubeconfig -Confirm:$false } | Out-Null
    }
    It 'New-LiqoPeering is refused before its first write, -WhatIf too, when the user lacks the tenant namespace''s RoleBinding' {
        $a = Get-AdminAccess $script:provider
        $bindingPath = "/apis/rbac.authorization.k8s.io/v1/namespaces/liqo-tenant-$($script:C)/rolebindings/liqo-peer-user-$($script:C)-tenant-ns-writer"
        $binding = Invoke-Admin $a GET $bindingPath
        Invoke-Admin $a DELETE $bindingPath | Out-Null
        try {
            $marks = @{ consumer = Get-LiqoAuditMark $script:clusters 'consumer'; provider = Get-LiqoAuditMark $script:clusters 'provider' }
            foreach ($whatIf in $true, $false) {
                $e = Invoke-AsPeeringUser {
                    try { New-LiqoPeering -Kubeconfig $script:consumer -RemoteKubeconfig $script:userKubeconfig -Timeout 2m -WhatIf:$whatIf } catch { $_ }
                }
                $e.FullyQualifiedErrorId | Should -BeLike 'Forbidden*'
                "$e" | Should -BeLike "*remote cluster's user may not *create tenants.authentication.liqo.io in the namespace ""liqo-tenant-$($script:C)""*nothing was changed*"
                "$e" | Should -BeLike "*create gatewayservers.networking.liqo.io in the namespace ""liqo-tenant-$($script:C)""*"
            }
            foreach ($cluster in 'consumer', 'provider') {
                @(Get-LiqoModuleWrite $script:clusters $cluster $marks[$cluster]) |
                    Should -HaveCount 0 -Because "the $cluster cluster must see no write of the refused command"
            }
        } finally {
            $binding.metadata = @{ name = $binding.metadata.name; namespace = $binding.metadata.namespace; labels = $binding.metadata.labels }
            Invoke-Admin $a POST ($bindingPath -replace '/[^/]+$') $binding | Out-Null
        }
    }

    It 'New-LiqoPeering is refused before its first write when the provider''s tenant namespace is missing and the user may not create it' {
        $admins = @{ consumer = Get-AdminAccess $script:consumer; provider = Get-AdminAccess $script:provider }
        $namespaces = @{ consumer = "liqo-tenant-$($script:P)"; provider = "liqo-tenant-$($script:C)" }
        $a = $admins.provider
        $bindingPath = "/apis/rbac.authorization.k8s.io/v1/namespaces/$($namespaces.provider)/rolebindings/liqo-peer-user-$($script:C)-tenant-ns-writer"
        $binding = Invoke-Admin $a GET $bindingPath
        foreach ($cluster in 'consumer', 'provider') {
            Invoke-Admin $admins[$cluster] DELETE "/api/v1/namespaces/$($namespaces[$cluster])" | Out-Null
            foreach ($i in 1..60) {
                try { Invoke-Admin $admins[$cluster] GET "/api/v1/namespaces/$($namespaces[$cluster])" | Out-Null; Start-Sleep -Milliseconds 500 } catch { break }
            }
        }
        try {
            $marks = @{ consumer = Get-LiqoAuditMark $script:clusters 'consumer'; provider = Get-LiqoAuditMark $script:clusters 'provider' }
            $e = Invoke-AsPeeringUser { try { New-LiqoPeering -Kubeconfig $script:consumer -RemoteKubeconfig $script:userKubeconfig -Timeout 2m } catch { $_ } }
            $e.FullyQualifiedErrorId | Should -BeLike 'Forbidden*'
            "$e" | Should -BeLike "*remote cluster's user may not create namespaces at the cluster scope*nothing was changed*"
            foreach ($cluster in 'consumer', 'provider') {
                @(Get-LiqoModuleWrite $script:clusters $cluster $marks[$cluster]) |
                    Should -HaveCount 0 -Because "the $cluster cluster must see no write (the consumer's tenant namespace is not created either)"
            }
        } finally {
            Invoke-Admin $a POST '/api/v1/namespaces' @{ apiVersion = 'v1'; kind = 'Namespace'; metadata = @{ name = $namespaces.provider; labels = @{
                        'liqo.io/remote-cluster-id' = $script:C; 'liqo.io/tenant-namespace' = 'true' } } } | Out-Null
            $binding.metadata = @{ name = $binding.metadata.name; namespace = $binding.metadata.namespace; labels = $binding.metadata.labels }
            Invoke-Admin $a POST ($bindingPath -replace '/[^/]+$') $binding | Out-Null
        }
    }
}
