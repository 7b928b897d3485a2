# Reliability under faults and concurrency (issue 12), on sandbox clusters with the sandbox's fault injection: transient
# failures are retried within the command's budget (one Verbose line each), an outage during a wait is ridden out, and two
# commands on the same pair at once end consistent. The fast, deterministic subset of `build.ps1 chaos`. Sandbox only:
# real clusters cannot be made to fail on demand.
BeforeDiscovery {
    Import-Module $PSScriptRoot/LiqoTestSupport.psm1 -Force
    $script:real = Test-RealClusters
}

BeforeAll {
    Import-Module $PSScriptRoot/LiqoTestSupport.psm1 -Force
    Import-Module $PSScriptRoot/SandboxFaults.psm1 -Force
    Import-Module (Get-LiqoModulePath) -Force
    # the virtual kubelet takes 3 s to register the node, so the last wait of a peering lasts long enough for an outage
    $script:clusters = Start-LiqoTestClusters -ArgumentList @('--controller-latency', 'consumer=virtual-kubelet=3s')
    $script:dir = $script:clusters.Sandbox
    $script:consumer = $script:clusters.Consumer.KubeconfigPath
    $script:provider = $script:clusters.Provider.KubeconfigPath
    $script:pair = @{ Kubeconfig = $script:consumer; RemoteKubeconfig = $script:provider }
    $script:C = Get-LiqoClusterId -Kubeconfig $script:consumer
    $script:P = Get-LiqoClusterId -Kubeconfig $script:provider
    $script:modulePath = Get-LiqoModulePath

    # faults for the module's requests only (the admin user; Liqo's own controllers are other users)
    function Rule([hashtable] $Rule) { $Rule.user = 'kubernetes-admin'; $Rule }

    # runs a Liqo command in a thread job of this process: its output, errors and verbose lines come back with Receive-Job
    function Start-LiqoJob([scriptblock] $Command, [hashtable] $Arguments) {
        Start-ThreadJob -ScriptBlock {
            param($module, $command, $arguments)
            Import-Module $module
            & ([scriptblock]::Create($command)) @arguments
        } -ArgumentList $script:modulePath, $Command.ToString(), $Arguments
    }

    function Receive-LiqoJob($Job) {
        $null = Wait-Job $Job
        $errs = $null
        $verbose = @($Job.Verbose | ForEach-Object Message)
        $output = @(Receive-Job $Job -ErrorAction SilentlyContinue -ErrorVariable errs)
        [pscustomobject]@{
            Output  = $output
            Errors  = @($errs | Where-Object { $_ -is [Management.Automation.ErrorRecord] } | ForEach-Object { "$($_.FullyQualifiedErrorId): $_" })
            Verbose = $verbose
        }
    }

    function Test-OnePeering {
        $c = Get-PeeringObjectCount $script:consumer $script:P
        $p = Get-PeeringObjectCount $script:provider $script:C
        $c.Namespace -eq 1 -and $c.ResourceSlice -eq 1 -and $c.VirtualNode -eq 1 -and $c.Configuration -eq 1 -and $c.GatewayClient -eq 1 -and
        $p.Namespace -eq 1 -and $p.Tenant -eq 1 -and $p.Configuration -eq 1 -and $p.GatewayServer -eq 1
    }
    function Test-NoPeering {
        $c = Get-PeeringObjectCount $script:consumer $script:P
        $p = Get-PeeringObjectCount $script:provider $script:C
        ($c.ResourceSlice + $c.VirtualNode + $c.GatewayClient + $c.Configuration + $p.Tenant + $p.GatewayServer + $p.Configuration) -eq 0
    }
    function Assert-OnePeering { Test-OnePeering | Should -BeTrue -Because 'one of each peering object on each side' }
    function Assert-NoPeering { Test-NoPeering | Should -BeTrue -Because 'no peering object is left' }
}

AfterAll {
    if ($script:dir) {
        Remove-Item (Join-Path $script:dir 'consumer.faults.json'), (Join-Path $script:dir 'provider.faults.json') -ErrorAction Ignore
    }
    Stop-LiqoTestClusters $script:clusters
    Remove-Module Liqo, SandboxFaults -ErrorAction Ignore
}

Describe 'transient failures are retried within the command''s budget' -Skip:$script:real {
    AfterEach {
        Clear-SandboxFault $script:dir 'consumer'
        Clear-SandboxFault $script:dir 'provider'
    }

    It 'New-LiqoPeering -WhatIf gets past one 429 with Retry-After on one list, with one Verbose line naming the request' {
        Set-SandboxFault $script:dir 'consumer' @(Rule @{ verb = 'list'; resource = 'configmaps'; status = 429; retryAfterSeconds = 1; times = 1 })
        $all = New-LiqoPeering @script:pair -WhatIf -Verbose 4>&1 6>$null
        $retries = @($all | Where-Object { $_ -is [Management.Automation.VerboseRecord] -and $_.Message -like 'Retrying*' } | ForEach-Object Message)
        $retries | Should -HaveCount 1
        $retries[0] | Should -BeLike 'Retrying list configmaps in liqo (*) on the local cluster in 1.0 s (attempt 2): 429 TooManyRequests, Retry-After 1 s.'
        @($all | Where-Object { $_.PSObject.TypeNames -contains 'Liqo.PeeringResult' }) | Should -HaveCount 1
    }

    It 'peers and unpeers with 20% of the module''s requests failing (500, 429) and watches dropped, on both clusters, with no duplicate object' {
        foreach ($cluster in 'consumer', 'provider') {
            Set-SandboxFault $script:dir $cluster -Seed 12 @(
                Rule @{ status = 500; probability = 0.1 }
                Rule @{ status = 429; probability = 0.1; retryAfterSeconds = 0 }
                Rule @{ verb = 'watch'; dropWatchAfterEvents = 0; probability = 0.3 })
        }
        $result = New-LiqoPeering @script:pair -Timeout 3m -Verbose 4>&1 6>$null | Tee-Object -Variable all |
            Where-Object { $_ -isnot [Management.Automation.VerboseRecord] }
        $result.VirtualNodeReady | Should -BeTrue
        @($all | Where-Object { $_ -is [Management.Automation.VerboseRecord] -and $_.Message -like 'Retrying*' }) | Should -Not -BeNullOrEmpty
        $removed = Remove-LiqoPeering @script:pair -Timeout 3m -Confirm:$false -PassThru
        $removed.ProviderClusterId | Should -Be $script:P
        Clear-SandboxFault $script:dir 'consumer'; Clear-SandboxFault $script:dir 'provider'
        Assert-NoPeering
    }

    It 'rides out a 5-second outage of the consumer''s API server during a wait' {
        $job = Start-LiqoJob { param($Kubeconfig, $RemoteKubeconfig) New-LiqoPeering -Kubeconfig $Kubeconfig -RemoteKubeconfig $RemoteKubeconfig -Timeout 2m -Verbose } $script:pair
        # the outage starts when the module waits for the virtual node (the kubelet takes 3 s to register it)
        $deadline = [DateTime]::UtcNow.AddMinutes(2)
        while (-not (@($job.Verbose) | Where-Object { $_.Message -like '*ResourceSlice resources: Accepted' })) {
            if ($job.State -notin 'NotStarted', 'Running' -or [DateTime]::UtcNow -gt $deadline) { break }
            Start-Sleep -Milliseconds 50
        }
        $job.State | Should -Be 'Running'
        Set-SandboxFault $script:dir 'consumer' -Unreachable
        Start-Sleep -Seconds 5
        Clear-SandboxFault $script:dir 'consumer'
        $run = Receive-LiqoJob $job
        $run.Errors | Should -BeNullOrEmpty
        $run.Output.VirtualNodeReady | Should -BeTrue
        @($run.Verbose | Where-Object { $_ -like 'Retrying * on the local cluster *' }) | Should -Not -BeNullOrEmpty
        Assert-OnePeering
    }
}

Describe 'two commands on the same pair at once' -Skip:$script:real {
    It 'two New-LiqoPeering at once both end established, with no error and no duplicate object' {
        Remove-LiqoPeering @script:pair -Confirm:$false -ErrorAction SilentlyContinue
        $jobs = 1..2 | ForEach-Object { Start-LiqoJob { param($Kubeconfig, $RemoteKubeconfig) New-LiqoPeering -Kubeconfig $Kubeconfig -RemoteKubeconfig $RemoteKubeconfig -Timeout 2m } $script:pair }
        $runs = $jobs | ForEach-Object { Receive-LiqoJob $_ }
        foreach ($run in $runs) {
            $run.Errors | Should -BeNullOrEmpty
            $run.Output.VirtualNodeReady | Should -BeTrue
        }
        Assert-OnePeering
    }

    # New-LiqoPeering watches what it makes: what Remove-LiqoPeering deletes meanwhile ends its waits, and once it is gone
    # (a tenant namespace too, with -DeleteNamespaces: 403 NamespaceTerminating) New makes the peering again.
    # LIQO_RACE_REPEAT runs each case that many times (the race is timing-dependent: run it 10 times to trust it).
    It 'New-LiqoPeering racing Remove-LiqoPeering <Variant> ends peered or unpeered, and each reports what it did (run <Run>)' -ForEach @(
        foreach ($run in 1..([int]($env:LIQO_RACE_REPEAT ?? 1))) {
            @{ Variant = ''; Run = $run; RemoveArguments = @{} }
            @{ Variant = '-DeleteNamespaces'; Run = $run; RemoveArguments = @{ DeleteNamespaces = $true } }
        }
    ) {
        if (-not (Test-OnePeering)) { $null = New-LiqoPeering @script:pair -Timeout 2m }
        $new = Start-LiqoJob { param($Kubeconfig, $RemoteKubeconfig) New-LiqoPeering -Kubeconfig $Kubeconfig -RemoteKubeconfig $RemoteKubeconfig -Timeout 2m } $script:pair
        $removeArguments = $script:pair + $RemoveArguments
        $remove = Start-LiqoJob { param($Kubeconfig, $RemoteKubeconfig, [switch] $DeleteNamespaces)
            Remove-LiqoPeering -Kubeconfig $Kubeconfig -RemoteKubeconfig $RemoteKubeconfig -DeleteNamespaces:$DeleteNamespaces -Timeout 2m -Confirm:$false -PassThru } $removeArguments
        $n = Receive-LiqoJob $new
        $r = Receive-LiqoJob $remove
        # New-LiqoPeering always ends established (a removal racing it cannot make it fail); Remove-LiqoPeering either
        # removed the peering (before New re-made it, or after) or says why it could not: New re-made a ResourceSlice
        $n.Errors | Should -BeNullOrEmpty
        $n.Output.VirtualNodeReady | Should -BeTrue
        if (-not $r.Errors) { $r.Output.ProviderClusterId | Should -Be $script:P -Because 'a removal that reports no error says what it removed' }
        @($r.Errors | Where-Object { $_ -notlike 'ResourceSlicesPresent,*' }) | Should -BeNullOrEmpty
        $peered = Test-OnePeering
        $unpeered = Test-NoPeering
        ($peered -or $unpeered) | Should -BeTrue -Because 'the end state is one of the two'
        if ($r.Errors) { $peered | Should -BeTrue -Because 'a removal that stopped left the peering New-LiqoPeering made' }
        # and from either state the commands converge
        (New-LiqoPeering @script:pair -Timeout 2m).VirtualNodeReady | Should -BeTrue
        Assert-OnePeering
        Remove-LiqoPeering @script:pair -Confirm:$false
        Assert-NoPeering
    }
}
