#requires -Version 7.4
<#
.SYNOPSIS
    Runs every Pester file under tests/pester (or the files -Path names) against the built module (out/Liqo), with Pester
    taken from the NuGet global packages folder (restored by tests/pester/PesterPackages.csproj). Writes the counts to
    -SummaryPath. The PowerShell 7.4 leg (tests/Liqo.Pwsh74Host) runs it too, on a subset of the files.
.DESCRIPTION
    With -Jobs above 1, the files run in that many pwsh worker processes at once: each worker takes the next file from a
    queue (the slowest first, by the durations of the last run in out/pester-durations.json, else by file size) until none
    is left. Each file starts its own sandbox clusters, so files do not share state; most of a file's time is spent
    waiting for the sandbox's controllers, which is why two or three at once fit on two cores. Against real clusters
    (LIQO_TEST_CONSUMER_KUBECONFIG / LIQO_TEST_PROVIDER_KUBECONFIG) the files share one pair, so they run one at a time.
    Each worker's output is printed when all are done, file by file; then each file's duration. A worker process that
    dies under a file (a crash of the test host) is named with its exit code and the file is run once more in a fresh
    worker; the summary lists these as WorkerDeaths, and a second death is a counted failure.
#>
[CmdletBinding(DefaultParameterSetName = 'Run')]
param(
    [Parameter(ParameterSetName = 'Run')] [string[]] $Path = $PSScriptRoot,
    [Parameter(ParameterSetName = 'Run')] [string] $SummaryPath,
    [Parameter(ParameterSetName = 'Run')] [ValidateRange(1, 16)] [int] $Jobs = 1,
    [string] $PesterVersion = '5.7.1',
    # internal: run as a worker of a parallel run, taking files from this queue folder
    [Parameter(ParameterSetName = 'Worker', Mandatory)] [string] $QueueDirectory
)
$ErrorActionPreference = 'Stop'
$PSStyle.OutputRendering = 'PlainText'

function Import-Pester {
    $packages = if ($env:NUGET_PACKAGES) { $env:NUGET_PACKAGES } else { Join-Path $HOME '.nuget/packages' }
    $pester = Join-Path $packages "pester/$PesterVersion/tools/Pester.psd1"
    if (-not (Test-Path $pester)) { throw "Pester $PesterVersion is not at $pester; run: dotnet restore tests/pester/PesterPackages.csproj" }
    Import-Module $pester -Force
}

# Runs Pester on some files in this process; returns the counts, the failures and the duration of each file.
function Invoke-PesterFiles([string[]] $Files) {
    $config = New-PesterConfiguration
    $config.Run.Path = $Files
    $config.Run.PassThru = $true
    $config.Output.Verbosity = 'Detailed'
    $config.Output.RenderMode = 'Plaintext'
    $result = Invoke-Pester -Configuration $config
    [ordered]@{
        Passed    = $result.PassedCount
        Failed    = $result.FailedCount + $result.FailedBlocksCount + $result.FailedContainersCount
        Skipped   = $result.SkippedCount
        Failures  = @(
            foreach ($t in $result.Failed) { '{0}: {1}' -f $t.ExpandedPath, (($t.ErrorRecord | Select-Object -First 1) -split "`n")[0] }
            foreach ($b in $result.FailedBlocks) { '{0} (block): {1}' -f $b.ExpandedPath, (($b.ErrorRecord | Select-Object -First 1) -split "`n")[0] }
            foreach ($c in $result.FailedContainers) { '{0} (file): {1}' -f $c.Item, (($c.ErrorRecord | Select-Object -First 1) -split "`n")[0] }
        )
        Files     = @($result.Containers | ForEach-Object { [ordered]@{ File = Split-Path -Leaf "$($_.Item)"; Seconds = [math]::Round($_.Duration.TotalSeconds, 1) } })
    }
}

if ($PSCmdlet.ParameterSetName -eq 'Worker') {
    Import-Pester
    while ($true) {
        # claim the first file left: a rename succeeds for one worker only
        $next = Get-ChildItem -LiteralPath $QueueDirectory -Filter '*.todo' | Sort-Object Name | Select-Object -First 1
        if (-not $next) { break }
        $claimed = [IO.Path]::ChangeExtension($next.FullName, ".$PID")
        try { [IO.File]::Move($next.FullName, $claimed) } catch [IO.IOException] { continue }
        $file = (Get-Content -LiteralPath $claimed -Raw).Trim()
        $r = Invoke-PesterFiles @($file)
        $r | ConvertTo-Json -Depth 5 | Set-Content -LiteralPath ([IO.Path]::ChangeExtension($claimed, '.result'))
    }
    exit 0
}

# from a shell (-File), -Path a,b arrives as one string
$files = @(foreach ($p in $Path -split ',') {
        if (Test-Path -LiteralPath $p -PathType Container) { Get-ChildItem -LiteralPath $p -Filter '*.Tests.ps1' -File | ForEach-Object FullName }
        else { (Resolve-Path -LiteralPath $p).Path }
    })
$real = [bool]($env:LIQO_TEST_CONSUMER_KUBECONFIG -and $env:LIQO_TEST_PROVIDER_KUBECONFIG)
$durationsPath = Join-Path $PSScriptRoot '../../out/pester-durations.json'

if ($Jobs -le 1 -or $real -or $files.Count -le 1) {
    Import-Pester
    $summary = Invoke-PesterFiles $files
}
else {
    # the slowest files first, so that the last one to start is a short one
    $last = @{}
    if (Test-Path -LiteralPath $durationsPath) {
        (Get-Content -LiteralPath $durationsPath -Raw | ConvertFrom-Json).PSObject.Properties | ForEach-Object { $last[$_.Name] = [double]$_.Value }
    }
    $ordered = $files | Sort-Object -Descending { if ($last.ContainsKey((Split-Path -Leaf $_))) { $last[(Split-Path -Leaf $_)] * 1MB } else { (Get-Item $_).Length } }
    $queue = Join-Path ([IO.Path]::GetTempPath()) ('liqo-pester-queue-' + [guid]::NewGuid().ToString('n').Substring(0, 8))
    $null = New-Item -ItemType Directory $queue
    $i = 0
    foreach ($f in $ordered) { Set-Content -LiteralPath (Join-Path $queue ('{0:d4}.todo' -f $i++)) -Value $f }

    # the same pwsh that runs this script (under `dotnet pwsh`, dotnet with pwsh.dll as its first argument)
    $exe = [Environment]::ProcessPath
    $prefix = @(if ([IO.Path]::GetFileNameWithoutExtension($exe) -eq 'dotnet') { [Environment]::GetCommandLineArgs()[0] })
    $logs = [Collections.Generic.List[string]]::new()
    $exitCodes = @{}
    function Start-Workers([int] $Count) {
        $started = for ($w = 1; $w -le $Count; $w++) {
            $log = Join-Path $queue ('worker-{0}.log' -f ($logs.Count + 1))
            $logs.Add($log)
            $argv = $prefix + @('-NoProfile', '-NonInteractive', '-File', $PSCommandPath, '-QueueDirectory', $queue, '-PesterVersion', $PesterVersion)
            Start-Process -FilePath $exe -ArgumentList $argv -RedirectStandardOutput $log -RedirectStandardError "$log.err" -NoNewWindow -PassThru
        }
        $started | Wait-Process
        foreach ($p in $started) { $exitCodes["$($p.Id)"] = $p.ExitCode }
    }
    # A file whose worker ended without its result: the worker process died under it (a crash of the test host, e.g. a
    # native fault, or a test that ended the process). Each is named, with the worker's exit code, and run once more in
    # a fresh worker; a second death is a counted failure.
    function Get-Orphans {
        Get-ChildItem -LiteralPath $queue | Where-Object { $_.Extension -notin '.result', '.log', '.err', '.todo' -and $_.Name -notlike 'worker-*' -and
            -not (Test-Path -LiteralPath ([IO.Path]::ChangeExtension($_.FullName, '.result'))) }
    }

    # every process the workers start inherits this mark: sandboxes a dead worker could not stop are found by it
    $env:LIQO_PESTER_RUN = [guid]::NewGuid().ToString('n')
    Write-Host "Pester: $($files.Count) files in $([math]::Min($Jobs, $files.Count)) worker processes (output follows when all are done)"
    Start-Workers ([math]::Min($Jobs, $files.Count))
    $crashes = @(foreach ($orphan in Get-Orphans) {
            $file = (Get-Content -LiteralPath $orphan.FullName -Raw).Trim()
            $workerPid = $orphan.Extension.TrimStart('.')
            "$file`: worker process $workerPid ended without its result (exit code $($exitCodes[$workerPid])); run again in a fresh worker"
            Move-Item -LiteralPath $orphan.FullName -Destination (Join-Path $queue ('again-{0}.todo' -f $orphan.BaseName))
        })
    if ($crashes) {
        foreach ($c in $crashes) { Write-Host "WORKER DIED: $c" }
        Start-Workers 1
    }
    # Sandboxes run in sessions of their own (setsid), so a worker's death leaves its sandboxes running; stop what is left.
    if ($IsLinux) {
        $mark = "LIQO_PESTER_RUN=$env:LIQO_PESTER_RUN"
        $left = @(Get-ChildItem /proc -Directory -ErrorAction Ignore | Where-Object { $_.Name -match '^\d+$' -and [int]$_.Name -ne $PID } | Where-Object {
                try { ([IO.File]::ReadAllText("$($_.FullName)/environ")).Split([char]0) -contains $mark } catch { $false } })
        foreach ($p in $left) { Stop-Process -Id ([int]$p.Name) -Force -ErrorAction Ignore }
        if ($left) { Write-Host "Pester: stopped $($left.Count) process(es) the workers left running (sandboxes of a worker that died)" }
    }
    foreach ($log in $logs) {
        Get-Content -LiteralPath $log -ErrorAction Ignore | Write-Host
        Get-Content -LiteralPath "$log.err" -ErrorAction Ignore | Write-Host
    }

    $summary = [ordered]@{ Passed = 0; Failed = 0; Skipped = 0; Failures = @(); Files = @(); Crashes = $crashes }
    foreach ($token in Get-ChildItem -LiteralPath $queue | Where-Object { $_.Extension -notin '.result', '.log', '.err' -and $_.Name -notlike 'worker-*' }) {
        $file = (Get-Content -LiteralPath $token.FullName -Raw).Trim()
        $resultPath = [IO.Path]::ChangeExtension($token.FullName, '.result')
        if ($token.Extension -eq '.todo' -or -not (Test-Path -LiteralPath $resultPath)) {
            # never taken, or its worker died under it twice: a counted failure
            $summary.Failed++
            $summary.Failures += "$file (file): no result; its worker process ended without one (exit code $($exitCodes[$token.Extension.TrimStart('.')]); see its output above)"
            continue
        }
        $r = Get-Content -LiteralPath $resultPath -Raw | ConvertFrom-Json
        $summary.Passed += $r.Passed; $summary.Failed += $r.Failed; $summary.Skipped += $r.Skipped
        $summary.Failures += @($r.Failures)
        $summary.Files += @($r.Files)
    }
    Remove-Item -LiteralPath $queue -Recurse -Force -ErrorAction Ignore
}

if (@($summary.Files).Count -gt 1) {
    Write-Host 'Pester file durations (seconds):'
    $summary.Files | Sort-Object { $_.Seconds } -Descending | ForEach-Object { Write-Host ('  {0,7:n1}  {1}' -f $_.Seconds, $_.File) }
    if (Test-Path -LiteralPath (Split-Path $durationsPath)) {
        $d = [ordered]@{}
        foreach ($f in $summary.Files) { $d[$f.File] = $f.Seconds }
        $d | ConvertTo-Json | Set-Content -LiteralPath $durationsPath
    }
}
$out = [ordered]@{ Passed = $summary.Passed; Failed = $summary.Failed; Skipped = $summary.Skipped; Failures = @($summary.Failures); WorkerDeaths = @($summary['Crashes'] | Where-Object { $_ }) }
if ($SummaryPath) { $out | ConvertTo-Json | Set-Content $SummaryPath }
"$($out.Passed) passed, $($out.Failed) failed, $($out.Skipped) skipped"
exit ([int]($out.Failed -gt 0))
