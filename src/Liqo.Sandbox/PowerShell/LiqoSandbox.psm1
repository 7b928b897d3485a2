# Start-LiqoSandbox / Stop-LiqoSandbox: run the sandbox program (bin/Liqo.Sandbox.dll beside this module) in a
# background process. PowerShell cannot load ASP.NET Core into its own process, so the sandbox is its own program.
Set-StrictMode -Version Latest

$script:Program = Join-Path $PSScriptRoot 'bin/Liqo.Sandbox.dll'

function Get-SandboxServer([string] $Kubeconfig) {
    # the URL without the quotes YAML may put around it
    $line = Select-String -Path $Kubeconfig -Pattern '^\s*server:\s*["'']?([^"''\s]+)' | Select-Object -First 1
    if ($line) { $line.Matches[0].Groups[1].Value } else { $null }
}

function Start-LiqoSandbox {
    <#
    .SYNOPSIS
        Starts sandbox clusters in a background process and returns one object per cluster.
    .DESCRIPTION
        Each cluster is an independent loopback Kubernetes API server (HTTPS on 127.0.0.1, its own CA) with, unless
        -Bare, a simulated Liqo v1.2 installation. Kubeconfigs (admin, group system:masters) and audit logs are written
        into -Path. The process runs until Stop-LiqoSandbox, in a session of its own (setsid) where the system has one, so
        Ctrl+C in the console does not stop it.
    .EXAMPLE
        $consumer, $provider = Start-LiqoSandbox -Path ./sandbox
        Get-LiqoClusterId -Kubeconfig $consumer.KubeconfigPath
    #>
    [CmdletBinding(SupportsShouldProcess)]
    [OutputType([pscustomobject])]
    param(
        # Folder for <cluster>.kubeconfig, <cluster>.audit.jsonl, the 'ready' file and the process log.
        [string] $Path = (Join-Path ([IO.Path]::GetTempPath()) ('liqo-sandbox-' + [guid]::NewGuid().ToString('n').Substring(0, 8))),
        # Names of the clusters to start.
        [ValidatePattern('^[a-z0-9]([-a-z0-9]*[a-z0-9])?$')]
        [string[]] $Cluster = @('consumer', 'provider'),
        # Start bare Kubernetes clusters, without the simulated Liqo installation.
        [switch] $Bare,
        # Extra arguments for the sandbox program (see docs/sandbox.md).
        [string[]] $ArgumentList = @(),
        # How long to wait for every cluster to serve.
        [ValidateRange(1, 600)]
        [int] $TimeoutSeconds = 60
    )
    if (-not (Test-Path $script:Program)) {
        throw "The sandbox program is missing at $script:Program; build it with: dotnet pwsh ./build.ps1 build"
    }
    $Path = $ExecutionContext.SessionState.Path.GetUnresolvedProviderPathFromPSPath($Path)
    if (-not $PSCmdlet.ShouldProcess("$($Cluster -join ', ') in $Path", 'Start sandbox clusters')) { return }
    $null = New-Item -ItemType Directory -Force $Path
    $ready = Join-Path $Path 'ready'
    Remove-Item $ready -ErrorAction Ignore

    # in a session of its own (setsid execs the program, so the process ID stays the sandbox's): Ctrl+C in the console
    # signals the console's process group, which then does not hold the servers
    $setsid = if (-not $IsWindows) { Get-Command setsid -CommandType Application -ErrorAction Ignore | Select-Object -First 1 }
    $psi = if ($setsid) { [Diagnostics.ProcessStartInfo]::new($setsid.Source) } else { [Diagnostics.ProcessStartInfo]::new('dotnet') }
    if ($setsid) { $psi.ArgumentList.Add('dotnet') }
    foreach ($a in @($script:Program, '--path', $Path, '--cluster', ($Cluster -join ','))) { $psi.ArgumentList.Add($a) }
    if ($Bare) { $psi.ArgumentList.Add('--bare') }
    foreach ($a in $ArgumentList) { $psi.ArgumentList.Add($a) }
    $psi.UseShellExecute = $false
    $psi.RedirectStandardOutput = $true
    $psi.RedirectStandardError = $true
    $psi.RedirectStandardInput = $true
    $process = [Diagnostics.Process]::Start($psi)
    # drain the output into a log file so the child never blocks on a full pipe
    $log = Join-Path $Path 'sandbox.log'
    $null = $process.StandardOutput.BaseStream.CopyToAsync([IO.File]::Open($log, 'Create', 'Write', 'ReadWrite'))
    $null = $process.StandardError.BaseStream.CopyToAsync([IO.File]::Open("$log.err", 'Create', 'Write', 'ReadWrite'))
    Set-Content (Join-Path $Path 'sandbox.pid') $process.Id

    $deadline = [DateTime]::UtcNow.AddSeconds($TimeoutSeconds)
    while (-not (Test-Path $ready)) {
        if ($process.HasExited) {
            $err = Get-Content "$log.err" -Raw -ErrorAction Ignore
            throw "The sandbox stopped before it was ready (exit code $($process.ExitCode)). $err"
        }
        if ([DateTime]::UtcNow -gt $deadline) {
            $process.Kill($true)
            throw "The sandbox did not become ready within $TimeoutSeconds s; see $log."
        }
        Start-Sleep -Milliseconds 50
    }
    foreach ($name in $Cluster) {
        $kubeconfig = Join-Path $Path "$name.kubeconfig"
        [pscustomobject]@{
            PSTypeName     = 'Liqo.SandboxCluster'
            Name           = $name
            KubeconfigPath = $kubeconfig
            Server         = Get-SandboxServer $kubeconfig
            AuditLogPath   = Join-Path $Path "$name.audit.jsonl"
            Path           = $Path
            ProcessId      = $process.Id
        }
    }
}

function Stop-LiqoSandbox {
    <#
    .SYNOPSIS
        Stops the sandbox started in -Path (or the one the piped cluster objects belong to).
    #>
    [CmdletBinding(SupportsShouldProcess, DefaultParameterSetName = 'Path')]
    [OutputType([void])]
    param(
        [Parameter(Mandatory, ParameterSetName = 'Path', Position = 0, ValueFromPipelineByPropertyName)]
        [string] $Path
    )
    begin { $done = @{} }
    process {
        $Path = $ExecutionContext.SessionState.Path.GetUnresolvedProviderPathFromPSPath($Path)
        if ($done.ContainsKey($Path)) { return }
        $done[$Path] = $true
        $pidFile = Join-Path $Path 'sandbox.pid'
        if (-not (Test-Path $pidFile)) { Write-Warning "No sandbox runs in $Path."; return }
        $id = [int](Get-Content $pidFile -Raw)
        $process = Get-Process -Id $id -ErrorAction Ignore
        if ($process -and $PSCmdlet.ShouldProcess("sandbox process $id ($Path)", 'Stop')) {
            # a graceful stop first (the program removes 'ready' and closes its servers), then a kill
            if ($IsWindows) { $process.Kill($true) } else { & kill -TERM $id 2>$null }
            if (-not $process.WaitForExit(10000)) { $process.Kill($true); $process.WaitForExit() }
        }
        Remove-Item $pidFile -ErrorAction Ignore
    }
}

Export-ModuleMember -Function Start-LiqoSandbox, Stop-LiqoSandbox
