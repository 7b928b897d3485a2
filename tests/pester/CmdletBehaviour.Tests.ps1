# PowerShell behaviours users rely on (issue 12, item 6), on sandbox clusters: a Remove- cmdlet given a name that names
# nothing says so (ObjectNotFound) unless -IgnoreMissing; -Debug in a non-interactive host neither prompts nor throws;
# -InformationAction SilentlyContinue silences the step lines; Remove-LiqoPeering against a provider it cannot reach points
# at -Force; Start-LiqoSandbox runs its servers in a session of their own and shows their URLs without quotes.
BeforeDiscovery {
    Import-Module $PSScriptRoot/LiqoTestSupport.psm1 -Force
    $script:real = Test-RealClusters
}

BeforeAll {
    Import-Module $PSScriptRoot/LiqoTestSupport.psm1 -Force
    Import-Module $PSScriptRoot/SandboxFaults.psm1 -Force
    Import-Module (Get-LiqoModulePath) -Force
    $script:clusters = Start-LiqoTestClusters
    $script:consumer = $script:clusters.Consumer.KubeconfigPath
    $script:provider = $script:clusters.Provider.KubeconfigPath
    $script:C = Get-LiqoClusterId -Kubeconfig $script:consumer
}

AfterAll {
    if ($script:clusters.Sandbox) { Remove-Item (Join-Path $script:clusters.Sandbox 'provider.faults.json') -ErrorAction Ignore }
    Stop-LiqoTestClusters $script:clusters
    Remove-Module Liqo, SandboxFaults -ErrorAction Ignore
}

Describe 'Remove- cmdlets and a name that names nothing' -Skip:$script:real {
    It '<Cmdlet> reports ObjectNotFound (<Id>), non-terminating, with the name as target, and writes nothing' -ForEach @(
        @{ Cmdlet = 'Remove-LiqoResourceSlice'; Arguments = @{ Name = 'no-such-slice' }; Side = 'consumer'; Id = 'ResourceSliceNotFound'; Target = 'no-such-slice' }
        @{ Cmdlet = 'Remove-LiqoVirtualNode'; Arguments = @{ Name = 'no-such-node' }; Side = 'consumer'; Id = 'VirtualNodeNotFound'; Target = 'no-such-node' }
        @{ Cmdlet = 'Remove-LiqoPeeringUser'; Arguments = @{ ConsumerClusterId = 'no-such-consumer' }; Side = 'provider'; Id = 'PeeringUserNotFound'; Target = 'no-such-consumer' }
    ) {
        $kubeconfig = if ($Side -eq 'consumer') { $script:consumer } else { $script:provider }
        $errs = $null
        $c = Get-LiqoAuditMark $script:clusters 'consumer'; $p = Get-LiqoAuditMark $script:clusters 'provider'
        & $Cmdlet @Arguments -Kubeconfig $kubeconfig -Confirm:$false -ErrorAction SilentlyContinue -ErrorVariable errs
        @(Get-LiqoModuleWrite $script:clusters 'consumer' $c) + @(Get-LiqoModuleWrite $script:clusters 'provider' $p) | Should -BeNullOrEmpty
        @($errs).Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -BeLike "$Id,*"
        $errs[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $errs[0].TargetObject | Should -Be $Target
        $errs[0].ErrorDetails.RecommendedAction | Should -BeLike '*-IgnoreMissing*'
    }

    It '<Cmdlet> -IgnoreMissing succeeds silently, as liqoctl does' -ForEach @(
        @{ Cmdlet = 'Remove-LiqoResourceSlice'; Arguments = @{ Name = 'no-such-slice' }; Side = 'consumer' }
        @{ Cmdlet = 'Remove-LiqoVirtualNode'; Arguments = @{ Name = 'no-such-node' }; Side = 'consumer' }
        @{ Cmdlet = 'Remove-LiqoPeeringUser'; Arguments = @{ ConsumerClusterId = 'no-such-consumer' }; Side = 'provider' }
    ) {
        $kubeconfig = if ($Side -eq 'consumer') { $script:consumer } else { $script:provider }
        $errs = $null
        & $Cmdlet @Arguments -Kubeconfig $kubeconfig -Confirm:$false -IgnoreMissing -ErrorVariable errs
        $? | Should -BeTrue
        @($errs).Count | Should -Be 0
        (Get-Help $Cmdlet -Parameter IgnoreMissing).description.Text -join ' ' | Should -BeLike '*ObjectNotFound*'
    }

    It 'a missing name stops a script under -ErrorAction Stop' {
        { Remove-LiqoResourceSlice no-such-slice -Kubeconfig $script:consumer -Confirm:$false -ErrorAction Stop } |
            Should -Throw -ErrorId 'ResourceSliceNotFound,*'
    }
}

Describe 'common parameters' -Skip:$script:real {
    It '-Debug in a non-interactive host with stdin closed neither prompts nor throws' {
        $script = @"
Import-Module '$(Get-LiqoModulePath)'
`$DebugPreference = 'SilentlyContinue'
Remove-LiqoResourceSlice no-such-slice -Kubeconfig '$script:consumer' -Confirm:`$false -IgnoreMissing -Debug
'removed:' + `$?
Get-LiqoInfo -Kubeconfig '$script:consumer' -Debug | Out-Null
'info:' + `$?
Remove-LiqoVirtualNode no-such-node -Kubeconfig '$script:consumer' -WhatIf -IgnoreMissing -Debug
'whatif:' + `$?
"@
        $run = Invoke-FreshPwsh $script
        $run.Error | Should -Not -Match 'NonInteractive|NullReference|Inquire|prompt'
        $run.Output | Should -Contain 'removed:True'
        $run.Output | Should -Contain 'info:True'
        $run.Output | Should -Contain 'whatif:True'
        $run.ExitCode | Should -Be 0
    }

    It '-InformationAction SilentlyContinue silences the step lines that $InformationPreference Continue shows' {
        $script = @"
Import-Module '$(Get-LiqoModulePath)'
`$InformationPreference = 'Continue'
Remove-LiqoResourceSlice no-such-slice -Kubeconfig '$script:consumer' -Confirm:`$false -IgnoreMissing
'---'
Remove-LiqoResourceSlice no-such-slice -Kubeconfig '$script:consumer' -Confirm:`$false -IgnoreMissing -InformationAction SilentlyContinue
"@
        $run = Invoke-FreshPwsh $script
        $shown, $silenced = ($run.Output -join "`n") -split '---'
        $shown | Should -BeLike '*already deleted*' -Because 'the step line is shown by default here'
        $silenced | Should -Not -BeLike '*already deleted*'
    }
}

Describe 'Remove-LiqoPeering and a provider it cannot reach' -Skip:$script:real {
    It 'recommends -Force, which unpeers from the consumer alone' {
        Set-SandboxFault $script:clusters.Sandbox 'provider' -Unreachable
        try {
            $e = $null
            try { Remove-LiqoPeering -Kubeconfig $script:consumer -RemoteKubeconfig $script:provider -Timeout 3s -Confirm:$false } catch { $e = $_ }
            $e | Should -Not -BeNullOrEmpty
            $e.FullyQualifiedErrorId | Should -Match '^(ClusterUnreachable|OperationTimeout),'
            $e.ErrorDetails.RecommendedAction | Should -BeLike '*Remove-LiqoPeering * -Force*'
        }
        finally { Clear-SandboxFault $script:clusters.Sandbox 'provider' }
    }
}

Describe 'Start-LiqoSandbox' -Skip:($script:real -or $IsWindows) {
    It 'runs its servers in a session of their own, so Ctrl+C in the console does not reach them' {
        $sandboxSession = (& ps -o sid= -p $script:clusters.Consumer.ProcessId).Trim()
        $ownSession = (& ps -o sid= -p $PID).Trim()
        $sandboxSession | Should -Not -BeNullOrEmpty
        $sandboxSession | Should -Not -Be $ownSession
        $sandboxGroup = (& ps -o pgid= -p $script:clusters.Consumer.ProcessId).Trim()
        $sandboxGroup | Should -Not -Be (& ps -o pgid= -p $PID).Trim()
    }

    It 'shows each server URL without quotes' {
        $script:clusters.Consumer.Server | Should -Match '^https://127\.0\.0\.1:\d+$'
        $script:clusters.Provider.Server | Should -Match '^https://127\.0\.0\.1:\d+$'
    }
}

Describe 'New-LiqoPeering whose ResourceSlice resources are not accepted' -Skip:$script:real {
    AfterAll { Remove-LiqoPeering -Kubeconfig $script:consumer -RemoteKubeconfig $script:provider -Confirm:$false -ErrorAction Ignore }

    It 'writes the result and a non-terminating ResourcesNotAccepted error that $? and -ErrorAction Stop see' {
        # the sandbox's provider accepts the resources of the class 'default' (or none) only, as a provider without that class does
        $errs = $null
        $result = New-LiqoPeering -Kubeconfig $script:consumer -RemoteKubeconfig $script:provider -ResourceSliceClass refused -ErrorAction SilentlyContinue -ErrorVariable errs
        $ok = $?
        $ok | Should -BeFalse
        $result | Should -Not -BeNullOrEmpty
        $result.Offloading.Status | Should -Be 'ResourcesNotAccepted'
        $result.VirtualNodeReady | Should -BeFalse
        @($errs | Where-Object { $_.FullyQualifiedErrorId -like 'ResourcesNotAccepted,*' }).Count | Should -Be 1
        { New-LiqoPeering -Kubeconfig $script:consumer -RemoteKubeconfig $script:provider -ResourceSliceClass refused -ErrorAction Stop } |
            Should -Throw -ErrorId 'ResourcesNotAccepted,*'
        ((Get-Help New-LiqoPeering -Full | Out-String -Width 4000) -replace '\s+', ' ') | Should -BeLike '*liqoctl peer only warns*'
    }
}
