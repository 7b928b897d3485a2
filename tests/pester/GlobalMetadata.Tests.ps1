# -GlobalLabel / -GlobalAnnotation (liqoctl's --global-labels / --global-annotations) end to end on one sandbox pair
# (or real clusters, see LiqoTestSupport): bad keys refused before any write, then a peering whose objects on both
# clusters carry them wherever liqoctl v1.2.0 puts them, then two other writing cmdlets.
BeforeDiscovery {
    Import-Module $PSScriptRoot/LiqoTestSupport.psm1 -Force
    $script:noKubectl = -not (Get-Kubectl)
    $script:real = Test-RealClusters
}

BeforeAll {
    Import-Module $PSScriptRoot/LiqoTestSupport.psm1 -Force
    Import-Module (Get-LiqoModulePath) -Force
    $script:clusters = Start-LiqoTestClusters
    $script:consumer = $script:clusters.Consumer.KubeconfigPath
    $script:provider = $script:clusters.Provider.KubeconfigPath
    $script:pair = @{ Kubeconfig = $script:consumer; RemoteKubeconfig = $script:provider }
    $script:C = Get-LiqoClusterId -Kubeconfig $script:consumer
    $script:P = Get-LiqoClusterId -Kubeconfig $script:provider

    # one object as kubectl reads it (asked again when kubectl could not connect on a loaded machine)
    function Get-Object([string] $Kubeconfig, [string] $Resource, [string] $Name, [string] $Namespace) {
        $kubectlArgs = @('get', $Resource, $Name, '-o', 'json')
        if ($Namespace) { $kubectlArgs += @('-n', $Namespace) }
        foreach ($attempt in 1..3) {
            $out = Invoke-TestKubectl $Kubeconfig $kubectlArgs -Json
            if ($LASTEXITCODE -eq 0) { return $out }
        }
        throw "kubectl $($kubectlArgs -join ' ') failed three times"
    }
    # what the objects liqoctl labels miss: one line per object without the labels or annotation
    function Get-Unlabelled([object[]] $Objects) {
        foreach ($o in $Objects) {
            $o.Object = Get-Object $o.Kubeconfig $o.Resource $o.Name $o.Namespace
            $m = $o.Object.metadata
            $what = "$($o.Resource) $($o.Namespace)/$($o.Name)"
            if ($m.labels.team -ne 'payments') { "$what lacks team=payments" }
            $kind = $o.Object.kind
            if ($m.labels.'example.com/origin' -ne "$kind.$($o.Name)") { "$what has example.com/origin=$($m.labels.'example.com/origin')" }
            if ($m.annotations.'example.com/ticket' -ne 'OPS-42') { "$what lacks the annotation example.com/ticket=OPS-42" }
        }
    }
}

AfterAll {
    $PSDefaultParameterValues.Remove('New-LiqoPeering:GlobalLabel')
    Stop-LiqoTestClusters $script:clusters
    Remove-Module Liqo -ErrorAction Ignore
}

Describe '-GlobalLabel and -GlobalAnnotation' {
    It 'refuses <Why> with InvalidArgument before anything is written on either cluster' -Skip:$script:real -ForEach @(
        @{ Why = 'a key in Liqo''s domain'; Labels = @{ 'liqo.io/remote-cluster-id' = 'x' }; Annotations = @{}; Parameter = 'GlobalLabel' }
        @{ Why = 'a key that is no qualified name'; Labels = @{ 'bad key' = 'x' }; Annotations = @{}; Parameter = 'GlobalLabel' }
        @{ Why = 'a label value with a space'; Labels = @{ team = 'two words' }; Annotations = @{}; Parameter = 'GlobalLabel' }
        @{ Why = 'an annotation key in Liqo''s domain'; Labels = @{}; Annotations = @{ 'offloading.liqo.io/x' = 'y' }; Parameter = 'GlobalAnnotation' }
    ) {
        $markC = Get-LiqoAuditMark $script:clusters 'consumer'; $markP = Get-LiqoAuditMark $script:clusters 'provider'
        $e = { New-LiqoPeering @script:pair -GlobalLabel $Labels -GlobalAnnotation $Annotations -Timeout 1m } | Should -Throw -PassThru
        $e.FullyQualifiedErrorId | Should -BeLike 'InvalidArgument,*'
        $e.Exception.Message | Should -BeLike "-$Parameter '*' is not valid*"
        $e.ErrorDetails.RecommendedAction | Should -BeLike "Correct -$Parameter; nothing was written*"
        @(Get-LiqoModuleWrite $script:clusters 'consumer' $markC) | Should -HaveCount 0
        @(Get-LiqoModuleWrite $script:clusters 'provider' $markP) | Should -HaveCount 0
    }

    It '-WhatIf names them on each planned write' -Skip:$script:real {
        # the plan goes to the host: read in a fresh process
        $markC = Get-LiqoAuditMark $script:clusters 'consumer'
        $r = Invoke-FreshPwsh -Script @"
Import-Module '$(Get-LiqoModulePath)'
New-LiqoPeering -Kubeconfig '$script:consumer' -RemoteKubeconfig '$script:provider' -GlobalLabel @{ team = 'payments' } -GlobalAnnotation @{ 'example.com/ticket' = 'OPS-42' } -WhatIf | Out-Null
"@
        $text = $r.Output -join "`n"
        $text | Should -Match ([regex]::Escape("remote cluster $($script:P): Tenant liqo-tenant-$($script:C)/$($script:C) with global labels team=payments and global annotations example.com/ticket=OPS-42"))
        $text | Should -Match ([regex]::Escape("local cluster $($script:C): ResourceSlice liqo-tenant-$($script:P)/$($script:P) with global labels team=payments"))
        @(Get-LiqoModuleWrite $script:clusters 'consumer' $markC) | Should -HaveCount 0
    }

    It 'New-LiqoPeering puts them on every object liqoctl peer labels, on both clusters, -GlobalLabel from $PSDefaultParameterValues' -Skip:$script:noKubectl {
        $PSDefaultParameterValues['New-LiqoPeering:GlobalLabel'] = @{ team = 'payments'; 'example.com/origin' = '${kind}.${name}' }
        try {
            $null = New-LiqoPeering @script:pair -GlobalAnnotation @{ 'example.com/ticket' = 'OPS-42' }
        }
        finally {
            $PSDefaultParameterValues.Remove('New-LiqoPeering:GlobalLabel')
        }
        $onConsumer = "liqo-tenant-$($script:P)"; $onProvider = "liqo-tenant-$($script:C)"
        $labelled = @(
            @{ Kubeconfig = $script:consumer; Namespace = $onConsumer; Resource = 'configurations.networking.liqo.io'; Name = $script:P }
            @{ Kubeconfig = $script:consumer; Namespace = $onConsumer; Resource = 'gatewayclients.networking.liqo.io'; Name = $script:P }
            @{ Kubeconfig = $script:consumer; Namespace = $onConsumer; Resource = 'publickeies.networking.liqo.io'; Name = $script:P }
            @{ Kubeconfig = $script:consumer; Namespace = $onConsumer; Resource = 'identities.authentication.liqo.io'; Name = "controlplane-$($script:P)" }
            @{ Kubeconfig = $script:consumer; Namespace = $onConsumer; Resource = 'resourceslices.authentication.liqo.io'; Name = $script:P }
            @{ Kubeconfig = $script:consumer; Namespace = $onConsumer; Resource = 'secrets'; Name = 'liqo-signed-nonce' }
            @{ Kubeconfig = $script:provider; Namespace = $onProvider; Resource = 'configurations.networking.liqo.io'; Name = $script:C }
            @{ Kubeconfig = $script:provider; Namespace = $onProvider; Resource = 'gatewayservers.networking.liqo.io'; Name = $script:C }
            @{ Kubeconfig = $script:provider; Namespace = $onProvider; Resource = 'publickeies.networking.liqo.io'; Name = $script:C }
            @{ Kubeconfig = $script:provider; Namespace = $onProvider; Resource = 'tenants.authentication.liqo.io'; Name = $script:C }
            @{ Kubeconfig = $script:provider; Namespace = $onProvider; Resource = 'secrets'; Name = 'liqo-nonce' }
        )
        @(Get-Unlabelled $labelled) -join "`n" | Should -BeNullOrEmpty
        # Liqo's own labels stay as Liqo set them
        $tenant = ($labelled | Where-Object Resource -EQ 'tenants.authentication.liqo.io').Object
        $tenant.metadata.labels.'liqo.io/remote-cluster-id' | Should -Be $script:C
        # liqoctl's namespace manager labels no tenant namespace with them, nor does Liqo's controller the VirtualNode it makes
        (Get-Object $script:consumer 'namespaces' $onConsumer).metadata.labels.team | Should -BeNullOrEmpty
        (Get-Object $script:provider 'namespaces' $onProvider).metadata.labels.team | Should -BeNullOrEmpty
    }

    It 'Enable-LiqoNamespaceOffloading and New-LiqoResourceSlice put them on what they write' -Skip:$script:noKubectl {
        $ns = 'labelled-offload'
        $null = Invoke-TestKubectl $script:consumer @('create', 'namespace', $ns)
        $labels = @{ team = 'payments'; 'example.com/origin' = '${kind}.${name}' }
        $annotations = @{ 'example.com/ticket' = 'OPS-42' }
        $null = Enable-LiqoNamespaceOffloading $ns -Kubeconfig $script:consumer -GlobalLabel $labels -GlobalAnnotation $annotations
        $null = New-LiqoResourceSlice extra -RemoteClusterId $script:P -Kubeconfig $script:consumer -NoVirtualNode -NoWait -GlobalLabel $labels -GlobalAnnotation $annotations
        @(Get-Unlabelled @(
                @{ Kubeconfig = $script:consumer; Namespace = $ns; Resource = 'namespaceoffloadings.offloading.liqo.io'; Name = 'offloading' }
                @{ Kubeconfig = $script:consumer; Namespace = "liqo-tenant-$($script:P)"; Resource = 'resourceslices.authentication.liqo.io'; Name = 'extra' }
            )) -join "`n" | Should -BeNullOrEmpty
        Remove-LiqoResourceSlice extra -RemoteClusterId $script:P -Kubeconfig $script:consumer -Confirm:$false
    }

    It 'is not a parameter of cmdlets whose liqoctl command labels nothing (<Name>)' -ForEach @(
        @{ Name = 'New-LiqoPeeringUser' }, @{ Name = 'Suspend-LiqoTenant' }, @{ Name = 'Remove-LiqoPeering' }, @{ Name = 'Get-LiqoPeerInfo' }
    ) {
        (Get-Command $Name).Parameters.Keys | Should -Not -Contain 'GlobalLabel'
    }
}
