# The cmdlets' help, as Get-Help shows it from en-US/Liqo.PowerShell.dll-Help.xml (made from the doc comments by
# tools/New-LiqoCmdletHelp.ps1 during the build): every cmdlet has a synopsis, a description, a description of each of its
# parameters, and examples whose code parses and calls real commands with parameters they have and values they take.
BeforeDiscovery {
    Import-Module $PSScriptRoot/LiqoTestSupport.psm1 -Force
    Import-Module (Get-LiqoModulePath) -Force
    $script:exported = @(Get-Command -Module Liqo | Sort-Object Name)
    $script:examples = @(
        foreach ($c in $script:exported) {
            $n = 0
            foreach ($e in @((Get-Help $c.Name -Full).PSObject.Properties['examples'].Value.example | Where-Object { $_ })) {
                $n++
                @{ Name = $c.Name; Number = $n; Code = [string]$e.code }
            }
        })
    # the cmdlets people reach for first have more than one example
    $script:central = 'New-LiqoPeering', 'Remove-LiqoPeering', 'Get-LiqoPeerInfo', 'Get-LiqoInfo'
}

BeforeAll {
    Import-Module $PSScriptRoot/LiqoTestSupport.psm1 -Force
    Import-Module (Get-LiqoModulePath) -Force
    $script:common = [System.Management.Automation.Cmdlet]::CommonParameters

    # The help of a cmdlet, as Get-Help gives it.
    function Get-CmdletHelp([string] $Name) { Get-Help $Name -Full }

    # Text of a help node's paragraphs (description, parameter description).
    function Get-HelpText($Node) { (@($Node | Where-Object { $_ } | ForEach-Object { $_.Text }) -join "`n").Trim() }

    # Commands an example may call besides PowerShell's own: the Azure Automation cmdlet that reads a runbook's
    # variables (not installed here), with the parameters it has.
    $script:external = @{ 'Get-AutomationVariable' = @('Name'); 'Get-AutomationPSCredential' = @('Name'); 'Get-Secret' = @('Name') }  # Azure Automation's and SecretManagement's, not installed here
    $script:standardModules = 'Microsoft.PowerShell.Core', 'Microsoft.PowerShell.Utility', 'Microsoft.PowerShell.Management'
}

AfterAll { Remove-Module Liqo -ErrorAction Ignore }

Describe 'Cmdlet help' {
    It 'ships the MAML file Get-Help reads for the cmdlets (the assembly file name + -Help.xml, in en-US), with every cmdlet in it' {
        $helpFile = (Get-Command New-LiqoPeering).HelpFile
        $helpFile | Should -Be 'Liqo.PowerShell.dll-Help.xml'
        $path = Join-Path (Split-Path (Get-LiqoModulePath)) "en-US/$helpFile"
        $path | Should -Exist
        $xml = [xml](Get-Content -Raw $path)
        $xml.helpItems.schema | Should -Be 'maml'
        $names = @($xml.helpItems.command | ForEach-Object { $_.details.name })
        ($names | Sort-Object) | Should -Be (@(Get-Command -Module Liqo).Name | Sort-Object)
    }

    It '<_.Name> has a synopsis that is a sentence, not its syntax' -ForEach $script:exported {
        $synopsis = "$((Get-CmdletHelp $_.Name).Synopsis)".Trim()
        $synopsis | Should -Not -BeNullOrEmpty
        # without help, Get-Help makes the synopsis from the syntax: "New-LiqoPeering [-Timeout <timespan>] ..."
        $synopsis | Should -Not -BeLike "$($_.Name) *"
        $synopsis | Should -Not -Match '<CommonParameters>'
        $synopsis | Should -Match '^[A-Z].*\.$'
    }

    It '<_.Name> has a description that says more than the synopsis' -ForEach $script:exported {
        $help = Get-CmdletHelp $_.Name
        $description = Get-HelpText $help.description
        $description | Should -Not -BeNullOrEmpty
        $description.Length | Should -BeGreaterThan "$($help.Synopsis)".Trim().Length
        $description | Should -BeLike "$("$($help.Synopsis)".Trim())*"
    }

    It '<_.Name> describes every parameter (the common ones aside), and only parameters it has' -ForEach $script:exported {
        $help = Get-CmdletHelp $_.Name
        $documented = @{}
        foreach ($p in @($help.parameters.parameter)) { $documented[$p.name] = Get-HelpText $p.description }
        $expected = @($_.Parameters.Keys | Where-Object { -not $script:common.Contains($_) })
        foreach ($name in $expected) {
            $documented.ContainsKey($name) | Should -BeTrue -Because "-$name is a parameter of $($_.Name)"
            $documented[$name] | Should -Not -BeNullOrEmpty -Because "-$name needs a description"
        }
        @($documented.Keys | Where-Object { $_ -notin $expected }) | Should -BeNullOrEmpty
    }

    It '<_.Name> shows a syntax per parameter set' -ForEach $script:exported {
        $help = Get-CmdletHelp $_.Name
        @($help.syntax.syntaxItem).Count | Should -Be $_.ParameterSets.Count
    }

    It '<_.Name> has an example with code, and more than one when people reach for it first' -ForEach $script:exported {
        $examples = @((Get-CmdletHelp $_.Name).examples.example | Where-Object { $_ })
        $examples.Count | Should -BeGreaterOrEqual $(if ($_.Name -in $script:central) { 2 } else { 1 })
        foreach ($e in $examples) {
            "$($e.code)".Trim() | Should -Not -BeNullOrEmpty
            "$($e.title)" | Should -Match 'Example \d+: \S'
        }
    }

    It '<_.Name> lists what it takes from the pipeline, what it writes, and about_Liqo' -ForEach $script:exported {
        $help = Get-CmdletHelp $_.Name
        $inputs = @($help.inputTypes.inputType | ForEach-Object { $_.type.name })
        $byPipeline = @($_.Parameters.Values | Where-Object { $_.Attributes | Where-Object { $_ -is [System.Management.Automation.ParameterAttribute] -and ($_.ValueFromPipeline -or $_.ValueFromPipelineByPropertyName) } })
        if ($byPipeline.Count) { $inputs | Should -Not -Contain 'None' } else { $inputs | Should -Be @('None') }
        $outputs = @($help.returnValues.returnValue | ForEach-Object { $_.type.name })
        foreach ($t in $_.OutputType) {
            $outputs | Should -Contain $(if ($t.Type -eq [void]) { 'None' } else { $t.Type.FullName })
        }
        @($help.relatedLinks.navigationLink.linkText) | Should -Contain 'about_Liqo'
    }

    It 'example <Number> of <Name> parses and calls <Name>, and only real commands with their real parameters and values' -ForEach $script:examples {
        $tokens = $null
        $errors = $null
        $ast = [System.Management.Automation.Language.Parser]::ParseInput($Code, [ref]$tokens, [ref]$errors)
        $errors | Should -BeNullOrEmpty
        $calls = @($ast.FindAll({ $args[0] -is [System.Management.Automation.Language.CommandAst] }, $true))
        $calls.GetCommandName() | Should -Contain $Name
        foreach ($call in $calls) {
            $commandName = $call.GetCommandName()
            if ($script:external.ContainsKey($commandName)) {
                foreach ($p in $call.CommandElements | Where-Object { $_ -is [System.Management.Automation.Language.CommandParameterAst] }) {
                    $script:external[$commandName] | Should -Contain $p.ParameterName
                }
                continue
            }
            $command = Get-Command $commandName -ErrorAction Ignore
            $command | Should -Not -BeNullOrEmpty -Because "the example calls $commandName"
            $command.ModuleName | Should -BeIn (@('Liqo') + $script:standardModules) -Because "$commandName should be a Liqo or a standard command"
            # PowerShell's own binder, statically: unknown or ambiguous parameters, extra positional arguments and
            # parameters of different sets are errors
            $binding = [System.Management.Automation.Language.StaticParameterBinder]::BindCommand($call, $true)
            @($binding.BindingExceptions.Values | ForEach-Object { "$commandName`: $($_.BindingException.Message)" }) | Should -BeNullOrEmpty
            if ($command.ModuleName -ne 'Liqo') { continue }
            # a constant value must be one the parameter takes (a duration, a value of its set, a number in range)
            foreach ($bound in $binding.BoundParameters.GetEnumerator()) {
                $value = $bound.Value.ConstantValue
                $parameter = $command.Parameters[$bound.Value.Parameter.Name]
                if ($null -eq $value -or $parameter.SwitchParameter) { continue }
                foreach ($a in $parameter.Attributes) {
                    if ($a -is [System.Management.Automation.ArgumentTransformationAttribute]) { $value = $a.Transform($null, $value) }
                }
                { [System.Management.Automation.LanguagePrimitives]::ConvertTo($value, $parameter.ParameterType) } | Should -Not -Throw
                foreach ($a in $parameter.Attributes) {
                    if ($a -is [System.Management.Automation.ValidateSetAttribute]) { $a.ValidValues | Should -Contain $value }
                    if ($a -is [System.Management.Automation.ValidateRangeAttribute]) {
                        [int]$value | Should -BeGreaterOrEqual $a.MinRange
                        [int]$value | Should -BeLessOrEqual $a.MaxRange
                    }
                }
            }
        }
    }

    It 'Get-Help -Examples shows the examples' {
        $text = Get-Help New-LiqoPeering -Examples | Out-String -Width 200
        $text | Should -Match 'Example 1: '
        $text | Should -Match '-RemoteKubeconfigContent \(Get-AutomationVariable'
    }

    It 'shows base-class parameters with their own description and defaults read from the cmdlet' {
        $help = Get-CmdletHelp New-LiqoPeering
        $p = @{}
        foreach ($x in $help.parameters.parameter) { $p[$x.name] = $x }
        Get-HelpText $p['KubeconfigContent'].description | Should -Match 'never written to a file'
        Get-HelpText $p['RemoteContext'].description | Should -Match 'remote cluster'
        $p['LiqoNamespace'].defaultValue | Should -Be 'liqo'
        $p['Timeout'].defaultValue | Should -Be '10m'
        $p['GatewayServerServicePort'].defaultValue | Should -Be '51840'
        $p['Cpu'].defaultValue | Should -Be 'None'
    }
}
