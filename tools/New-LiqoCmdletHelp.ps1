#requires -Version 7.4
<#
.SYNOPSIS
    Writes the MAML help file of the Liqo module's binary cmdlets (en-US/Liqo.PowerShell.dll-Help.xml, the file Get-Help
    reads for them) from the compiler's XML documentation of Liqo.PowerShell and the cmdlets' metadata.

.DESCRIPTION
    Run by build.ps1's build task, in a child pwsh (it imports the built module, whose assembly then stays loaded).

    For each cmdlet the module exports (Get-Command), it takes:
      synopsis       the first sentence of the cmdlet class's <summary>
      description    the whole <summary>, then <remarks>
      examples       each <example> of the class: the text before its <code> is the title, the <code> the example's
                     code, the text after it the explanation
      parameters     names, types, parameter sets, positions, mandatory, pipeline input, aliases and wildcards from
                     Get-Command; descriptions from the <summary> of the property, found on the class that declares it
                     (a base class such as ClusterCmdlet or TwoClusterCmdlet); default values read from a new instance
                     of the cmdlet class
      inputs         the parameters that take pipeline input
      outputs        [OutputType], described by the output type's <summary> (text outputs by the class's <returns>)
      notes          derived from the cmdlet's ConfirmImpact and ShouldProcess support
      related links  about_Liqo, then the class's <seealso cref="..."/> (cmdlet classes appear as cmdlet names)
    In the text, <see cref="X"/> reads as X (a cmdlet class as its cmdlet name, a cmdlet parameter as -Name), <c>x</c>
    as x, <paramref name="x"/> as x, <para> starts a paragraph and <code> keeps its lines.

    Anything missing (a cmdlet without summary or example, a parameter without description) is a warning here and a
    failure in tests/pester/Help.Tests.ps1.

.PARAMETER ModulePath
    The built module's manifest (out/Liqo/Liqo.psd1).

.PARAMETER DocumentationFile
    The compiler's XML documentation file of Liqo.PowerShell (bin/<configuration>/net8.0/Liqo.PowerShell.xml).

.PARAMETER OutputPath
    Where to write the MAML file. Default: en-US/<cmdlet assembly file name>-Help.xml beside the manifest.
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $DocumentationFile,
    [string] $OutputPath
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
$PSStyle.OutputRendering = 'PlainText'

$mamlNs = 'http://schemas.microsoft.com/maml/2004/10'
$commandNs = 'http://schemas.microsoft.com/maml/dev/command/2004/10'
$devNs = 'http://schemas.microsoft.com/maml/dev/2004/10'

# ---------------------------------------------------------------------------------------------------------------- input

if (-not (Test-Path $DocumentationFile)) { throw "The XML documentation file '$DocumentationFile' does not exist: build Liqo.PowerShell first." }
$documentation = [xml](Get-Content -Raw $DocumentationFile)
$members = @{}
foreach ($m in $documentation.doc.members.member) { $members[$m.name] = $m }
# <inheritdoc cref="..."/> (a parameter several cmdlets declare alike, documented once): the member it names stands in
foreach ($name in @($members.Keys)) {
    $inherit = $members[$name].SelectSingleNode('inheritdoc[@cref]')
    if ($inherit -and $members.ContainsKey($inherit.GetAttribute('cref'))) { $members[$name] = $members[$inherit.GetAttribute('cref')] }
}

$module = Import-Module (Resolve-Path $ModulePath).Path -PassThru -Force
$commands = @(Get-Command -Module $module.Name -CommandType Cmdlet | Sort-Object Name)
if ($commands.Count -eq 0) { throw "The module '$ModulePath' exports no cmdlets." }
$assembly = $commands[0].ImplementingType.Assembly
if (-not $OutputPath) {
    $OutputPath = Join-Path $module.ModuleBase "en-US/$([IO.Path]::GetFileName($assembly.Location))-Help.xml"
}

# cmdlet class (full name) -> cmdlet name, to show <see cref="NewLiqoPeeringCommand"/> as New-LiqoPeering
$cmdletNames = @{}
foreach ($c in $commands) { $cmdletNames[$c.ImplementingType.FullName] = $c.Name }

$common = [System.Management.Automation.Cmdlet]::CommonParameters
$riskMitigation = @{
    WhatIf  = 'Shows what the cmdlet would do, without doing it: every object it would write, and the steps it would take.'
    Confirm = 'Asks for confirmation before each write. In a host that cannot prompt (a runbook, CI, pwsh -NonInteractive) the cmdlet stops first with ErrorId ConfirmationRequired instead.'
}

$warnings = [System.Collections.Generic.List[string]]::new()
function Add-Problem([string] $Message) { $warnings.Add($Message); Write-Warning $Message }

# ------------------------------------------------------------------------------------------------ doc comment to text

# The name a cref shows: a cmdlet class as its cmdlet, a cmdlet parameter as -Name, anything else as its last segment.
function Get-CrefText([string] $Cref) {
    $kind, $name = $Cref -split ':', 2
    if (-not $name) { return $Cref }
    $name = ($name -replace '\(.*$', '') -replace '`\d+$', ''
    if ($kind -eq 'T' -and $cmdletNames.ContainsKey($name)) { return $cmdletNames[$name] }
    if ($kind -eq 'P') {
        $typeName = $name.Substring(0, $name.LastIndexOf('.'))
        $property = $name.Substring($name.LastIndexOf('.') + 1)
        $type = $assembly.GetType($typeName)
        if ($type -and [System.Management.Automation.Cmdlet].IsAssignableFrom($type)) {
            $p = $type.GetProperty($property)
            if ($p -and $p.GetCustomAttributes([System.Management.Automation.ParameterAttribute], $true)) { return "-$property" }
        }
    }
    $name.Substring($name.LastIndexOf('.') + 1)
}

# Removes the indentation the compiler adds (and the blank lines around) from a <code> block.
function Format-CodeBlock([string] $Text) {
    $lines = @($Text -replace "`r", '' -split "`n")
    while ($lines.Count -and -not $lines[0].Trim()) { $lines = @($lines | Select-Object -Skip 1) }
    while ($lines.Count -and -not $lines[-1].Trim()) { $lines = @($lines | Select-Object -SkipLast 1) }
    $indents = @($lines | Where-Object { $_.Trim() } | ForEach-Object { $_.Length - $_.TrimStart().Length })
    $cut = if ($indents.Count) { ($indents | Measure-Object -Minimum).Minimum } else { 0 }
    (@($lines | ForEach-Object { if ($_.Length -ge $cut) { $_.Substring($cut).TrimEnd() } else { '' } }) -join "`n")
}

# Renders a doc comment element as paragraphs: @{ Text; Code } each (Code: a preformatted block).
function ConvertTo-Paragraph([System.Xml.XmlNode] $Node) {
    $state = @{ Paragraphs = [System.Collections.Generic.List[object]]::new(); Current = [System.Text.StringBuilder]::new() }
    Add-NodeText $state $Node
    Complete-Paragraph $state
    , $state.Paragraphs.ToArray()
}

function Complete-Paragraph([hashtable] $State) {
    $text = ($State.Current.ToString() -replace '\s+', ' ').Trim()
    if ($text) { $State.Paragraphs.Add([pscustomobject]@{ Text = $text; Code = $false }) }
    $null = $State.Current.Clear()
}

function Add-NodeText([hashtable] $State, [System.Xml.XmlNode] $Node) {
    $current = $State.Current
    foreach ($child in $Node.ChildNodes) {
        if ($child.NodeType -in 'Text', 'CDATA') { $null = $current.Append($child.Value); continue }
        if ($child.NodeType -ne 'Element') { $null = $current.Append(' '); continue }
        switch ($child.LocalName) {
            'para' { Complete-Paragraph $State; Add-NodeText $State $child; Complete-Paragraph $State; break }
            'code' {
                Complete-Paragraph $State
                $State.Paragraphs.Add([pscustomobject]@{ Text = (Format-CodeBlock $child.InnerText); Code = $true })
                break
            }
            { $_ -eq 'see' -or $_ -eq 'seealso' } {
                if ($child.HasAttribute('cref')) { $null = $current.Append($(if ($child.InnerText) { $child.InnerText } else { Get-CrefText $child.GetAttribute('cref') })) }
                elseif ($child.HasAttribute('langword')) { $null = $current.Append($child.GetAttribute('langword')) }
                elseif ($child.HasAttribute('href')) {
                    $href = $child.GetAttribute('href')
                    $null = $current.Append($(if ($child.InnerText) { "$($child.InnerText) ($href)" } else { $href }))
                }
                break
            }
            { $_ -eq 'paramref' -or $_ -eq 'typeparamref' } { $null = $current.Append($child.GetAttribute('name')); break }
            'c' { $null = $current.Append($child.InnerText); break }
            'list' {
                Complete-Paragraph $State
                foreach ($item in $child.SelectNodes('item')) {
                    $null = $current.Append('- ')
                    Add-NodeText $State $item
                    Complete-Paragraph $State
                }
                break
            }
            default { Add-NodeText $State $child }
        }
    }
}

# The paragraphs of one tag of a member's doc comment (memoized: base-class parameters are asked for by every cmdlet).
$paragraphCache = @{}
function Get-Paragraph([string] $Id, [string] $Tag) {
    $key = "$Id/$Tag"
    if ($paragraphCache.ContainsKey($key)) { return , $paragraphCache[$key] }
    $m = $members[$Id]
    $e = if ($m) { $m.SelectSingleNode($Tag) }
    $result = if ($e) { ConvertTo-Paragraph $e } else { , @() }
    $paragraphCache[$key] = $result
    , $result
}

# The first sentence: up to the first full stop that ends a sentence (not e.g. or i.e.).
function Get-FirstSentence([string] $Text) {
    $m = [regex]::Match($Text, '^(.+?(?<!\be\.g|\bi\.e)\.)(?=\s|$)')
    if ($m.Success) { $m.Groups[1].Value } else { $Text }
}

# --------------------------------------------------------------------------------------------------- metadata helpers

# type -> its shortest accelerator (int rather than int32)
$accelerators = @{}
foreach ($a in [psobject].Assembly.GetType('System.Management.Automation.TypeAccelerators')::Get.GetEnumerator()) {
    $known = $accelerators[$a.Value]
    if (-not $known -or $a.Key.Length -lt $known.Length) { $accelerators[$a.Value] = $a.Key }
}
# A type as PowerShell's syntax shows it: string, int, timespan, hashtable, string[], PeeringMaterial.
function Get-ShortTypeName([type] $Type) {
    if ($Type.IsArray) { return (Get-ShortTypeName $Type.GetElementType()) + '[]' }
    if ($accelerators.ContainsKey($Type)) { $accelerators[$Type] } else { $Type.Name }
}

# Go-like duration, as the -Timeout parameters take it (10m, 2m30s, 1h).
function Format-Duration([TimeSpan] $Value) {
    if ($Value -eq [System.Threading.Timeout]::InfiniteTimeSpan) { return 'no bound' }
    $parts = @()
    if ($Value.Hours -or $Value.Days) { $parts += '{0}h' -f [int][Math]::Floor($Value.TotalHours) }
    if ($Value.Minutes) { $parts += "$($Value.Minutes)m" }
    if ($Value.Seconds -or -not $parts) { $parts += "$($Value.Seconds)s" }
    $parts -join ''
}

function Format-DefaultValue($Value) {
    if ($null -eq $Value) { return 'None' }
    if ($Value -is [System.Management.Automation.SwitchParameter]) { return $(if ($Value.IsPresent) { 'True' } else { 'False' }) }
    if ($Value -is [TimeSpan]) { return Format-Duration $Value }
    if ($Value -is [string]) { return $(if ($Value) { $Value } else { 'None' }) }
    if ($Value -is [Array]) { return $(if ($Value.Count) { $Value -join ', ' } else { 'None' }) }
    "$Value"
}

# The property behind a parameter, found on the class that declares it (so base-class parameters get their own docs).
function Get-ParameterProperty([type] $Type, [string] $Name) {
    for ($t = $Type; $t; $t = $t.BaseType) {
        $p = $t.GetProperty($Name, [System.Reflection.BindingFlags]'Public,Instance,DeclaredOnly')
        if ($p) { return $p }
    }
}

function Get-DocId([System.Reflection.MemberInfo] $Member) {
    $prefix = if ($Member -is [type]) { 'T' } else { 'P' }
    $name = if ($Member -is [type]) { $Member.FullName } else { "$($Member.DeclaringType.FullName).$($Member.Name)" }
    "${prefix}:$($name -replace '\+', '.')"
}

function Get-ValidValues($Parameter) {
    foreach ($a in $Parameter.Attributes) { if ($a -is [System.Management.Automation.ValidateSetAttribute]) { return , @($a.ValidValues) } }
    $t = $Parameter.ParameterType
    if ($t.IsEnum) { return , @([Enum]::GetNames($t)) }
    , @()
}

# ---------------------------------------------------------------------------------------------------------- elements
# Built with System.Xml.Linq: a PowerShell function call costs far more than a .NET call, and a module has over a
# thousand parameter entries, so each is made by one function of .NET calls.

$maml = [System.Xml.Linq.XNamespace]::Get($mamlNs)
$command = [System.Xml.Linq.XNamespace]::Get($commandNs)
$dev = [System.Xml.Linq.XNamespace]::Get($devNs)
function New-Paragraph([string] $Text) { [pscustomobject]@{ Text = $Text; Code = $false } }
function New-Element([System.Xml.Linq.XName] $Name, [object[]] $Content) { [System.Xml.Linq.XElement]::new($Name, $Content) }
function New-Attribute([string] $Name, [string] $Value) { [System.Xml.Linq.XAttribute]::new([System.Xml.Linq.XName]::Get($Name), $Value) }
$attributeNames = @{}
foreach ($n in 'required', 'pipelineInput', 'position') { $attributeNames[$n] = [System.Xml.Linq.XName]::Get($n) }
function New-Description([object[]] $Paragraphs, [System.Xml.Linq.XName] $Name = $maml.GetName('description')) {
    $paras = foreach ($p in $Paragraphs) { [System.Xml.Linq.XElement]::new($maml.GetName('para'), $p.Text) }
    [System.Xml.Linq.XElement]::new($Name, [object[]]@($paras))
}
function New-TypeElement([string] $TypeName) {
    [System.Xml.Linq.XElement]::new($dev.GetName('type'), [object[]]@(
            [System.Xml.Linq.XElement]::new($maml.GetName('name'), $TypeName),
            [System.Xml.Linq.XElement]::new($maml.GetName('uri'), '')))
}

function New-ParameterElement($Parameter, [hashtable] $Info, [bool] $InSyntax) {
    # everything a parameter shows that does not depend on the parameter set is computed once, in $Info
    $content = [System.Collections.Generic.List[object]]::new(12)
    $content.Add([System.Xml.Linq.XAttribute]::new($attributeNames.required, $(if ($Parameter.IsMandatory) { 'true' } else { 'false' })))
    $content.Add($Info.VariableLength)
    $content.Add($Info.Globbing)
    $content.Add([System.Xml.Linq.XAttribute]::new($attributeNames.pipelineInput, $(
                if ($Parameter.ValueFromPipeline -and $Parameter.ValueFromPipelineByPropertyName) { 'True (ByValue, ByPropertyName)' }
                elseif ($Parameter.ValueFromPipeline) { 'True (ByValue)' }
                elseif ($Parameter.ValueFromPipelineByPropertyName) { 'True (ByPropertyName)' }
                else { 'False' })))
    $content.Add([System.Xml.Linq.XAttribute]::new($attributeNames.position, $(if ($Parameter.Position -ge 0) { "$($Parameter.Position)" } else { 'named' })))
    $content.Add($Info.Aliases)
    $content.Add($Info.NameElement)
    $content.Add($Info.DescriptionElement)
    if ($InSyntax -and $Info.ValueGroup) { $content.Add($Info.ValueGroup) }
    elseif ($Info.Value) { $content.Add($Info.Value) }
    $content.Add($Info.TypeElement)
    $content.Add($Info.DefaultElement)
    [System.Xml.Linq.XElement]::new($command.GetName('parameter'), $content.ToArray())
}

# What New-ParameterElement shows of a parameter whatever the cmdlet and the set. The same property (a base-class one)
# shows the same in every cmdlet, so this is made once per property. (An XElement added to a second parent is copied.)
function New-ParameterInfo($Parameter, [object[]] $Description, [string] $Default) {
    $type = $Parameter.ParameterType
    $array = if ($type.IsArray) { 'true' } else { 'false' }
    $globbing = 'false'
    foreach ($a in $Parameter.Attributes) { if ($a -is [System.Management.Automation.SupportsWildcardsAttribute]) { $globbing = 'true' } }
    $values = Get-ValidValues $Parameter
    @{
        VariableLength     = New-Attribute 'variableLength' $array
        Globbing           = New-Attribute 'globbing' $globbing
        Aliases            = New-Attribute 'aliases' $(if ($Parameter.Aliases.Count) { $Parameter.Aliases -join ', ' } else { 'none' })
        NameElement        = New-Element $maml.GetName('name') $Parameter.Name
        DescriptionElement = New-Description $Description
        ValueGroup         = $(if ($values.Count) {
                New-Element $command.GetName('parameterValueGroup') @(foreach ($v in $values) {
                        New-Element $command.GetName('parameterValue') @((New-Attribute 'required' 'false'), (New-Attribute 'variableLength' 'false'), $v)
                    })
            })
        Value              = $(if ($type -ne [System.Management.Automation.SwitchParameter]) {
                New-Element $command.GetName('parameterValue') @((New-Attribute 'required' 'true'), (New-Attribute 'variableLength' $array), (Get-ShortTypeName $type))
            })
        TypeElement        = New-TypeElement $type.FullName
        DefaultElement     = New-Element $dev.GetName('defaultValue') $Default
    }
}
$parameterInfoCache = @{}

function New-TypeEntry([System.Xml.Linq.XName] $Name, [string] $TypeName, [object[]] $Paragraphs) {
    [System.Xml.Linq.XElement]::new($Name, [object[]]@((New-TypeElement $TypeName), (New-Description $Paragraphs)))
}

# -------------------------------------------------------------------------------------------------------------- help

function New-CommandElement($Cmd) {
    $type = $Cmd.ImplementingType
    $typeId = Get-DocId $type
    if (-not $members.ContainsKey($typeId)) { Add-Problem "$($Cmd.Name): the class $($type.FullName) has no doc comment." }
    $summary = Get-Paragraph $typeId 'summary'
    $remarks = Get-Paragraph $typeId 'remarks'
    $synopsis = if ($summary.Count) { Get-FirstSentence $summary[0].Text } else { '' }
    if (-not $synopsis) { Add-Problem "$($Cmd.Name): no <summary>, so no synopsis." }
    $cmdletAttribute = $type.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $true)[0]

    # one entry per parameter (common parameters aside): its metadata in the first set that has it, its doc, its default
    $instance = [Activator]::CreateInstance($type)
    $parameters = [ordered]@{}
    foreach ($set in $Cmd.ParameterSets) {
        foreach ($p in $set.Parameters) {
            if ($common.Contains($p.Name) -or $parameters.Contains($p.Name)) { continue }
            $property = Get-ParameterProperty $type $p.Name
            $ownedByPowerShell = -not $property -or $property.DeclaringType.Assembly -ne $assembly
            $key = if ($ownedByPowerShell) { $p.Name } else { Get-DocId $property }
            if (-not $parameterInfoCache.ContainsKey($key)) {
                $description = if ($ownedByPowerShell -and $riskMitigation.ContainsKey($p.Name)) { , @(New-Paragraph $riskMitigation[$p.Name]) }
                               elseif ($property) { Get-Paragraph $key 'summary' }
                               else { , @() }
                if (-not $description.Count) { Add-Problem "$($Cmd.Name): -$($p.Name) has no description (a <summary> on $($property.DeclaringType.Name).$($p.Name))." }
                $default = if ($ownedByPowerShell) { 'False' } else { Format-DefaultValue $property.GetValue($instance) }
                $parameterInfoCache[$key] = New-ParameterInfo $p $description $default
            }
            $info = $parameterInfoCache[$key].Clone()
            $info.Metadata = $p
            $parameters[$p.Name] = $info
        }
    }
    if ($instance -is [IDisposable]) { $instance.Dispose() }

    $details = New-Element $command.GetName('details') @(
        (New-Element $command.GetName('name') $Cmd.Name),
        (New-Element $command.GetName('verb') $Cmd.Verb),
        (New-Element $command.GetName('noun') $Cmd.Noun),
        (New-Description @(New-Paragraph $synopsis)))

    # syntax: the default set first; in each, positional parameters by position, then mandatory ones, then the rest
    # (PowerShell's own order)
    $syntaxItems = foreach ($set in @($Cmd.ParameterSets | Sort-Object { -not $_.IsDefault })) {
        $own = @($set.Parameters | Where-Object { -not $common.Contains($_.Name) })
        $ordered = @($own | Where-Object Position -ge 0 | Sort-Object Position) +
                   @($own | Where-Object { $_.Position -lt 0 -and $_.IsMandatory }) +
                   @($own | Where-Object { $_.Position -lt 0 -and -not $_.IsMandatory })
        New-Element $command.GetName('syntaxItem') (@(New-Element $maml.GetName('name') $Cmd.Name) +
            @(foreach ($p in $ordered) { New-ParameterElement $p $parameters[$p.Name] $true }))
    }
    $parameterItems = foreach ($name in @($parameters.Keys | Sort-Object)) { New-ParameterElement $parameters[$name].Metadata $parameters[$name] $false }

    # inputs: what binds from the pipeline, by value or by property name
    $piped = @($parameters.Values | Where-Object { $_.Metadata.ValueFromPipeline -or $_.Metadata.ValueFromPipelineByPropertyName } |
        Sort-Object { -not $_.Metadata.ValueFromPipeline }, { $_.Metadata.Name })
    $inputs = @(foreach ($entry in $piped) {
            $p = $entry.Metadata
            $property = "the property $($p.Name)" + $(if ($p.Aliases.Count) { " (or $($p.Aliases -join ', '))" }) + ' of piped objects'
            $how = if ($p.ValueFromPipeline -and $p.ValueFromPipelineByPropertyName) { "by value or by $property" }
                   elseif ($p.ValueFromPipeline) { 'by value' }
                   else { "by $property" }
            $about = @(Get-ParameterProperty $type $p.Name | Where-Object { $_ } | ForEach-Object { Get-Paragraph (Get-DocId $_) 'summary' } | Select-Object -First 1)
            $text = "-$($p.Name), $how" + $(if ($about.Count) { ": $($about[0].Text)" } else { '.' })
            New-TypeEntry $command.GetName('inputType') $p.ParameterType.FullName @(New-Paragraph $text)
        })
    if (-not $inputs.Count) { $inputs = @(New-TypeEntry $command.GetName('inputType') 'None' @(New-Paragraph 'You cannot pipe objects to this cmdlet.')) }

    # outputs: [OutputType], described by the type's own summary (text by the class's <returns>)
    $outputs = foreach ($t in $Cmd.OutputType) {
        $outType = $t.Type
        if (-not $outType -or $outType -eq [void]) {
            New-TypeEntry $command.GetName('returnValue') 'None' @(New-Paragraph 'This cmdlet writes no output object.')
            continue
        }
        $text = if ($outType.Assembly -eq $assembly) { Get-Paragraph (Get-DocId $outType) 'summary' } else { Get-Paragraph $typeId 'returns' }
        if (-not $text.Count) { $text = , @(New-Paragraph $outType.Name) }
        New-TypeEntry $command.GetName('returnValue') $outType.FullName $text
    }

    # notes, from what the cmdlet declares
    $notes = @()
    if ($cmdletAttribute.SupportsShouldProcess) {
        if ($cmdletAttribute.ConfirmImpact -eq 'High') {
            $notes += New-Paragraph ('It removes Liqo resources (ConfirmImpact High): PowerShell asks for confirmation by default. In a host that cannot ' +
                'prompt (an Azure Automation runbook, CI, pwsh -NonInteractive), pass -Confirm:$false (or -WhatIf), otherwise the cmdlet stops before ' +
                'doing anything, with ErrorId ConfirmationRequired.')
        }
        else {
            $notes += New-Paragraph ("It writes to the cluster (ConfirmImpact $($cmdletAttribute.ConfirmImpact)): -WhatIf shows each write without " +
                'doing it, -Confirm asks before each one. In a host that cannot prompt, a run that would ask stops first with ErrorId ConfirmationRequired.')
        }
    }
    $notes += New-Paragraph ('Failures are error records with a stable ErrorId (KubeconfigNotFound, ClusterUnreachable, Forbidden, LiqoNotInstalled, ...), ' +
        'a category and the offending value as target object; Get-Help about_Liqo lists them. Credentials and kubeconfig contents never appear in any output stream.')
    $alerts = New-Element $maml.GetName('alertSet') @(New-Description $notes $maml.GetName('alert'))

    # examples: the text before <code> is the title, the code, then the explanation
    $examples = @(if ($members.ContainsKey($typeId)) { $members[$typeId].SelectNodes('example') })
    if (-not $examples.Count) { Add-Problem "$($Cmd.Name): no <example>." }
    $i = 0
    $exampleItems = foreach ($example in $examples) {
        $i++
        $paragraphs = ConvertTo-Paragraph $example
        $codeAt = [Array]::FindIndex([object[]]$paragraphs, [Predicate[object]] { param($p) $p.Code })
        if ($codeAt -lt 0) { Add-Problem "$($Cmd.Name): example $i has no <code>."; continue }
        $title = (@($paragraphs | Select-Object -First $codeAt | ForEach-Object Text) -join ' ')
        New-Element $command.GetName('example') @(
            (New-Element $maml.GetName('title') "---------- Example ${i}: $title ----------"),
            (New-Element $dev.GetName('code') $paragraphs[$codeAt].Text),
            # the empty paragraph keeps a blank line before the next example's title
            (New-Description (@($paragraphs | Select-Object -Skip ($codeAt + 1)) + @(New-Paragraph '')) $dev.GetName('remarks')))
    }

    # related links: about_Liqo, then the class's <seealso cref="..."/>
    $links = @('about_Liqo') + @(
        if ($members.ContainsKey($typeId)) {
            foreach ($s in $members[$typeId].SelectNodes('seealso[@cref]')) { Get-CrefText $s.GetAttribute('cref') }
        })
    $linkItems = foreach ($link in $links | Select-Object -Unique) {
        New-Element $maml.GetName('navigationLink') @((New-Element $maml.GetName('linkText') $link), (New-Element $maml.GetName('uri') ''))
    }

    New-Element $command.GetName('command') @(
        ([System.Xml.Linq.XAttribute]::new([System.Xml.Linq.XNamespace]::Xmlns.GetName('maml'), $mamlNs)),
        ([System.Xml.Linq.XAttribute]::new([System.Xml.Linq.XNamespace]::Xmlns.GetName('command'), $commandNs)),
        ([System.Xml.Linq.XAttribute]::new([System.Xml.Linq.XNamespace]::Xmlns.GetName('dev'), $devNs)),
        $details,
        (New-Description (@($summary) + @($remarks))),
        (New-Element $command.GetName('syntax') @($syntaxItems)),
        (New-Element $command.GetName('parameters') @($parameterItems)),
        (New-Element $command.GetName('inputTypes') @($inputs)),
        (New-Element $command.GetName('returnValues') @($outputs)),
        $alerts,
        (New-Element $command.GetName('examples') @($exampleItems)),
        (New-Element $command.GetName('relatedLinks') @($linkItems)))
}

$root = [System.Xml.Linq.XElement]::new([System.Xml.Linq.XNamespace]::Get('http://msh').GetName('helpItems'),
    [object[]]@((New-Attribute 'schema' 'maml'), @(foreach ($cmd in $commands) { New-CommandElement $cmd })))
$null = New-Item -ItemType Directory -Force (Split-Path $OutputPath)
$settings = [System.Xml.XmlWriterSettings]@{ Indent = $true; IndentChars = '  '; Encoding = [System.Text.UTF8Encoding]::new($false) }
$writer = [System.Xml.XmlWriter]::Create($OutputPath, $settings)
try { [System.Xml.Linq.XDocument]::new([System.Xml.Linq.XDeclaration]::new('1.0', 'utf-8', $null), [object[]]@($root)).Save($writer) }
finally { $writer.Dispose() }

$exampleCount = @(foreach ($c in $commands) { $m = $members[(Get-DocId $c.ImplementingType)]; if ($m) { $m.SelectNodes('example') } }).Count
Write-Host ("    {0} cmdlets, {1} examples -> {2}" -f $commands.Count, $exampleCount, $OutputPath)
if ($warnings.Count) { Write-Host "    $($warnings.Count) help problem(s): see the warnings above." }
