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

    It '<_.Name> supports -WhatIf and -Confirm unless it only reads (Get-)' -ForEach $script:exported {
        $attribute = $_.ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0]
        # Get- and Test- only read
        $attribute.SupportsShouldProcess | Should -Be ($_.Verb -notin 'Get', 'Test')
        if ($_.Verb -notin 'Get', 'Test') { $_.Parameters.Keys | Should -Contain 'WhatIf' }
    }

    It '<_.Name> asks for confirmation by default when it removes (ConfirmImpact High)' -ForEach $script:exported {
        $attribute = $_.ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0]
        $destructive = $_.Verb -in 'Remove', 'Disable', 'Reset'
        ($attribute.ConfirmImpact -eq 'High') | Should -Be $destructive
    }

    It '<_.Name> declares output types that are the module''s own (or text; nothing for a teardown)' -ForEach $script:exported {
        $teardown = $_.Verb -in 'Remove', 'Disable', 'Reset'
        foreach ($t in $_.OutputType) {
            # a Test- cmdlet's -Quiet answers one boolean, as Test-Connection -Quiet does
            $allowed = $t.Type -eq [string] -or $t.Type.Namespace -eq 'Liqo' -or ($teardown -and $t.Type -eq [void]) -or ($_.Verb -eq 'Test' -and $t.Type -eq [bool])
            $allowed | Should -BeTrue -Because "$($t.Name) should be a Liqo output type or text, or nothing for a teardown"
        }
    }

    It 'has a format view for every output type of its cmdlets' {
        $formatted = (Get-FormatData -TypeName 'Liqo.*').TypeNames
        $types = $script:commands.OutputType.Type | Where-Object { $_ -ne [string] -and $_ -ne [void] -and $_ -ne [bool] } | ForEach-Object FullName | Sort-Object -Unique
        $types | Where-Object { $_ -notin $formatted } | Should -BeNullOrEmpty
    }

    It '<_.Name> takes the cluster parameters' -ForEach $script:exported {
        foreach ($p in 'Kubeconfig', 'KubeconfigContent', 'Context', 'LiqoNamespace') { $_.Parameters.Keys | Should -Contain $p }
    }

    It 'takes durations the way liqoctl writes them, and refuses a zero or negative one before doing anything' {
        $duration = [Liqo.PowerShell.DurationTransformationAttribute]::new()
        $duration.Transform($null, '2m30s') | Should -Be ([TimeSpan]'00:02:30')
        $duration.Transform($null, 90) | Should -Be ([TimeSpan]'00:01:30')
        $duration.Transform($null, '1h') | Should -Be ([TimeSpan]'01:00:00')
        $duration.Transform($null, [System.Threading.Timeout]::InfiniteTimeSpan) | Should -Be ([System.Threading.Timeout]::InfiniteTimeSpan)
        { Remove-LiqoPeering -Kubeconfig ./nowhere -RemoteKubeconfig ./nowhere -Timeout 0 -Confirm:$false } |
            Should -Throw -ErrorId 'ParameterArgumentTransformationError,*' -ExpectedMessage '*longer than zero*'
        { New-LiqoPeering -Kubeconfig ./nowhere -RemoteKubeconfig ./nowhere -Timeout '-5' } |
            Should -Throw -ErrorId 'ParameterArgumentTransformationError,*' -ExpectedMessage '*longer than zero*'
    }

    It 'never prompts in a host that cannot: any run whose ShouldProcess would prompt stops first with ConfirmationRequired' {
        # a destructive cmdlet by default, another one when $ConfirmPreference asks for it, any with -Confirm
        { Remove-LiqoPeering -Kubeconfig ./nowhere -RemoteKubeconfig ./nowhere } | Should -Throw -ErrorId 'ConfirmationRequired,*'
        { & { $ConfirmPreference = 'Medium'; New-LiqoPeering -Kubeconfig ./nowhere -RemoteKubeconfig ./nowhere } } |
            Should -Throw -ErrorId 'ConfirmationRequired,*' -ExpectedMessage '*ConfirmImpact (Medium)*'
        { New-LiqoNonce someone -Kubeconfig ./nowhere -Confirm } | Should -Throw -ErrorId 'ConfirmationRequired,*' -ExpectedMessage '*-Confirm was given*'
        # -Confirm:$false, -WhatIf, or a preference below the cmdlet's impact: no prompt, so the command runs (and fails on the kubeconfig)
        { & { $ConfirmPreference = 'Medium'; New-LiqoPeering -Kubeconfig ./nowhere -RemoteKubeconfig ./nowhere -Confirm:$false } } |
            Should -Throw -ErrorId 'KubeconfigNotFound,*'
        { Remove-LiqoPeering -Kubeconfig ./nowhere -RemoteKubeconfig ./nowhere -WhatIf } | Should -Throw -ErrorId 'KubeconfigNotFound,*'
        { New-LiqoPeering -Kubeconfig ./nowhere -RemoteKubeconfig ./nowhere } | Should -Throw -ErrorId 'KubeconfigNotFound,*'
    }

    It 'declares parameter enums with the engine''s members in the engine''s order (the cmdlets convert them by value)' {
        # the engine loads on first use, into the module's private load context
        { Get-LiqoClusterId -Kubeconfig ./nowhere } | Should -Throw -ErrorId 'KubeconfigNotFound,*'
        $engine = [System.Runtime.Loader.AssemblyLoadContext]::All.Assemblies | Where-Object { $_.GetName().Name -eq 'Liqo.Engine' } | Select-Object -First 1
        $engine | Should -Not -BeNullOrEmpty
        @{
            'Liqo.GatewayServiceType'        = 'Liqo.Engine.Networking.GatewayServiceType'
            'Liqo.GatewayServerLocation'     = 'Liqo.Engine.Networking.GatewayServerLocation'
            'Liqo.PeeringUserKeyAlgorithm'   = 'Liqo.Engine.Authentication.PeeringUserKeyAlgorithm'
        }.GetEnumerator() | ForEach-Object {
            $mine = [Enum]::GetValues(($_.Key -as [type])) | ForEach-Object { "$_=$([int]$_)" }
            $theirs = [Enum]::GetValues($engine.GetType($_.Value, $true)) | ForEach-Object { "$_=$([int]$_)" }
            $mine -join ',' | Should -Be ($theirs -join ',') -Because $_.Key
        }
    }

    It 'shows the about_Liqo help topic' {
        (Get-Help about_Liqo | Out-String) | Should -Match 'KubeconfigContent'
    }
}
