#requires -Version 7.4
<#
.SYNOPSIS
    Creates two kind clusters with Liqo v1.2 installed, for running the Pester suite against real clusters.

.DESCRIPTION
    The build machines have no Docker, so the project's tests run on sandbox clusters. On a machine with Docker, kind,
    helm and liqoctl this script creates two real clusters (consumer and provider, with different pod CIDRs), installs
    Liqo on each with liqoctl, and writes their kubeconfigs. Point the Pester suite at them with the environment
    variables it prints:

        ./tests/kind/New-KindLiqoPair.ps1 -Path ./out/kind
        $env:LIQO_TEST_CONSUMER_KUBECONFIG = './out/kind/consumer.kubeconfig'
        $env:LIQO_TEST_PROVIDER_KUBECONFIG = './out/kind/provider.kubeconfig'
        dotnet pwsh ./build.ps1 test

    Remove the clusters with -Remove.

.PARAMETER Path
    Where the kubeconfigs go.
.PARAMETER LiqoVersion
    The Liqo version liqoctl installs (default v1.2.0).
.PARAMETER Remove
    Deletes the two clusters instead.
#>
[CmdletBinding(SupportsShouldProcess)]
param(
    [string] $Path = (Join-Path $PSScriptRoot '../../out/kind'),
    [string] $LiqoVersion = 'v1.2.0',
    [string] $ConsumerName = 'liqo-consumer',
    [string] $ProviderName = 'liqo-provider',
    [switch] $Remove
)
$ErrorActionPreference = 'Stop'

foreach ($tool in 'docker', 'kind', 'liqoctl') {
    if (-not (Get-Command $tool -ErrorAction Ignore)) { throw "$tool is required on PATH (see https://docs.liqo.io/en/stable/installation/install.html)." }
}

function Invoke-Tool([string] $File, [string[]] $Arguments) {
    Write-Verbose "$File $($Arguments -join ' ')"
    & $File @Arguments
    if ($LASTEXITCODE -ne 0) { throw "$File $($Arguments -join ' ') failed with exit code $LASTEXITCODE." }
}

if ($Remove) {
    foreach ($name in $ConsumerName, $ProviderName) {
        if ($PSCmdlet.ShouldProcess($name, 'Delete kind cluster')) { Invoke-Tool kind @('delete', 'cluster', '--name', $name) }
    }
    return
}

$null = New-Item -ItemType Directory -Force $Path
$clusters = @(
    @{ Name = $ConsumerName; Role = 'consumer'; PodSubnet = '10.200.0.0/16'; ServiceSubnet = '10.90.0.0/12' }
    @{ Name = $ProviderName; Role = 'provider'; PodSubnet = '10.201.0.0/16'; ServiceSubnet = '10.91.0.0/12' }
)
foreach ($c in $clusters) {
    $kubeconfig = Join-Path $Path "$($c.Role).kubeconfig"
    $config = Join-Path $Path "$($c.Role).kind.yaml"
    @"
kind: Cluster
apiVersion: kind.x-k8s.io/v1alpha4
networking:
  podSubnet: $($c.PodSubnet)
  serviceSubnet: $($c.ServiceSubnet)
nodes:
- role: control-plane
- role: worker
"@ | Set-Content $config
    if ($PSCmdlet.ShouldProcess($c.Name, 'Create kind cluster and install Liqo')) {
        Invoke-Tool kind @('create', 'cluster', '--name', $c.Name, '--config', $config, '--kubeconfig', $kubeconfig, '--wait', '5m')
        Invoke-Tool liqoctl @('install', 'kind', '--kubeconfig', $kubeconfig, '--cluster-id', $c.Role, '--version', $LiqoVersion)
    }
}

"Real clusters ready. Run the suite against them with:"
"  `$env:LIQO_TEST_CONSUMER_KUBECONFIG = '$(Join-Path $Path consumer.kubeconfig)'"
"  `$env:LIQO_TEST_PROVIDER_KUBECONFIG = '$(Join-Path $Path provider.kubeconfig)'"
"  dotnet pwsh ./build.ps1 test"
