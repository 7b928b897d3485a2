# The public surface (Get-Command metadata and Get-Help of every cmdlet) is the one in PublicSurface.snapshot.json, taken
# before the cmdlet classes were flattened: a change of the classes behind the cmdlets changes nothing a user can see.
BeforeAll {
    Import-Module $PSScriptRoot/LiqoTestSupport.psm1 -Force
    Import-Module $PSScriptRoot/PublicSurface.psm1 -Force
    Import-Module (Get-LiqoModulePath) -Force
    $script:snapshot = Get-Content -Raw -LiteralPath (Get-LiqoPublicSurfaceSnapshotPath) | ConvertFrom-Json -AsHashtable
    $script:surface = @(Get-LiqoPublicSurface)
}

AfterAll { Remove-Module Liqo, PublicSurface -ErrorAction Ignore }

Describe 'Public surface' {
    It 'is the committed snapshot: names, parameter sets, positions, pipeline binding, aliases, validation, defaults and help' {
        $differences = @(Compare-LiqoPublicSurface $script:snapshot $script:surface)
        $differences -join "`n" | Should -BeNullOrEmpty
    }

    It 'covers every exported cmdlet and its parameters' {
        $script:snapshot.Count | Should -Be @(Get-Command -Module Liqo -CommandType Cmdlet).Count
        ($script:snapshot | Where-Object Name -EQ 'New-LiqoPeering').Parameters.Count | Should -BeGreaterThan 20
    }

    It 'notices a renamed parameter, a moved position and a lost alias' {
        $changed = $script:surface | ConvertTo-Json -Depth 10 | ConvertFrom-Json -AsHashtable
        $peering = $changed | Where-Object Name -EQ 'Remove-LiqoPeering'
        ($peering.Parameters | Where-Object Name -EQ 'Timeout').Name = 'TimeoutSeconds'
        $clusterId = $peering.Parameters | Where-Object Name -EQ 'ClusterId'
        $clusterId.Sets = @($clusterId.Sets | ForEach-Object { $_ -replace 'position=0', 'position=1' })
        $clusterId.Aliases = @('RemoteClusterId')
        $differences = @(Compare-LiqoPublicSurface $script:surface $changed)
        $differences | Should -Contain 'Remove-LiqoPeering -Timeout is gone'
        $differences | Should -Contain 'Remove-LiqoPeering -TimeoutSeconds is new'
        ($differences -match '^Remove-LiqoPeering -ClusterId Sets changed').Count | Should -Be 1
        ($differences -match '^Remove-LiqoPeering -ClusterId Aliases changed').Count | Should -Be 1
    }
}
