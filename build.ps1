#requires -Version 7.4
<#
.SYNOPSIS
    Builds, tests, packages and demonstrates the Liqo module. Needs only the .NET SDK: run it as
    `dotnet tool restore && dotnet pwsh ./build.ps1 <task>`.

.PARAMETER Task
    build    builds everything and lays out the importable module in out/Liqo (and the sandbox in out/LiqoSandbox).
    test     build, then every xunit project, every Pester file, and the PowerShell 7.4 / .NET 8 leg (a subset of the
             Pester files in tests/Liqo.Pwsh74Host, a hostless runspace); prints each runner's summary and a last line
             "N passed, M failed, K skipped"; exits non-zero when anything failed or nothing ran.
    demo     peers two sandbox clusters with New-LiqoPeering, shows the result, offloads a namespace and runs a
             Deployment on the provider, unoffloads, unpeers, stops the sandbox.
    sandbox  starts sandbox clusters (-Cluster, default consumer,provider), writes their kubeconfigs into -Path and
             runs until Ctrl+C.
    package  build, then zips out/Liqo into out/Liqo.zip, ready for Azure Automation's module import, and writes
             out/Liqo.<version>.nupkg, which PSResourceGet's Install-PSResource installs from a local or NuGet repository.
    bench    builds tests/Liqo.Benchmarks in Release and runs one benchmark (-Name, default sandbox): prints its results
             table and writes out/bench/<name>.json. Bounded in time (the sandbox benchmark: under two minutes on 2 cores);
             not part of 'test'. Exit code 1 when a property the benchmark checks does not hold.
    chaos    build, then tests/chaos/Invoke-LiqoChaos.ps1: New-/Remove-LiqoPeering on sandbox clusters (loopback only) under
             injected faults, outages, interruptions and concurrency; prints a table and writes out/chaos.json. Bounded in
             count and time (-Budget, default 30 minutes; -Quick: a few minutes, to check the harness); not part of 'test';
             exit code 1 when a goal is not met.
#>
[CmdletBinding()]
param(
    [Parameter(Position = 0)]
    [ValidateSet('build', 'test', 'demo', 'sandbox', 'package', 'bench', 'chaos')]
    [string] $Task = 'build',

    # sandbox: the folder for kubeconfigs, audit logs and the 'ready' file.
    [string] $Path = (Join-Path $PSScriptRoot 'out/sandbox'),

    # sandbox: the clusters to start.
    [string[]] $Cluster = @('consumer', 'provider'),

    # bench: the benchmark to run (Liqo.Benchmarks list shows them).
    [string] $Name = 'sandbox',

    # bench: a tenth of the counts and a fifth of the durations (checks the harness; the numbers mean little).
    # chaos: two rounds per scenario within six minutes.
    [switch] $Quick,

    # chaos: the time the suite may take; each scenario gets a share and stops when it is spent.
    [TimeSpan] $Budget = [TimeSpan]::FromMinutes(30),

    # chaos: only these scenarios (badinput, flaky, concurrent, race, interrupt, outage); all by default.
    [string[]] $Scenario,

    # test: how many Pester files run at once, each in its own pwsh process (tests/pester/Invoke-LiqoPester.ps1 -Jobs).
    # The files mostly wait on the sandbox's controllers, so one more than the processors keeps them busy.
    [ValidateRange(1, 16)]
    [int] $PesterJobs = [math]::Min(4, [Environment]::ProcessorCount + 1),

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release'
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
$PSStyle.OutputRendering = 'PlainText'
$root = $PSScriptRoot
$out = Join-Path $root 'out'
$env:DOTNET_CLI_TELEMETRY_OPTOUT = '1'
$env:DOTNET_NOLOGO = '1'

function Invoke-Step([string] $Title, [scriptblock] $Body) {
    $watch = [Diagnostics.Stopwatch]::StartNew()
    Write-Host "==> $Title"
    & $Body
    Write-Host ("    {0} took {1:N1}s" -f $Title, $watch.Elapsed.TotalSeconds)
}

function Invoke-Native([string] $File, [string[]] $Arguments) {
    & $File @Arguments
    if ($LASTEXITCODE -ne 0) { throw "'$File $($Arguments -join ' ')' failed with exit code $LASTEXITCODE." }
}

# The module's version, from its one source: ModuleVersion in Liqo.psd1 (Directory.Build.props reads it too).
function Get-LiqoVersion { (Import-PowerShellDataFile (Join-Path $root 'Liqo.psd1')).ModuleVersion }

# Liqo.psd1 as shipped: ReleaseNotes become the CHANGELOG.md section of ModuleVersion ("## <version> ...").
function Write-LiqoManifest([string] $Destination) {
    $version = Get-LiqoVersion
    $section = [regex]::Match((Get-Content -LiteralPath (Join-Path $root 'CHANGELOG.md') -Raw),
        "(?ms)^## $([regex]::Escape($version))\b[^\n]*\n(.*?)(?=^## |\z)")
    if (-not $section.Success) { throw "CHANGELOG.md has no section '## $version' for ModuleVersion $version of Liqo.psd1." }
    $notes = $section.Groups[1].Value.Trim()
    $manifest = Get-Content -LiteralPath (Join-Path $root 'Liqo.psd1') -Raw
    $placeholder = "ReleaseNotes = 'See CHANGELOG.md'"
    if (-not $manifest.Contains($placeholder)) { throw "Liqo.psd1 lacks the line $placeholder that the build fills in." }
    $manifest = $manifest.Replace($placeholder, "ReleaseNotes = @'`n$notes`n'@")
    Set-Content -LiteralPath $Destination -Value $manifest -NoNewline
}

function Invoke-Build {
    Invoke-Step 'dotnet build' { Invoke-Native dotnet @('build', "$root/Liqo.sln", '-c', $Configuration, '--nologo', '-clp:ErrorsOnly;Summary') }
    Invoke-Step 'module layout (out/Liqo)' {
        $module = Join-Path $out 'Liqo'
        if (Test-Path -LiteralPath $module) { Remove-Item -LiteralPath $module -Recurse -Force }
        Invoke-Native dotnet @('publish', "$root/src/Liqo.PowerShell/Liqo.PowerShell.csproj", '-c', $Configuration, '--no-build', '--nologo', '-o', $module, '-v', 'quiet')
        Write-LiqoManifest (Join-Path $module 'Liqo.psd1')
        Copy-Item "$root/module/*" $module -Recurse
        # the cmdlets assembly's deps.json would make PowerShell resolve nothing extra; the engine's lives in Dependencies/
        Remove-Item (Join-Path $module 'Liqo.PowerShell.deps.json') -ErrorAction Ignore
        # no symbols in the shipped module (stack traces name methods without them; line numbers are for a local build)
        Get-ChildItem $module -Filter *.pdb -Recurse | Remove-Item
    }
    Invoke-Step 'cmdlet help (out/Liqo/en-US/Liqo.PowerShell.dll-Help.xml)' {
        # MAML from the cmdlets' doc comments and their metadata, read in a child pwsh (it imports the module)
        $docs = @(Get-ChildItem "$root/src/Liqo.PowerShell/bin/$Configuration/*/Liqo.PowerShell.xml")
        if ($docs.Count -ne 1) { throw "Expected one XML documentation file of Liqo.PowerShell under src/Liqo.PowerShell/bin/$Configuration, found $($docs.Count)." }
        Invoke-Native dotnet @('pwsh', '-NoProfile', '-NonInteractive', '-File', "$root/tools/New-LiqoCmdletHelp.ps1",
            '-ModulePath', (Join-Path $out 'Liqo/Liqo.psd1'), '-DocumentationFile', $docs[0].FullName)
    }
    Invoke-Step 'sandbox layout (out/LiqoSandbox)' {
        $sandbox = Join-Path $out 'LiqoSandbox'
        if (Test-Path -LiteralPath $sandbox) { Remove-Item -LiteralPath $sandbox -Recurse -Force }
        Invoke-Native dotnet @('publish', "$root/src/Liqo.Sandbox/Liqo.Sandbox.csproj", '-c', $Configuration, '--no-build', '--nologo', '-o', (Join-Path $sandbox 'bin'), '-v', 'quiet')
        if (Test-Path "$root/src/Liqo.Sandbox/PowerShell") { Copy-Item "$root/src/Liqo.Sandbox/PowerShell/*" $sandbox -Recurse }
    }
}

# Sums the counters of the TRX files dotnet test wrote.
function Get-TrxCounts([string] $Directory) {
    $passed = 0; $failed = 0; $skipped = 0
    $failures = [System.Collections.Generic.List[string]]::new()
    foreach ($trx in Get-ChildItem $Directory -Filter *.trx -Recurse -ErrorAction Ignore) {
        $run = ([xml](Get-Content -LiteralPath $trx.FullName -Raw)).TestRun  # -LiteralPath: dotnet test names a same-second twin 'x[1].trx'
        foreach ($r in @($run.Results.UnitTestResult) | Where-Object { $_ -and $_.outcome -ne 'Passed' -and $_.outcome -ne 'NotExecuted' }) {
            $message = "$($r.Output.ErrorInfo.Message)".Trim() -split "`n" | Select-Object -First 1
            $failures.Add(('{0}: {1}' -f $r.testName, $message))
        }
        $c = $run.ResultSummary.Counters
        $passed += [int]$c.passed
        $failed += [int]$c.failed + [int]$c.error + [int]$c.timeout + [int]$c.aborted
        # skipped xunit tests are results with outcome NotExecuted; the TRX counter 'notExecuted' stays 0 for them
        $skipped += @(@($run.Results.UnitTestResult) | Where-Object { $_ -and $_.outcome -eq 'NotExecuted' }).Count
    }
    [pscustomobject]@{ Passed = $passed; Failed = $failed; Skipped = $skipped; Failures = $failures.ToArray() }
}

function Invoke-Test {
    Invoke-Build
    Write-LiqoPackages   # tests/pester/Package.Tests.ps1 installs the nupkg
    $results = Join-Path $out 'test-results'
    if (Test-Path -LiteralPath $results) { Remove-Item -LiteralPath $results -Recurse -Force }
    $null = New-Item -ItemType Directory $results

    $xunit = @{ Ok = $true }   # a hashtable: the step's script block runs in a child scope, where '$xunitOk = ...' was lost
    Invoke-Step 'xunit' {
        & dotnet test "$root/Liqo.sln" -c $Configuration --no-build --nologo --logger 'trx' --logger 'console;verbosity=minimal' --results-directory $results
        if ($LASTEXITCODE -ne 0) { $xunit.Ok = $false }
    }
    $x = Get-TrxCounts $results
    Write-Host ("xunit: {0} passed, {1} failed, {2} skipped" -f $x.Passed, $x.Failed, $x.Skipped)

    # The 7.4 leg runs in its own process beside the Pester workers (its files start their own sandboxes too).
    $leg = Start-Pwsh74Leg $results
    $pesterSummary = Join-Path $results 'pester-summary.json'
    Invoke-Step "Pester ($PesterJobs worker processes)" {
        & dotnet pwsh -NoProfile -NonInteractive -File "$root/tests/pester/Invoke-LiqoPester.ps1" -SummaryPath $pesterSummary -Jobs $PesterJobs
    }
    $p = if (Test-Path -LiteralPath $pesterSummary) { Get-Content -LiteralPath $pesterSummary -Raw | ConvertFrom-Json } else { [pscustomobject]@{ Passed = 0; Failed = 1; Skipped = 0 } }
    Write-Host ("Pester: {0} passed, {1} failed, {2} skipped" -f $p.Passed, $p.Failed, $p.Skipped)

    $l = Complete-Pwsh74Leg $leg
    Write-Host ("PowerShell 7.4 leg: {0} passed, {1} failed, {2} skipped" -f $l.Passed, $l.Failed, $l.Skipped)

    $passed = $x.Passed + $p.Passed + $l.Passed
    $failed = $x.Failed + $p.Failed + $l.Failed
    if (-not $xunit.Ok -and $x.Failed -eq 0) { $failed++ }   # a runner that failed without a counted test (build or host crash)
    # Name every failure again at the very end, where a truncated CI log still shows it.
    foreach ($f in @($x.Failures) + @($p.Failures) + @($l.Failures | ForEach-Object { "[pwsh 7.4] $_" }) | Where-Object { $_ }) { Write-Host "FAILED $f" }
    # a Pester worker that died under a file (the file was run again; its second result is counted above)
    if ($p.PSObject.Properties['WorkerDeaths']) { foreach ($d in @($p.WorkerDeaths)) { Write-Host "WORKER DIED $d" } }
    "$passed passed, $failed failed, $($x.Skipped + $p.Skipped + $l.Skipped) skipped"
    if ($failed -gt 0 -or $passed -eq 0) { exit 1 }
}

# The Pester files the PowerShell 7.4 / .NET 8 leg runs: import and module conventions (ConfirmationRequired where a
# prompt would be needed), peering, -WhatIf, info, pipeline removal, -KubeconfigContent (also as SecureString) and
# cluster-access errors.
$Pwsh74Files = @('Module.Tests.ps1', 'Peering.Tests.ps1', 'Info.Sandbox.Tests.ps1', 'ClusterAccess.Tests.ps1', 'SecretContent.Tests.ps1')

# Publishes tests/Liqo.Pwsh74Host (PowerShell 7.4.22 on .NET 8, self-contained: the runtime pack comes from NuGet) and
# starts $Pwsh74Files in it, in a runspace without a host, in a process of its own (Complete-Pwsh74Leg waits for it). Never
# skipped: a restore or publish that fails, a runtime that is not .NET 8 / PowerShell 7.4, or a host that writes no
# summary is a counted failure.
function Start-Pwsh74Leg([string] $Results) {
    $hostDir = Join-Path $out 'pwsh74'
    $leg = [pscustomobject]@{ Summary = (Join-Path $Results 'pwsh74-summary.json'); Log = (Join-Path $Results 'pwsh74.log'); Process = $null; Published = $true }
    Invoke-Step 'PowerShell 7.4 leg: publish tests/Liqo.Pwsh74Host (linux-x64, self-contained .NET 8)' {
        & dotnet publish "$root/tests/Liqo.Pwsh74Host/Liqo.Pwsh74Host.csproj" -c $Configuration -o $hostDir --nologo -v quiet -clp:ErrorsOnly | Out-Host
        if ($LASTEXITCODE -ne 0) { $leg.Published = $false }
    }
    if ($leg.Published) {
        Write-Host '==> PowerShell 7.4 leg: Pester in a hostless runspace (started; its output follows the Pester step)'
        $files = $Pwsh74Files | ForEach-Object { Join-Path $root "tests/pester/$_" }
        $argv = @('--pester', "$root/tests/pester/Invoke-LiqoPester.ps1", '-SummaryPath', $leg.Summary, '-Path') + $files
        $leg.Process = Start-Process -FilePath (Join-Path $hostDir 'Liqo.Pwsh74Host') -ArgumentList $argv -WorkingDirectory $root `
            -RedirectStandardOutput $leg.Log -RedirectStandardError "$($leg.Log).err" -NoNewWindow -PassThru
    }
    $leg
}

function Complete-Pwsh74Leg($Leg) {
    $fail = { param($why) [pscustomobject]@{ Passed = 0; Failed = 1; Skipped = 0; Failures = @($why) } }
    if (-not $Leg.Published) {
        Write-Host 'PowerShell 7.4 leg FAILED: tests/Liqo.Pwsh74Host did not restore or publish (it needs Microsoft.PowerShell.SDK 7.4.22 and the .NET 8 runtime pack Microsoft.NETCore.App.Runtime.linux-x64 from NuGet)'
        return & $fail 'PowerShell 7.4 leg: the host did not restore or publish; see the dotnet publish errors above'
    }
    Invoke-Step 'PowerShell 7.4 leg: Pester in a hostless runspace (output)' {
        $Leg.Process.WaitForExit()
        Get-Content -LiteralPath $Leg.Log, "$($Leg.Log).err" -ErrorAction Ignore | Out-Host
    }
    if (-not (Test-Path -LiteralPath $Leg.Summary)) { return & $fail "PowerShell 7.4 leg: the host wrote no summary (exit code $($Leg.Process.ExitCode))" }
    Get-Content -LiteralPath $Leg.Summary -Raw | ConvertFrom-Json
}

function Invoke-Sandbox {
    $program = Join-Path $out 'LiqoSandbox/bin/Liqo.Sandbox.dll'
    if (-not (Test-Path $program)) { Invoke-Build }
    Write-Host "Starting sandbox clusters $($Cluster -join ', ') in $Path (Ctrl+C stops them)"
    & dotnet $program --path $Path --cluster ($Cluster -join ',')
    exit $LASTEXITCODE
}

# out/Liqo.zip (Azure Automation's module import) and out/Liqo.<version>.nupkg (PSResourceGet's Install-PSResource, from a
# repository that holds it: a folder registered with Register-PSResourceRepository, or a NuGet feed it was pushed to).
function Write-LiqoPackages {
    Invoke-Step 'packages (out/Liqo.zip, out/Liqo.<version>.nupkg)' {
        $zip = Join-Path $out 'Liqo.zip'
        if (Test-Path $zip) { Remove-Item $zip -Force }
        # Azure Automation wants a zip named after the module, holding the module folder.
        Compress-Archive -Path (Join-Path $out 'Liqo') -DestinationPath $zip
        Get-ChildItem $out -Filter 'Liqo.*.nupkg' | Remove-Item
        Import-Module Microsoft.PowerShell.PSResourceGet
        Compress-PSResource -Path (Join-Path $out 'Liqo') -DestinationPath $out
        $nupkg = Join-Path $out "Liqo.$(Get-LiqoVersion).nupkg"
        if (-not (Test-Path -LiteralPath $nupkg)) { throw "Compress-PSResource did not write $nupkg." }
        Write-Host "Module packages: $zip, $nupkg"
    }
}

function Invoke-Package {
    Invoke-Build
    Write-LiqoPackages
}

function Invoke-Bench {
    # Always Release: numbers from a Debug build mean nothing.
    $project = Join-Path $root 'tests/Liqo.Benchmarks/Liqo.Benchmarks.csproj'
    Invoke-Step 'dotnet build (benchmarks, Release)' { Invoke-Native dotnet @('build', $project, '-c', 'Release', '--nologo', '-clp:ErrorsOnly;Summary') }
    $program = Join-Path $root 'tests/Liqo.Benchmarks/bin/Release/net10.0/Liqo.Benchmarks.dll'
    $arguments = @($program, $Name, '--out', (Join-Path $out 'bench'))
    if ($Quick) { $arguments += '--quick' }
    & dotnet @arguments
    exit $LASTEXITCODE
}

function Invoke-Chaos {
    Invoke-Build
    $arguments = @{ OutDirectory = (Join-Path $out 'chaos'); Budget = $Budget; Quick = $Quick }
    # from a shell, -Scenario race,badinput arrives as one string
    if ($Scenario) { $arguments.Scenario = @($Scenario -split ',' | ForEach-Object Trim | Where-Object { $_ }) }
    & (Join-Path $root 'tests/chaos/Invoke-LiqoChaos.ps1') @arguments
    exit $LASTEXITCODE
}

function Invoke-Demo {
    Invoke-Build
    Import-Module (Join-Path $out 'Liqo/Liqo.psd1') -Force
    Import-Module (Join-Path $out 'LiqoSandbox/LiqoSandbox.psd1') -Force
    $dir = Join-Path $out 'demo'
    if (Test-Path $dir) { Remove-Item $dir -Recurse -Force }
    Write-Host '==> Starting sandbox clusters consumer and provider (a loopback API server each, with a simulated Liqo v1.2)'
    $consumer, $provider = Start-LiqoSandbox -Path $dir -Cluster consumer, provider
    $kubectl = Get-Command kubectl -ErrorAction Ignore
    $kubectlBinary = if ($kubectl) {
        $real = (Get-Item $kubectl.Source).ResolvedTarget ?? $kubectl.Source
        $beside = Join-Path (Split-Path $real) 'kubectl.1.32'
        if (Test-Path $beside) { $beside } else { $kubectl.Source }
    }
    function Show-Kubectl([string] $Title, [string] $Kubeconfig, [string[]] $Arguments, [scriptblock] $Fallback) {
        Write-Host "`n==> $Title"
        if ($kubectlBinary) {
            Write-Host "kubectl $($Arguments -join ' ')"
            & $kubectlBinary --kubeconfig $Kubeconfig --cache-dir (Join-Path $dir 'kubectl-cache') @Arguments | Out-Host
        }
        else { & $Fallback | Out-Host }
    }
    $pair = @{ Kubeconfig = $consumer.KubeconfigPath; RemoteKubeconfig = $provider.KubeconfigPath }
    $back = @{ Kubeconfig = $provider.KubeconfigPath; RemoteKubeconfig = $consumer.KubeconfigPath }
    try {
        Write-Host "`n==> New-LiqoPeering -Kubeconfig consumer.kubeconfig -RemoteKubeconfig provider.kubeconfig"
        New-LiqoPeering @pair -InformationAction Continue | Format-List | Out-Host
        Show-Kubectl 'ForeignClusters on the consumer' $consumer.KubeconfigPath @('get', 'foreignclusters') { Get-LiqoForeignCluster -Kubeconfig $consumer.KubeconfigPath }
        Show-Kubectl 'ForeignClusters on the provider' $provider.KubeconfigPath @('get', 'foreignclusters') { Get-LiqoForeignCluster -Kubeconfig $provider.KubeconfigPath }
        Show-Kubectl 'The virtual node on the consumer' $consumer.KubeconfigPath @('get', 'nodes', '-l', 'liqo.io/type=virtual-node') { Get-LiqoPeerInfo -Kubeconfig $consumer.KubeconfigPath }

        # Namespace offloading: a Deployment's pods run on the provider through the virtual node
        Write-Host "`n==> Enable-LiqoNamespaceOffloading demo -PodOffloadingStrategy Remote (liqoctl offload namespace)"
        if ($kubectlBinary) { & $kubectlBinary --kubeconfig $consumer.KubeconfigPath --cache-dir (Join-Path $dir 'kubectl-cache') create namespace demo | Out-Host }
        else { Write-Host 'kubectl is not installed: the namespace and the Deployment need it, the act stops at the peering.' }
        if ($kubectlBinary) {
            Enable-LiqoNamespaceOffloading demo -PodOffloadingStrategy Remote -Kubeconfig $consumer.KubeconfigPath -InformationAction Continue | Out-Host
            Show-Kubectl 'A Deployment of 3 replicas in the offloaded namespace' $consumer.KubeconfigPath @('create', 'deployment', 'web', '--image=nginx', '--replicas=3', '-n', 'demo') { }
            Show-Kubectl 'Waiting for its pods to be Ready' $consumer.KubeconfigPath @('wait', '--for=condition=Ready', 'pod', '-l', 'app=web', '-n', 'demo', '--timeout=60s') { }
            Show-Kubectl 'The pods on the consumer: on the virtual node' $consumer.KubeconfigPath @('get', 'pods', '-n', 'demo', '-o', 'wide') { }
            $remoteNs = (Get-LiqoNamespaceOffloading demo -Kubeconfig $consumer.KubeconfigPath).RemoteNamespaceName
            Show-Kubectl "The pods on the provider: in the remote namespace $remoteNs" $provider.KubeconfigPath @('get', 'pods', '-n', $remoteNs, '-o', 'wide') { }
            Write-Host "`n==> Disable-LiqoNamespaceOffloading demo (liqoctl unoffload namespace)"
            Disable-LiqoNamespaceOffloading demo -Kubeconfig $consumer.KubeconfigPath -Confirm:$false -InformationAction Continue
            Show-Kubectl "The remote namespace $remoteNs on the provider is gone" $provider.KubeconfigPath @('get', 'namespaces') { }
        }

        Write-Host "`n==> New-LiqoPeering the other way (provider consumes from consumer): a bidirectional peering on the same tunnel"
        New-LiqoPeering @back -InformationAction Continue | Format-List | Out-Host
        Show-Kubectl 'ForeignClusters on the consumer' $consumer.KubeconfigPath @('get', 'foreignclusters') { Get-LiqoForeignCluster -Kubeconfig $consumer.KubeconfigPath }

        Write-Host "`n==> Remove-LiqoPeering, both directions"
        Remove-LiqoPeering @pair -Confirm:$false -InformationAction Continue
        Remove-LiqoPeering @back -Confirm:$false -InformationAction Continue
        Show-Kubectl 'Virtual nodes left on the consumer' $consumer.KubeconfigPath @('get', 'nodes', '-l', 'liqo.io/type=virtual-node') { 'none' }
    }
    finally {
        Write-Host "`n==> Stopping the sandbox"
        Stop-LiqoSandbox -Path $dir
    }
}

Push-Location $root
try {
    switch ($Task) {
        'build' { Invoke-Build }
        'test' { Invoke-Test }
        'demo' { Invoke-Demo }
        'sandbox' { Invoke-Sandbox }
        'package' { Invoke-Package }
        'bench' { Invoke-Bench }
        'chaos' { Invoke-Chaos }
    }
}
finally {
    Pop-Location
}
