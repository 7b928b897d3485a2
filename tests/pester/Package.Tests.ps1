# The module as users get it: out/Liqo.<version>.nupkg (build.ps1 package; build.ps1 test writes it too) installs with
# PSResourceGet from a local repository, auto-loads in a fresh process, and its manifest is what the Gallery and
# PSResourceGet read. One version everywhere: ModuleVersion of Liqo.psd1.
BeforeAll {
    Import-Module $PSScriptRoot/LiqoTestSupport.psm1 -Force
    $script:root = Get-LiqoRepoRoot
    $script:version = (Import-PowerShellDataFile (Join-Path $script:root 'Liqo.psd1')).ModuleVersion
    $script:module = Split-Path (Get-LiqoModulePath)
    $script:nupkg = Join-Path $script:root "out/Liqo.$script:version.nupkg"
    if (-not (Test-Path -LiteralPath $script:nupkg)) { throw "No $script:nupkg; run: dotnet pwsh ./build.ps1 package" }

    function Get-ZipEntries([string] $Path) {
        Add-Type -AssemblyName System.IO.Compression.FileSystem
        $zip = [IO.Compression.ZipFile]::OpenRead($Path)
        try { @($zip.Entries.FullName) } finally { $zip.Dispose() }
    }
}

Describe 'the shipped manifest' {
    It 'passes Test-ModuleManifest and names the project, the licence and the release notes of its version' {
        $m = Test-ModuleManifest (Join-Path $script:module 'Liqo.psd1')
        $m.Version | Should -Be ([version]$script:version)
        $m.ProjectUri | Should -Not -BeNullOrEmpty
        $m.LicenseUri | Should -Be 'https://www.apache.org/licenses/LICENSE-2.0'
        # ReleaseNotes: the CHANGELOG.md section of this version, not a pointer to the file
        $changelog = Get-Content (Join-Path $script:root 'CHANGELOG.md') -Raw
        $changelog | Should -Match "(?m)^## $([regex]::Escape($script:version))\b"
        $m.ReleaseNotes | Should -Match '### Peering'
        $m.ReleaseNotes | Should -Not -Match '^See CHANGELOG'
        (Get-Content (Join-Path $script:root 'LICENSE') -TotalCount 3) -join ' ' | Should -Match 'Apache License'
    }

    It 'the assemblies carry the manifest''s version (Directory.Build.props reads it from Liqo.psd1)' {
        foreach ($dll in 'Liqo.PowerShell.dll', 'Dependencies/Liqo.Engine.dll') {
            $path = Join-Path $script:module $dll
            [Reflection.AssemblyName]::GetAssemblyName($path).Version | Should -Be ([version]"$script:version.0") -Because $dll
            [Diagnostics.FileVersionInfo]::GetVersionInfo($path).ProductVersion | Should -BeLike "$script:version*" -Because $dll
        }
    }

    It 'ships no .pdb files, in the module folder, the zip or the nupkg' {
        @(Get-ChildItem $script:module -Recurse -Filter *.pdb) | Should -HaveCount 0
        Get-ZipEntries (Join-Path $script:root 'out/Liqo.zip') | Where-Object { $_ -like '*.pdb' } | Should -BeNullOrEmpty
        $entries = Get-ZipEntries $script:nupkg
        $entries | Where-Object { $_ -like '*.pdb' } | Should -BeNullOrEmpty
        $entries | Should -Contain 'Liqo.psd1'
        $entries | Should -Contain 'Dependencies/Liqo.Engine.dll'
    }
}

Describe 'Install-PSResource from a local repository' {
    BeforeAll {
        # A private HOME: PSResourceGet keeps its repository registrations in LocalApplicationData (XDG_DATA_HOME, which
        # must exist: .NET gives an empty path for a missing folder, and PSResourceGet then writes into the working
        # directory) and installs CurrentUser modules into ~/.local/share/powershell/Modules, whatever XDG_DATA_HOME says.
        # So the machine's own registrations and modules stay untouched.
        $script:store = Join-Path ([IO.Path]::GetTempPath()) ('liqo-psresource-' + [guid]::NewGuid().ToString('n').Substring(0, 8))
        $script:repo = Join-Path $script:store 'repo'
        $null = New-Item -ItemType Directory $script:repo
        Copy-Item $script:nupkg $script:repo
        $data = (New-Item -ItemType Directory (Join-Path $script:store 'home/.local/share')).FullName
        $script:env = @{ HOME = (Join-Path $script:store 'home'); XDG_DATA_HOME = $data; PSModulePath = '' }
        $script:modules = Join-Path $data 'powershell/Modules'
    }
    AfterAll { Remove-Item $script:store -Recurse -Force -ErrorAction Ignore }

    It 'installs into the temporary user module path, auto-loads in a fresh process without Import-Module, and runs a cmdlet' {
        $install = Invoke-FreshPwsh -Environment $script:env -Script @"
`$ErrorActionPreference = 'Stop'
Register-PSResourceRepository -Name LiqoLocal -Uri '$script:repo' -Trusted
Install-PSResource -Name Liqo -Repository LiqoLocal -Scope CurrentUser -Quiet
(Get-InstalledPSResource -Name Liqo).InstalledLocation
"@
        $install.ExitCode | Should -Be 0 -Because $install.Error
        Test-Path (Join-Path $script:env.XDG_DATA_HOME 'PSResourceGet/PSResourceRepository.xml') | Should -BeTrue -Because 'the registration stays in the temporary store'
        $modules = $script:modules
        @($install.Output)[-1] | Should -Be $modules
        Test-Path (Join-Path $modules "Liqo/$script:version/Liqo.psd1") | Should -BeTrue

        # the cmdlet alone: PowerShell finds it in the user module path and imports the module by itself
        $run = Invoke-FreshPwsh -Environment $script:env -Script @"
[bool](Get-Module Liqo)
`$e = try { Get-LiqoClusterId -KubeconfigContent 'hello: world' } catch { `$_ }
`$e.FullyQualifiedErrorId
(Get-Module Liqo).ModuleBase
(Get-Module Liqo).Version.ToString()
"@
        $run.ExitCode | Should -Be 0 -Because $run.Error
        @($run.Output)[0] | Should -Be 'False' -Because 'nothing imports the module before the cmdlet runs'
        @($run.Output)[1] | Should -BeLike 'KubeconfigInvalid,*'
        @($run.Output)[2] | Should -Be (Join-Path $modules "Liqo/$script:version")
        @($run.Output)[3] | Should -Be $script:version
    }
}
