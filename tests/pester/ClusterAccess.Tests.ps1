# How every cmdlet reaches a cluster: kubectl's kubeconfig rules and the errors a user gets for bad input.
# Cases that need an API server run against sandbox clusters (see SandboxClusterAccess.Tests.ps1).
BeforeAll {
    Import-Module $PSScriptRoot/LiqoTestSupport.psm1 -Force
    Import-Module (Get-LiqoModulePath) -Force
    $script:dir = Join-Path ([IO.Path]::GetTempPath()) ("liqo-access-" + [guid]::NewGuid())
    $null = New-Item -ItemType Directory $script:dir
    $script:savedKubeconfig = $env:KUBECONFIG
    function Get-ErrorRecord([scriptblock] $Command) {
        try { & $Command; $null } catch { $_ }
    }
}

AfterAll {
    $env:KUBECONFIG = $script:savedKubeconfig
    Remove-Item $script:dir -Recurse -Force -ErrorAction Ignore
    Remove-Module Liqo -ErrorAction Ignore
}

Describe 'kubeconfig errors' {
    It 'a missing -Kubeconfig file is KubeconfigNotFound with the path as target' {
        $missing = Join-Path $script:dir 'nope.kubeconfig'
        $e = Get-ErrorRecord { Get-LiqoClusterId -Kubeconfig $missing }
        $e.FullyQualifiedErrorId | Should -BeLike 'KubeconfigNotFound,*'
        $e.CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $e.TargetObject | Should -Be $missing
        $e.Exception.Message | Should -BeLike "*$missing*does not exist*"
    }

    It 'a relative -Kubeconfig path is resolved against the PowerShell location' {
        Push-Location $script:dir
        try { $e = Get-ErrorRecord { Get-LiqoClusterId -Kubeconfig ./relative.kubeconfig } } finally { Pop-Location }
        $e.TargetObject | Should -Be (Join-Path $script:dir 'relative.kubeconfig')
    }

    It 'unparsable YAML is KubeconfigInvalid without echoing the content' {
        $file = Join-Path $script:dir 'broken.kubeconfig'
        Set-Content $file "apiVersion: v1`nclusters: [ { name: a`n  token: SECRET-VALUE-123"
        $e = Get-ErrorRecord { Get-LiqoClusterId -Kubeconfig $file }
        $e.FullyQualifiedErrorId | Should -BeLike 'KubeconfigInvalid,*'
        $e.CategoryInfo.Category | Should -Be 'InvalidData'
        $e.Exception.Message | Should -Not -Match 'SECRET-VALUE-123'
        $e.Exception.Message | Should -Match 'line \d+'
    }

    It 'YAML that is no kubeconfig is KubeconfigInvalid' {
        $e = Get-ErrorRecord { Get-LiqoClusterId -KubeconfigContent "hello: world" }
        $e.FullyQualifiedErrorId | Should -BeLike 'KubeconfigInvalid,*'
    }

    It 'an unknown -Context is ContextNotFound, naming the known contexts' {
        $e = Get-ErrorRecord { Get-LiqoClusterId -KubeconfigContent (New-TestKubeconfigText -Context alpha) -Context beta }
        $e.FullyQualifiedErrorId | Should -BeLike 'ContextNotFound,*'
        $e.TargetObject | Should -Be 'beta'
        $e.Exception.Message | Should -BeLike '*alpha*'
    }

    It 'context names are case-sensitive, as in kubectl' {
        $e = Get-ErrorRecord { Get-LiqoClusterId -KubeconfigContent (New-TestKubeconfigText -Context alpha) -Context ALPHA }
        $e.FullyQualifiedErrorId | Should -BeLike 'ContextNotFound,*'
    }

    It '-Kubeconfig and -KubeconfigContent together are refused' {
        $e = Get-ErrorRecord { Get-LiqoClusterId -Kubeconfig x -KubeconfigContent (New-TestKubeconfigText) }
        $e.FullyQualifiedErrorId | Should -BeLike 'KubeconfigConflict,*'
    }

    It 'an unreachable API server is ClusterUnreachable with the URL as target, and no token in any stream' {
        $text = New-TestKubeconfigText -Server 'https://127.0.0.1:1' -Token 'TOKEN-THAT-MUST-NOT-LEAK'
        $all = & { try { Get-LiqoClusterId -KubeconfigContent $text -Verbose -Debug } catch { $script:caught = $_ } } *>&1 | Out-String
        $ev = @($script:caught)
        $ev[0].FullyQualifiedErrorId | Should -BeLike 'ClusterUnreachable,*'
        $ev[0].CategoryInfo.Category | Should -Be 'ConnectionError'
        $ev[0].TargetObject | Should -Be 'https://127.0.0.1:1'
        $ev[0].Exception.Message | Should -BeLike '*https://127.0.0.1:1*'
        ($all + ($ev | Out-String)) | Should -Not -Match 'TOKEN-THAT-MUST-NOT-LEAK'
    }
}

Describe 'kubeconfig selection like kubectl' {
    BeforeAll {
        $script:first = Join-Path $script:dir 'first.kubeconfig'
        $script:second = Join-Path $script:dir 'second.kubeconfig'
        # first file: context "shared" -> port 1 and current-context "shared"; second: "shared" -> port 2 and "only2" -> port 3
        Set-Content $script:first (New-TestKubeconfigText -Server 'https://127.0.0.1:1' -Context shared)
        Set-Content $script:second ((New-TestKubeconfigText -Server 'https://127.0.0.1:2' -Context shared) -replace 'current-context: shared', 'current-context: only2')
        Add-Content $script:second ''
        $text = @"
apiVersion: v1
kind: Config
clusters:
- name: shared-cluster
  cluster: { server: https://127.0.0.1:2 }
- name: only2-cluster
  cluster: { server: https://127.0.0.1:3 }
users:
- name: u
  user: { token: t }
contexts:
- name: shared
  context: { cluster: shared-cluster, user: u }
- name: only2
  context: { cluster: only2-cluster, user: u }
current-context: only2
"@
        Set-Content $script:second $text
    }

    It 'merges $env:KUBECONFIG files, the first file to define a name winning' {
        $env:KUBECONFIG = "$script:first$([IO.Path]::PathSeparator)$script:second"
        (Get-ErrorRecord { Get-LiqoClusterId }).TargetObject | Should -Be 'https://127.0.0.1:1'
        (Get-ErrorRecord { Get-LiqoClusterId -Context only2 }).TargetObject | Should -Be 'https://127.0.0.1:3'
    }

    It 'takes current-context from the first file that sets it' {
        $env:KUBECONFIG = "$script:second$([IO.Path]::PathSeparator)$script:first"
        (Get-ErrorRecord { Get-LiqoClusterId }).TargetObject | Should -Be 'https://127.0.0.1:3'
        (Get-ErrorRecord { Get-LiqoClusterId -Context shared }).TargetObject | Should -Be 'https://127.0.0.1:2'
    }

    It 'skips missing files in $env:KUBECONFIG' {
        $env:KUBECONFIG = "$(Join-Path $script:dir 'missing')$([IO.Path]::PathSeparator)$script:first"
        (Get-ErrorRecord { Get-LiqoClusterId }).TargetObject | Should -Be 'https://127.0.0.1:1'
    }

    It 'an explicit -Kubeconfig wins over $env:KUBECONFIG' {
        $env:KUBECONFIG = $script:first
        (Get-ErrorRecord { Get-LiqoClusterId -Kubeconfig $script:second }).TargetObject | Should -Be 'https://127.0.0.1:3'
    }

    It 'completes -Context from the kubeconfig on the command line' {
        $env:KUBECONFIG = $null
        $line = "Get-LiqoClusterId -Kubeconfig '$script:second' -Context "
        $names = (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText
        $names | Should -Be @('only2', 'shared')
        $line = "Get-LiqoClusterId -Kubeconfig '$script:second' -Context sh"
        (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText | Should -Be @('shared')
    }

    It 'bounds the whole command by -Timeout, even against an API server that accepts connections and never answers' {
        $listener = [Net.Sockets.TcpListener]::new([Net.IPAddress]::Loopback, 0)
        $listener.Start()
        try {
            $text = New-TestKubeconfigText -Server "https://127.0.0.1:$($listener.LocalEndpoint.Port)"
            $watch = [Diagnostics.Stopwatch]::StartNew()
            $e = Get-ErrorRecord { New-LiqoPeering -KubeconfigContent $text -RemoteKubeconfigContent $text -Timeout 3s }
            $watch.Elapsed.TotalSeconds | Should -BeLessThan 60 -Because 'the 3 s budget ends the hanging request (a hang would run until the test host gives up)'
            $e.FullyQualifiedErrorId | Should -BeLike 'OperationTimeout,*'
            $e.Exception.Message | Should -BeLike '*-Timeout of 3s*'
            $e.CategoryInfo.Category | Should -Be 'OperationTimeout'
        }
        finally { $listener.Stop() }
    }

    It 'bounds <Cmdlet> by its -Timeout against an API server that accepts connections and never answers' -TestCases @(
        @{ Cmdlet = 'Get-LiqoClusterId' }, @{ Cmdlet = 'Get-LiqoInfo' }, @{ Cmdlet = 'Get-LiqoForeignCluster' }, @{ Cmdlet = 'Get-LiqoPeerInfo' }
    ) {
        $listener = [Net.Sockets.TcpListener]::new([Net.IPAddress]::Loopback, 0)
        $listener.Start()
        try {
            $text = New-TestKubeconfigText -Server "https://127.0.0.1:$($listener.LocalEndpoint.Port)"
            $watch = [Diagnostics.Stopwatch]::StartNew()
            $e = Get-ErrorRecord { & $Cmdlet -KubeconfigContent $text -Timeout 2s }
            $watch.Elapsed.TotalSeconds | Should -BeLessThan 50 -Because 'the 2 s budget ends the hanging request, well before the default minute'
            $e.FullyQualifiedErrorId | Should -BeLike 'OperationTimeout,*'
            $e.CategoryInfo.Category | Should -Be 'OperationTimeout'
            $e.ErrorDetails.RecommendedAction + $e.Exception.Message | Should -Not -BeLike "*Run $Cmdlet*"
        }
        finally { $listener.Stop() }
    }

    It '<Cmdlet> -Timeout defaults to one minute and is in its help' -TestCases @(
        @{ Cmdlet = 'Get-LiqoClusterId' }, @{ Cmdlet = 'Get-LiqoInfo' }, @{ Cmdlet = 'Get-LiqoForeignCluster' }, @{ Cmdlet = 'Get-LiqoPeerInfo' }
    ) {
        $help = Get-Help $Cmdlet -Parameter Timeout
        ($help.description.Text -join ' ') | Should -BeLike '*default one minute*'
        $type = (Get-Command $Cmdlet).ImplementingType
        [Activator]::CreateInstance($type).Timeout | Should -Be ([TimeSpan]::FromMinutes(1))
    }

    It 'completes -Context from a relative -Kubeconfig against the current location, as the cmdlet resolves it' {
        $env:KUBECONFIG = $null
        Push-Location (Split-Path $script:second)
        try {
            $line = "Get-LiqoClusterId -Kubeconfig ./$(Split-Path -Leaf $script:second) -Context "
            (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText | Should -Be @('only2', 'shared')
        }
        finally { Pop-Location }
    }

    It 'completes -RemoteContext from the remote kubeconfig, not the local one' {
        $env:KUBECONFIG = $null
        $line = "New-LiqoPeering -Kubeconfig '$script:first' -RemoteKubeconfig '$script:second' -RemoteContext "
        (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText | Should -Be @('only2', 'shared')
        $line = "New-LiqoPeering -Kubeconfig '$script:second' -RemoteKubeconfig '$script:first' -RemoteContext "
        (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText | Should -Be @('shared')
    }
}

Describe "kubectl's access flags (-Server, -Token, -As, -Cluster, -User, TLS, -RequestTimeout) and their Remote twins" {
    BeforeAll {
        $script:clusters = Start-LiqoTestClusters
        $script:admin = $script:clusters.Consumer.KubeconfigPath
        $text = Get-Content $script:admin -Raw
        $script:server = [regex]::Match($text, 'server:\s*"?([^"\s]+)').Groups[1].Value
        $script:caFile = Join-Path $script:dir 'consumer-ca.crt'
        $ca = [regex]::Match($text, 'certificate-authority-data:\s*(\S+)').Groups[1].Value
        [IO.File]::WriteAllBytes($script:caFile, [Convert]::FromBase64String($ca))
        $script:kubectl = Get-Kubectl
    }
    AfterAll { Stop-LiqoTestClusters $script:clusters }
    BeforeEach { $env:KUBECONFIG = $script:savedKubeconfig }

    It '-Server works without any kubeconfig, -Token (a SecureString) is sent and never shown' {
        $env:KUBECONFIG = Join-Path $script:dir 'no-such.kubeconfig'
        $secret = ConvertTo-SecureString 'TOKEN-NEVER-SHOWN-42' -AsPlainText -Force
        $all = & { try { Get-LiqoClusterId -Server $script:server -CertificateAuthority $script:caFile -Token $secret -Verbose -Debug } catch { $script:caught = $_ } } *>&1 | Out-String
        $script:caught.FullyQualifiedErrorId | Should -BeLike 'Unauthorized,*' -Because 'the server got the (unknown) token: the request reached it'
        ($all + ($script:caught | Out-String) + $script:caught.Exception.ToString()) | Should -Not -Match 'TOKEN-NEVER-SHOWN-42'
    }

    It '-Server on top of the kubeconfig keeps its user; TLS verification stays on unless -InsecureSkipTlsVerify' {
        $id = Get-LiqoClusterId -Kubeconfig $script:admin
        Get-LiqoClusterId -Kubeconfig $script:admin -Server $script:server | Should -Be $id
        # another name for the same server: still verified against the kubeconfig's CA
        $byName = $script:server -replace '127\.0\.0\.1', 'localhost'
        Get-LiqoClusterId -Kubeconfig $script:admin -Server $byName | Should -Be $id
        $e = Get-ErrorRecord { Get-LiqoClusterId -Kubeconfig $script:admin -CertificateAuthority $script:caFile -InsecureSkipTlsVerify }
        $e.FullyQualifiedErrorId | Should -BeLike 'InvalidArgument,*'
    }

    It '-TlsServerName is the name the certificate is verified against; a wrong one fails naming what to do' {
        $id = Get-LiqoClusterId -Kubeconfig $script:admin
        $e = Get-ErrorRecord { Get-LiqoClusterId -Kubeconfig $script:admin -TlsServerName other.example }
        $e.FullyQualifiedErrorId | Should -BeLike 'TlsVerificationFailed,*'
        $e.Exception.Message | Should -BeLike "*verified against the name 'other.example'*(x509: certificate is valid for *kubernetes*, not other.example)*"
        $e.ErrorDetails.RecommendedAction | Should -BeLike '*-TlsServerName*a name the certificate is valid for*leave it out*'
        Get-LiqoClusterId -Kubeconfig $script:admin -TlsServerName kubernetes | Should -Be $id
        # the request still goes to the kubeconfig's server (127.0.0.1): only the name checked changes
        Get-LiqoClusterId -Kubeconfig $script:admin -TlsServerName localhost | Should -Be $id
    }

    It '-TlsServerName is verified as kubectl verifies it' -Skip:(-not (Get-Command kubectl -ErrorAction Ignore)) {
        $out = & $script:kubectl --kubeconfig $script:admin --tls-server-name other.example get --raw /version 2>&1 | Out-String
        $LASTEXITCODE | Should -Not -Be 0
        $out | Should -BeLike '*x509*other.example*'
        & $script:kubectl --kubeconfig $script:admin --tls-server-name kubernetes get --raw /version | Out-Null
        $LASTEXITCODE | Should -Be 0
        # the module refuses and accepts the same names, and says kubectl's reason in kubectl's words
        $kubectlReason = [regex]::Match($out, 'x509: certificate is valid for [^\r\n]*?, not other\.example').Value
        $kubectlReason | Should -Not -BeNullOrEmpty
        $e = Get-ErrorRecord { Get-LiqoClusterId -Kubeconfig $script:admin -TlsServerName other.example }
        $e.Exception.Message | Should -BeLike "*$([WildcardPattern]::Escape($kubectlReason))*"
        Get-LiqoClusterId -Kubeconfig $script:admin -TlsServerName kubernetes | Should -Not -BeNullOrEmpty
    }

    It '-As acts as another user, whose rights then apply, as kubectl --as does' {
        $e = Get-ErrorRecord { Get-LiqoClusterId -Kubeconfig $script:admin -As bob }
        $e.FullyQualifiedErrorId | Should -BeLike 'Forbidden,*'
        $e.Exception.Message | Should -BeLike '*User "bob" cannot list resource "configmaps"*'
        if ($script:kubectl) {
            $out = & $script:kubectl --kubeconfig $script:admin --as bob get configmaps -n liqo 2>&1 | Out-String
            $out | Should -BeLike '*User "bob" cannot list resource "configmaps"*'
        }
        $e = Get-ErrorRecord { Get-LiqoClusterId -Kubeconfig $script:admin -AsGroup readers }
        $e.FullyQualifiedErrorId | Should -BeLike 'InvalidArgument,*'
        $e.Exception.Message | Should -BeLike '*-As*'
    }

    It '-AsUid sends Impersonate-Uid with -As (the server checks and records it); without -As it is refused before any request, as kubectl''s server refuses it' {
        $mark = Get-LiqoAuditMark $script:clusters 'consumer'
        $e = Get-ErrorRecord { Get-LiqoClusterId -Kubeconfig $script:admin -As bob -AsUid uid-7 }
        $e.FullyQualifiedErrorId | Should -BeLike 'Forbidden,*'
        $e.Exception.Message | Should -BeLike '*User "bob" cannot list resource "configmaps"*'
        if ($script:clusters.Sandbox) {
            $asBob = @(Get-LiqoModuleRequest $script:clusters 'consumer' $mark | Where-Object { $_.impersonatedUser })
            $asBob | Should -Not -BeNullOrEmpty
            $asBob[0].impersonatedUser.username | Should -Be 'bob'
            $asBob[0].impersonatedUser.uid | Should -Be 'uid-7'
        }
        if ($script:kubectl) {
            $out = & $script:kubectl --kubeconfig $script:admin --as bob --as-uid uid-7 get configmaps -n liqo 2>&1 | Out-String
            $out | Should -BeLike '*User "bob" cannot list resource "configmaps"*'
        }
        $e = Get-ErrorRecord { Get-LiqoClusterId -Kubeconfig $script:admin -AsUid uid-7 }
        $e.FullyQualifiedErrorId | Should -BeLike 'InvalidArgument,*'
        $e.Exception.Message | Should -BeLike '*-AsUid*without -As*'
        $e = Get-ErrorRecord { Get-LiqoPeerInfo -Kubeconfig $script:admin -RemoteKubeconfig $script:clusters.Provider.KubeconfigPath -RemoteAsUid uid-7 }
        $e.FullyQualifiedErrorId | Should -BeLike 'InvalidArgument,*'
        $e.Exception.Message | Should -BeLike '*-RemoteAsUid*without -RemoteAs*'
    }

    It '-Cluster and -User pick other entries; an unknown one is KubeconfigEntryNotFound naming the parameter' {
        $e = Get-ErrorRecord { Get-LiqoClusterId -Kubeconfig $script:admin -User nobody }
        $e.FullyQualifiedErrorId | Should -BeLike 'KubeconfigEntryNotFound,*'
        $e.TargetObject | Should -Be 'nobody'
        $e.Exception.Message | Should -BeLike '*-User*'
        $e = Get-ErrorRecord { Get-LiqoClusterId -Kubeconfig $script:admin -Cluster elsewhere }
        $e.FullyQualifiedErrorId | Should -BeLike 'KubeconfigEntryNotFound,*'
    }

    It 'the Remote twins reach the remote cluster: -RemoteServer, -RemoteUser' {
        $e = Get-ErrorRecord { New-LiqoPeering -Kubeconfig $script:admin -RemoteKubeconfig $script:clusters.Provider.KubeconfigPath -RemoteServer 'https://127.0.0.1:1' -WhatIf }
        $e.FullyQualifiedErrorId | Should -BeLike 'ClusterUnreachable,*'
        $e.TargetObject | Should -Be 'https://127.0.0.1:1'
        $e = Get-ErrorRecord { Remove-LiqoPeering -Kubeconfig $script:admin -RemoteKubeconfig $script:clusters.Provider.KubeconfigPath -RemoteUser nobody -Confirm:$false }
        $e.FullyQualifiedErrorId | Should -BeLike 'KubeconfigEntryNotFound,*'
        $e.Exception.Message | Should -BeLike '*-RemoteUser*'
        $e = Get-ErrorRecord { Get-LiqoPeerInfo -Kubeconfig $script:admin -RemoteKubeconfig $script:clusters.Provider.KubeconfigPath -RemoteAsGroup g }
        $e.FullyQualifiedErrorId | Should -BeLike 'InvalidArgument,*'
        $e.Exception.Message | Should -BeLike '*-RemoteAs*'
    }

    It '-RequestTimeout bounds each request against a server that never answers' {
        $listener = [Net.Sockets.TcpListener]::new([Net.IPAddress]::Loopback, 0)
        $listener.Start()
        try {
            $text = New-TestKubeconfigText -Server "https://127.0.0.1:$($listener.LocalEndpoint.Port)"
            $e = Get-ErrorRecord { Get-LiqoClusterId -KubeconfigContent $text -RequestTimeout 1s -Timeout 30s }
            $e.FullyQualifiedErrorId | Should -BeLike 'ClusterUnreachable,*'
            $e.Exception.Message | Should -BeLike '*1s*'
        }
        finally { $listener.Stop() }
    }
}

Describe '-KubeconfigContent on the command line while $PSDefaultParameterValues sets -Kubeconfig (as about_Liqo suggests)' {
    BeforeAll {
        $script:defaultFile = Join-Path $script:dir 'default-that-does-not-exist.kubeconfig'
        $script:contentA = New-TestKubeconfigText -Server 'https://127.0.0.1:1'
    }
    AfterEach {
        $PSDefaultParameterValues.Remove('*-Liqo*:Kubeconfig')
        $PSDefaultParameterValues.Remove('*-Liqo*:RemoteKubeconfig')
        $PSDefaultParameterValues.Remove('*-Liqo*:KubeconfigContent')
    }

    It 'the content given on the command line is used, the default file is not' {
        $PSDefaultParameterValues['*-Liqo*:Kubeconfig'] = $script:defaultFile
        (Get-ErrorRecord { Get-LiqoClusterId }).FullyQualifiedErrorId | Should -BeLike 'KubeconfigNotFound,*' -Because 'without -KubeconfigContent the default applies'
        $e = Get-ErrorRecord { Get-LiqoClusterId -KubeconfigContent $script:contentA }
        $e.FullyQualifiedErrorId | Should -BeLike 'ClusterUnreachable,*' -Because "the content's server was reached, not the default file"
        $e.TargetObject | Should -Be 'https://127.0.0.1:1'
    }

    It 'the same holds for the Remote pair of a two-cluster cmdlet' {
        $PSDefaultParameterValues['*-Liqo*:Kubeconfig'] = $script:defaultFile
        $PSDefaultParameterValues['*-Liqo*:RemoteKubeconfig'] = $script:defaultFile
        $e = Get-ErrorRecord { Get-LiqoPeerInfo -KubeconfigContent $script:contentA -RemoteKubeconfigContent (New-TestKubeconfigText -Server 'https://127.0.0.1:2') }
        $e.FullyQualifiedErrorId | Should -BeLike 'ClusterUnreachable,*' -Because 'the defaults give way to both contents (KubeconfigConflict before)'
    }

    It 'a -Kubeconfig typed on the command line wins over a default -KubeconfigContent' {
        $PSDefaultParameterValues['*-Liqo*:KubeconfigContent'] = $script:contentA
        $e = Get-ErrorRecord { Get-LiqoClusterId -Kubeconfig $script:defaultFile }
        $e.FullyQualifiedErrorId | Should -BeLike 'KubeconfigNotFound,*'
    }

    It 'both given on the command line are still refused' {
        $PSDefaultParameterValues['*-Liqo*:Kubeconfig'] = $script:defaultFile
        $e = Get-ErrorRecord { Get-LiqoClusterId -Kubeconfig (Join-Path $script:dir 'other.kubeconfig') -KubeconfigContent $script:contentA }
        $e.FullyQualifiedErrorId | Should -BeLike 'KubeconfigConflict,*'
    }
}

Describe 'exec credential plugins and auth-providers (kubeconfig users as KubernetesClient runs them)' {
    BeforeAll {
        $script:execClusters = Start-LiqoTestClusters
        $admin = Get-Content $script:execClusters.Consumer.KubeconfigPath -Raw
        $script:execServer = [regex]::Match($admin, 'server:\s*"?([^"\s]+)').Groups[1].Value
        $script:execCa = [regex]::Match($admin, 'certificate-authority-data:\s*(\S+)').Groups[1].Value
        $cert = [Text.Encoding]::ASCII.GetString([Convert]::FromBase64String([regex]::Match($admin, 'client-certificate-data:\s*(\S+)').Groups[1].Value))
        $key = [Text.Encoding]::ASCII.GetString([Convert]::FromBase64String([regex]::Match($admin, 'client-key-data:\s*(\S+)').Groups[1].Value))
        $script:pluginDir = Join-Path $script:dir 'plugin'
        $null = New-Item -ItemType Directory $script:pluginDir -Force
        @{ apiVersion = 'client.authentication.k8s.io/v1'; kind = 'ExecCredential'; status = @{ clientCertificateData = $cert; clientKeyData = $key } } |
            ConvertTo-Json | Set-Content (Join-Path $script:pluginDir 'credential.json')
        Set-Content (Join-Path $script:pluginDir 'plugin.sh') "#!/bin/sh`ncat `"`$(dirname `"`$0`")/credential.json`"`n"
        if (-not $IsWindows) { chmod +x (Join-Path $script:pluginDir 'plugin.sh') }
        function script:New-UserKubeconfig([string] $UserYaml) {
            @"
apiVersion: v1
kind: Config
clusters:
- name: c
  cluster:
    server: $script:execServer
    certificate-authority-data: $script:execCa
users:
- name: u
  user:
$UserYaml
contexts:
- name: x
  context: { cluster: c, user: u }
current-context: x
"@
        }
    }
    AfterAll { Stop-LiqoTestClusters $script:execClusters }

    It 'a plugin printing an ExecCredential (client certificate) authenticates' -Skip:$IsWindows {
        $file = Join-Path $script:pluginDir 'exec.kubeconfig'
        Set-Content $file (New-UserKubeconfig "    exec:`n      apiVersion: client.authentication.k8s.io/v1`n      command: ./plugin.sh`n      interactiveMode: Never")
        Get-LiqoClusterId -Kubeconfig $file | Should -Be (Get-LiqoClusterId -Kubeconfig $script:execClusters.Consumer.KubeconfigPath)
    }

    It 'a plugin that cannot run is CredentialPluginFailed, naming the command and what to do' {
        $text = New-UserKubeconfig "    exec:`n      apiVersion: client.authentication.k8s.io/v1`n      command: kubelogin-not-installed`n      args: [get-token]"
        $e = Get-ErrorRecord { Get-LiqoClusterId -KubeconfigContent $text }
        $e.FullyQualifiedErrorId | Should -BeLike 'CredentialPluginFailed,*'
        $e.TargetObject | Should -Be 'kubelogin-not-installed'
        $e.Exception.Message | Should -BeLike "*exec plugin 'kubelogin-not-installed'*"
        $e.ErrorDetails.RecommendedAction | Should -BeLike '*PATH*-Token*'
    }

    It '-Token replaces the plugin, as in client-go (the plugin is not run)' {
        $text = New-UserKubeconfig "    exec:`n      apiVersion: client.authentication.k8s.io/v1`n      command: kubelogin-not-installed"
        $e = Get-ErrorRecord { Get-LiqoClusterId -KubeconfigContent $text -Token 'not-a-valid-token' }
        $e.FullyQualifiedErrorId | Should -BeLike 'Unauthorized,*'
    }

    It 'the removed azure auth-provider is AuthProviderUnsupported, naming kubelogin' {
        $text = New-UserKubeconfig "    auth-provider:`n      name: azure`n      config: { access-token: SECRET-AAD-TOKEN, tenant-id: t, apiserver-id: a, client-id: c }"
        $e = Get-ErrorRecord { Get-LiqoClusterId -KubeconfigContent $text }
        $e.FullyQualifiedErrorId | Should -BeLike 'AuthProviderUnsupported,*'
        $e.ErrorDetails.RecommendedAction | Should -BeLike '*kubelogin convert-kubeconfig*'
        ($e | Out-String) + $e.Exception.ToString() | Should -Not -Match 'SECRET-AAD-TOKEN'
    }
}
