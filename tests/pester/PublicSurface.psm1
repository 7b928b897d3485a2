# The module's public surface as data: what a user can see of every cmdlet through Get-Command and Get-Help. The
# snapshot (PublicSurface.snapshot.json, committed before the cmdlet hierarchy was flattened) is compared with it, so a
# refactoring of the cmdlet classes cannot change a name, a parameter set, a position, pipeline binding, an alias, a
# validation, a default or a help text unnoticed. To accept an intended change, regenerate the snapshot:
#   dotnet pwsh -c 'Import-Module ./tests/pester/PublicSurface.psm1; Export-LiqoPublicSurface'

$script:Common = [System.Management.Automation.Cmdlet]::CommonParameters + [System.Management.Automation.Cmdlet]::OptionalCommonParameters

function Get-HelpParagraphs($Node) { (@($Node | Where-Object { $_ } | ForEach-Object { $_.Text }) -join "`n").Trim() }

function Get-AttributeText([System.Attribute] $Attribute) {
    $name = $Attribute.GetType().Name -replace 'Attribute$', ''
    switch ($Attribute) {
        { $_ -is [System.Management.Automation.ValidateSetAttribute] } { return "$name($($_.ValidValues -join ','))" }
        { $_ -is [System.Management.Automation.ValidateRangeAttribute] } { return "$name($($_.MinRange),$($_.MaxRange))" }
        { $_ -is [System.Management.Automation.ValidatePatternAttribute] } { return "$name($($_.RegexPattern))" }
        { $_ -is [System.Management.Automation.ValidateCountAttribute] } { return "$name($($_.MinLength),$($_.MaxLength))" }
        { $_ -is [System.Management.Automation.ValidateLengthAttribute] } { return "$name($($_.MinLength),$($_.MaxLength))" }
        { $_ -is [System.Management.Automation.ArgumentCompleterAttribute] } { return "$name($($_.Type.Name))" }
        default { return $name }
    }
}

# The surface of every cmdlet of the imported Liqo module, as an ordered, JSON-ready structure.
function Get-LiqoPublicSurface {
    foreach ($command in Get-Command -Module Liqo -CommandType Cmdlet | Sort-Object Name) {
        $attribute = $command.ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $true)[0]
        $help = Get-Help $command.Name -Full
        $helpParameters = @{}
        foreach ($p in @($help.parameters.parameter | Where-Object { $_ })) { $helpParameters[$p.name] = $p }
        [ordered]@{
            Name                  = $command.Name
            DefaultParameterSet   = $command.DefaultParameterSet
            SupportsShouldProcess = $attribute.SupportsShouldProcess
            ConfirmImpact         = "$($attribute.ConfirmImpact)"
            OutputType            = @($command.OutputType | ForEach-Object { $_.Name } | Sort-Object -Unique)
            Syntax                = @($command.ParameterSets | Sort-Object Name | ForEach-Object { "$($_.Name): $(($_.ToString()).Trim())" })
            Parameters            = @(
                foreach ($p in $command.Parameters.Values | Where-Object { $_.Name -notin $script:Common } | Sort-Object Name) {
                    $h = $helpParameters[$p.Name]
                    [ordered]@{
                        Name        = $p.Name
                        Type        = $p.ParameterType.FullName
                        Aliases     = @($p.Aliases | Sort-Object)
                        Attributes  = @($p.Attributes | Where-Object { $_ -isnot [System.Management.Automation.ParameterAttribute] -and $_ -isnot [System.Management.Automation.AliasAttribute] -and
                                $_.GetType().Namespace -ne 'System.Runtime.CompilerServices' } |
                                ForEach-Object { Get-AttributeText $_ } | Sort-Object)
                        Sets        = @($p.ParameterSets.GetEnumerator() | Sort-Object Key | ForEach-Object {
                                $s = $_.Value
                                '{0}: position={1} mandatory={2} pipeline={3} byPropertyName={4} remaining={5}' -f $_.Key, $s.Position, $s.IsMandatory,
                                $s.ValueFromPipeline, $s.ValueFromPipelineByPropertyName, $s.ValueFromRemainingArguments
                            })
                        Default     = if ($h) { "$($h.defaultValue)" } else { $null }
                        Description = if ($h) { Get-HelpParagraphs $h.description } else { $null }
                    }
                })
            Synopsis              = "$($help.Synopsis)".Trim()
            Description           = Get-HelpParagraphs $help.description
            Examples              = @(@($help.examples.example | Where-Object { $_ }) | ForEach-Object { "$($_.title)".Trim(' -'.ToCharArray()) + "`n" + "$($_.code)".Trim() })
        }
    }
}

# The differences between two surfaces, as one line each ('' when they are the same). Both sides go through JSON, so a
# snapshot read from disk compares like a live surface.
function Compare-LiqoPublicSurface($Expected, $Actual) {
    $e = @($Expected | ConvertTo-Json -Depth 10 | ConvertFrom-Json -AsHashtable)
    $a = @($Actual | ConvertTo-Json -Depth 10 | ConvertFrom-Json -AsHashtable)
    $byName = @{}
    foreach ($c in $a) { $byName[$c.Name] = $c }
    $expectedNames = @($e | ForEach-Object { $_.Name })
    foreach ($c in $a) { if ($c.Name -notin $expectedNames) { "cmdlet $($c.Name) is not in the snapshot" } }
    foreach ($c in $e) {
        $other = $byName[$c.Name]
        if (-not $other) { "cmdlet $($c.Name) is gone"; continue }
        foreach ($key in $c.Keys) {
            if ($key -eq 'Parameters') { continue }
            $left = $c[$key] | ConvertTo-Json -Depth 5 -Compress
            $right = $other[$key] | ConvertTo-Json -Depth 5 -Compress
            if ($left -ne $right) { "$($c.Name) $key changed: $left -> $right" }
        }
        $parameters = @{}
        foreach ($p in $other.Parameters) { $parameters[$p.Name] = $p }
        $expectedParameters = @($c.Parameters | ForEach-Object { $_.Name })
        foreach ($p in $other.Parameters) { if ($p.Name -notin $expectedParameters) { "$($c.Name) -$($p.Name) is new" } }
        foreach ($p in $c.Parameters) {
            $q = $parameters[$p.Name]
            if (-not $q) { "$($c.Name) -$($p.Name) is gone"; continue }
            foreach ($key in $p.Keys) {
                $left = $p[$key] | ConvertTo-Json -Depth 5 -Compress
                $right = $q[$key] | ConvertTo-Json -Depth 5 -Compress
                if ($left -ne $right) { "$($c.Name) -$($p.Name) $key changed: $left -> $right" }
            }
        }
    }
}

function Get-LiqoPublicSurfaceSnapshotPath { Join-Path $PSScriptRoot 'PublicSurface.snapshot.json' }

# Writes the surface of the built module (out/Liqo) as the snapshot.
function Export-LiqoPublicSurface([string] $ModulePath = (Join-Path $PSScriptRoot '../../out/Liqo/Liqo.psd1')) {
    Import-Module $ModulePath -Force
    @(Get-LiqoPublicSurface) | ConvertTo-Json -Depth 10 | Set-Content -LiteralPath (Get-LiqoPublicSurfaceSnapshotPath) -Encoding utf8NoBOM
}

Export-ModuleMember -Function Get-LiqoPublicSurface, Compare-LiqoPublicSurface, Get-LiqoPublicSurfaceSnapshotPath, Export-LiqoPublicSurface
