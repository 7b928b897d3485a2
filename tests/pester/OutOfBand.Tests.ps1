# An out-of-band peering: each cluster's administrator runs the module in a session that holds only that cluster's
# kubeconfig, and the two exchange files (peering material) by any medium. On one pair of sandbox clusters.
BeforeDiscovery {
    Import-Module $PSScriptRoot/LiqoTestSupport.psm1 -Force
    $script:real = Test-RealClusters
    $script:windows = $IsWindows
}

BeforeAll {
    Import-Module $PSScriptRoot/LiqoTestSupport.psm1 -Force
    Import-Module (Get-LiqoModulePath) -Force
    $script:clusters = Start-LiqoTestClusters
    $root = if ($script:clusters.Sandbox) { $script:clusters.Sandbox } else { (New-Item -ItemType Directory (Join-Path ([IO.Path]::GetTempPath()) ('liqo-oob-' + [guid]::NewGuid().ToString('n').Substring(0, 8)))).FullName }
    $script:dirs = @{}
    $script:sessions = @{}
    foreach ($side in 'consumer', 'provider') {
        # Each side: its own folder holding its own kubeconfig only, and a session that defaults every Liqo cmdlet to it.
        $dir = New-Item -ItemType Directory (Join-Path $root "$side-admin") -Force
        $script:dirs[$side] = $dir.FullName
        Copy-Item $script:clusters.$side.KubeconfigPath (Join-Path $dir 'kubeconfig')
        $iss = [Management.Automation.Runspaces.InitialSessionState]::CreateDefault2()
        $iss.ImportPSModule((Get-LiqoModulePath))
        $rs = [runspacefactory]::CreateRunspace($iss)
        $rs.Open()
        $rs.SessionStateProxy.SetVariable('PSDefaultParameterValues', @{ '*-Liqo*:Kubeconfig' = (Join-Path $dir 'kubeconfig') })
        $rs.SessionStateProxy.Path.SetLocation($dir.FullName) | Out-Null
        $script:sessions[$side] = $rs
    }
    $script:C = Get-LiqoClusterId -Kubeconfig $script:clusters.Consumer.KubeconfigPath
    $script:P = Get-LiqoClusterId -Kubeconfig $script:clusters.Provider.KubeconfigPath

    # Runs a script in one side's session; a failure comes back as that session's error record.
    function Invoke-Side([string] $Side, [scriptblock] $Script, [object[]] $ArgumentList = @()) {
        $ps = [powershell]::Create()
        $ps.Runspace = $script:sessions[$Side]
        $null = $ps.AddScript($Script.ToString())
        foreach ($a in $ArgumentList) { $null = $ps.AddArgument($a) }
        try {
            $out = $ps.Invoke()
            if ($ps.Streams.Error.Count) { throw $ps.Streams.Error[0] }
            $out
        }
        catch [Management.Automation.MethodInvocationException] {
            if ($_.Exception.InnerException -is [Management.Automation.IContainsErrorRecord]) { throw $_.Exception.InnerException.ErrorRecord }
            throw
        }
        finally { $ps.Dispose() }
    }

    # The out-of-band medium: a file from one side's folder to the other's.
    function Send-Material([string] $From, [string] $Name) {
        $to = if ($From -eq 'consumer') { 'provider' } else { 'consumer' }
        Copy-Item (Join-Path $script:dirs[$From] $Name) (Join-Path $script:dirs[$to] $Name)
    }

    function Measure-Writes([scriptblock] $Body) {
        $c = Get-LiqoAuditMark $script:clusters 'consumer'; $p = Get-LiqoAuditMark $script:clusters 'provider'
        & $Body
        @(Get-LiqoModuleWrite $script:clusters 'consumer' $c) + @(Get-LiqoModuleWrite $script:clusters 'provider' $p)
    }

    function Get-Material([string] $Side, [string] $Name) { Get-Content (Join-Path $script:dirs[$Side] $Name) -Raw | ConvertFrom-Json }
}

AfterAll {
    foreach ($rs in $script:sessions.Values) { $rs.Dispose() }
    Stop-LiqoTestClusters $script:clusters
    Remove-Module Liqo -ErrorAction Ignore
}

Describe 'out-of-band networking' {
    It 'Export-LiqoNetworkConfiguration -WhatIf writes nothing, not even its file' {
        @(Measure-Writes { Invoke-Side provider { param($c) Export-LiqoNetworkConfiguration -RemoteClusterId $c -OutFile network-provider.json -WhatIf } $script:C | Out-Null }) |
            Should -HaveCount 0
        Join-Path $script:dirs.provider 'network-provider.json' | Should -Not -Exist
    }

    It 'each side exports its CIDRs for the other: an owner-only file saying who made it for whom' {
        $pm = Invoke-Side provider { param($c) Export-LiqoNetworkConfiguration -RemoteClusterId $c -OutFile network-provider.json } $script:C
        $cm = Invoke-Side consumer { param($p) Export-LiqoNetworkConfiguration -RemoteClusterId $p -OutFile network-consumer.json } $script:P
        $pm.Kind | Should -Be 'LiqoNetworkConfiguration'
        $pm.FromClusterId | Should -Be $script:P
        $pm.ForClusterId | Should -Be $script:C
        $pm.Path | Should -Be (Join-Path $script:dirs.provider 'network-provider.json')
        $cm.PSObject.TypeNames[0] | Should -Be 'Liqo.PeeringMaterial'
        $doc = Get-Material provider network-provider.json
        $doc.apiVersion | Should -Be 'liqo-powershell/v1'
        $doc.data.cidr.pod | Should -Not -BeNullOrEmpty
        $doc.data.cidr.external | Should -Not -BeNullOrEmpty
        Send-Material provider network-provider.json
        Send-Material consumer network-consumer.json
    }

    It 'writes material files readable by their owner only' -Skip:$script:windows {
        (& stat -c '%a' (Join-Path $script:dirs.provider 'network-provider.json')) | Should -Be '600'
    }

    It 'refuses to overwrite a material file without -Force' {
        { Invoke-Side provider { param($c) Export-LiqoNetworkConfiguration -RemoteClusterId $c -OutFile network-provider.json } $script:C } |
            Should -Throw -ErrorId 'FileExists*'
    }

    It 'Import-LiqoNetworkConfiguration -WhatIf writes nothing; without it each side applies the other''s Configuration' -Skip:$script:real {
        @(Measure-Writes {
                Invoke-Side consumer { Import-LiqoNetworkConfiguration network-provider.json -WhatIf } | Out-Null
                Invoke-Side provider { Import-LiqoNetworkConfiguration network-consumer.json -WhatIf } | Out-Null
            }) | Should -HaveCount 0
        $c = Invoke-Side consumer { Import-LiqoNetworkConfiguration network-provider.json }
        $p = Invoke-Side provider { Import-LiqoNetworkConfiguration network-consumer.json }
        $c.Applied | Should -BeTrue
        $c.RemoteClusterId | Should -Be $script:P
        $c.Namespace | Should -Be "liqo-tenant-$($script:P)"
        $c.RemappedPodCidrs | Should -Not -BeNullOrEmpty
        $p.Applied | Should -BeTrue
    }

    It 'New-LiqoGatewayServer -WhatIf writes nothing and no file; without it the provider publishes its endpoint and key' {
        @(Measure-Writes { Invoke-Side provider { param($c) New-LiqoGatewayServer -RemoteClusterId $c -OutFile gateway-server.json -WhatIf } $script:C | Out-Null }) |
            Should -HaveCount 0
        Join-Path $script:dirs.provider 'gateway-server.json' | Should -Not -Exist
        $m = Invoke-Side provider { param($c) New-LiqoGatewayServer -RemoteClusterId $c -OutFile gateway-server.json } $script:C
        $m.Kind | Should -Be 'LiqoGatewayServer'
        $doc = Get-Material provider gateway-server.json
        $doc.data.endpoint.port | Should -Be 51840
        $doc.data.endpoint.addresses | Should -Not -BeNullOrEmpty
        [Convert]::FromBase64String($doc.data.publicKey).Length | Should -Be 32
        Send-Material provider gateway-server.json
    }

    It 'New-LiqoGatewayClient -WhatIf writes nothing; without it the consumer dials the server and publishes its own key' {
        @(Measure-Writes { Invoke-Side consumer { New-LiqoGatewayClient gateway-server.json -OutFile gateway-client.json -WhatIf } | Out-Null }) |
            Should -HaveCount 0
        $m = Invoke-Side consumer { New-LiqoGatewayClient gateway-server.json -OutFile gateway-client.json }
        $m.Kind | Should -Be 'LiqoGatewayClient'
        $m.ForClusterId | Should -Be $script:P
        Send-Material consumer gateway-client.json
    }

    It 'Import-LiqoPublicKey -WhatIf writes nothing; with -Wait the tunnel is established' {
        @(Measure-Writes { Invoke-Side provider { Import-LiqoPublicKey gateway-client.json -WhatIf } | Out-Null }) | Should -HaveCount 0
        $r = Invoke-Side provider { Import-LiqoPublicKey gateway-client.json -Wait }
        $r.Established | Should -BeTrue
        $r.RemoteClusterId | Should -Be $script:C
    }
}

Describe 'out-of-band authentication' {
    It 'New-LiqoNonce refuses an -OutFile it could not write before changing the cluster' {
        $writes = Measure-Writes {
            { Invoke-Side provider { param($c) New-LiqoNonce $c -OutFile no-such-folder/nonce.json } $script:C } | Should -Throw -ErrorId 'DirectoryNotFound*'
        }
        @($writes) | Should -HaveCount 0
    }

    It 'New-LiqoNonce -WhatIf writes nothing; without it the provider hands out a nonce for the consumer' {
        @(Measure-Writes { Invoke-Side provider { param($c) New-LiqoNonce $c -OutFile nonce.json -WhatIf } $script:C | Out-Null }) | Should -HaveCount 0
        $m = Invoke-Side provider { param($c) New-LiqoNonce $c -OutFile nonce.json } $script:C
        $m.Kind | Should -Be 'LiqoNonce'
        (Get-Material provider nonce.json).data.nonce.Length | Should -Be 88
        Send-Material provider nonce.json
    }

    It 'New-LiqoNonce -Format Liqoctl writes and outputs the bare nonce liqoctl get nonce prints (the same nonce, the Secret is not remade)' {
        $bare = Invoke-Side provider { param($c) New-LiqoNonce $c -Format Liqoctl -OutFile nonce.txt } $script:C
        "$bare" | Should -Be (Get-Material provider nonce.json).data.nonce
        [IO.File]::ReadAllText((Join-Path $script:dirs.provider 'nonce.txt')) | Should -BeExactly "$bare" -Because 'liqoctl prints the nonce without a newline'
    }

    It 'New-LiqoTenant refuses a nonce made for another consumer, writing nothing' {
        Invoke-Side provider { New-LiqoNonce someone-else -OutFile nonce-other.json } | Out-Null
        Send-Material provider nonce-other.json
        $writes = Measure-Writes {
            { Invoke-Side consumer { New-LiqoTenant nonce-other.json -OutFile tenant-other.json } } |
                Should -Throw -ErrorId 'PeeringMaterialForAnotherCluster*' -ExpectedMessage "The LiqoNonce made by cluster '$($script:P)' for cluster 'someone-else' cannot be imported on the local cluster '$($script:C)'*"
        }
        @($writes) | Should -HaveCount 0
    }

    It 'New-LiqoTenant -WhatIf writes nothing; without it the consumer signs the nonce and makes the Tenant' {
        @(Measure-Writes { Invoke-Side consumer { New-LiqoTenant nonce.json -OutFile tenant.json -WhatIf } | Out-Null }) | Should -HaveCount 0
        $m = Invoke-Side consumer { New-LiqoTenant nonce.json -OutFile tenant.json }
        $m.Kind | Should -Be 'LiqoTenant'
        $tenant = (Get-Material consumer tenant.json).data.tenant
        $tenant.kind | Should -Be 'Tenant'
        $tenant.spec.clusterID | Should -Be $script:C
        $tenant.spec.signature | Should -Not -BeNullOrEmpty
        Send-Material consumer tenant.json
    }

    It 'a material file imported on the wrong cluster, or as another kind, is refused with a clear error' {
        $writes = Measure-Writes {
            { Invoke-Side consumer { Import-LiqoTenant tenant.json } } |
                Should -Throw -ErrorId 'PeeringMaterialForAnotherCluster*' -ExpectedMessage "*made by cluster '$($script:C)' for cluster '$($script:P)' cannot be imported on the local cluster '$($script:C)': it was made for cluster '$($script:P)'."
            { Invoke-Side provider { Import-LiqoIdentity tenant.json } } |
                Should -Throw -ErrorId 'PeeringMaterialKindMismatch*' -ExpectedMessage 'This is a LiqoTenant, not a LiqoIdentity*'
        }
        @($writes) | Should -HaveCount 0
    }

    It 'Import-LiqoTenant -WhatIf writes nothing; without it the provider accepts the Tenant' {
        @(Measure-Writes { Invoke-Side provider { Import-LiqoTenant tenant.json -WhatIf } | Out-Null }) | Should -HaveCount 0
        $r = Invoke-Side provider { Import-LiqoTenant tenant.json }
        $r.Accepted | Should -BeTrue
        $r.ConsumerClusterId | Should -Be $script:C
        $r.Namespace | Should -Be "liqo-tenant-$($script:C)"
    }

    It 'Export-LiqoIdentity -WhatIf writes no file; the Identity travels as a pipeline object into Import-LiqoIdentity' {
        Invoke-Side provider { param($c) Export-LiqoIdentity $c -OutFile identity.json -WhatIf } $script:C | Out-Null
        Join-Path $script:dirs.provider 'identity.json' | Should -Not -Exist
        $identity = Invoke-Side provider { param($c) Export-LiqoIdentity $c } $script:C
        $identity.Kind | Should -Be 'LiqoIdentity'
        $identity.Path | Should -BeNullOrEmpty
        @(Measure-Writes { Invoke-Side consumer { param($m) $m | Import-LiqoIdentity -WhatIf } $identity | Out-Null }) | Should -HaveCount 0
        $r = Invoke-Side consumer { param($m) $m | Import-LiqoIdentity } $identity
        $r.Completed | Should -BeTrue
        $r.Identity | Should -Be "controlplane-$($script:P)"
        $r.ProviderTenantNamespace | Should -Be "liqo-tenant-$($script:C)"
    }
}

Describe 'out-of-band offloading' {
    It 'the consumer alone gets a Ready virtual node from the provider' {
        $s = Invoke-Side consumer { param($p) New-LiqoResourceSlice $p -RemoteClusterId $p -NoVirtualNode } $script:P
        $s.Authentication | Should -Be 'Accepted'
        $s.Resources | Should -Be 'Accepted'
        $v = Invoke-Side consumer { param($p) New-LiqoVirtualNode $p -RemoteClusterId $p -ResourceSliceName $p } $script:P
        $v.NodeReady | Should -BeTrue
        $peer = Invoke-Side consumer { param($p) Get-LiqoPeerInfo $p } $script:P
        $peer.Role | Should -Be 'Provider'
    }

    It 'exchanged nothing secret: no file holds a private key, and only owner-readable files were written' {
        $files = Get-ChildItem $script:dirs.consumer, $script:dirs.provider -Filter *.json
        $files.Count | Should -BeGreaterThan 6
        foreach ($f in $files) { Get-Content $f.FullName -Raw | Should -Not -Match 'PRIVATE KEY' }
    }
}

Describe 'out-of-band material in liqoctl''s formats' {
    It 'Export-LiqoNetworkConfiguration -Format Liqoctl writes what liqoctl generate configuration prints, and Import-LiqoNetworkConfiguration takes it' {
        $yaml = Invoke-Side provider { param($c) Export-LiqoNetworkConfiguration -RemoteClusterId $c -Format Liqoctl -OutFile conf-provider.yaml } $script:C
        "$yaml" | Should -BeLike "apiVersion: networking.liqo.io/v1beta1`nkind: Configuration`nmetadata:`n  labels:`n    liqo.io/remote-cluster-id: $($script:P)`n  name: $($script:P)`nspec:`n*status: {}`n"
        Get-Content (Join-Path $script:dirs.provider 'conf-provider.yaml') -Raw | Should -BeExactly "$yaml"
        Send-Material provider conf-provider.yaml
        { Invoke-Side consumer { Import-LiqoNetworkConfiguration -Path conf-provider.yaml } | Out-Null } | Should -Not -Throw
    }

    It 'Export-LiqoIdentity -Format Liqoctl writes what liqoctl generate identity prints, and Import-LiqoIdentity takes it' {
        $yaml = Invoke-Side provider { param($c) Export-LiqoIdentity $c -Format Liqoctl -OutFile identity.yaml } $script:C
        "$yaml" | Should -BeLike "apiVersion: authentication.liqo.io/v1beta1`nkind: Identity`n*  name: controlplane-$($script:P)`n*  type: ControlPlane`nstatus: {}`n"
        Send-Material provider identity.yaml
        $r = Invoke-Side consumer { Import-LiqoIdentity -Path identity.yaml }
        $r.Completed | Should -BeTrue
        $r.Identity | Should -Be "controlplane-$($script:P)"
    }
}
