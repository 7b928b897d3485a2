# Fault injection on sandbox clusters for the reliability tests and the chaos suite: sets a cluster's fault rules
# (DIR/<cluster>.faults.json, which the sandbox program follows) and waits until the server acts on them, and reads
# objects as the cluster's admin over plain HTTPS, so a check never goes through the module under test.
Set-StrictMode -Version Latest

# The admin client of a sandbox kubeconfig (its client certificate; the sandbox CA is not checked: loopback only).
function Get-SandboxHttpClient([string] $Kubeconfig) {
    $text = Get-Content $Kubeconfig -Raw
    function Field([string] $name) { [Text.Encoding]::UTF8.GetString([Convert]::FromBase64String(([regex]::Match($text, "(?m)^\s*$($name):\s*(\S+)")).Groups[1].Value)) }
    $server = ([regex]::Match($text, '(?m)^\s*server:\s*(\S+)')).Groups[1].Value.Trim('"')
    if ($server -notmatch '^https://127\.0\.0\.1:') { throw "Not a loopback sandbox: $server" }
    $cert = [Security.Cryptography.X509Certificates.X509Certificate2]::CreateFromPem((Field 'client-certificate-data'), (Field 'client-key-data'))
    $handler = [Net.Http.HttpClientHandler]::new()
    $handler.ClientCertificates.Add([Security.Cryptography.X509Certificates.X509Certificate2]::new($cert.Export('Pfx'))) | Out-Null
    $handler.ServerCertificateCustomValidationCallback = [Net.Http.HttpClientHandler]::DangerousAcceptAnyServerCertificateValidator
    $client = [Net.Http.HttpClient]::new($handler)
    $client.BaseAddress = [Uri]$server
    $client.Timeout = [TimeSpan]::FromSeconds(10)
    $client
}

$script:clients = @{}
function Get-CachedClient([string] $Kubeconfig) {
    if (-not $script:clients.ContainsKey($Kubeconfig)) { $script:clients[$Kubeconfig] = Get-SandboxHttpClient $Kubeconfig }
    $script:clients[$Kubeconfig]
}

<#
.SYNOPSIS
    GET a path as the sandbox cluster's admin: the parsed JSON, or $null for 404. It is the module's user too, so call it
    with the faults cleared.
#>
function Invoke-SandboxGet([string] $Kubeconfig, [string] $Path) {
    $response = (Get-CachedClient $Kubeconfig).GetAsync($Path).GetAwaiter().GetResult()
    try {
        if ([int]$response.StatusCode -eq 404) { return $null }
        $body = $response.Content.ReadAsStringAsync().GetAwaiter().GetResult()
        if (-not $response.IsSuccessStatusCode) { throw "GET $Path answered $([int]$response.StatusCode): $body" }
        $body | ConvertFrom-Json -AsHashtable
    }
    finally { $response.Dispose() }
}

$script:probe = 0

<#
.SYNOPSIS
    Replaces a sandbox cluster's fault rules (and outage) and returns once the server applies them: a probe rule (a 409 on
    GET of a namespace no one uses) is added, and the probe is asked until it answers 409. Rules are hashtables in the
    sandbox's FaultRule form.
#>
function Set-SandboxFault([string] $Path, [string] $Cluster, [object[]] $Rules = @(), [switch] $Unreachable, [int] $Seed = 1) {
    $script:probe++
    $probeName = "fault-probe-$PID-$($script:probe)"
    $all = @($Rules) + @(@{ verb = 'get'; resource = 'namespaces'; name = $probeName; status = 409 })
    $doc = @{ seed = $Seed; rules = $all; unreachable = [bool]$Unreachable } | ConvertTo-Json -Depth 5
    $file = Join-Path $Path "$Cluster.faults.json"
    Set-Content -Path "$file.tmp" -Value $doc
    Move-Item "$file.tmp" $file -Force
    $client = Get-CachedClient (Join-Path $Path "$Cluster.kubeconfig")
    $deadline = [DateTime]::UtcNow.AddSeconds(30)
    while ([DateTime]::UtcNow -lt $deadline) {
        try {
            $r = $client.GetAsync("/api/v1/namespaces/$probeName").GetAwaiter().GetResult()
            $code = [int]$r.StatusCode
            $r.Dispose()
            if ($code -eq 409 -and -not $Unreachable) { return }
        }
        catch {
            if ($Unreachable) { return } # the outage is on: connections are dropped
        }
        Start-Sleep -Milliseconds 100
    }
    throw "The $Cluster sandbox did not apply its fault rules within 30 s."
}

<# Removes every fault rule and ends an outage; returns once the server answers normally. #>
function Clear-SandboxFault([string] $Path, [string] $Cluster) {
    Set-SandboxFault -Path $Path -Cluster $Cluster -Rules @()
}

<#
.SYNOPSIS
    How many objects of each kind a peering leaves on a cluster for one peer (by liqo.io/remote-cluster-id, or by name
    for cluster-scoped ones): a duplicate shows as a count above 1.
#>
function Get-PeeringObjectCount([string] $Kubeconfig, [string] $RemoteId) {
    $selector = [Uri]::EscapeDataString("liqo.io/remote-cluster-id=$RemoteId")
    $kinds = [ordered]@{
        Namespace     = "/api/v1/namespaces?labelSelector=$selector"
        ResourceSlice = "/apis/authentication.liqo.io/v1beta1/resourceslices?labelSelector=$selector"
        VirtualNode   = "/apis/offloading.liqo.io/v1beta1/virtualnodes?labelSelector=$selector"
        Identity      = "/apis/authentication.liqo.io/v1beta1/identities?labelSelector=$selector"
        Tenant        = "/apis/authentication.liqo.io/v1beta1/tenants?labelSelector=$selector"
        Configuration = "/apis/networking.liqo.io/v1beta1/configurations?labelSelector=$selector"
        GatewayServer = "/apis/networking.liqo.io/v1beta1/gatewayservers?labelSelector=$selector"
        GatewayClient = "/apis/networking.liqo.io/v1beta1/gatewayclients?labelSelector=$selector"
    }
    $counts = [ordered]@{}
    foreach ($k in $kinds.Keys) {
        $list = Invoke-SandboxGet $Kubeconfig $kinds[$k]
        $counts[$k] = if ($list) { @($list['items'] | Where-Object { -not $_['metadata'].Contains('deletionTimestamp') }).Count } else { 0 }
    }
    [pscustomobject]$counts
}


<#
.SYNOPSIS
    Replaces a sandbox cluster's Liqo knobs (DIR/<cluster>.liqo.json, the sandbox program's Liqo options as a JSON
    array, e.g. @('--failed-pod', 'web-5d8f9c7b46-abcde')); an empty list restores the options the cluster started with.
    The program reads the file within 250 ms; callers wait for the effect they expect (kubectl, a watch), not a delay.
#>
function Set-SandboxKnobs([string] $Path, [string] $Cluster, [string[]] $Arguments = @()) {
    $file = Join-Path $Path "$Cluster.liqo.json"
    Set-Content -Path "$file.tmp" -Value (ConvertTo-Json -InputObject @($Arguments) -Compress)
    Move-Item "$file.tmp" $file -Force
}

Export-ModuleMember -Function Set-SandboxFault, Clear-SandboxFault, Invoke-SandboxGet, Get-PeeringObjectCount, Set-SandboxKnobs
