#requires -Version 7.4
<#
.SYNOPSIS
    Runs every Pester file under tests/pester (or the files -Path names) against the built module (out/Liqo), with Pester
    taken from the NuGet global packages folder (restored by tests/pester/PesterPackages.csproj). Writes the counts to
    -SummaryPath. The PowerShell 7.4 leg (tests/Liqo.Pwsh74Host) runs it too, on a subset of the files.
#>
param(
    [string[]] $Path = $PSScriptRoot,
    [string] $SummaryPath,
    [string] $PesterVersion = '5.7.1'
)
$ErrorActionPreference = 'Stop'
$PSStyle.OutputRendering = 'PlainText'
$packages = if ($env:NUGET_PACKAGES) { $env:NUGET_PACKAGES } else { Join-Path $HOME '.nuget/packages' }
$pester = Join-Path $packages "pester/$PesterVersion/tools/Pester.psd1"
if (-not (Test-Path $pester)) { throw "Pester $PesterVersion is not at $pester; run: dotnet restore tests/pester/PesterPackages.csproj" }
Import-Module $pester -Force

$config = New-PesterConfiguration
$config.Run.Path = $Path
$config.Run.PassThru = $true
$config.Output.Verbosity = 'Detailed'
$config.Output.RenderMode = 'Plaintext'
$result = Invoke-Pester -Configuration $config
$failures = @(
    foreach ($t in $result.Failed) { '{0}: {1}' -f $t.ExpandedPath, (($t.ErrorRecord | Select-Object -First 1) -split "`n")[0] }
    foreach ($b in $result.FailedBlocks) { '{0} (block): {1}' -f $b.ExpandedPath, (($b.ErrorRecord | Select-Object -First 1) -split "`n")[0] }
    foreach ($c in $result.FailedContainers) { '{0} (file): {1}' -f $c.Item, (($c.ErrorRecord | Select-Object -First 1) -split "`n")[0] }
)
$summary = [ordered]@{ Passed = $result.PassedCount; Failed = $result.FailedCount + $result.FailedBlocksCount + $result.FailedContainersCount; Skipped = $result.SkippedCount; Failures = $failures }
if ($SummaryPath) { $summary | ConvertTo-Json | Set-Content $SummaryPath }
"$($summary.Passed) passed, $($summary.Failed) failed, $($summary.Skipped) skipped"
exit ([int]($summary.Failed -gt 0))
