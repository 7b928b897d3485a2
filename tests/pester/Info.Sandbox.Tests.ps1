# End-to-end tests of Get-LiqoInfo, Get-LiqoPeerInfo and Get-LiqoForeignCluster on sandbox clusters peered with
# New-LiqoPeering. Written against the LiqoSandbox module's contract (Start-LiqoSandbox returns objects with Name, KubeconfigPath,
# AuditLogPath, Path; Stop-LiqoSandbox -Path).
BeforeAll {
    Import-Module $PSScriptRoot/LiqoTestSupport.psm1 -Force
    Import-Module (Get-LiqoModulePath) -Force
    Import-Module (Join-Path (Get-LiqoRepoRoot) 'out/LiqoSandbox/LiqoSandbox.psd1') -Force
    $PSStyle.OutputRendering = 'PlainText'

    # ASSUMPTION 1: the real kubectl 1.32 binary sits beside the dispatcher (see the helper brief)
    $dispatcher = (Get-Command kubectl -CommandType Application | Select-Object -First 1).Source
    $script:kubectl = Join-Path (Split-Path (Resolve-Path $dispatcher).Path) 'kubectl.1.32'
    if (-not (Test-Path $script:kubectl)) { $script:kubectl = $dispatcher }

    $script:sandbox = Join-Path ([IO.Path]::GetTempPath()) ('liqo-info-e2e-' + [guid]::NewGuid().ToString('n').Substring(0, 8))
    $script:consumer, $script:provider = Start-LiqoSandbox -Path $script:sandbox -Cluster rome, milan
    $script:bare = Start-LiqoSandbox -Path "$($script:sandbox)-bare" -Cluster bare -Bare

    function Invoke-Kubectl([string] $Kubeconfig, [string[]] $Arguments, [string] $InputText) {
        $out = if ($InputText) { $InputText | & $script:kubectl --kubeconfig $Kubeconfig @Arguments 2>&1 } else { & $script:kubectl --kubeconfig $Kubeconfig @Arguments 2>&1 }
        if ($LASTEXITCODE -ne 0) { throw "kubectl $($Arguments -join ' ') failed: $out" }
        $out -join "`n"
    }

    function Wait-Role([string] $Kubeconfig, [string] $Id, [string] $Role) {
        $deadline = [DateTime]::UtcNow.AddSeconds(60)
        while ([DateTime]::UtcNow -lt $deadline) {
            $fc = Get-LiqoForeignCluster -Kubeconfig $Kubeconfig -ClusterId $Id -ErrorAction Ignore
            if ($fc.Role -eq $Role) { return $fc }
            Start-Sleep -Milliseconds 200
        }
        throw "ForeignCluster $Id never reached role $Role"
    }

    # ASSUMPTION 3: the audit log has one JSON object per request with the request's user agent and URI
    # (Kubernetes audit.k8s.io Event fields userAgent and requestURI).
    function Measure-Requests([string] $AuditLog, [scriptblock] $Action, [string] $UserAgentPrefix) {
        # the audit log is written asynchronously: count from a quiet log, and read it once quiet again; watches are left
        # out (the info cmdlets never watch, and a watch an earlier command opened is audited whenever it ends)
        $before = Get-LiqoAuditQuietCount $AuditLog
        $watch = [Diagnostics.Stopwatch]::StartNew()
        $null = & $Action
        $elapsed = $watch.Elapsed
        $after = Get-LiqoAuditQuietCount $AuditLog
        $events = @(Get-Content $AuditLog | Select-Object -Skip $before -First ($after - $before) | ForEach-Object { $_ | ConvertFrom-Json } |
                Where-Object { $_.userAgent -like "$UserAgentPrefix*" -and $_.verb -ne 'watch' })
        [pscustomobject]@{ Requests = $events.Count; Elapsed = $elapsed; Uris = $events.requestURI }
    }

    $peering = New-LiqoPeering -Kubeconfig $script:consumer.KubeconfigPath -RemoteKubeconfig $script:provider.KubeconfigPath
    $script:pair = [pscustomobject]@{ Consumer = $peering.ConsumerClusterId; Provider = $peering.ProviderClusterId }
    $null = Wait-Role $script:consumer.KubeconfigPath $script:pair.Provider 'Provider'
    $null = Wait-Role $script:provider.KubeconfigPath $script:pair.Consumer 'Consumer'
}

AfterAll {
    Stop-LiqoSandbox -Path $script:sandbox -ErrorAction Ignore
    Stop-LiqoSandbox -Path "$($script:sandbox)-bare" -ErrorAction Ignore
    Remove-Module Liqo, LiqoSandbox -ErrorAction Ignore
}

Describe 'Get-LiqoInfo on a sandbox cluster' {
    It 'reports the installation the cluster holds' {
        $info = Get-LiqoInfo -Kubeconfig $script:consumer.KubeconfigPath -IncludeNetwork
        $info | Should -BeOfType ([Liqo.LiqoInfo])
        $info.ClusterId | Should -Be (Get-LiqoClusterId -Kubeconfig $script:consumer.KubeconfigPath)
        $info.Version | Should -Match '^v1\.2\.'
        $info.Network.PodCidrs | Should -Not -BeNullOrEmpty
        ($info.Peerings | Where-Object ClusterId -eq $script:pair.Provider).Role | Should -Be 'Provider'
    }

    It '-Output Json is the document liqoctl prints, and -Get reads it' {
        $json = Get-LiqoInfo -Kubeconfig $script:consumer.KubeconfigPath -Output Json
        $doc = $json | ConvertFrom-Json -AsHashtable
        @($doc.Keys | Sort-Object) | Should -Be @('health', 'local', 'peerings')
        $doc.local.Keys | Should -Contain 'APIServerAddr'
        Get-LiqoInfo -Kubeconfig $script:consumer.KubeconfigPath -Get clusterid | Should -Be $doc.local.clusterID
        Get-LiqoInfo -Kubeconfig $script:consumer.KubeconfigPath -Get local.apiserveraddr | Should -Be $doc.local.APIServerAddr
    }

    It 'an invalid -Get is liqoctl''s error' {
        $e = try { Get-LiqoInfo -Kubeconfig $script:consumer.KubeconfigPath -Get network.podcidr } catch { $_ }
        $e.FullyQualifiedErrorId | Should -BeLike 'InvalidQuery,*'
        $e.Exception.Message | Should -Be 'invalid query "network.podcidr": "podcidr" not found'
    }

    It 'a cluster without Liqo is LiqoNotInstalled with liqoctl''s guidance' {
        $e = try { Get-LiqoInfo -Kubeconfig $script:bare.KubeconfigPath } catch { $_ }
        $e.FullyQualifiedErrorId | Should -BeLike 'LiqoNotInstalled,*'
        $e.Exception.Message | Should -BeLike "Liqo is not installed in the current cluster!*liqoctl install*"
    }
}

Describe 'Get-LiqoForeignCluster on a sandbox cluster' {
    It 'lists what kubectl get foreignclusters lists, with the same roles' {
        $kubectl = Invoke-Kubectl $script:consumer.KubeconfigPath @('get', 'foreignclusters', '-o', 'json') | ConvertFrom-Json
        $ours = Get-LiqoForeignCluster -Kubeconfig $script:consumer.KubeconfigPath
        @($ours.Name) | Should -Be @($kubectl.items.metadata.name | Sort-Object)
        foreach ($fc in $kubectl.items) { ($ours | Where-Object Name -eq $fc.metadata.name).Role | Should -Be $fc.status.role }
    }

    It 'an unknown name is a non-terminating error' {
        $found = Get-LiqoForeignCluster -Kubeconfig $script:consumer.KubeconfigPath -ClusterId nope, $script:pair.Provider -ErrorVariable errs -ErrorAction SilentlyContinue
        $found.ClusterId | Should -Be $script:pair.Provider
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'PeerNotFound,*'
        $errs[0].Exception.Message | Should -Be 'foreignclusters.core.liqo.io "nope" not found'
    }

    It 'completes -ClusterId from the ForeignClusters' {
        $line = "Get-LiqoPeerInfo -Kubeconfig '$($script:consumer.KubeconfigPath)' "
        (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText | Should -Contain $script:pair.Provider
    }
}

Describe 'Get-LiqoPeerInfo on sandbox clusters' {
    It 'reports the provider peer as liqoctl info peer does' {
        $peer = Get-LiqoPeerInfo -Kubeconfig $script:consumer.KubeconfigPath -ClusterId $script:pair.Provider
        $peer.Role | Should -Be 'Provider'
        $peer.Network.Gateway.Role | Should -Be 'Server'
        Get-LiqoPeerInfo -Kubeconfig $script:consumer.KubeconfigPath $script:pair.Provider -Get network.gateway.role | Should -Be 'Server'
        $doc = Get-LiqoPeerInfo -Kubeconfig $script:consumer.KubeconfigPath $script:pair.Provider -Output Json | ConvertFrom-Json -AsHashtable
        @($doc[$script:pair.Provider].Keys | Sort-Object) | Should -Be @('authentication', 'info', 'network', 'offloading')
        $doc[$script:pair.Provider].network.Keys | Should -Contain 'CIDRs'
    }

    It 'an unknown ID is a non-terminating error and the known ones are still returned' {
        $peers = Get-LiqoPeerInfo -Kubeconfig $script:consumer.KubeconfigPath nope, $script:pair.Provider -ErrorVariable errs -ErrorAction SilentlyContinue
        $peers.ClusterId | Should -Be $script:pair.Provider
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'PeerNotFound,*'
        $errs[0].Exception.Message | Should -Be 'Peer clusters "nope" not found in active peerings'
    }

    It 'merges the provider''s view with -RemoteKubeconfig' {
        $peer = Get-LiqoPeerInfo -Kubeconfig $script:consumer.KubeconfigPath -RemoteKubeconfig $script:provider.KubeconfigPath
        $peer.ClusterId | Should -Be $script:pair.Provider
        $peer.Remote.ClusterId | Should -Be $script:pair.Provider
        $peer.Remote.Role | Should -Be 'Consumer'
        $peer.Remote.Gateway.Kind | Should -Be 'GatewayServer'
    }

    It 'refuses the same cluster as local and remote' {
        $e = try { Get-LiqoPeerInfo -Kubeconfig $script:consumer.KubeconfigPath -RemoteKubeconfig $script:consumer.KubeconfigPath } catch { $_ }
        $e.FullyQualifiedErrorId | Should -BeLike 'SameCluster,*'
    }

    It 'pipes into Remove-LiqoPeering, which binds -ClusterId from the peer objects' {
        $removed = Get-LiqoPeerInfo -Kubeconfig $script:consumer.KubeconfigPath | Where-Object Role -eq Provider |
            Remove-LiqoPeering -Kubeconfig $script:consumer.KubeconfigPath -RemoteKubeconfig $script:provider.KubeconfigPath -Confirm:$false -PassThru
        $removed.ProviderClusterId | Should -Be $script:pair.Provider
        (Get-LiqoPeerInfo -Kubeconfig $script:consumer.KubeconfigPath -ClusterId $script:pair.Provider).Offloading.VirtualNodes | Should -BeNullOrEmpty
        (Get-LiqoForeignCluster -Kubeconfig $script:consumer.KubeconfigPath -ClusterId $script:pair.Provider).Role | Should -Be 'Unknown'
    }
}

Describe 'a constant number of API requests (benchmark)' {
    It 'reads 200 peerings with as many API requests as 1 (times are in the info benchmark)' {
        $audit = $script:consumer.AuditLogPath
        $few = Measure-Requests $audit { Get-LiqoPeerInfo -Kubeconfig $script:consumer.KubeconfigPath } 'Liqo-PowerShell'

        # 200 more peers: ForeignClusters with tenant namespaces, Configurations and Identities (plain objects)
        $objects = foreach ($i in 1..200) {
            $id = 'bench-{0:000}' -f $i
            @"
apiVersion: v1
kind: Namespace
metadata: {name: liqo-tenant-$id, labels: {liqo.io/remote-cluster-id: $id, liqo.io/tenant-namespace: "true"}}
---
apiVersion: networking.liqo.io/v1beta1
kind: Configuration
metadata: {name: $id, namespace: liqo-tenant-$id, labels: {liqo.io/remote-cluster-id: $id}}
spec: {remote: {cidr: {pod: ["10.$($i % 250).0.0/16"], external: ["10.251.0.0/16"]}}}
"@
        }
        Invoke-Kubectl $script:consumer.KubeconfigPath @('apply', '-f', '-') ($objects -join "`n---`n") | Out-Null
        $deadline = [DateTime]::UtcNow.AddSeconds(120)
        while (@(Get-LiqoForeignCluster -Kubeconfig $script:consumer.KubeconfigPath).Count -lt 201 -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 500 }

        $many = Measure-Requests $audit { Get-LiqoPeerInfo -Kubeconfig $script:consumer.KubeconfigPath -WarningAction SilentlyContinue } 'Liqo-PowerShell'
        $many.Requests | Should -Be $few.Requests -Because "1 peer: $($few.Uris -join ', '); 200 peers: $($many.Uris -join ', ')"
        $many.Requests | Should -BeLessOrEqual 9
    }
}
