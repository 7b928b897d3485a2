# The module's surface: it imports from out/Liqo, exports what the manifest says, and every cmdlet follows the
# conventions users rely on (approved verbs, OutputType, ShouldProcess on writers).
BeforeDiscovery {
    Import-Module $PSScriptRoot/LiqoTestSupport.psm1 -Force
    Import-Module (Get-LiqoModulePath) -Force
    $script:exported = @(Get-Command -Module Liqo)
}

BeforeAll {
    Import-Module $PSScriptRoot/LiqoTestSupport.psm1 -Force
    Import-Module (Get-LiqoModulePath) -Force
    $script:commands = Get-Command -Module Liqo
}

AfterAll { Remove-Module Liqo -ErrorAction Ignore }

Describe 'Liqo module' {
    It 'exports cmdlets at all' {
        $script:commands.Count | Should -BeGreaterThan 0
    }

    It 'exports exactly the cmdlets its manifest lists' {
        $manifest = Import-PowerShellDataFile (Get-LiqoModulePath)
        ($script:commands.Name | Sort-Object) | Should -Be ($manifest.CmdletsToExport | Sort-Object)
    }

    It 'lays out the engine and its packages in Dependencies/, not beside the cmdlets' {
        $dir = Split-Path (Get-LiqoModulePath)
        Join-Path $dir 'Liqo.PowerShell.dll' | Should -Exist
        Join-Path $dir 'Dependencies/Liqo.Engine.dll' | Should -Exist
        Join-Path $dir 'Dependencies/KubernetesClient.dll' | Should -Exist
        Join-Path $dir 'Dependencies/YamlDotNet.dll' | Should -Exist
        Join-Path $dir 'Dependencies/BouncyCastle.Cryptography.dll' | Should -Exist
        Join-Path $dir 'KubernetesClient.dll' | Should -Not -Exist
        Join-Path $dir 'YamlDotNet.dll' | Should -Not -Exist
        Join-Path $dir 'en-US/about_Liqo.help.txt' | Should -Exist
    }

    It '<_.Name> uses an approved verb' -ForEach $script:exported {
        (Get-Verb).Verb | Should -Contain $_.Verb
    }

    It '<_.Name> declares its output type' -ForEach $script:exported {
        $_.OutputType | Should -Not -BeNullOrEmpty
    }

    It '<_.Name> takes the cluster parameters' -ForEach $script:exported {
        foreach ($p in 'Kubeconfig', 'KubeconfigContent', 'Context', 'LiqoNamespace') { $_.Parameters.Keys | Should -Contain $p }
    }

    It 'shows the about_Liqo help topic' {
        (Get-Help about_Liqo | Out-String) | Should -Match 'KubeconfigContent'
    }
}
