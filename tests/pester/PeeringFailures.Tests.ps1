# Pre-flight checks and failure modes of New-LiqoPeering, on sandbox clusters whose simulated Liqo is set to fail the way
# a real installation fails (knobs of the sandbox program). Sandbox only: real clusters cannot be made to fail on demand.
BeforeDiscovery {
    Import-Module $PSScriptRoot/LiqoTestSupport.psm1 -Force
    $script:real = Test-RealClusters
}

BeforeAll {
    Import-Module $PSScriptRoot/LiqoTestSupport.psm1 -Force
    Import-Module (Get-LiqoModulePath) -Force
    Import-Module (Join-Path (Get-LiqoRepoRoot) 'out/LiqoSandbox/LiqoSandbox.psd1') -Force
    $script:sandboxes = [Collections.Generic.List[string]]::new()
    function New-Pair([string[]] $Knobs) {
        $path = Join-Path ([IO.Path]::GetTempPath()) ('liqo-fail-' + [guid]::NewGuid().ToString('n').Substring(0, 8))
        $script:sandboxes.Add($path)
        $c, $p = Start-LiqoSandbox -Path $path -ArgumentList $Knobs
        [pscustomobject]@{ Path = $path; Kubeconfig = $c.KubeconfigPath; RemoteKubeconfig = $p.KubeconfigPath }
    }
    function Get-Caught([scriptblock] $Command) { try { & $Command; $null } catch { $_ } }
    function Get-ModuleWrites([string] $Path, [string] $Cluster) {
        $null = Get-LiqoAuditQuietCount (Join-Path $Path "$Cluster.audit.jsonl") # the last requests' lines have landed
        Get-Content (Join-Path $Path "$Cluster.audit.jsonl") | ConvertFrom-Json |
            Where-Object { $_.userAgent -like 'Liqo-PowerShell*' -and $_.verb -in 'create', 'update', 'patch', 'delete' -and $_.requestURI -notlike '*/selfsubjectaccessreviews*' }
    }
}

AfterAll {
    foreach ($p in $script:sandboxes) { Stop-LiqoSandbox -Path $p; Remove-Item $p -Recurse -Force -ErrorAction Ignore }
    Remove-Module Liqo, LiqoSandbox -ErrorAction Ignore
}

Describe 'pre-flight, before any write' -Skip:$script:real {
    It 'stops with LiqoNotInstalled when the provider has no Liqo, writing nothing on either cluster' {
        $pair = New-Pair @('--not-installed', 'provider')
        $e = Get-Caught { New-LiqoPeering -Kubeconfig $pair.Kubeconfig -RemoteKubeconfig $pair.RemoteKubeconfig }
        $e.FullyQualifiedErrorId | Should -BeLike 'LiqoNotInstalled,*'
        $e.CategoryInfo.Category | Should -Be 'NotInstalled'
        $e.Exception.Message | Should -BeLike '*remote cluster*'
        @(Get-ModuleWrites $pair.Path 'consumer') | Should -HaveCount 0
        @(Get-ModuleWrites $pair.Path 'provider') | Should -HaveCount 0
    }

    It 'stops with LiqoVersionMismatch on another minor version, and peers anyway with -Force' {
        $pair = New-Pair @('--liqo-version', 'provider=v1.3.0')
        $e = Get-Caught { New-LiqoPeering -Kubeconfig $pair.Kubeconfig -RemoteKubeconfig $pair.RemoteKubeconfig }
        $e.FullyQualifiedErrorId | Should -BeLike 'LiqoVersionMismatch,*'
        $e.Exception.Message | Should -BeLike '*v1.2.0*v1.3.0*'
        $e.ErrorDetails.RecommendedAction | Should -BeLike '*-Force*'
        @(Get-ModuleWrites $pair.Path 'consumer') | Should -HaveCount 0
        $r = New-LiqoPeering -Kubeconfig $pair.Kubeconfig -RemoteKubeconfig $pair.RemoteKubeconfig -Force -WarningVariable w -WarningAction SilentlyContinue
        $r.VirtualNodeReady | Should -BeTrue
        ($w -join "`n") | Should -BeLike '*different Liqo versions*'
    }

    It 'refuses in-band peering with networking disabled when no tunnel exists, writing nothing' {
        $pair = New-Pair @()
        $e = Get-Caught { New-LiqoPeering -Kubeconfig $pair.Kubeconfig -RemoteKubeconfig $pair.RemoteKubeconfig -InBand -NetworkingDisabled }
        $e.FullyQualifiedErrorId | Should -BeLike 'ConfigurationNotRemapped,*'
        $e.ErrorDetails.RecommendedAction | Should -BeLike '*-ProxyUrl*'
        @(Get-ModuleWrites $pair.Path 'consumer') | Should -HaveCount 0
        @(Get-ModuleWrites $pair.Path 'provider') | Should -HaveCount 0
    }

    It 'only warns about another patch version' {
        $pair = New-Pair @('--liqo-version', 'provider=v1.2.1')
        $r = New-LiqoPeering -Kubeconfig $pair.Kubeconfig -RemoteKubeconfig $pair.RemoteKubeconfig -NoWait -WarningVariable w -WarningAction SilentlyContinue
        $r.ProviderClusterId | Should -Be 'provider'
        ($w -join "`n") | Should -BeLike '*patch versions*'
    }
}

Describe 'failures the way Liqo shows them' -Skip:$script:real {
    It 'a tunnel that never comes up is ConnectionNotEstablished naming the step, the object and the condition' {
        $pair = New-Pair @('--fail', 'tunnel-never-established')
        $e = Get-Caught { New-LiqoPeering -Kubeconfig $pair.Kubeconfig -RemoteKubeconfig $pair.RemoteKubeconfig -Timeout 10s } # the steps before the wait must fit in it on a loaded machine
        $e.FullyQualifiedErrorId | Should -BeLike 'ConnectionNotEstablished,*'
        $e.CategoryInfo.Category | Should -Be 'OperationTimeout'
        $e.Exception.Message | Should -BeLike '*Waiting for Connection status to be established*'
        $e.Exception.Message | Should -BeLike '*Connection for provider*'
        $e.Exception.Message | Should -BeLike '*status.value == Connected*'
        $e.ErrorDetails.RecommendedAction | Should -Not -BeNullOrEmpty
    }

    It 'a rejected nonce signature is TenantNotAccepted' {
        $pair = New-Pair @('--fail', 'provider=signature-rejected')
        $e = Get-Caught { New-LiqoPeering -Kubeconfig $pair.Kubeconfig -RemoteKubeconfig $pair.RemoteKubeconfig -Timeout 6s }
        $e.FullyQualifiedErrorId | Should -BeLike 'TenantNotAccepted,*'
        $e.Exception.Message | Should -BeLike '*Waiting for tenant status to be filled*'
    }

    It 'a cordoned tenant warns as liqoctl does and reports the resources not accepted' {
        $pair = New-Pair @('--fail', 'provider=tenant-cordoned')
        $r = New-LiqoPeering -Kubeconfig $pair.Kubeconfig -RemoteKubeconfig $pair.RemoteKubeconfig -InformationVariable steps -WarningAction SilentlyContinue -Timeout 2m `
            -ErrorAction SilentlyContinue -ErrorVariable failed
        # the module is stricter than liqoctl: besides liqoctl's warning, a non-terminating ResourcesNotAccepted error
        @($failed).Count | Should -Be 1
        $failed[0].FullyQualifiedErrorId | Should -BeLike 'ResourcesNotAccepted,*'
        $r.Offloading.Status | Should -Be 'ResourcesNotAccepted'
        $r.VirtualNodeReady | Should -BeFalse
        ($steps | ForEach-Object { $_.MessageData.ToString() }) | Should -Contain 'WARN (local) ResourceSlice resources not accepted. The provider cluster may have cordoned the tenant or the resourceslice'
    }
}

Describe 'an interrupted peering' -Skip:$script:real {
    It 'completes when run again after the process was killed mid-way' {
        $pair = New-Pair @('--latency', '150ms')
        $audit = Join-Path $pair.Path 'provider.audit.jsonl'
        $script = @"
Import-Module '$(Get-LiqoModulePath)'
New-LiqoPeering -Kubeconfig '$($pair.Kubeconfig)' -RemoteKubeconfig '$($pair.RemoteKubeconfig)' | Out-Null
"@
        $file = Join-Path $pair.Path 'peer.ps1'
        Set-Content $file $script
        $psi = [Diagnostics.ProcessStartInfo]::new([Environment]::ProcessPath)
        if ([IO.Path]::GetFileNameWithoutExtension([Environment]::ProcessPath) -eq 'dotnet') { $psi.ArgumentList.Add([Environment]::GetCommandLineArgs()[0]) }
        foreach ($a in '-NoProfile', '-NonInteractive', '-File', $file) { $psi.ArgumentList.Add($a) }
        $psi.RedirectStandardOutput = $true; $psi.RedirectStandardError = $true; $psi.UseShellExecute = $false
        $proc = [Diagnostics.Process]::Start($psi)
        # kill it once it has written the Tenant on the provider: networking done, authentication half-way
        $deadline = [DateTime]::UtcNow.AddSeconds(60)
        while (-not (Select-String -Path $audit -Pattern '"verb":"create".*"resource":"tenants"' -Quiet) -and [DateTime]::UtcNow -lt $deadline -and -not $proc.HasExited) {
            Start-Sleep -Milliseconds 20
        }
        $proc.HasExited | Should -BeFalse -Because 'the peering must still be running when it is killed'
        $proc.Kill($true); $proc.WaitForExit()
        $r = New-LiqoPeering -Kubeconfig $pair.Kubeconfig -RemoteKubeconfig $pair.RemoteKubeconfig
        $r.VirtualNodeReady | Should -BeTrue
        $r.ConsumerRole | Should -Be 'Provider'
    }
}

Describe 'peering variants' -Skip:$script:real {
    BeforeAll {
        $script:kubectl = Get-Kubectl
        function Invoke-Kubectl([string] $Kubeconfig, [string[]] $Arguments) {
            & $script:kubectl --kubeconfig $Kubeconfig --cache-dir (Join-Path ([IO.Path]::GetTempPath()) "liqo-kc-$PID") @Arguments
        }
    }

    It 'in-band: the Tenant carries the provider''s api-server-proxy address remapped through the consumer''s Configuration' {
        $pair = New-Pair @('--overlapping-cidrs')
        $r = New-LiqoPeering -Kubeconfig $pair.Kubeconfig -RemoteKubeconfig $pair.RemoteKubeconfig -InBand -Timeout 2m
        $r.VirtualNodeReady | Should -BeTrue
        if (-not $script:kubectl) { Set-ItResult -Skipped -Because 'kubectl is needed to read the objects' }
        else {
            $ip = (Invoke-Kubectl $pair.RemoteKubeconfig @('get', 'ips.ipam.liqo.io', '-n', 'liqo', 'api-server-proxy', '-o', 'json') | ConvertFrom-Json).status.ip
            $conf = Invoke-Kubectl $pair.Kubeconfig @('get', 'configurations.networking.liqo.io', '-n', 'liqo-tenant-provider', 'provider', '-o', 'json') | ConvertFrom-Json
            $conf.spec.remote.cidr.external[0] | Should -Not -Be $conf.status.remote.cidr.external[0] -Because 'overlapping CIDRs are remapped'
            $tenant = Invoke-Kubectl $pair.RemoteKubeconfig @('get', 'tenants.authentication.liqo.io', '-n', 'liqo-tenant-consumer', 'consumer', '-o', 'json') | ConvertFrom-Json
            $tenant.spec.proxyURL | Should -Match '^http://(\d+\.){3}\d+:8118$'
            $tenant.spec.proxyURL | Should -Not -BeLike "*$ip*" -Because 'the address is the remapped one'
            $tenant.status.authParams.proxyURL | Should -Be $tenant.spec.proxyURL
        }
    }

    It '-WhatIf names exactly the objects a real run then writes, on both clusters (peer, then unpeer)' {
        $pair = New-Pair @()
        $r = Invoke-FreshPwsh -Script @"
Import-Module '$(Get-LiqoModulePath)'
New-LiqoPeering -Kubeconfig '$($pair.Kubeconfig)' -RemoteKubeconfig '$($pair.RemoteKubeconfig)' -WhatIf | Out-Null
"@
        $r.ExitCode | Should -Be 0 -Because $r.Error
        $planned = @($r.Output | ForEach-Object {
                if ($_ -match '^What if: Performing the operation "\w+" on target "(local|remote) cluster \S+: (\w+) (\S+)"\.$') {
                    $scope = if ($Matches[1] -eq 'local') { 'consumer' } else { 'provider' }
                    "$scope $($Matches[2]) $($Matches[3])"
                }
            }) | Sort-Object -Unique
        @(Get-ModuleWrites $pair.Path 'consumer') + @(Get-ModuleWrites $pair.Path 'provider') | Should -HaveCount 0
        $planned.Count | Should -BeGreaterThan 10

        $null = New-LiqoPeering -Kubeconfig $pair.Kubeconfig -RemoteKubeconfig $pair.RemoteKubeconfig
        $kinds = @{}
        foreach ($line in $planned) { $k = ($line -split ' ')[1]; $kinds[($k.ToLowerInvariant() -replace 'y$', 'ie') + 's'] = $k }
        $written = @(foreach ($cluster in 'consumer', 'provider') {
                foreach ($w in Get-ModuleWrites $pair.Path $cluster) {
                    $ref = $w.objectRef
                    $kind = if ($kinds.ContainsKey($ref.resource)) { $kinds[$ref.resource] } else { $ref.resource }
                    $name = if ($ref.namespace) { "$($ref.namespace)/$($ref.name)" } else { $ref.name }
                    "$cluster $kind $name"
                }
            }) | Sort-Object -Unique
        $written | Should -Be $planned

        # the same for Remove-LiqoPeering on the established peering
        $marks = @{ consumer = Get-LiqoAuditQuietCount (Join-Path $pair.Path 'consumer.audit.jsonl'); provider = Get-LiqoAuditQuietCount (Join-Path $pair.Path 'provider.audit.jsonl') }
        $r = Invoke-FreshPwsh -Script @"
Import-Module '$(Get-LiqoModulePath)'
Remove-LiqoPeering -Kubeconfig '$($pair.Kubeconfig)' -RemoteKubeconfig '$($pair.RemoteKubeconfig)' -WhatIf
"@
        $r.ExitCode | Should -Be 0 -Because $r.Error
        $plannedRemoval = @($r.Output | ForEach-Object {
                if ($_ -match '^What if: Performing the operation "\w+" on target "(local|remote) cluster \S+: (\w+) (\S+)"\.$') {
                    $scope = if ($Matches[1] -eq 'local') { 'consumer' } else { 'provider' }
                    "$scope $($Matches[2]) $($Matches[3])"
                }
            }) | Sort-Object -Unique
        $plannedRemoval.Count | Should -BeGreaterThan 4
        foreach ($line in $plannedRemoval) { $k = ($line -split ' ')[1]; $kinds[($k.ToLowerInvariant() -replace 'y$', 'ie') + 's'] = $k }
        Remove-LiqoPeering -Kubeconfig $pair.Kubeconfig -RemoteKubeconfig $pair.RemoteKubeconfig -Confirm:$false
        $removed = @(foreach ($cluster in 'consumer', 'provider') {
                $log = Join-Path $pair.Path "$cluster.audit.jsonl"
                $null = Get-LiqoAuditQuietCount $log
                $lines = @(Get-Content $log | Select-Object -Skip $marks[$cluster] | ConvertFrom-Json |
                        Where-Object { $_.userAgent -like 'Liqo-PowerShell*' -and $_.verb -in 'create', 'update', 'patch', 'delete' -and $_.requestURI -notlike '*/selfsubjectaccessreviews*' })
                foreach ($w in $lines) {
                    $ref = $w.objectRef
                    $kind = if ($kinds.ContainsKey($ref.resource)) { $kinds[$ref.resource] } else { $ref.resource }
                    $name = if ($ref.namespace) { "$($ref.namespace)/$($ref.name)" } else { $ref.name }
                    "$cluster $kind $name"
                }
            }) | Sort-Object -Unique
        # every removal was planned; the plan may also name the VirtualNodes, which the ResourceSlices' deletion usually
        # takes with it (garbage collection) before the real run gets to them (liqoctl's "No virtualnodes found")
        @($removed | Where-Object { $_ -notin $plannedRemoval }) | Should -BeNullOrEmpty
        @($plannedRemoval | Where-Object { $_ -notin $removed -and $_ -notmatch '^consumer VirtualNode ' }) | Should -BeNullOrEmpty
        $removed | Should -Contain 'provider Tenant liqo-tenant-consumer/consumer'
    }

    It 'the gateway server can live on the consumer' {
        $pair = New-Pair @()
        $r = New-LiqoPeering -Kubeconfig $pair.Kubeconfig -RemoteKubeconfig $pair.RemoteKubeconfig -GatewayServerLocation Consumer -GatewayServerServiceType NodePort -Timeout 2m
        $r.VirtualNodeReady | Should -BeTrue
        if (-not $script:kubectl) { Set-ItResult -Skipped -Because 'kubectl is needed to read the objects' }
        else {
            @(Invoke-Kubectl $pair.Kubeconfig @('get', 'gatewayservers.networking.liqo.io', '-A', '-o', 'name')) | Should -HaveCount 1
            @(Invoke-Kubectl $pair.RemoteKubeconfig @('get', 'gatewayclients.networking.liqo.io', '-A', '-o', 'name')) | Should -HaveCount 1
            (Invoke-Kubectl $pair.Kubeconfig @('get', 'gatewayservers.networking.liqo.io', '-A', '-o', 'json') | ConvertFrom-Json).items[0].spec.endpoint.serviceType | Should -Be 'NodePort'
        }
    }
}
