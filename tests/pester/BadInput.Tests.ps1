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
    It '<Case> is <Id> naming -<Parameter>, and writes nothing on either cluster' -ForEach @(
        @{ Case = '-Cpu -1'; Arguments = @{ Cpu = '-1' }; Id = 'InvalidArgument'; Parameter = 'Cpu' }
        @{ Case = '-Pods 2.5'; Arguments = @{ Pods = '2.5' }; Id = 'InvalidArgument'; Parameter = 'Pods' }
        @{ Case = 'a fractional extended resource'; Arguments = @{ Resource = @{ 'nvidia.com/gpu' = '0.5' } }; Id = 'InvalidArgument'; Parameter = 'Resource' }
        @{ Case = 'a resource name that is no qualified name'; Arguments = @{ Resource = @{ 'bad key!/x/y' = 1 } }; Id = 'InvalidArgument'; Parameter = 'Resource' }
        @{ Case = '-GatewayServerServiceLoadBalancerIP 999.1.1.1'; Arguments = @{ GatewayServerServiceLoadBalancerIP = '999.1.1.1' }; Id = 'InvalidArgument'; Parameter = 'GatewayServerServiceLoadBalancerIP' }
        @{ Case = '-ProxyUrl not a url'; Arguments = @{ ProxyUrl = 'not a url' }; Id = 'InvalidArgument'; Parameter = 'ProxyUrl' }
        @{ Case = '-GatewayClientAddress not an ip!!'; Arguments = @{ GatewayClientAddress = 'not an ip!!' }; Id = 'InvalidArgument'; Parameter = 'GatewayClientAddress' }
        @{ Case = 'node port 80'; Arguments = @{ GatewayServerServiceType = 'NodePort'; GatewayServerServiceNodePort = 80 }; Id = 'InvalidArgument'; Parameter = 'GatewayServerServiceNodePort' }
        @{ Case = 'node port 40000'; Arguments = @{ GatewayServerServiceType = 'NodePort'; GatewayServerServiceNodePort = 40000 }; Id = 'InvalidArgument'; Parameter = 'GatewayServerServiceNodePort' }
        @{ Case = '-ResourceSliceClass ../../x'; Arguments = @{ ResourceSliceClass = '../../x' }; Id = 'InvalidArgument'; Parameter = 'ResourceSliceClass' }
    ) {
        $c = Get-LiqoAuditMark $script:clusters 'consumer'; $p = Get-LiqoAuditMark $script:clusters 'provider'
        $e = $null
        try { New-LiqoPeering @script:pair @Arguments -Timeout 1m } catch { $e = $_ }
        @(Get-LiqoModuleWrite $script:clusters 'consumer' $c) + @(Get-LiqoModuleWrite $script:clusters 'provider' $p) | Should -BeNullOrEmpty
        $e | Should -Not -BeNullOrEmpty
        $e.FullyQualifiedErrorId | Should -BeLike "$Id,*"
        $e.Exception.Message | Should -BeLike "*-$Parameter '*' is not valid*"
    }

    It '-RemoteClusterId <Value> is InvalidArgument, not a raw 400, and writes nothing' -ForEach @(
        @{ Value = 'Not_An_Id' }, @{ Value = 'bad,selector=x' }
    ) {
        $c = Get-LiqoAuditMark $script:clusters 'consumer'
        $e = $null
        try { Remove-LiqoResourceSlice some-slice -RemoteClusterId $Value -Kubeconfig $script:pair.Kubeconfig -Confirm:$false } catch { $e = $_ }
        @(Get-LiqoModuleWrite $script:clusters 'consumer' $c) | Should -BeNullOrEmpty
        $e.FullyQualifiedErrorId | Should -BeLike 'InvalidArgument,*'
        $e.Exception.Message | Should -BeLike "*-RemoteClusterId '$Value' is not valid*"
    }
}
