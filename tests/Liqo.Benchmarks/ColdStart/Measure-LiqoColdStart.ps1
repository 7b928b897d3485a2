#requires -Version 7.4
<#
.SYNOPSIS
    Cold start of the Liqo module: Import-Module and the first cmdlet call in fresh processes, for several module layouts
    side by side in one run (alternating, so the machine's load falls on all of them alike).
.DESCRIPTION
    Starts one sandbox cluster (with the simulated Liqo), then -Runs times, for each layout of -Module, a fresh PowerShell process that imports the
    layout and calls Get-LiqoClusterId twice against the cluster. Each process reports, from inside: Import-Module time,
    the first and the second call's time, and for the first call the process's CPU time (steadier than wall time on a
    loaded machine), the methods the JIT compiled, the JIT's time (System.Runtime.JitInfo) and the assemblies loaded. Prints the medians per layout and host. Not a test: it asserts nothing.
.EXAMPLE
    dotnet pwsh tests/Liqo.Benchmarks/ColdStart/Measure-LiqoColdStart.ps1 -Module before=/tmp/before/Liqo, after=out/Liqo
#>
param(
    # label=path of a module folder (holding Liqo.psd1); default: out/Liqo
    [string[]] $Module = @("current=$(Join-Path $PSScriptRoot '../../../out/Liqo')"),
    # PowerShell hosts to start, each label=command: 'pwsh' is the repository's dotnet tool (PowerShell 7.6, .NET 10);
    # add e.g. pwsh74=out/pwsh74/Liqo.Pwsh74Host (PowerShell 7.4, .NET 8; see tests/Liqo.Pwsh74Host)
    [string[]] $Pwsh = @('pwsh76=dotnet pwsh'),
    [ValidateRange(1, 50)] [int] $Runs = 5
)
$ErrorActionPreference = 'Stop'
$Module = $Module -split ','; $Pwsh = $Pwsh -split ','   # also as one argument from another shell: a=x,b=y
$repo = (Resolve-Path (Join-Path $PSScriptRoot '../../..')).Path
Import-Module (Join-Path $repo 'out/LiqoSandbox/LiqoSandbox.psd1') -Force

$probe = Join-Path ([IO.Path]::GetTempPath()) "liqo-coldstart-$PID.ps1"
Set-Content $probe @'
param([string] $Module, [string] $Kubeconfig)
$jit = { [pscustomobject]@{ Count = [System.Runtime.JitInfo]::GetCompiledMethodCount($false); Ms = [System.Runtime.JitInfo]::GetCompilationTime($false).TotalMilliseconds; Asm = [AppDomain]::CurrentDomain.GetAssemblies().Count; Cpu = [Diagnostics.Process]::GetCurrentProcess().TotalProcessorTime.TotalMilliseconds } }
$sw = [Diagnostics.Stopwatch]::StartNew()
Import-Module $Module
$import = $sw.Elapsed.TotalMilliseconds
$a = & $jit
$sw.Restart()
$null = Get-LiqoClusterId -Kubeconfig $Kubeconfig
$first = $sw.Elapsed.TotalMilliseconds
$b = & $jit
$sw.Restart()
$null = Get-LiqoClusterId -Kubeconfig $Kubeconfig
$second = $sw.Elapsed.TotalMilliseconds
[pscustomobject]@{ Import = $import; First = $first; Second = $second; JitMethods = $b.Count - $a.Count; JitMs = $b.Ms - $a.Ms; Cpu = $b.Cpu - $a.Cpu; Assemblies = $b.Asm - $a.Asm
    Runtime = [Runtime.InteropServices.RuntimeInformation]::FrameworkDescription; PowerShell = $PSVersionTable.PSVersion.ToString() } | ConvertTo-Json -Compress
'@

$sandbox = Join-Path ([IO.Path]::GetTempPath()) "liqo-coldstart-sandbox-$PID"
$cluster = Start-LiqoSandbox -Path $sandbox -Cluster coldstart   # with the simulated Liqo: it has a cluster ID to read
try {
    $layouts = foreach ($m in $Module) { $l, $p = $m -split '=', 2; [pscustomobject]@{ Label = $l; Path = (Resolve-Path (Join-Path $p 'Liqo.psd1')).Path } }
    $hosts = foreach ($h in $Pwsh) { $l, $c = $h -split '=', 2; $parts = $c -split ' '; [pscustomobject]@{ Label = $l; File = $parts[0]; Args = @($parts | Select-Object -Skip 1) } }
    $rows = [Collections.Generic.List[object]]::new()
    for ($i = 0; $i -lt $Runs; $i++) {
        $order = if ($i % 2) { [array]::Reverse($layouts); $layouts } else { $layouts }
        foreach ($h in $hosts) {
            foreach ($l in $order) {
                $wall = [Diagnostics.Stopwatch]::StartNew()
                $json = & $h.File @($h.Args) -NoProfile -NonInteractive -File $probe -Module $l.Path -Kubeconfig $cluster.KubeconfigPath
                $wall.Stop()
                $r = ($json | Select-Object -Last 1) | ConvertFrom-Json
                $r | Add-Member Layout $l.Label; $r | Add-Member Host $h.Label; $r | Add-Member Process $wall.Elapsed.TotalMilliseconds
                $rows.Add($r)
                Write-Host ("{0,-7} {1,-8} import {2,6:N0} ms, first call {3,6:N0} ms ({4,5:N0} ms CPU), second {5,5:N0} ms" -f $r.Host, $r.Layout, $r.Import, $r.First, $r.Cpu, $r.Second)
            }
        }
    }
    $median = { param($v) $s = @($v | Sort-Object); if ($s.Count % 2) { $s[[int][math]::Floor($s.Count / 2)] } else { ($s[$s.Count / 2 - 1] + $s[$s.Count / 2]) / 2 } }
    $load = ((Get-Content /proc/loadavg -ErrorAction Ignore) -split ' ' | Select-Object -First 3) -join ' '
    "{0} runs each; {1} cores; load average {2} at the end; {3:u}" -f $Runs, [Environment]::ProcessorCount, $load, [DateTime]::UtcNow
    $rows | Group-Object Host, Layout | ForEach-Object {
        $g = $_.Group
        [pscustomobject]@{
            Host = $g[0].Host; Layout = $g[0].Layout; Runtime = "$($g[0].PowerShell) / $($g[0].Runtime)"
            'Import ms' = [int](& $median $g.Import); 'First call ms' = [int](& $median $g.First); 'First call CPU ms' = [int](& $median $g.Cpu)
            'JIT methods' = [int](& $median $g.JitMethods); 'JIT ms' = [int](& $median $g.JitMs); 'Assemblies' = [int](& $median $g.Assemblies)
            'Second call ms' = [int](& $median $g.Second); 'Process ms' = [int](& $median $g.Process)
        }
    } | Format-Table -AutoSize | Out-String -Width 200
}
finally {
    Stop-LiqoSandbox -Path $sandbox
    Remove-Item $sandbox, $probe -Recurse -Force -ErrorAction Ignore
}
