# Shared by the Pester files: where the built module is, how to run a script in a fresh pwsh, and (once it exists)
# how to get sandbox clusters. Imported with `Import-Module $PSScriptRoot/LiqoTestSupport.psm1 -Force`.
$ErrorActionPreference = 'Stop'

$script:RepoRoot = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path

function Get-LiqoRepoRoot { $script:RepoRoot }

function Get-LiqoModulePath {
    $p = Join-Path $script:RepoRoot 'out/Liqo/Liqo.psd1'
    if (-not (Test-Path $p)) { throw "The module is not built at $p; run: dotnet pwsh ./build.ps1 build" }
    $p
}

function Get-NuGetPackageRoot {
    if ($env:NUGET_PACKAGES) { $env:NUGET_PACKAGES } else { Join-Path $HOME '.nuget/packages' }
}

<#
.SYNOPSIS
    Runs a script in a fresh PowerShell process (the same pwsh that runs the tests) and returns its output lines.
    Needed where a test must control what is loaded into a process before the module.
#>
function Invoke-FreshPwsh([string] $Script, [hashtable] $Environment = @{}) {
    $file = Join-Path ([IO.Path]::GetTempPath()) ("liqo-test-" + [guid]::NewGuid() + '.ps1')
    Set-Content -Path $file -Value $Script
    try {
        $psi = [Diagnostics.ProcessStartInfo]::new([Environment]::ProcessPath)
        # under `dotnet pwsh` the process is dotnet running pwsh.dll: pass the same entry assembly
        $entry = [Environment]::GetCommandLineArgs()[0]
        if ([IO.Path]::GetFileNameWithoutExtension([Environment]::ProcessPath) -eq 'dotnet') { $psi.ArgumentList.Add($entry) }
        foreach ($a in @('-NoProfile', '-NonInteractive', '-File', $file)) { $psi.ArgumentList.Add($a) }
        $psi.RedirectStandardOutput = $true
        $psi.RedirectStandardError = $true
        $psi.UseShellExecute = $false
        $psi.WorkingDirectory = $script:RepoRoot
        foreach ($k in $Environment.Keys) { $psi.Environment[$k] = $Environment[$k] }
        $p = [Diagnostics.Process]::Start($psi)
        $stderr = $p.StandardError.ReadToEndAsync()
        $stdout = $p.StandardOutput.ReadToEnd()
        $p.WaitForExit()
        [pscustomobject]@{ ExitCode = $p.ExitCode; Output = $stdout -split "`r?`n" | Where-Object { $_ -ne '' }; Error = $stderr.Result }
    }
    finally {
        Remove-Item $file -ErrorAction Ignore
    }
}

<#
.SYNOPSIS
    A kubeconfig (as text) for a cluster at $Server with a bearer token, used where no real server is needed.
#>
function New-TestKubeconfigText([string] $Server = 'https://127.0.0.1:1', [string] $Context = 'test', [string] $Token = 'not-a-real-token') {
    @"
apiVersion: v1
kind: Config
clusters:
- name: $Context-cluster
  cluster:
    server: $Server
users:
- name: $Context-user
  user:
    token: $Token
contexts:
- name: $Context
  context:
    cluster: $Context-cluster
    user: $Context-user
current-context: $Context
"@
}

<#
.SYNOPSIS
    True when the suite runs against real clusters: LIQO_TEST_CONSUMER_KUBECONFIG and LIQO_TEST_PROVIDER_KUBECONFIG set.
#>
function Test-RealClusters {
    [bool]($env:LIQO_TEST_CONSUMER_KUBECONFIG -and $env:LIQO_TEST_PROVIDER_KUBECONFIG)
}

<#
.SYNOPSIS
    Two clusters for a test file: the real ones named by LIQO_TEST_CONSUMER_KUBECONFIG / LIQO_TEST_PROVIDER_KUBECONFIG, or
    a fresh sandbox (consumer and provider with the simulated Liqo) started with the LiqoSandbox module. Returns an
    object with Consumer and Provider (each: Name, KubeconfigPath) and Sandbox (the path to stop, or $null).
#>
function Start-LiqoTestClusters([string[]] $ArgumentList = @(), [switch] $Bare) {
    if (Test-RealClusters) {
        return [pscustomobject]@{
            Consumer = [pscustomobject]@{ Name = 'consumer'; KubeconfigPath = $env:LIQO_TEST_CONSUMER_KUBECONFIG }
            Provider = [pscustomobject]@{ Name = 'provider'; KubeconfigPath = $env:LIQO_TEST_PROVIDER_KUBECONFIG }
            Sandbox  = $null
        }
    }
    Import-Module (Join-Path $script:RepoRoot 'out/LiqoSandbox/LiqoSandbox.psd1') -Force -Global
    $path = Join-Path ([IO.Path]::GetTempPath()) ('liqo-pester-' + [guid]::NewGuid().ToString('n').Substring(0, 8))
    $clusters = Start-LiqoSandbox -Path $path -ArgumentList $ArgumentList -Bare:$Bare
    [pscustomobject]@{
        Consumer = $clusters | Where-Object Name -EQ 'consumer'
        Provider = $clusters | Where-Object Name -EQ 'provider'
        Sandbox  = $path
    }
}

function Stop-LiqoTestClusters($Clusters) {
    if ($Clusters -and $Clusters.Sandbox) {
        Stop-LiqoSandbox -Path $Clusters.Sandbox
        Remove-Item $Clusters.Sandbox -Recurse -Force -ErrorAction Ignore
    }
}

<#
.SYNOPSIS
    Runs the real kubectl 1.32 (the binary beside Google's dispatcher, or kubectl on PATH) with a private cache folder.
    Returns $null when there is no kubectl.
#>
function Get-Kubectl {
    $cmd = Get-Command kubectl -ErrorAction Ignore
    if (-not $cmd) { return $null }
    $real = (Get-Item $cmd.Source).ResolvedTarget
    if (-not $real) { $real = $cmd.Source }
    $beside = Join-Path (Split-Path $real) 'kubectl.1.32'
    if (Test-Path $beside) { $beside } else { $cmd.Source }
}

<#
.SYNOPSIS
    The number of audit events a sandbox cluster logged so far (0 on real clusters): a mark for Get-LiqoModuleWrite.
#>
function Get-LiqoAuditMark($Clusters, [string] $Cluster) {
    if (-not $Clusters.Sandbox) { return 0 }
    Get-LiqoAuditQuietCount (Join-Path $Clusters.Sandbox "$Cluster.audit.jsonl")
}

<#
.SYNOPSIS
    The number of lines of a sandbox audit log once it is quiet: the log is written asynchronously, so this waits until
    earlier requests' lines have landed (no change for 300 ms, at most 5 s).
#>
function Get-LiqoAuditQuietCount([string] $Path) {
    $log = $Path
    $count = @(Get-Content $log -ErrorAction Ignore).Count
    $deadline = [DateTime]::UtcNow.AddSeconds(5)
    while ([DateTime]::UtcNow -lt $deadline) {
        Start-Sleep -Milliseconds 300
        $now = @(Get-Content $log).Count
        if ($now -eq $count) { break }
        $count = $now
    }
    $count
}

<#
.SYNOPSIS
    The write requests (create, update, patch, delete) the module sent to a sandbox cluster after -Mark (user agent
    Liqo-PowerShell), as audit events, access reviews aside (they store nothing); nothing on real clusters.
#>
function Get-LiqoModuleWrite($Clusters, [string] $Cluster, [int] $Mark = 0) {
    if (-not $Clusters.Sandbox) { return @() }
    $null = Get-LiqoAuditQuietCount (Join-Path $Clusters.Sandbox "$Cluster.audit.jsonl") # the last requests' lines have landed
    Get-Content (Join-Path $Clusters.Sandbox "$Cluster.audit.jsonl") | Select-Object -Skip $Mark | ConvertFrom-Json |
        Where-Object { $_.userAgent -like 'Liqo-PowerShell*' -and $_.verb -in 'create', 'update', 'patch', 'delete', 'deletecollection' -and
            $_.requestURI -notlike '*/selfsubjectaccessreviews*' } # an access review is a question, it stores nothing
}

<#
.SYNOPSIS
    Every request the module sent to a sandbox cluster after -Mark, as audit events.
#>
function Get-LiqoModuleRequest($Clusters, [string] $Cluster, [int] $Mark = 0) {
    if (-not $Clusters.Sandbox) { return @() }
    $null = Get-LiqoAuditQuietCount (Join-Path $Clusters.Sandbox "$Cluster.audit.jsonl") # the last requests' lines have landed
    Get-Content (Join-Path $Clusters.Sandbox "$Cluster.audit.jsonl") | Select-Object -Skip $Mark | ConvertFrom-Json |
        Where-Object { $_.userAgent -like 'Liqo-PowerShell*' }
}

<#
.SYNOPSIS
    Runs kubectl 1.32 against a kubeconfig with a private cache folder and returns its output; JSON output is parsed with
    -Json.
#>
function Invoke-TestKubectl([string] $Kubeconfig, [string[]] $Arguments, [switch] $Json) {
    $k = Get-Kubectl
    $out = & $k --kubeconfig $Kubeconfig --cache-dir (Join-Path ([IO.Path]::GetTempPath()) "liqo-kc-$PID") @Arguments
    if ($Json) { $out | ConvertFrom-Json -AsHashtable } else { $out }
}

<#
.SYNOPSIS
    The objects of a resource (kubectl get -A -o json) reduced to what a client wrote: apiVersion, kind, name,
    namespace, labels, annotations, owner kinds and names, spec and (Secrets) type and data keys — no uids, versions,
    timestamps or status. Sorted by namespace/name, as JSON lines.
#>
function Get-WrittenObject([string] $Kubeconfig, [string] $Resource, [string] $Selector) {
    $kubectlArgs = @('get', $Resource, '-A', '-o', 'json')
    if ($Selector) { $kubectlArgs += @('-l', $Selector) }
    $list = Invoke-TestKubectl $Kubeconfig $kubectlArgs -Json
    foreach ($o in ($list.items | Sort-Object { "$($_.metadata.namespace)/$($_.metadata.name)" })) {
        $m = $o.metadata
        $slim = [ordered]@{
            apiVersion  = $o.apiVersion; kind = $o.kind; name = $m.name; namespace = $m.namespace
            labels      = $m.labels; annotations = $m.annotations
            owners      = @($m.ownerReferences | Where-Object { $_ } | ForEach-Object { "$($_.kind)/$($_.name)" })
            spec        = $o.spec
        }
        if ($o.kind -eq 'Secret') { $slim.type = $o.type; $slim.dataKeys = @($o.data.Keys | Sort-Object) }
        ConvertTo-SortedValue $slim | ConvertTo-Json -Depth 20 -Compress
    }
}

# Maps with their keys sorted, recursively, so two objects compare equal whatever order their fields were written in.
function ConvertTo-SortedValue($Value) {
    if ($Value -is [System.Collections.IDictionary]) {
        $sorted = [ordered]@{}
        foreach ($k in ($Value.Keys | Sort-Object -CaseSensitive)) { $sorted[$k] = ConvertTo-SortedValue $Value[$k] }
        return $sorted
    }
    if ($Value -is [System.Collections.IList]) { return , @($Value | ForEach-Object { ConvertTo-SortedValue $_ }) }
    $Value
}

Export-ModuleMember -Function Get-LiqoAuditQuietCount, Get-LiqoRepoRoot, Get-LiqoModulePath, Get-NuGetPackageRoot, Invoke-FreshPwsh, New-TestKubeconfigText,
    Test-RealClusters, Start-LiqoTestClusters, Stop-LiqoTestClusters, Get-Kubectl, Get-LiqoAuditMark, Get-LiqoModuleWrite,
    Get-LiqoModuleRequest, Invoke-TestKubectl, Get-WrittenObject, ConvertTo-SortedValue
