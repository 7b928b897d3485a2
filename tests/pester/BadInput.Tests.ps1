# Bad input is refused before anything is written (issue 12, item 4): each case fails with its ErrorId, a message naming
# the parameter, the value and the rule, and no write on either cluster in the audit logs.
BeforeDiscovery {
    Import-Module $PSScriptRoot/LiqoTestSupport.psm1 -Force
    $script:real = Test-RealClusters
}

BeforeAll {
    Import-Module $PSScriptRoot/LiqoTestSupport.psm1 -Force
    Import-Module (Get-LiqoModulePath) -Force
    $script:clusters = Start-LiqoTestClusters
    $script:pair = @{ Kubeconfig = $script:clusters.Consumer.KubeconfigPath; RemoteKubeconfig = $script:clusters.Provider.KubeconfigPath }
}

AfterAll {
    Stop-LiqoTestClusters $script:clusters
    Remove-Module Liqo -ErrorAction Ignore
}

Describe 'the bad-input catalogue' -Skip:$script:real {
    # the deterministic subset of tests/pester/BadInputCatalogue.psd1 (build.ps1 chaos runs every case; so does this file
    # with $env:LIQO_BADINPUT_ALL set)
    It '<Case> is <Id> naming -<Parameter>, and writes nothing on either cluster' -ForEach @(
        (Import-PowerShellDataFile $PSScriptRoot/BadInputCatalogue.psd1).Cases | Where-Object { $_.Fast -or $env:LIQO_BADINPUT_ALL }
    ) {
        $arguments = $Arguments.Clone()
        $arguments.Kubeconfig = $script:pair.Kubeconfig
        if ($Two) { $arguments.RemoteKubeconfig = $script:pair.RemoteKubeconfig }
        if ($arguments.ContainsKey('OutFile')) { $arguments.OutFile = Join-Path $TestDrive $arguments.OutFile }
        $c = Get-LiqoAuditMark $script:clusters 'consumer'; $p = Get-LiqoAuditMark $script:clusters 'provider'
        $e = $null
        try { & $Command @arguments -ErrorAction Stop } catch { $e = $_ }
        @(Get-LiqoModuleWrite $script:clusters 'consumer' $c) + @(Get-LiqoModuleWrite $script:clusters 'provider' $p) | Should -BeNullOrEmpty
        $e | Should -Not -BeNullOrEmpty
        $e.FullyQualifiedErrorId | Should -BeLike "$Id,*"
        if ($Parameter) { $e.Exception.Message | Should -BeLike "*-$Parameter '*' is not valid: it *" }
    }

    It 'a node port outside 30000-32767 is passed on with -SkipValidation (a cluster with another --service-node-port-range)' {
        $e = $null
        try { New-LiqoGatewayServer -RemoteClusterId 'no-such-peer' -ServiceType NodePort -ServiceNodePort 40000 -SkipValidation -Kubeconfig $script:pair.Kubeconfig } catch { $e = $_ }
        # past the input rules: the command goes on to the cluster, where the peer has no tenant namespace
        $e.FullyQualifiedErrorId | Should -Not -BeLike 'InvalidArgument,*'
    }
}
