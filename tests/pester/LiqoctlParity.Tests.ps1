# docs/liqoctl-parity.md names every cmdlet parameter: each parameter of each cmdlet (common parameters excluded) is in a
# row of its tables whose Cmdlet cell names the cmdlet (or says 'all'), and each parameter a row names exists on at
# least one cmdlet of that row. A parameter added without a line in the parity table fails here.
BeforeAll {
    Import-Module $PSScriptRoot/LiqoTestSupport.psm1 -Force
    Import-Module (Get-LiqoModulePath) -Force

    # The rows of every table with Cmdlet and Parameter columns: @{ Cmdlets = 'all' or names; Parameters = names without '-' }
    function Get-ParityRow([string[]]$Lines) {
        $columns = $null
        foreach ($line in $Lines) {
            if ($line -notmatch '^\|') { $columns = $null; continue }
            # split on | that is not escaped (\|), then unescape
            $cells = @(($line.Trim().Trim('|') -split '(?<!\\)\|') | ForEach-Object { $_.Trim() -replace '\\\|', '|' })
            if ($null -eq $columns) { $columns = $cells; continue }
            if ($cells[0] -match '^-+$') { continue }
            $ci = [array]::IndexOf($columns, 'Cmdlet'); $pi = [array]::IndexOf($columns, 'Parameter')
            if ($ci -lt 0 -or $pi -lt 0) { continue }
            $split = { param($text) @($text -split ',' | ForEach-Object { $_.Trim() } | Where-Object { $_ -and $_ -ne '—' }) }
            [pscustomobject]@{
                Line       = $line
                Cmdlets    = & $split $cells[$ci]
                Parameters = @(& $split $cells[$pi] | ForEach-Object { $_.TrimStart('-') })
            }
        }
    }

    # What the table misses, and what it names that does not exist.
    function Compare-Parity($Rows, $Cmdlets) {
        $common = [System.Management.Automation.PSCmdlet]::CommonParameters + [System.Management.Automation.PSCmdlet]::OptionalCommonParameters
        foreach ($c in $Cmdlets) {
            foreach ($p in @($c.Parameters.Keys | Where-Object { $_ -notin $common })) {
                $named = $Rows | Where-Object { ($_.Cmdlets -contains $c.Name -or $_.Cmdlets -contains 'all') -and $_.Parameters -contains $p }
                if (-not $named) { "$($c.Name) -$p is not in docs/liqoctl-parity.md" }
            }
        }
        foreach ($r in $Rows) {
            foreach ($name in $r.Cmdlets | Where-Object { $_ -ne 'all' }) {
                if ($name -notin $Cmdlets.Name) { "no cmdlet $name (row: $($r.Line))" }
            }
            foreach ($p in $r.Parameters) {
                $on = if ($r.Cmdlets -contains 'all') { $Cmdlets } else { $Cmdlets | Where-Object Name -In $r.Cmdlets }
                if (-not ($on | Where-Object { $_.Parameters.ContainsKey($p) })) { "-$p is on none of $($r.Cmdlets -join ', ') (row: $($r.Line))" }
            }
        }
    }

    $script:doc = Join-Path (Get-LiqoRepoRoot) 'docs/liqoctl-parity.md'
    $script:rows = @(Get-ParityRow (Get-Content -LiteralPath $script:doc))
    $script:cmdlets = @(Get-Command -Module Liqo -CommandType Cmdlet)
}

AfterAll { Remove-Module Liqo -ErrorAction Ignore }

Describe 'docs/liqoctl-parity.md' {
    It 'names every parameter of every cmdlet, and only parameters that exist' {
        $script:cmdlets.Count | Should -BeGreaterThan 20
        $script:rows.Count | Should -BeGreaterThan 50
        @(Compare-Parity $script:rows $script:cmdlets) -join "`n" | Should -BeNullOrEmpty
    }

    It 'names every cmdlet' {
        $named = $script:rows.Cmdlets | Sort-Object -Unique
        @($script:cmdlets.Name | Where-Object { $_ -notin $named }) | Should -BeNullOrEmpty
    }

    It 'notices a parameter the table does not name, and a row naming a parameter that is gone' {
        $without = @($script:rows | Where-Object { -not ($_.Cmdlets -contains 'New-LiqoPeering' -and $_.Parameters -contains 'Mtu') })
        @(Compare-Parity $without $script:cmdlets) | Should -Contain 'New-LiqoPeering -Mtu is not in docs/liqoctl-parity.md'
        $extra = $script:rows + [pscustomobject]@{ Line = '| x | New-LiqoPeering | -MtuBytes | |'; Cmdlets = @('New-LiqoPeering'); Parameters = @('MtuBytes') }
        @(Compare-Parity $extra $script:cmdlets) | Should -Contain '-MtuBytes is on none of New-LiqoPeering (row: | x | New-LiqoPeering | -MtuBytes | |)'
    }
}
