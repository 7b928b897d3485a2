@{
    RootModule           = 'LiqoSandbox.psm1'
    ModuleVersion        = '0.1.0'
    GUID                 = 'a4e1f0c7-2b8d-4a57-9f0e-5d3c1b7e6a90'
    Author               = 'Liqo for PowerShell contributors'
    Description          = 'Starts and stops sandbox Kubernetes clusters (a loopback API server with a simulated Liqo v1.2) for trying and testing the Liqo module without real clusters. Separate from the Liqo module, which never depends on it.'
    PowerShellVersion    = '7.4'
    CompatiblePSEditions = @('Core')
    FunctionsToExport    = @('Start-LiqoSandbox', 'Stop-LiqoSandbox')
    CmdletsToExport      = @()
    AliasesToExport      = @()
    VariablesToExport    = @()
}
