# Kubeconfig content as PowerShell users hold secrets: a SecureString (SecretManagement's Get-Secret) or a PSCredential
# (Azure Automation's Get-AutomationPSCredential). Its text never reaches a stream, an error message or a file.
BeforeAll {
    Import-Module $PSScriptRoot/LiqoTestSupport.psm1 -Force
    Import-Module (Get-LiqoModulePath) -Force
    $script:canary = 'liqo-canary-' + [guid]::NewGuid().ToString('n')
    # a kubeconfig whose token is the canary, for a server where nothing listens
    $text = New-TestKubeconfigText -Server 'https://127.0.0.1:1' -Token $script:canary
    $script:secure = ConvertTo-SecureString $text -AsPlainText -Force
    $script:credential = [pscredential]::new('kubeconfig', $script:secure)
    $script:invalid = ConvertTo-SecureString "not: [valid`n$script:canary" -AsPlainText -Force

    # everything a run shows: every stream, the error record, its exception chain and $Error
    function Get-EverythingShown([scriptblock] $Run) {
        $Error.Clear()
        $holder = @{ Error = $null }   # the catch block runs in a child scope
        $streams = & { try { & $Run -Verbose -Debug } catch { $holder.Error = $_ } } *>&1 | Out-String
        $caught = $holder.Error
        $exceptions = for ($e = $caught.Exception; $e; $e = $e.InnerException) { $e.Message; $e.ToString() }
        [pscustomobject]@{ Error = $caught; Text = ($streams, ($caught | Out-String), $exceptions, ($Error | Out-String)) -join "`n" }
    }
}

AfterAll { Remove-Module Liqo -ErrorAction Ignore }

Describe '-KubeconfigContent and -RemoteKubeconfigContent as a secret' {
    It 'takes a SecureString: the cluster is the one its text names' {
        $r = Get-EverythingShown { Get-LiqoClusterId -KubeconfigContent $script:secure }
        $r.Error.FullyQualifiedErrorId | Should -BeLike 'ClusterUnreachable,*'
        $r.Error.TargetObject | Should -Be 'https://127.0.0.1:1'
    }

    It 'takes a PSCredential whose password is the kubeconfig' {
        $r = Get-EverythingShown { Get-LiqoClusterId -KubeconfigContent $script:credential }
        $r.Error.FullyQualifiedErrorId | Should -BeLike 'ClusterUnreachable,*'
    }

    It 'takes a SecureString for the remote cluster too' {
        $r = Get-EverythingShown { New-LiqoPeering -KubeconfigContent $script:secure -RemoteKubeconfigContent $script:secure -Timeout 10s }
        $r.Error.FullyQualifiedErrorId | Should -BeLike 'ClusterUnreachable,*'
    }

    It 'never shows the secret text in any stream, error message or $Error, valid or not' {
        $start = [DateTime]::UtcNow.AddSeconds(-1)
        foreach ($run in { Get-LiqoClusterId -KubeconfigContent $script:secure },
            { Get-LiqoClusterId -KubeconfigContent $script:invalid },
            { Get-LiqoPeerInfo -KubeconfigContent $script:credential -RemoteKubeconfigContent $script:invalid }) {
            $r = Get-EverythingShown $run
            # each run reads the secret, then fails on its YAML or on the cluster it names
            $r.Error.FullyQualifiedErrorId | Should -Match '^(ClusterUnreachable|KubeconfigInvalid),'
            $r.Text | Should -Not -Match $script:canary
        }
        # and in no file written meanwhile, in the temporary folder, the working folder or the home folder's first levels
        $written = foreach ($dir in [IO.Path]::GetTempPath(), (Get-Location).Path, $HOME) {
            # regular files only: reading a FIFO (e.g. /tmp/clr-debug-pipe-*, which every .NET process started meanwhile makes)
            # blocks until a writer comes; UnixMode is '-rw-...' for a regular file and absent on Windows
            Get-ChildItem $dir -File -Depth 2 -ErrorAction Ignore |
                Where-Object { ($null -eq $_.UnixMode -or $_.UnixMode.StartsWith('-')) -and $_.LastWriteTimeUtc -ge $start -and $_.Length -lt 10MB }
        }
        $written | Where-Object { Select-String -LiteralPath $_.FullName -SimpleMatch $script:canary -Quiet -ErrorAction Ignore } | Should -BeNullOrEmpty
    }
}
