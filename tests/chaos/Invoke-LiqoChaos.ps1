#requires -Version 7.4
<#
.SYNOPSIS
    The chaos suite of issue 12: New-LiqoPeering and Remove-LiqoPeering on sandbox clusters under injected faults,
    outages, interruptions and concurrency. Prints a table and writes a JSON report. Run it with `build.ps1 chaos`.
.DESCRIPTION
    Loopback only (sandbox clusters on 127.0.0.1), bounded in count (the parameters) and in time (-Budget: each scenario
    gets a share and stops when it is spent, the suite stops the sandboxes and ends by itself). Scenarios and goals:
      flaky       peer + unpeer -Rounds times under 20% injected 500/503/429 and 30% dropped watches on both clusters:
                  every round succeeds, no duplicate object;
      outage      a 5-second outage of each cluster during each wait of New-LiqoPeering: every run finishes within -Timeout;
      interrupt   New-LiqoPeering and Remove-LiqoPeering stopped (Ctrl+C: the pipeline stopped; kill: the process killed)
                  after their Nth write, for every N, then run again: every re-run converges, and one more run writes nothing;
      concurrent  two New-LiqoPeering on the same pair at once, -ConcurrentRounds times: both succeed, no duplicate object;
      race        New-LiqoPeering racing Remove-LiqoPeering (every other round with -DeleteNamespaces), -ConcurrentRounds
                  times: New ends established, Remove removed or says why not (ResourceSlicesPresent), the end state is
                  peered or unpeered, no duplicate object;
      badinput    every case of tests/pester/BadInputCatalogue.psd1 (bad values for every writing cmdlet): each fails with
                  its ErrorId and a message naming the parameter, and neither cluster's audit log has a write of the module;
      secrets     no private key, token or client key of the kubeconfigs in any stream, result, error or file of the run.
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $OutDirectory,
    [int] $Rounds = 20,
    [int] $ConcurrentRounds = 10,
    [TimeSpan] $Budget = [TimeSpan]::FromMinutes(30),
    [switch] $Quick,
    # the scenarios to run (all by default); the secret scan always runs, over what the chosen ones wrote
    [ValidateSet('badinput', 'flaky', 'concurrent', 'race', 'interrupt', 'outage')]
    [string[]] $Scenario = @('badinput', 'flaky', 'concurrent', 'race', 'interrupt', 'outage')
)
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
if ($Quick) { $Rounds = 2; $ConcurrentRounds = 1; $Budget = [TimeSpan]::FromMinutes(6) }

$root = Resolve-Path (Join-Path $PSScriptRoot '../..')
$modulePath = Join-Path $root 'out/Liqo/Liqo.psd1'
Import-Module $modulePath -Force
Import-Module (Join-Path $root 'out/LiqoSandbox/LiqoSandbox.psd1') -Force
Import-Module (Join-Path $root 'tests/pester/SandboxFaults.psm1') -Force
$null = New-Item -ItemType Directory -Force $OutDirectory
$work = Join-Path $OutDirectory 'work'
if (Test-Path $work) { Remove-Item $work -Recurse -Force }
$null = New-Item -ItemType Directory -Force $work
$streams = Join-Path $OutDirectory 'streams.txt'
Set-Content $streams ''
$started = [DateTime]::UtcNow
$loadAtStart = (Get-Content /proc/loadavg -ErrorAction Ignore) -split ' ' | Select-Object -First 3
$suiteDeadline = $started + $Budget
$rows = [Collections.Generic.List[object]]::new()
$sandboxes = [Collections.Generic.List[string]]::new()

function Start-Pair([string] $Name, [string[]] $Knobs = @()) {
    $path = Join-Path $work $Name
    $sandboxes.Add($path)
    $c, $p = Start-LiqoSandbox -Path $path -ArgumentList $Knobs
    [pscustomobject]@{
        Path = $path; Consumer = $c.KubeconfigPath; Provider = $p.KubeconfigPath
        C = Get-LiqoClusterId -Kubeconfig $c.KubeconfigPath; P = Get-LiqoClusterId -Kubeconfig $p.KubeconfigPath
    }
}

# every record a command wrote (output, errors, warnings, verbose, information) goes to streams.txt for the secret scan
function Save-Streams([object[]] $Records) {
    $text = ($Records | ForEach-Object {
            if ($_ -is [Management.Automation.ErrorRecord]) { "$($_.FullyQualifiedErrorId): $_`n$($_.ErrorDetails)`n$($_.Exception | Format-List * -Force | Out-String)" }
            elseif ($_ -is [Management.Automation.InformationalRecord]) { $_.Message }
            elseif ($_ -is [Management.Automation.InformationRecord]) { "$($_.MessageData)" }
            else { $_ | Format-List * -Force | Out-String -Width 300 }
        }) -join "`n"
    Add-Content $streams $text
}

# the job body: a Liqo command with every stream merged into its output, a terminating error included
$jobBody = {
    param($module, $command, $arguments)
    Import-Module $module
    $VerbosePreference = 'Continue' # each retry is a Verbose line
    try { & ([scriptblock]::Create($command)) @arguments *>&1 } catch { $_ }
}

function Start-LiqoJob([string] $Command, [hashtable] $Arguments) {
    Start-ThreadJob -ScriptBlock $jobBody -ArgumentList $modulePath, $Command, $Arguments
}

function Receive-LiqoJob($Job) {
    $null = Wait-Job $Job
    $records = @(Receive-Job $Job -ErrorAction SilentlyContinue)
    Remove-Job $Job -Force
    Save-Streams $records
    [pscustomobject]@{
        Output  = @($records | Where-Object { $_ -isnot [Management.Automation.ErrorRecord] -and $_ -isnot [Management.Automation.InformationalRecord] -and $_ -isnot [Management.Automation.InformationRecord] })
        Errors  = @($records | Where-Object { $_ -is [Management.Automation.ErrorRecord] } | ForEach-Object { "$($_.FullyQualifiedErrorId -replace ',.*$'): $_" })
        Retries = @($records | Where-Object { $_ -is [Management.Automation.VerboseRecord] -and $_.Message -like 'Retrying*' }).Count
    }
}

$peerCommand = 'param($Kubeconfig, $RemoteKubeconfig, $Timeout) New-LiqoPeering -Kubeconfig $Kubeconfig -RemoteKubeconfig $RemoteKubeconfig -Timeout $Timeout'
$unpeerCommand = 'param($Kubeconfig, $RemoteKubeconfig, $Timeout) Remove-LiqoPeering -Kubeconfig $Kubeconfig -RemoteKubeconfig $RemoteKubeconfig -Timeout $Timeout -Confirm:$false -PassThru'

function Invoke-Liqo([string] $Command, $Pair, [TimeSpan] $Timeout = [TimeSpan]::FromMinutes(3)) {
    $watch = [Diagnostics.Stopwatch]::StartNew()
    $run = Receive-LiqoJob (Start-LiqoJob $Command @{ Kubeconfig = $Pair.Consumer; RemoteKubeconfig = $Pair.Provider; Timeout = $Timeout })
    $run | Add-Member Seconds $watch.Elapsed.TotalSeconds -PassThru
}

function Get-Duplicates($Pair) {
    $c = Get-PeeringObjectCount $Pair.Consumer $Pair.P
    $p = Get-PeeringObjectCount $Pair.Provider $Pair.C
    $dups = @($c.PSObject.Properties + $p.PSObject.Properties | Where-Object { $_.Value -gt 1 -and $_.Name -ne 'Identity' } | ForEach-Object Name)
    $dups
}

function Test-Unpeered($Pair) {
    $c = Get-PeeringObjectCount $Pair.Consumer $Pair.P
    $p = Get-PeeringObjectCount $Pair.Provider $Pair.C
    ($c.ResourceSlice + $c.VirtualNode + $c.GatewayClient + $c.Configuration + $p.Tenant + $p.GatewayServer + $p.Configuration) -eq 0
}

# the module's writes in the audit logs after a mark (byte offsets, so a poll reads only what is new)
function Get-ModuleWriteCount($Pair, [hashtable] $Mark) {
    $n = 0
    foreach ($cluster in 'consumer', 'provider') {
        foreach ($line in (Read-AuditTail (Join-Path $Pair.Path "$cluster.audit.jsonl") $Mark[$cluster])) {
            if ($line.Contains('Liqo-PowerShell') -and $line -match '"verb":"(create|update|patch|delete)"') { $n++ }
        }
    }
    $n
}

function Read-AuditTail([string] $Path, [long] $Offset) {
    $stream = [IO.File]::Open($Path, 'Open', 'Read', 'ReadWrite')
    try {
        $null = $stream.Seek($Offset, 'Begin')
        $reader = [IO.StreamReader]::new($stream)
        $reader.ReadToEnd() -split "`n"
    }
    finally { $stream.Dispose() }
}

# the audit logs' lengths once they are quiet (they are written asynchronously: no change for 300 ms, at most 5 s)
function Get-AuditMark($Pair) {
    $mark = @{}
    foreach ($cluster in 'consumer', 'provider') {
        $path = Join-Path $Pair.Path "$cluster.audit.jsonl"
        $length = (Get-Item $path).Length
        for ($deadline = [DateTime]::UtcNow.AddSeconds(5); [DateTime]::UtcNow -lt $deadline;) {
            Start-Sleep -Milliseconds 300
            $now = (Get-Item $path).Length
            if ($now -eq $length) { break }
            $length = $now
        }
        $mark[$cluster] = $length
    }
    $mark
}

function Add-Row([string] $Scenario, [string] $Goal, [int] $Done, [int] $Met, [string] $Notes, [double[]] $Seconds = @()) {
    $sorted = @($Seconds | Sort-Object)
    $rows.Add([pscustomobject]@{
            Scenario = $Scenario; Goal = $Goal; Runs = $Done; Met = $Met
            Result   = if ($Done -gt 0 -and $Met -eq $Done) { 'pass' } elseif ($Done -eq 0) { 'not run' } else { 'FAIL' }
            P50s     = if ($sorted.Count) { [math]::Round($sorted[[int][math]::Floor(($sorted.Count - 1) / 2)], 1) } else { $null }
            MaxS     = if ($sorted.Count) { [math]::Round($sorted[-1], 1) } else { $null }
            Notes    = $Notes
        })
    Write-Host ("{0,-11} {1}/{2} {3}" -f $Scenario, $Met, $Done, $Notes)
}

# whether a running job has written the step line ending with $Step (steps are information records, mirrored to Verbose)
function Test-StepSeen($Job, [string] $Step) {
    try {
        $records = @($Job.Output)
        [bool]($records | Where-Object {
                ($_ -is [Management.Automation.VerboseRecord] -and $_.Message -like "*$Step") -or
                ($_ -is [Management.Automation.InformationRecord] -and "$($_.MessageData)" -like "*$Step") })
    }
    catch { $false } # the collection changed while it was read: look again
}

function Get-ShareDeadline([double] $Share) {
    $left = ($suiteDeadline - [DateTime]::UtcNow).TotalSeconds
    [DateTime]::UtcNow.AddSeconds([math]::Max(0, $left * $Share))
}

function Test-Peered($Pair) {
    $c = Get-PeeringObjectCount $Pair.Consumer $Pair.P
    $p = Get-PeeringObjectCount $Pair.Provider $Pair.C
    $c.Namespace -eq 1 -and $c.ResourceSlice -eq 1 -and $c.VirtualNode -eq 1 -and $c.Configuration -eq 1 -and $c.GatewayClient -eq 1 -and
    $p.Namespace -eq 1 -and $p.Tenant -eq 1 -and $p.Configuration -eq 1 -and $p.GatewayServer -eq 1
}

$pair = $null
try {
    if ($Scenario -contains 'badinput') {
    # ---- badinput: every case of the catalogue is refused with its ErrorId before anything is written on either cluster
    $bad = Start-Pair 'badinput'
    $done = 0; $met = 0; $seconds = @(); $failures = @(); $writes = 0
    $mark = Get-AuditMark $bad
    foreach ($case in (Import-PowerShellDataFile (Join-Path $root 'tests/pester/BadInputCatalogue.psd1')).Cases) {
        if ([DateTime]::UtcNow -gt $suiteDeadline) { break }
        $arguments = $case.Arguments.Clone()
        $arguments.Kubeconfig = $bad.Consumer
        if ($case.Two) { $arguments.RemoteKubeconfig = $bad.Provider }
        if ($arguments.ContainsKey('OutFile')) { $arguments.OutFile = Join-Path $bad.Path $arguments.OutFile }
        $watch = [Diagnostics.Stopwatch]::StartNew()
        $e = $null
        $records = @(try { & $case.Command @arguments -ErrorAction Stop *>&1 } catch { $e = $_ })
        $seconds += $watch.Elapsed.TotalSeconds
        Save-Streams (@($records) + @($e | Where-Object { $_ }))
        $next = Get-AuditMark $bad
        $caseWrites = Get-ModuleWriteCount $bad $mark
        $mark = $next
        $writes += $caseWrites
        $ok = $e -and $e.FullyQualifiedErrorId -like "$($case.Id),*" -and $caseWrites -eq 0 -and
            (-not $case.Parameter -or $e.Exception.Message -like "*-$($case.Parameter) '*' is not valid: it *")
        $done++
        if ($ok) { $met++ } else { $failures += "$($case.Case): $caseWrites writes, $(if ($e) { "$($e.FullyQualifiedErrorId -replace ',.*$'): $e" } else { 'no error' })" }
    }
    Add-Row 'badinput' "every catalogue case refused with its ErrorId and parameter, 0 writes on both clusters (audit logs)" $done $met `
        "$writes writes in the audit logs$(if ($failures) { '; ' + ($failures -join ' | ') })" $seconds

    }

    if ($Scenario -contains 'flaky') {
    # ---- flaky: peer + unpeer under 20% injected 500/503/429 and dropped watches on both clusters
    $pair = Start-Pair 'flaky'
    $deadline = Get-ShareDeadline 0.3
    $done = 0; $met = 0; $dupRounds = 0; $retries = 0; $seconds = @(); $failures = @()
    for ($i = 1; $i -le $Rounds -and [DateTime]::UtcNow -lt $deadline; $i++) {
        foreach ($cluster in 'consumer', 'provider') {
            Set-SandboxFault $pair.Path $cluster -Seed (100 * $i + $cluster.Length) @(
                @{ user = 'kubernetes-admin'; status = 500; probability = 0.07 }
                @{ user = 'kubernetes-admin'; status = 503; probability = 0.07; retryAfterSeconds = 1 }
                @{ user = 'kubernetes-admin'; status = 429; probability = 0.06; retryAfterSeconds = 1 }
                @{ user = 'kubernetes-admin'; verb = 'watch'; dropWatchAfterEvents = 0; probability = 0.3 })
        }
        $peer = Invoke-Liqo $peerCommand $pair
        $unpeer = Invoke-Liqo $unpeerCommand $pair
        Clear-SandboxFault $pair.Path 'consumer'; Clear-SandboxFault $pair.Path 'provider'
        $dups = @(Get-Duplicates $pair)
        $ok = $peer.Errors.Count -eq 0 -and $unpeer.Errors.Count -eq 0 -and ($peer.Output | Where-Object { $_.PSObject.Properties['VirtualNodeReady'] -and $_.VirtualNodeReady }) -and (Test-Unpeered $pair)
        $done++; if ($ok -and $dups.Count -eq 0) { $met++ } else { $failures += "round ${i}: $($peer.Errors + $unpeer.Errors + $dups -join '; ')" }
        if ($dups.Count) { $dupRounds++ }
        $retries += $peer.Retries + $unpeer.Retries
        $seconds += $peer.Seconds + $unpeer.Seconds
        if (-not $ok) { Invoke-Liqo $unpeerCommand $pair | Out-Null } # start the next round clean
    }
    Add-Row 'flaky' "peer+unpeer $Rounds/$Rounds under 20% 500/503/429 + 30% dropped watches, no duplicates" $done $met `
        "$retries retries (Verbose lines); rounds with duplicates: $dupRounds$(if ($failures) { '; ' + ($failures -join ' | ') })" $seconds

    }

    if ($Scenario -contains 'concurrent') {
    if (-not $pair) { $pair = Start-Pair 'shared' }
    # ---- concurrent: two New-LiqoPeering on the same pair at once
    $deadline = Get-ShareDeadline 0.2
    $done = 0; $met = 0; $seconds = @(); $failures = @()
    for ($i = 1; $i -le $ConcurrentRounds -and [DateTime]::UtcNow -lt $deadline; $i++) {
        $watch = [Diagnostics.Stopwatch]::StartNew()
        $jobs = 1..2 | ForEach-Object { Start-LiqoJob $peerCommand @{ Kubeconfig = $pair.Consumer; RemoteKubeconfig = $pair.Provider; Timeout = [TimeSpan]::FromMinutes(3) } }
        $runs = @($jobs | ForEach-Object { Receive-LiqoJob $_ })
        $seconds += $watch.Elapsed.TotalSeconds
        $dups = @(Get-Duplicates $pair)
        $ok = @($runs | Where-Object { $_.Errors.Count -eq 0 -and ($_.Output | Where-Object { $_.PSObject.Properties['VirtualNodeReady'] -and $_.VirtualNodeReady }) }).Count -eq 2
        $done++; if ($ok -and $dups.Count -eq 0) { $met++ } else { $failures += "round ${i}: $(($runs | ForEach-Object Errors) + $dups -join '; ')" }
        $null = Invoke-Liqo $unpeerCommand $pair
    }
    Add-Row 'concurrent' "two New-LiqoPeering at once ${ConcurrentRounds}x: both established, no raw 409, no duplicates" $done $met ($failures -join ' | ') $seconds

    }

    if ($Scenario -contains 'race') {
    if (-not $pair) { $pair = Start-Pair 'shared' }
    # ---- race: New-LiqoPeering racing Remove-LiqoPeering on the same pair, from a finished peering
    $deadline = Get-ShareDeadline 0.2
    $done = 0; $met = 0; $seconds = @(); $failures = @(); $ends = @{ peered = 0; unpeered = 0 }
    $removeNamespaces = 'param($Kubeconfig, $RemoteKubeconfig, $Timeout) Remove-LiqoPeering -Kubeconfig $Kubeconfig -RemoteKubeconfig $RemoteKubeconfig -Timeout $Timeout -DeleteNamespaces -Confirm:$false -PassThru'
    for ($i = 1; $i -le $ConcurrentRounds -and [DateTime]::UtcNow -lt $deadline; $i++) {
        if (-not (Test-Peered $pair)) { $null = Invoke-Liqo $peerCommand $pair }
        $watch = [Diagnostics.Stopwatch]::StartNew()
        $arguments = @{ Kubeconfig = $pair.Consumer; RemoteKubeconfig = $pair.Provider; Timeout = [TimeSpan]::FromMinutes(3) }
        $newJob = Start-LiqoJob $peerCommand $arguments
        $removeJob = Start-LiqoJob ($i % 2 ? $unpeerCommand : $removeNamespaces) $arguments
        $new = Receive-LiqoJob $newJob
        $remove = Receive-LiqoJob $removeJob
        $seconds += $watch.Elapsed.TotalSeconds
        $peered = Test-Peered $pair
        $unpeered = Test-Unpeered $pair
        $dups = @(Get-Duplicates $pair)
        $ok = $new.Errors.Count -eq 0 -and ($new.Output | Where-Object { $_.PSObject.Properties['VirtualNodeReady'] -and $_.VirtualNodeReady }) -and
            @($remove.Errors | Where-Object { $_ -notlike 'ResourceSlicesPresent:*' }).Count -eq 0 -and ($peered -or $unpeered) -and
            -not ($remove.Errors.Count -and -not $peered) -and $dups.Count -eq 0
        if ($peered) { $ends.peered++ } elseif ($unpeered) { $ends.unpeered++ }
        $done++; if ($ok) { $met++ } else { $failures += "round ${i}: peered=$peered unpeered=$unpeered; $(($new.Errors + $remove.Errors + $dups) -join '; ')" }
    }
    $null = Invoke-Liqo $unpeerCommand $pair
    Add-Row 'race' "New-LiqoPeering racing Remove-LiqoPeering (-DeleteNamespaces every other round) ${ConcurrentRounds}x: New established, end state peered or unpeered, each reports what it did" $done $met `
        "ended peered $($ends.peered), unpeered $($ends.unpeered)$(if ($failures) { '; ' + ($failures -join ' | ') })" $seconds

    }

    if ($Scenario -contains 'interrupt') {
    if (-not $pair) { $pair = Start-Pair 'shared' }
    # ---- interrupt: stop New-/Remove-LiqoPeering after the Nth write, then run again
    $deadline = Get-ShareDeadline 0.6
    $done = 0; $met = 0; $failures = @(); $seconds = @(); $interrupted = 0
    $mark = Get-AuditMark $pair
    $null = Invoke-Liqo $peerCommand $pair
    $newWrites = Get-ModuleWriteCount $pair $mark
    $mark = Get-AuditMark $pair
    $null = Invoke-Liqo $unpeerCommand $pair
    $removeWrites = Get-ModuleWriteCount $pair $mark
    $cases = @(foreach ($n in 1..([math]::Max(1, $newWrites - 1))) { [pscustomobject]@{ Command = 'New'; N = $n; Mode = 'stop' } }) +
             @(foreach ($n in 1..([math]::Max(1, $removeWrites - 1))) { [pscustomobject]@{ Command = 'Remove'; N = $n; Mode = 'stop' } }) +
             @(foreach ($n in 1..([math]::Max(1, $newWrites - 1))) { [pscustomobject]@{ Command = 'New'; N = $n; Mode = 'kill' } })
    foreach ($case in $cases) {
        if ([DateTime]::UtcNow -ge $deadline) { break }
        $watch = [Diagnostics.Stopwatch]::StartNew()
        # the state before: unpeered for New, peered for Remove
        if ($case.Command -eq 'New') { $null = Invoke-Liqo $unpeerCommand $pair } else { $null = Invoke-Liqo $peerCommand $pair }
        $command = if ($case.Command -eq 'New') { $peerCommand } else { $unpeerCommand }
        $mark = Get-AuditMark $pair
        if ($case.Mode -eq 'stop') {
            $job = Start-LiqoJob $command @{ Kubeconfig = $pair.Consumer; RemoteKubeconfig = $pair.Provider; Timeout = [TimeSpan]::FromMinutes(3) }
            while ($job.State -in 'NotStarted', 'Running' -and (Get-ModuleWriteCount $pair $mark) -lt $case.N) { Start-Sleep -Milliseconds 10 }
            if ($job.State -eq 'Running') { $interrupted++ }
            Stop-Job $job
            $null = Receive-LiqoJob $job
        }
        else {
            $script = Join-Path $work "kill-$($case.N).ps1"
            Set-Content $script "Import-Module '$modulePath'; New-LiqoPeering -Kubeconfig '$($pair.Consumer)' -RemoteKubeconfig '$($pair.Provider)' -Timeout 3m *>&1 | Out-String | Add-Content '$streams'"
            $psi = [Diagnostics.ProcessStartInfo]::new([Environment]::ProcessPath)
            if ([IO.Path]::GetFileNameWithoutExtension([Environment]::ProcessPath) -eq 'dotnet') { $psi.ArgumentList.Add([Environment]::GetCommandLineArgs()[0]) }
            foreach ($a in '-NoProfile', '-NonInteractive', '-File', $script) { $psi.ArgumentList.Add($a) }
            $psi.UseShellExecute = $false
            $process = [Diagnostics.Process]::Start($psi)
            while (-not $process.HasExited -and (Get-ModuleWriteCount $pair $mark) -lt $case.N) { Start-Sleep -Milliseconds 10 }
            if (-not $process.HasExited) { $interrupted++; $process.Kill($true) }
            $process.WaitForExit()
        }
        $again = Invoke-Liqo $command $pair
        $converged = if ($case.Command -eq 'New') {
            $again.Errors.Count -eq 0 -and ($again.Output | Where-Object { $_.PSObject.Properties['VirtualNodeReady'] -and $_.VirtualNodeReady }) -and @(Get-Duplicates $pair).Count -eq 0
        }
        else { ($again.Errors.Count -eq 0 -or ($again.Errors -join '') -like 'PeeringNotFound*') -and (Test-Unpeered $pair) }
        $mark = Get-AuditMark $pair
        $third = Invoke-Liqo $command $pair
        $quiet = (Get-ModuleWriteCount $pair $mark) -eq 0
        $seconds += $watch.Elapsed.TotalSeconds
        $done++
        if ($converged -and $quiet) { $met++ } else { $failures += "$($case.Command) $($case.Mode) after write $($case.N): converged=$converged, third run wrote nothing=$quiet $($again.Errors -join '; ')" }
    }
    $planned = $cases.Count
    Add-Row 'interrupt' "stop/kill after every write N of New ($newWrites writes) and Remove ($removeWrites writes), re-run converges, next run writes nothing" $done $met `
        "$done of $planned cases run, $interrupted of them stopped while the command ran (the others had finished when the audit log showed the Nth write)$(if ($failures) { '; ' + ($failures -join ' | ') })" $seconds
    $null = Invoke-Liqo $unpeerCommand $pair

    }

    if ($Scenario -contains 'outage') {
    # ---- outage: a 5-second outage of each cluster during each wait of New-LiqoPeering
    $slow = Start-Pair 'outage' @('--latency', '700ms')
    $deadline = Get-ShareDeadline 0.9
    $triggers = 'Gateway server correctly set up', 'Gateway client correctly set up', 'Connection created successfully', 'Nonce secret ensured',
        'Signed nonce secret ensured', 'Tenant correctly applied on provider cluster', 'Identity correctly applied on consumer cluster', 'ResourceSlice created'
    $done = 0; $met = 0; $failures = @(); $seconds = @(); $timeout = [TimeSpan]::FromMinutes(3); $hits = 0
    foreach ($cluster in 'consumer', 'provider') {
        foreach ($trigger in $triggers) {
            if ([DateTime]::UtcNow -ge $deadline) { break }
            $null = Invoke-Liqo $unpeerCommand $slow
            $watch = [Diagnostics.Stopwatch]::StartNew()
            $job = Start-LiqoJob $peerCommand @{ Kubeconfig = $slow.Consumer; RemoteKubeconfig = $slow.Provider; Timeout = $timeout }
            while ($job.State -in 'NotStarted', 'Running' -and -not (Test-StepSeen $job $trigger)) { Start-Sleep -Milliseconds 20 }
            $hit = $job.State -eq 'Running'
            if ($hit) {
                $hits++
                Set-SandboxFault $slow.Path $cluster -Unreachable
                Start-Sleep -Seconds 5
                Clear-SandboxFault $slow.Path $cluster
            }
            $run = Receive-LiqoJob $job
            $seconds += $watch.Elapsed.TotalSeconds
            $ok = $run.Errors.Count -eq 0 -and ($run.Output | Where-Object { $_.PSObject.Properties['VirtualNodeReady'] -and $_.VirtualNodeReady }) -and $watch.Elapsed -lt $timeout
            $done++
            if ($ok) { $met++ } else { $failures += "$cluster after '$trigger' (outage during the run: $hit): $($run.Errors -join '; ')" }
        }
    }
    Add-Row 'outage' "5 s outage of each cluster after each of $($triggers.Count) steps that precede a wait: finish within -Timeout 3m" $done $met `
        "$hits of $done outages began while the command ran$(if ($failures) { '; ' + ($failures -join ' | ') })" $seconds
    }
}
finally {
    foreach ($p in $sandboxes) { Stop-LiqoSandbox -Path $p -ErrorAction Continue }
}

# ---- secrets: no key, token or client key in any stream, result, error or file of the run
$secrets = [Collections.Generic.List[string]]::new()
foreach ($kubeconfig in Get-ChildItem $work -Recurse -Filter '*.kubeconfig') {
    $text = Get-Content $kubeconfig -Raw
    foreach ($m in [regex]::Matches($text, '(?m)^\s*(client-key-data|token):\s*"?([^"\s]+)')) { $secrets.Add($m.Groups[2].Value) }
    foreach ($m in [regex]::Matches($text, '(?m)^\s*client-key-data:\s*"?([^"\s]+)')) {
        $pem = [Text.Encoding]::UTF8.GetString([Convert]::FromBase64String($m.Groups[1].Value))
        $body = ($pem -split "`n" | Where-Object { $_ -and $_ -notlike '-----*' }) | Select-Object -First 1
        if ($body) { $secrets.Add($body) }
    }
}
$scanned = @(Get-Item $streams) + @(Get-ChildItem $work -Recurse -File | Where-Object { $_.Extension -notin '.kubeconfig' -and $_.Name -notlike '*.audit.jsonl' -and $_.Name -notlike 'sandbox.log*' })
$leaks = @(foreach ($f in $scanned) {
        $text = Get-Content $f -Raw -ErrorAction Ignore
        if (-not $text) { continue }
        if ($text -match '-----BEGIN [A-Z ]*PRIVATE KEY-----') { "$($f.Name): a PEM private key" }
        foreach ($s in $secrets) { if ($s.Length -ge 16 -and $text.Contains($s)) { "$($f.Name): a kubeconfig credential" } }
    })
$streamBytes = (Get-Item $streams).Length
Add-Row 'secrets' 'no private key, token or client key in any stream, result, error or file' $scanned.Count ($scanned.Count - @($leaks | ForEach-Object { ($_ -split ':')[0] } | Sort-Object -Unique).Count) `
    "$($scanned.Count) files scanned ($([math]::Round($streamBytes / 1KB)) KiB of streams) for $($secrets.Count) credentials$(if ($leaks) { '; ' + ($leaks -join ' | ') })"

$machine = [ordered]@{
    Date      = $started.ToString('yyyy-MM-dd HH:mm') + ' UTC'
    Cores     = [Environment]::ProcessorCount
    Cpu       = (Get-Content /proc/cpuinfo -ErrorAction Ignore | Select-String '^model name' | Select-Object -First 1) -replace '^.*:\s*', ''
    Os        = [Runtime.InteropServices.RuntimeInformation]::OSDescription
    LoadStart = $loadAtStart
    LoadEnd   = (Get-Content /proc/loadavg -ErrorAction Ignore) -split ' ' | Select-Object -First 3
    Duration  = [math]::Round(([DateTime]::UtcNow - $started).TotalMinutes, 1)
}
$report = [ordered]@{ Machine = $machine; Rows = $rows }
$report | ConvertTo-Json -Depth 6 | Set-Content (Join-Path $OutDirectory '../chaos.json')
Write-Host ''
Write-Host "Chaos suite, $($machine.Date), $($machine.Cores) cores, load average $($machine.LoadStart -join ' ') at the start, $($machine.LoadEnd -join ' ') at the end, $($machine.Duration) min"
$rows | Format-Table Scenario, Runs, Met, Result, P50s, MaxS, Goal -AutoSize -Wrap | Out-String -Width 200 | Write-Host
foreach ($r in $rows | Where-Object Notes) { Write-Host "$($r.Scenario): $($r.Notes)" }
if (@($rows | Where-Object Result -NE 'pass').Count) { exit 1 } else { exit 0 }
