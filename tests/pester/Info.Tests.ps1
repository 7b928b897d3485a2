# Get-LiqoInfo, Get-LiqoPeerInfo and Get-LiqoForeignCluster without a cluster: parameters, output types, views,
# serialization and the errors a user gets before any API server answers. The engine's rules and liqoctl's formats are
# tested in tests/Liqo.Engine.Tests/Info and tests/Liqo.Engine.Tests/GoFormat; the end-to-end tests on sandbox clusters
# are in Info.Sandbox.Tests.ps1.pending.
BeforeAll {
    Import-Module $PSScriptRoot/LiqoTestSupport.psm1 -Force
    Import-Module (Get-LiqoModulePath) -Force
    $PSStyle.OutputRendering = 'PlainText'
    $script:dir = Join-Path ([IO.Path]::GetTempPath()) ("liqo-info-" + [guid]::NewGuid())
    $null = New-Item -ItemType Directory $script:dir

    function Get-ErrorRecord([scriptblock] $Command) {
        try { & $Command; $null } catch { $_ }
    }

    function New-Resources([hashtable] $Values) {
        $d = [System.Collections.Generic.Dictionary[string, string]]::new()
        foreach ($k in $Values.Keys | Sort-Object) { $d[$k] = $Values[$k] }
        , $d
    }

    # a peer as Get-LiqoPeerInfo returns it for a healthy provider
    function New-TestPeer([string] $Id = 'milan', [string] $Role = 'Provider') {
        [Liqo.PeerInfo]@{
            ClusterId           = $Id
            Role                = $Role
            CreationTimestamp   = [datetime]::UtcNow.AddDays(-3).AddHours(-2)
            CertificateNotAfter = [datetime]::new(2027, 7, 10, 9, 12, 31, [DateTimeKind]::Utc)
            Network             = [Liqo.PeerNetwork]@{
                Status        = 'Unhealthy'
                Alerts        = @('The network connection with the foreign cluster is in error')
                RemoteCidrs   = [Liqo.CidrSet]@{ Pod = @('10.127.64.0/18'); External = @('10.70.0.0/16') }
                RemappedCidrs = [Liqo.CidrSet]@{ Pod = @('10.71.0.0/18'); External = @('10.72.0.0/16') }
                Gateway       = [Liqo.PeerGateway]@{ Role = 'Server'; Address = @('172.19.0.10'); Port = 30742 }
            }
            Authentication      = [Liqo.PeerAuthentication]@{
                Status           = 'Healthy'
                ApiServerAddress = 'https://172.19.0.10:6443'
                ResourceSlices   = @([Liqo.PeerResourceSlice]@{ Name = $Id; Action = 'Consuming'; Accepted = $true; Resources = (New-Resources @{ cpu = '2'; memory = '4Gi' }) })
            }
            Offloading          = [Liqo.PeerOffloading]@{
                Status       = 'Healthy'
                VirtualNodes = @([Liqo.PeerVirtualNode]@{ Name = $Id; Status = 'Healthy'; Secret = "kubeconfig-resourceslice-$Id"; ResourceSlice = $Id; Resources = (New-Resources @{ pods = '10' }) })
            }
            Remote              = [Liqo.ProviderView]@{
                ClusterId      = $Id
                Role           = 'Consumer'
                Tenant         = [Liqo.ProviderTenant]@{ Name = 'rome'; Namespace = 'liqo-tenant-rome'; Condition = 'Active'; AuthzPolicy = 'KeysExchange'; Ready = $true }
                Gateway        = [Liqo.ProviderGateway]@{ Kind = 'GatewayServer'; Name = 'rome'; Namespace = 'liqo-tenant-rome'; Address = @('172.19.0.10'); Port = 30742; Protocol = 'UDP' }
                ResourceSlices = @([Liqo.ProviderResourceSlice]@{ Name = $Id; Namespace = 'liqo-tenant-rome'; Accepted = $true; Quota = [Liqo.ProviderQuota]@{ Name = "$Id-a8a4c692b93b"; User = "$Id-a8a4c692b93b" } })
            }
        }
    }

    function New-TestInfo {
        [Liqo.LiqoInfo]@{
            ClusterId        = 'rome'
            Version          = 'v1.2.0'
            Labels           = (New-Resources @{ 'liqo.io/provider' = 'kind' })
            ApiServerAddress = 'https://172.19.0.9:6443'
            Healthy          = $false
            UnhealthyPods    = @([Liqo.PodHealth]@{ Name = 'liqo-proxy-59d47b8c6f-h2m4p'; Status = 'Running'; ReadyContainers = 0; TotalContainers = 1; Restarts = 7 })
            Network          = [Liqo.LocalNetwork]@{ PodCidrs = @('10.127.64.0/18'); ServiceCidr = '10.127.0.0/18'; ExternalCidr = '10.70.0.0/16'; InternalCidr = '10.80.0.0/16' }
            Peerings         = @([Liqo.PeeringSummary]@{ ClusterId = 'milan'; Role = 'Provider'; Networking = 'Healthy'; Authentication = 'Healthy'; Offloading = 'Disabled'; CreationTimestamp = [datetime]::UtcNow.AddMinutes(-5) })
        }
    }
}

AfterAll {
    Remove-Item $script:dir -Recurse -Force -ErrorAction Ignore
    Remove-Module Liqo -ErrorAction Ignore
}

Describe 'cmdlet surface' {
    It 'Get-LiqoInfo takes -IncludeNetwork, -Output Json|Yaml and -Get' {
        $c = Get-Command Get-LiqoInfo
        $c.Parameters['IncludeNetwork'].SwitchParameter | Should -BeTrue
        $c.Parameters['Output'].Attributes.Where({ $_ -is [ValidateSet] }).ValidValues | Should -Be @('Json', 'Yaml')
        $c.Parameters['Get'].ParameterType | Should -Be ([string])
        $c.OutputType.Type | Should -Contain ([Liqo.LiqoInfo])
        $c.OutputType.Type | Should -Contain ([string])
        $c.Parameters.Keys | Should -Not -Contain 'RemoteKubeconfig'
    }

    It 'Get-LiqoPeerInfo takes cluster IDs by position and from the pipeline, and the remote cluster as an option' {
        $c = Get-Command Get-LiqoPeerInfo
        $id = $c.Parameters['ClusterId']
        $id.ParameterType | Should -Be ([string[]])
        $id.Attributes.Where({ $_ -is [Parameter] }).Position | Should -Be 0
        $id.Attributes.Where({ $_ -is [Parameter] }).ValueFromPipelineByPropertyName | Should -BeTrue
        $id.Attributes.Where({ $_ -is [ArgumentCompleter] }).Type.Name | Should -Be 'ForeignClusterIdCompleter'
        $c.Parameters['Output'].Attributes.Where({ $_ -is [ValidateSet] }).ValidValues | Should -Be @('Json', 'Yaml')
        foreach ($p in 'RemoteKubeconfig', 'RemoteKubeconfigContent', 'RemoteContext', 'RemoteLiqoNamespace') {
            $c.Parameters.Keys | Should -Contain $p
            $c.Parameters[$p].Attributes.Where({ $_ -is [Parameter] }).Mandatory | Should -BeFalse
        }
        $c.OutputType.Type | Should -Contain ([Liqo.PeerInfo])
    }

    It 'Get-LiqoForeignCluster takes names with wildcards' {
        $c = Get-Command Get-LiqoForeignCluster
        $c.Parameters['ClusterId'].Aliases | Should -Contain 'Name'
        $c.Parameters['ClusterId'].Attributes.Where({ $_ -is [SupportsWildcards] }) | Should -Not -BeNullOrEmpty
        $c.OutputType.Type | Should -Contain ([Liqo.ForeignCluster])
    }

    It 'rejects an -Output other than Json or Yaml before reaching a cluster' {
        $e = Get-ErrorRecord { Get-LiqoInfo -Output xml }
        $e.FullyQualifiedErrorId | Should -BeLike 'ParameterArgumentValidationError,*'
    }

    It 'documents the info cmdlets in about_Liqo' {
        $help = Get-Help about_Liqo | Out-String
        $help | Should -Match 'Get-LiqoPeerInfo'
        $help | Should -Match 'InvalidQuery'
        $help | Should -Match 'PeerNotFound'
    }
}

Describe 'errors before any API server answers' {
    It '<Name> with a missing -Kubeconfig is KubeconfigNotFound' -ForEach @(
        @{ Name = 'Get-LiqoInfo' }, @{ Name = 'Get-LiqoPeerInfo' }, @{ Name = 'Get-LiqoForeignCluster' }
    ) {
        $missing = Join-Path $script:dir 'nope.kubeconfig'
        $e = Get-ErrorRecord { & $Name -Kubeconfig $missing }
        $e.FullyQualifiedErrorId | Should -BeLike "KubeconfigNotFound,*$($Name.Replace('-', ''))*"
        $e.TargetObject | Should -Be $missing
    }

    It 'Get-LiqoPeerInfo with a missing -RemoteKubeconfig names the remote file' {
        $missing = Join-Path $script:dir 'remote.kubeconfig'
        $e = Get-ErrorRecord { Get-LiqoPeerInfo -KubeconfigContent (New-TestKubeconfigText) -RemoteKubeconfig $missing }
        $e.FullyQualifiedErrorId | Should -BeLike 'KubeconfigNotFound,*'
        $e.TargetObject | Should -Be $missing
    }

    It 'Get-LiqoPeerInfo refuses two remote kubeconfigs' {
        $e = Get-ErrorRecord { Get-LiqoPeerInfo -KubeconfigContent (New-TestKubeconfigText) -RemoteKubeconfig x -RemoteKubeconfigContent (New-TestKubeconfigText) }
        $e.FullyQualifiedErrorId | Should -BeLike 'KubeconfigConflict,*'
    }

    It 'an unreachable API server is ClusterUnreachable' {
        $e = Get-ErrorRecord { Get-LiqoInfo -KubeconfigContent (New-TestKubeconfigText -Server 'https://127.0.0.1:1') }
        $e.FullyQualifiedErrorId | Should -BeLike 'ClusterUnreachable,*'
        $e.TargetObject | Should -Be 'https://127.0.0.1:1'
    }

    It 'completes no cluster ID, quickly and silently, when the cluster cannot be reached' {
        $text = New-TestKubeconfigText -Server 'https://127.0.0.1:1'
        $line = "Get-LiqoPeerInfo -KubeconfigContent '$text' "
        $watch = [Diagnostics.Stopwatch]::StartNew()
        $result = TabExpansion2 -inputScript $line -cursorColumn $line.Length
        $watch.Elapsed.TotalSeconds | Should -BeLessThan 10
        $result.CompletionMatches | Should -BeNullOrEmpty
    }
}

Describe 'views' {
    It 'Get-LiqoPeerInfo objects show as a table of ClusterId, Role, Networking, Authentication, Offloading, Age' {
        $lines = (New-TestPeer | Format-Table | Out-String) -split "`r?`n" | Where-Object { $_.Trim() }
        $lines[0] | Should -Match '^ClusterId\s+Role\s+Networking\s+Authentication\s+Offloading\s+Age$'
        $lines[2] | Should -Match '^milan\s+Provider\s+Unhealthy\s+Healthy\s+Healthy\s+3d2h$'
    }

    It 'the table is the default view' {
        ((New-TestPeer) | Out-String) | Should -Match 'ClusterId\s+Role\s+Networking'
    }

    It 'Format-List reads like liqoctl info peer' {
        $text = New-TestPeer | Format-List | Out-String
        $text | Should -Match 'Cluster ID\s+: milan'
        $text | Should -Match 'Network alerts\s+: The network connection with the foreign cluster is in error'
        $text | Should -Match 'Pod CIDR\s+: 10\.127\.64\.0/18 → Remapped to 10\.71\.0\.0/18'
        $text | Should -Match 'External CIDR\s+: 10\.70\.0\.0/16 → Remapped to 10\.72\.0\.0/16'
        $text | Should -Match 'Gateway\s+: Role: Server, Address: 172\.19\.0\.10, Port: 30742'
        $text | Should -Match 'API server\s+: https://172\.19\.0\.10:6443'
        $text | Should -Match 'Certificate expires\s+: 2027-07-10 09:12:31Z'
        $text | Should -Match 'Resource slices\s+: milan: Resource slice accepted, Action: Consuming, cpu=2 memory=4Gi'
        $text | Should -Match 'Virtual nodes\s+: milan: Healthy, Secret: kubeconfig-resourceslice-milan, Resource slice: milan, pods=10'
        $text | Should -Match 'Provider view\s+: milan: role Consumer'
        $text | Should -Match 'Tenant liqo-tenant-rome/rome: Active, ready'
        $text | Should -Match 'ResourceSlice milan: accepted, Quota milan-a8a4c692b93b'
        $text | Should -Not -Match 'Authentication alerts'
    }

    It 'a disabled network shows no CIDR or gateway lines' {
        $peer = [Liqo.PeerInfo]@{ ClusterId = 'turin'; Role = 'Unknown'; Network = [Liqo.PeerNetwork]@{ Status = 'Disabled'; RemoteCidrs = [Liqo.CidrSet]::new() } }
        $text = $peer | Format-List | Out-String
        $text | Should -Match 'Network\s+: Disabled'
        $text | Should -Not -Match 'Pod CIDR|Gateway|Resource slices|Provider view|Certificate'
        $text | Should -Match 'Age\s+: <unknown>'
    }

    It 'Get-LiqoInfo reads like liqoctl info' {
        $text = New-TestInfo | Out-String
        $text | Should -Match 'Cluster ID\s+: rome'
        $text | Should -Match 'K8s API server\s+: https://172\.19\.0\.9:6443'
        $text | Should -Match 'Cluster labels\s+: liqo\.io/provider: kind'
        $text | Should -Match 'Health\s+: Liqo is unhealthy'
        $text | Should -Match 'Unhealthy pods\s+: liqo-proxy-59d47b8c6f-h2m4p: Status: Running, Ready: 0/1, Restarts: 7'
        $text | Should -Match 'Internal CIDR\s+: 10\.80\.0\.0/16'
        $text | Should -Match 'Active peerings\s+: milan: Role: Provider, Networking: Healthy, Authentication: Healthy, Offloading: Disabled'
    }

    It 'Get-LiqoInfo without -IncludeNetwork shows no CIDRs' {
        $info = New-TestInfo
        $info = [Liqo.LiqoInfo]@{ ClusterId = $info.ClusterId; Healthy = $true; Peerings = $info.Peerings }
        $text = $info | Out-String
        $text | Should -Match 'Health\s+: Liqo is healthy'
        $text | Should -Not -Match 'CIDR|Unhealthy pods|Cluster labels'
    }

    It 'peerings show as a table' {
        $lines = ((New-TestInfo).Peerings | Format-Table | Out-String) -split "`r?`n" | Where-Object { $_.Trim() }
        $lines[0] | Should -Match '^ClusterId\s+Role\s+Networking\s+Authentication\s+Offloading\s+Age$'
        $lines[2] | Should -Match '^milan\s+Provider\s+Healthy\s+Healthy\s+Disabled\s+5m'
    }

    It 'Get-LiqoForeignCluster objects show as kubectl does: Name, Role, Age' {
        $fc = [Liqo.ForeignCluster]@{ Name = 'milan'; ClusterId = 'milan'; Role = 'Provider'; CreationTimestamp = [datetime]::UtcNow.AddHours(-30) }
        $lines = ($fc | Out-String) -split "`r?`n" | Where-Object { $_.Trim() }
        $lines[0] | Should -Match '^Name\s+Role\s+Age$'
        $lines[2] | Should -Match '^milan\s+Provider\s+30h$'
    }
}

Describe 'serialization' {
    It '<Name> serializes cleanly with ConvertTo-Json and back' -ForEach @(
        @{ Name = 'PeerInfo'; Make = { New-TestPeer } }
        @{ Name = 'LiqoInfo'; Make = { New-TestInfo } }
        @{ Name = 'ForeignCluster'; Make = { [Liqo.ForeignCluster]@{ Name = 'milan'; ClusterId = 'milan'; Role = 'Provider'; Networking = [Liqo.ForeignClusterModule]@{ Enabled = $true; Status = 'Healthy'; Conditions = @([Liqo.ForeignClusterCondition]@{ Type = 'NetworkConnectionStatus'; Status = 'Established' }) } } } }
    ) {
        $object = & $Make
        $json = $object | ConvertTo-Json -Depth 10 -WarningAction Stop
        $json | Should -Not -Match 'System\.'
        $back = $json | ConvertFrom-Json
        $back.ClusterId | Should -Be $object.ClusterId
    }

    It 'keeps what scripts read: statuses, resources, provider view' {
        $back = New-TestPeer | ConvertTo-Json -Depth 10 | ConvertFrom-Json
        $back.Network.Status | Should -Be 'Unhealthy'
        $back.Network.RemappedCidrs.Pod | Should -Be @('10.71.0.0/18')
        $back.Authentication.ResourceSlices[0].Resources.memory | Should -Be '4Gi'
        $back.Remote.ResourceSlices[0].Quota.Name | Should -Be 'milan-a8a4c692b93b'
        $back.Age | Should -Be '3d2h'
        ([datetime]$back.CertificateNotAfter).ToUniversalTime() | Should -Be ([datetime]::new(2027, 7, 10, 9, 12, 31, [DateTimeKind]::Utc))
    }

    It 'filters in a pipeline by role' {
        $peers = @((New-TestPeer 'milan' 'Provider'), (New-TestPeer 'naples' 'Consumer'))
        ($peers | Where-Object Role -eq Provider).ClusterId | Should -Be 'milan'
    }
}
