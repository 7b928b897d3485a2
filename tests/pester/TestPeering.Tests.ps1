# Test-LiqoPeering on sandbox clusters: the happy path on a fresh peering, then each check in its failing form, made with
# a sandbox knob (DIR/<cluster>.liqo.json), a fault (SandboxFaults.psm1) or an object changed as an administrator would
# (kubectl), each restored before the next. Sandbox only: real clusters cannot be made to fail on demand.
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
    function New-Pair([string[]] $Knobs = @(), [switch] $Peered) {
        $path = Join-Path ([IO.Path]::GetTempPath()) ('liqo-test-' + [guid]::NewGuid().ToString('n').Substring(0, 8))
        $script:sandboxes.Add($path)
        $c, $p = Start-LiqoSandbox -Path $path -ArgumentList $Knobs
        $pair = [pscustomobject]@{ Path = $path; Sandbox = $path; Consumer = $c.KubeconfigPath; Provider = $p.KubeconfigPath }
        if ($Peered) { New-LiqoPeering -Kubeconfig $pair.Consumer -RemoteKubeconfig $pair.Provider | Out-Null }
        $pair
    }
    function Test-Both { Test-LiqoPeering -Kubeconfig $script:pair.Consumer -RemoteKubeconfig $script:pair.Provider @args }
    # Test-LiqoPeering until the check (on a side) has the wanted status, within a minute: the controllers react to a
    # knob or a change within a few reconciles. Returns every check of the last run.
    function Wait-Check([string] $Name, [string] $Status, [string] $Cluster = 'local') {
        $deadline = [DateTime]::UtcNow.AddSeconds(60)
        do {
            $checks = Test-Both
            if (@($checks | Where-Object { $_.Name -eq $Name -and $_.Cluster -eq $Cluster -and $_.Status -eq $Status }).Count -gt 0) { return $checks }
            Start-Sleep -Milliseconds 300
        } while ([DateTime]::UtcNow -lt $deadline)
        $checks
    }
    function Set-Knob([string] $Cluster, [string[]] $Knobs) {
        ConvertTo-Json -InputObject @($Knobs) -Compress | Set-Content (Join-Path $script:pair.Path "$Cluster.liqo.json")
    }
    function Invoke-Kubectl([string] $Kubeconfig, [string[]] $Arguments, [string] $InputText) {
        $k = Get-Kubectl
        $out = if ($InputText) { $InputText | & $k --kubeconfig $Kubeconfig @Arguments 2>&1 } else { & $k --kubeconfig $Kubeconfig @Arguments 2>&1 }
        if ($LASTEXITCODE -ne 0) { throw "kubectl $($Arguments -join ' ') failed: $out" }
        $out -join "`n"
    }
    # A certificate like the identity's, valid until $NotAfter (self-signed: only its dates matter here), as Liqo stores it.
    function New-CertificateB64([DateTimeOffset] $NotAfter) {
        $key = [Security.Cryptography.ECDsa]::Create()
        $req = [Security.Cryptography.X509Certificates.CertificateRequest]::new('CN=consumer, O=liqo.io', $key, [Security.Cryptography.HashAlgorithmName]::SHA256)
        $cert = $req.CreateSelfSigned($NotAfter.AddDays(-400), $NotAfter)
        [Convert]::ToBase64String([Text.Encoding]::ASCII.GetBytes($cert.ExportCertificatePem()))
    }
    # puts a certificate expiring at $NotAfter (or the given base64 one) into the ControlPlane Identity; returns the one it replaced
    function Set-IdentityCertificate([DateTimeOffset] $NotAfter, [string] $Certificate) {
        $identity = Invoke-Kubectl $script:pair.Consumer @('get', 'identities', '-A', '-l', 'liqo.io/remote-cluster-id=provider', '-o', 'json') | ConvertFrom-Json -AsHashtable
        $i = $identity.items | Where-Object { $_.spec.type -eq 'ControlPlane' }
        $i.spec.authParams.signedCRT
        $i.spec.authParams.signedCRT = if ($Certificate) { $Certificate } else { New-CertificateB64 $NotAfter }
        Invoke-Kubectl $script:pair.Consumer @('replace', '-f', '-') -InputText ($i | ConvertTo-Json -Depth 30) | Out-Null
    }
    if (-not $script:real) { $script:pair = New-Pair -Peered }
}

AfterAll {
    foreach ($p in $script:sandboxes) { Stop-LiqoSandbox -Path $p; Remove-Item $p -Recurse -Force -ErrorAction Ignore }
    Remove-Module Liqo, LiqoSandbox -ErrorAction Ignore
}

Describe 'Test-LiqoPeering on a fresh peering' -Skip:$script:real {
    It 'passes every check on both sides, writes nothing, and -Quiet says $true' {
        $mark = @{ consumer = Get-LiqoAuditMark $script:pair 'consumer'; provider = Get-LiqoAuditMark $script:pair 'provider' }
        $checks = Test-Both
        $checks | Where-Object Status -ne 'Pass' | ForEach-Object { "$($_.Cluster) $($_.Name) $($_.Status): $($_.Message)" } | Should -BeNullOrEmpty
        $local = $checks | Where-Object Cluster -eq 'local'
        $remote = $checks | Where-Object Cluster -eq 'remote'
        foreach ($name in 'ApiServer', 'LiqoPods', 'LiqoVersion', 'ForeignClusterNetworking', 'ForeignClusterAuthentication', 'ForeignClusterOffloading',
            'Connection', 'GatewayPods', 'IdentityCertificate', 'ResourceSlice', 'VirtualNode') {
            $local.Name | Should -Contain $name
        }
        foreach ($name in 'ApiServer', 'LiqoPods', 'ForeignClusterNetworking', 'Connection', 'GatewayPods', 'Tenant', 'ResourceSlice') { $remote.Name | Should -Contain $name }
        ($local | Where-Object Name -EQ 'VirtualNode').Object | Should -Be 'Node provider'
        ($remote | Where-Object Name -EQ 'Tenant').Object | Should -Be 'Tenant liqo-tenant-consumer/consumer'
        $checks | ForEach-Object { $_.Remediation | Should -BeNullOrEmpty }
        Test-Both -Quiet | Should -BeTrue
        @(Get-LiqoModuleWrite $script:pair 'consumer' $mark.consumer) | Should -HaveCount 0
        @(Get-LiqoModuleWrite $script:pair 'provider' $mark.provider) | Should -HaveCount 0
    }

    It 'checks the peers a pipeline gives, from the provider alone too' {
        $checks = Get-LiqoPeerInfo -Kubeconfig $script:pair.Consumer | Test-LiqoPeering -Kubeconfig $script:pair.Consumer
        @($checks.PeerClusterId | Where-Object { $_ } | Sort-Object -Unique) | Should -Be @('provider')
        $checks.Cluster | Sort-Object -Unique | Should -Be 'local'
        $fromProvider = Test-LiqoPeering -Kubeconfig $script:pair.Provider
        ($fromProvider | Where-Object Name -EQ 'Tenant').Status | Should -Be 'Pass'
        $fromProvider.Name | Should -Not -Contain 'VirtualNode'
    }

    It 'fails the ForeignCluster check of an ID that is no peer' {
        $checks = Test-LiqoPeering nowhere -Kubeconfig $script:pair.Consumer
        $fc = $checks | Where-Object Name -EQ 'ForeignCluster'
        $fc.Status | Should -Be 'Fail'
        $fc.PeerClusterId | Should -Be 'nowhere'
        $fc.Remediation | Should -BeLike '*New-LiqoPeering*'
        Test-LiqoPeering nowhere -Kubeconfig $script:pair.Consumer -Quiet | Should -BeFalse
    }
}

Describe 'Test-LiqoPeering failure modes' -Skip:$script:real {
    It 'GatewayPods fails while the gateway pods are not Ready (knob gateway-never-ready), and passes again' {
        Set-Knob consumer @('--fail', 'gateway-never-ready')
        try {
            $check = Wait-Check GatewayPods Fail | Where-Object { $_.Name -eq 'GatewayPods' -and $_.Cluster -eq 'local' }
            $check.Status | Should -Be 'Fail'
            $check.Message | Should -BeLike '*not Ready*gw-*'
            $check.Remediation | Should -BeLike 'kubectl --context consumer describe pod -n liqo-tenant-provider gw-*'
            Test-Both -Quiet | Should -BeFalse
        }
        finally { Set-Knob consumer @() }
        (Wait-Check GatewayPods Pass | Where-Object { $_.Name -eq 'GatewayPods' -and $_.Cluster -eq 'local' }).Status | Should -Be 'Pass'
    }

    It 'LiqoPods fails naming the Liqo pod that is not Ready (knob unhealthy-pod)' {
        Set-Knob provider @('--unhealthy-pod', 'liqo-controller-manager')
        try {
            $check = Wait-Check LiqoPods Fail remote | Where-Object { $_.Name -eq 'LiqoPods' -and $_.Cluster -eq 'remote' }
            $check.Status | Should -Be 'Fail'
            $check.Message | Should -BeLike '*liqo-controller-manager*'
            $check.Remediation | Should -BeLike '*kubectl --context provider get pods -n liqo*'
        }
        finally { Set-Knob provider @() }
        (Wait-Check LiqoPods Pass remote | Where-Object { $_.Name -eq 'LiqoPods' -and $_.Cluster -eq 'remote' }).Status | Should -Be 'Pass'
    }

    It 'Connection fails when the tunnel is down (knob tunnel-never-established, the Connection made again)' -Skip:$script:noKubectl {
        Set-Knob consumer @('--fail', 'tunnel-never-established')
        try {
            Invoke-Kubectl $script:pair.Consumer @('delete', 'connections', '-n', 'liqo-tenant-provider', '--all') | Out-Null
            $check = Wait-Check Connection Fail | Where-Object { $_.Name -eq 'Connection' -and $_.Cluster -eq 'local' }
            $check.Status | Should -Be 'Fail'
            $check.Message | Should -BeLike '*not Connected*'
            $check.Remediation | Should -BeLike '*Reset-LiqoNetworking provider*'
        }
        finally { Set-Knob consumer @() }
        (Wait-Check Connection Pass | Where-Object { $_.Name -eq 'Connection' -and $_.Cluster -eq 'local' }).Status | Should -Be 'Pass'
    }

    It 'IdentityCertificate warns within 30 days of expiry and fails once expired' -Skip:$script:noKubectl {
        $original = Set-IdentityCertificate ([DateTimeOffset]::UtcNow.AddDays(10))
        $check = Wait-Check IdentityCertificate Warn | Where-Object { $_.Name -eq 'IdentityCertificate' -and $_.Cluster -eq 'local' }
        $check.Status | Should -Be 'Warn'
        $check.Message | Should -BeLike '*expires on*(in 9 days)*'
        $check.Remediation | Should -BeLike '*kubectl get identities*'
        Test-Both -Quiet | Should -BeTrue
        $null = Set-IdentityCertificate ([DateTimeOffset]::UtcNow.AddDays(-1))
        $check = Wait-Check IdentityCertificate Fail | Where-Object { $_.Name -eq 'IdentityCertificate' -and $_.Cluster -eq 'local' }
        $check.Status | Should -Be 'Fail'
        $check.Message | Should -BeLike '*expired on*'
        # the provider's own certificate back: the control plane must reach the provider again for the tests after this one
        $null = Set-IdentityCertificate -Certificate $original
        (Wait-Check IdentityCertificate Pass | Where-Object { $_.Name -eq 'IdentityCertificate' -and $_.Cluster -eq 'local' }).Status | Should -Be 'Pass'
    }

    It 'VirtualNode fails when the Node is not Ready' -Skip:$script:noKubectl {
        $patch = '{"status":{"conditions":[{"type":"Ready","status":"False","reason":"KubeletNotReady","message":"simulated outage"}]}}'
        Invoke-Kubectl $script:pair.Consumer @('patch', 'node', 'provider', '--subresource=status', '--type=strategic', '-p', $patch) | Out-Null
        try {
            $check = Wait-Check VirtualNode Fail | Where-Object { $_.Name -eq 'VirtualNode' -and $_.Cluster -eq 'local' }
            $check.Status | Should -Be 'Fail'
            $check.Message | Should -BeLike '*not Ready: KubeletNotReady simulated outage*'
            $check.Remediation | Should -BeLike 'kubectl --context consumer describe node provider*'
        }
        finally {
            $ok = '{"status":{"conditions":[{"type":"Ready","status":"True","reason":"KubeletReady","message":"The Liqo Virtual Kubelet is posting ready status"}]}}'
            Invoke-Kubectl $script:pair.Consumer @('patch', 'node', 'provider', '--subresource=status', '--type=strategic', '-p', $ok) | Out-Null
        }
    }

    It 'ResourceSlice fails on both sides when the provider cannot sign it (knob auth-params-failing)' -Skip:$script:noKubectl {
        Set-Knob provider @('--fail', 'auth-params-failing')
        try {
            # the provider signs again on a spec change: a new label is enough
            Invoke-Kubectl $script:pair.Consumer @('label', 'resourceslice', '-n', 'liqo-tenant-provider', 'provider', 'test-round=1', '--overwrite') | Out-Null
            $checks = Wait-Check ResourceSlice Fail remote
            $remote = $checks | Where-Object { $_.Name -eq 'ResourceSlice' -and $_.Cluster -eq 'remote' }
            $remote.Status | Should -Be 'Fail'
            $remote.Object | Should -Be 'ResourceSlice liqo-tenant-consumer/provider'
            $remote.Message | Should -BeLike '*not accepted*'
        }
        finally { Set-Knob provider @() }
        Invoke-Kubectl $script:pair.Consumer @('label', 'resourceslice', '-n', 'liqo-tenant-provider', 'provider', 'test-round=2', '--overwrite') | Out-Null
        (Wait-Check ResourceSlice Pass remote | Where-Object { $_.Name -eq 'ResourceSlice' -and $_.Cluster -eq 'remote' }).Status | Should -Be 'Pass'
    }

    It 'Tenant warns when the provider cordoned the consumer (knob tenant-cordoned)' -Skip:$script:noKubectl {
        Set-Knob provider @('--fail', 'tenant-cordoned')
        try {
            $check = Wait-Check Tenant Warn remote | Where-Object { $_.Name -eq 'Tenant' -and $_.Cluster -eq 'remote' }
            $check.Status | Should -Be 'Warn'
            $check.Message | Should -BeLike '*Cordoned*'
            $check.Remediation | Should -BeLike 'Resume-LiqoTenant consumer*'
            Test-Both -Quiet | Should -BeTrue
        }
        finally {
            Set-Knob provider @()
        }
        # the sandbox reads its knobs file within a moment: until it has, the knob turns an Active tenant Cordoned again,
        # so the administrator's fix is repeated until it holds
        $deadline = [DateTime]::UtcNow.AddSeconds(60)
        do {
            Invoke-Kubectl $script:pair.Provider @('patch', 'tenant', '-n', 'liqo-tenant-consumer', 'consumer', '--type=merge', '-p', '{"spec":{"tenantCondition":"Active"}}') | Out-Null
            $tenant = Test-Both | Where-Object { $_.Name -eq 'Tenant' -and $_.Cluster -eq 'remote' }
            if ($tenant.Status -eq 'Pass') { break }
            Start-Sleep -Milliseconds 500
        } while ([DateTime]::UtcNow -lt $deadline)
        $tenant.Status | Should -Be 'Pass'
    }

    It 'NamespaceOffloading passes for a namespace offloaded to the peer' -Skip:$script:noKubectl {
        Invoke-Kubectl $script:pair.Consumer @('create', 'namespace', 'shop0') | Out-Null
        # the NamespaceOffloading as liqoctl offload namespace writes it
        $no = @{ apiVersion = 'offloading.liqo.io/v1beta1'; kind = 'NamespaceOffloading'; metadata = @{ name = 'offloading'; namespace = 'shop0' }
            spec = @{ namespaceMappingStrategy = 'DefaultName'; podOffloadingStrategy = 'LocalAndRemote'; clusterSelector = @{ nodeSelectorTerms = @() } } }
        Invoke-Kubectl $script:pair.Consumer @('create', '-f', '-') -InputText ($no | ConvertTo-Json -Depth 10) | Out-Null
        $check = Wait-Check NamespaceOffloading Pass | Where-Object { $_.Name -eq 'NamespaceOffloading' -and $_.Object -eq 'NamespaceOffloading shop0/offloading' }
        $check.Status | Should -Be 'Pass'
        $check.Message | Should -BeLike '*shop0 is offloaded to shop0-consumer*'
    }

    It 'NamespaceOffloading fails while the provider cannot make the remote namespace (knob remote-namespace-failing)' -Skip:$script:noKubectl {
        Set-Knob provider @('--fail', 'remote-namespace-failing')
        try {
            Invoke-Kubectl $script:pair.Consumer @('create', 'namespace', 'shop') | Out-Null
            $no = @{ apiVersion = 'offloading.liqo.io/v1beta1'; kind = 'NamespaceOffloading'; metadata = @{ name = 'offloading'; namespace = 'shop' }
                spec = @{ namespaceMappingStrategy = 'DefaultName'; podOffloadingStrategy = 'LocalAndRemote'; clusterSelector = @{ nodeSelectorTerms = @() } } }
            Invoke-Kubectl $script:pair.Consumer @('create', '-f', '-') -InputText ($no | ConvertTo-Json -Depth 10) | Out-Null
            $check = Wait-Check NamespaceOffloading Fail | Where-Object { $_.Name -eq 'NamespaceOffloading' -and $_.Object -eq 'NamespaceOffloading shop/offloading' }
            $check.Status | Should -Be 'Fail'
            $check.Message | Should -BeLike '*shop-consumer*not Ready*'
            $check.Remediation | Should -BeLike 'kubectl --context consumer get namespaceoffloading -n shop offloading -o yaml*'
        }
        finally {
            Set-Knob provider @()
            Invoke-Kubectl $script:pair.Consumer @('delete', 'namespaceoffloading', '-n', 'shop', 'offloading', '--wait=false') | Out-Null
        }
    }

    It 'ApiServer fails for a cluster that does not answer, and the other cluster is still checked' {
        Set-SandboxFault -Path $script:pair.Path -Cluster provider -Unreachable
        try {
            $checks = Test-Both -Timeout 20s
            $api = $checks | Where-Object { $_.Name -eq 'ApiServer' -and $_.Cluster -eq 'remote' }
            $api.Status | Should -Be 'Fail'
            $api.Message | Should -BeLike '*ClusterUnreachable*'
            $api.Remediation | Should -Not -BeNullOrEmpty
            ($checks | Where-Object { $_.Name -eq 'ApiServer' -and $_.Cluster -eq 'local' }).Status | Should -Be 'Pass'
            ($checks | Where-Object { $_.Name -eq 'ForeignClusterAuthentication' -and $_.Cluster -eq 'local' }).Status | Should -Be 'Pass'
        }
        finally { Clear-SandboxFault -Path $script:pair.Path -Cluster provider }
    }
}

Describe 'Test-LiqoPeering across Liqo versions' -Skip:$script:real {
    It 'fails LiqoVersion when the clusters run different minor versions' {
        $pair = New-Pair @('--liqo-version', 'provider=v1.3.0')
        $checks = Test-LiqoPeering -Kubeconfig $pair.Consumer -RemoteKubeconfig $pair.Provider
        $v = $checks | Where-Object Name -EQ 'LiqoVersion'
        $v.Status | Should -Be 'Fail'
        $v.Message | Should -BeLike '*v1.2.0*v1.3.0*'
        $v.Remediation | Should -BeLike '*same version*'
        # not peered: the ForeignCluster check says so
        ($checks | Where-Object Name -EQ 'ForeignCluster').Status | Should -Be 'Fail'
    }
}
