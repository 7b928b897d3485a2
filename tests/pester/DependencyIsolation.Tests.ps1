# The module's packages load into a private AssemblyLoadContext, so a different YamlDotNet loaded by another module in
# the same session clashes with nothing, whichever is loaded first.
BeforeAll {
    Import-Module $PSScriptRoot/LiqoTestSupport.psm1 -Force
    $script:module = Get-LiqoModulePath
    $script:otherYaml = Join-Path (Get-NuGetPackageRoot) 'yamldotnet/16.3.0/lib/net8.0/YamlDotNet.dll'
    $script:kubeconfig = New-TestKubeconfigText -Server 'https://127.0.0.1:1'
    # A Liqo cmdlet that parses YAML: the kubeconfig content goes through YamlDotNet in the engine. The server is
    # unreachable on purpose, so reaching ClusterUnreachable proves the YAML was parsed by the module's YamlDotNet.
    $script:probe = @'
$ErrorActionPreference = 'Stop'
function Use-Liqo {
    try { Get-LiqoClusterId -KubeconfigContent $env:LIQO_TEST_KUBECONFIG; 'no error' }
    catch { "error:" + $_.FullyQualifiedErrorId.Split(',')[0] }
}
function Use-Other {
    $yaml = [YamlDotNet.Serialization.DeserializerBuilder]::new().Build().Deserialize[hashtable]("a: 1")
    "other:" + $yaml['a']
}
function Show-Yaml {
    [AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -eq 'YamlDotNet' } | ForEach-Object {
        "yaml:" + $_.GetName().Version + "@" + [Runtime.Loader.AssemblyLoadContext]::GetLoadContext($_).Name
    }
}
'@
}

Describe 'dependency isolation' {
    It 'works when another YamlDotNet is loaded first' {
        $r = Invoke-FreshPwsh -Environment @{ LIQO_TEST_KUBECONFIG = $script:kubeconfig } -Script @"
$script:probe
Add-Type -Path '$script:otherYaml'
Use-Other
Import-Module '$script:module'
Use-Liqo
Show-Yaml
"@
        $r.Error | Should -BeNullOrEmpty
        $r.Output | Should -Contain 'other:1'
        $r.Output | Should -Contain 'error:ClusterUnreachable'
        $r.Output | Should -Contain 'yaml:16.0.0.0@Default'
        $r.Output | Should -Contain 'yaml:18.0.0.0@Liqo.Dependencies'
    }

    It 'works when the module loads its YamlDotNet first' {
        $r = Invoke-FreshPwsh -Environment @{ LIQO_TEST_KUBECONFIG = $script:kubeconfig } -Script @"
$script:probe
Import-Module '$script:module'
Use-Liqo
Add-Type -Path '$script:otherYaml'
Use-Other
Use-Liqo
Show-Yaml
"@
        $r.Error | Should -BeNullOrEmpty
        @($r.Output | Where-Object { $_ -eq 'error:ClusterUnreachable' }).Count | Should -Be 2
        $r.Output | Should -Contain 'other:1'
        $r.Output | Should -Contain 'yaml:16.0.0.0@Default'
        $r.Output | Should -Contain 'yaml:18.0.0.0@Liqo.Dependencies'
    }

    It 'keeps working after Remove-Module and a second import' {
        $r = Invoke-FreshPwsh -Environment @{ LIQO_TEST_KUBECONFIG = $script:kubeconfig } -Script @"
$script:probe
Import-Module '$script:module'
Use-Liqo
Remove-Module Liqo
Import-Module '$script:module'
Use-Liqo
"@
        $r.Error | Should -BeNullOrEmpty
        @($r.Output | Where-Object { $_ -eq 'error:ClusterUnreachable' }).Count | Should -Be 2
    }
}
