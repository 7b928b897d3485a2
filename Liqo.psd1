@{
    RootModule           = 'Liqo.PowerShell.dll'
    ModuleVersion        = '0.1.0'
    GUID                 = '6b0f6a2e-4c7d-4d4e-9a43-3e1f3c7a5d21'
    Author               = 'Liqo for PowerShell contributors'
    CompanyName          = 'Liqo for PowerShell contributors'
    Copyright            = '(c) Liqo for PowerShell contributors. Apache-2.0.'
    Description          = 'Peers Kubernetes clusters with Liqo v1.2 from PowerShell: what liqoctl peer, unpeer and info do, as cmdlets that write the objects liqoctl writes.'
    PowerShellVersion    = '7.4'
    CompatiblePSEditions = @('Core')
    FormatsToProcess     = @('Liqo.Format.ps1xml')
    TypesToProcess       = @('Liqo.Types.ps1xml')
    CmdletsToExport      = @(
        'Get-LiqoClusterId'
        'New-LiqoPeering'
        'Remove-LiqoPeering'
        'Enable-LiqoNetworking'
        'Disable-LiqoNetworking'
        'Reset-LiqoNetworking'
        'Enable-LiqoAuthentication'
        'Disable-LiqoAuthentication'
        'New-LiqoResourceSlice'
        'Remove-LiqoResourceSlice'
        'New-LiqoVirtualNode'
        'Remove-LiqoVirtualNode'
        'New-LiqoNonce'
        'New-LiqoTenant'
        'Import-LiqoTenant'
        'Export-LiqoIdentity'
        'Import-LiqoIdentity'
        'Export-LiqoNetworkConfiguration'
        'Import-LiqoNetworkConfiguration'
        'New-LiqoGatewayServer'
        'New-LiqoGatewayClient'
        'Import-LiqoPublicKey'
        'New-LiqoPeeringUser'
        'Remove-LiqoPeeringUser'
        'Get-LiqoInfo'
        'Get-LiqoPeerInfo'
        'Get-LiqoForeignCluster'
        'Enable-LiqoNamespaceOffloading'
        'Disable-LiqoNamespaceOffloading'
        'Get-LiqoNamespaceOffloading'
        # issue 15: health check and tenant lifecycle
        'Test-LiqoPeering'
        'Suspend-LiqoTenant'
        'Resume-LiqoTenant'
        'Suspend-LiqoResourceSlice'
        'Resume-LiqoResourceSlice'
    )
    FunctionsToExport    = @()
    AliasesToExport      = @()
    VariablesToExport    = @()
    PrivateData          = @{
        PSData = @{
            Tags         = @('Liqo', 'Kubernetes', 'MultiCluster', 'Peering', 'PSEdition_Core', 'Linux', 'Windows', 'MacOS')
            LicenseUri   = 'https://www.apache.org/licenses/LICENSE-2.0'
            ProjectUri   = 'https://github.com/liqotech/liqo'
            # build.ps1 build writes the CHANGELOG.md section of ModuleVersion here, in out/Liqo/Liqo.psd1
            ReleaseNotes = 'See CHANGELOG.md'
        }
    }
}
