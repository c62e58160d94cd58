<#
.SYNOPSIS
    Builds, tests and cleans the AwsWiki module.
.DESCRIPTION
    Build (default): publishes the cmdlet assembly and its dependencies into ./bin, beside the
    root manifest AwsWiki.psd1, and builds the MAML help from docs/en-US into ./en-US.
    Package: Build, then packs the module (manifest, bin/, en-US/) into out/AwsWiki.<version>.nupkg,
    which Install-PSResource installs from a local repository (PSResourceGet ships with pwsh 7.4+).
    Test: Package, then runs the Core unit tests (dotnet test tests/AwsWiki.Core.Tests) and the Pester
    suite against the built module side by side, Pester split into two child pwsh processes (each
    with its own moto_server, HOME and profile files). The last line printed is
    "N passed, N failed, N skipped" over all three, and the exit code is non-zero on any failure or
    when any part could not run. -TestPath runs only those Pester files, in one process; -Unit runs
    only the unit tests.
    Bench: Build, then runs the benchmarks in ./bench.
    Clean: removes build output.
.EXAMPLE
    dotnet tool restore; dotnet pwsh ./build.ps1 -Task Test
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Bench', 'Package', 'Clean', 'Help')]
    [string] $Task = 'Build',

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release',

    # Pester test files or folders to run (Test task); default is the whole suite and the unit tests.
    [string[]] $TestPath,

    # Test task: the Core unit tests; alone, only them (no module build, no Pester); with -TestPath, beside those files.
    [switch] $Unit
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0
$root = $PSScriptRoot
$binPath = Join-Path $root 'bin'

function Get-ChildPwsh {
    # A child process keeps the built dll out of this session, so rebuilding never hits a locked file.
    foreach ($name in 'pwsh', 'pwsh.exe') {
        $candidate = Join-Path $PSHOME $name
        if (Test-Path $candidate) { return $candidate }
    }
    return (Get-Command pwsh -CommandType Application -ErrorAction Stop | Select-Object -First 1).Source
}

function Invoke-Native {
    param([string] $FilePath, [string[]] $ArgumentList)
    & $FilePath @ArgumentList
    if ($LASTEXITCODE -ne 0) { throw "'$FilePath $($ArgumentList -join ' ')' failed with exit code $LASTEXITCODE." }
}

function Invoke-Build {
    Invoke-Native dotnet @('publish', (Join-Path $root 'src/AwsWiki/AwsWiki.csproj'), '-c', $Configuration, '-o', $binPath, '--nologo', '-v', 'quiet')
    # Only the loader, the cmdlet assembly and the format files stay in bin/. The core library and the AWS SDK go
    # to bin/Dependencies, where neither PowerShell nor .NET probes: the module's own load context
    # (Windows PowerShell: its resolver) loads them from there (src/AwsWiki.Loader/ModuleInitializer.cs).
    $dependencies = New-Item -ItemType Directory -Force -Path (Join-Path $binPath 'Dependencies')
    Get-ChildItem $binPath -File |
        Where-Object { $_.Name -notin 'AwsWiki.dll', 'AwsWiki.pdb', 'AwsWiki.Loader.dll', 'AwsWiki.Loader.pdb' -and $_.Extension -ne '.ps1xml' } |
        Move-Item -Destination $dependencies -Force
    # The help builder imports the module, so it runs in its own process.
    Invoke-Native (Get-ChildPwsh) @('-NoProfile', '-NonInteractive', '-File', (Join-Path $root 'build.ps1'), '-Task', 'Help')
}

function Invoke-Package {
    Invoke-Build
    $out = Join-Path $root 'out'
    if (Test-Path $out) { Remove-Item $out -Recurse -Force }
    # The installed module's folder is named for the module, so stage it as AwsWiki/.
    $staging = New-Item -ItemType Directory -Force -Path (Join-Path $out 'staging/AwsWiki')
    Copy-Item (Join-Path $root 'AwsWiki.psd1'), $binPath, (Join-Path $root 'en-US') -Destination $staging -Recurse
    Get-ChildItem $staging -Recurse -Filter *.pdb | Remove-Item
    Compress-PSResource -Path $staging.FullName -DestinationPath $out
    Remove-Item (Join-Path $out 'staging') -Recurse -Force
    $package = Get-ChildItem $out -Filter 'AwsWiki.*.nupkg' | Select-Object -First 1
    if (-not $package) { throw "Compress-PSResource made no AwsWiki package in $out." }
    Write-Host "Packed $($package.FullName)"
}

#region Test: unit tests and two Pester processes side by side

# Measured seconds per Pester file on a 2-core machine; files not listed (new ones included) count
# as $defaultTestSeconds. Only the balance between the two groups depends on these numbers.
$pesterSeconds = @{
    'EntryPoint.Faults' = 103; 'EntryPoint' = 87; 'Profiles' = 53; 'EntryPoint.Concurrency' = 48; 'GpuLive' = 45
    'RetryTimeout' = 37; 'EssentialsTargets' = 30; 'Sso' = 27; 'Credentials' = 22; 'EntryPoint.Wire' = 17; 'GpuCatalog' = 18
    'GpuQuota' = 12; 'GetAwsInstance' = 11; 'EssentialsFleet' = 11; 'Profiles.Files' = 9; 'GpuCapacity' = 9; 'InstanceOffering' = 7
    'GpuTopology' = 4
    # Its BeforeAll runs botocore over 520 generated file pairs.
    'Profiles.Differential' = 65
    # 78 cells, most of them a 2 s timeout or a retried fault.
    'FaultMatrix' = 60
}
$defaultTestSeconds = 5

function Split-PesterFiles {
    # Two groups of about equal time: the largest unit goes to the lighter group first. The EntryPoint.*
    # files are one unit, because they share a machine-wide lock file per domain in the temp folder.
    param([System.IO.FileInfo[]] $Files)
    $units = @{}
    foreach ($file in $Files) {
        $name = $file.Name -replace '\.Tests\.ps1$', ''
        $key = if ($name -like 'EntryPoint*') { 'EntryPoint*' } else { $name }
        if (-not $units[$key]) { $units[$key] = [pscustomobject]@{ Name = $key; Seconds = 0; Files = [System.Collections.Generic.List[string]]::new() } }
        $units[$key].Seconds += $(if ($pesterSeconds.ContainsKey($name)) { $pesterSeconds[$name] } else { $defaultTestSeconds })
        $units[$key].Files.Add($file.FullName)
    }
    $groups = @(
        [pscustomobject]@{ Name = 'Pester 1'; Seconds = 0; Files = [System.Collections.Generic.List[string]]::new() }
        [pscustomobject]@{ Name = 'Pester 2'; Seconds = 0; Files = [System.Collections.Generic.List[string]]::new() }
    )
    foreach ($unit in $units.Values | Sort-Object @{ Expression = 'Seconds'; Descending = $true }, Name) {
        $lighter = $groups | Sort-Object Seconds | Select-Object -First 1
        $lighter.Seconds += $unit.Seconds
        $lighter.Files.AddRange($unit.Files)
    }
    $groups | Where-Object { $_.Files.Count -gt 0 }
}

function Start-TestProcess {
    # Output goes to files, so the parts running side by side do not interleave; each is printed whole when it ends.
    param([string] $Name, [string] $FilePath, [string[]] $ArgumentList, [string] $LogFolder)
    $log = Join-Path $LogFolder (($Name -replace '\W', '-') + '.log')
    $process = Start-Process -FilePath $FilePath -ArgumentList $ArgumentList -WorkingDirectory $root -NoNewWindow -PassThru `
        -RedirectStandardOutput $log -RedirectStandardError "$log.err"
    [pscustomobject]@{ Name = $Name; Process = $process; Log = $log }
}

function Get-CountsFromLog {
    # The last "N passed, N failed[, N skipped]" line; a part that printed none did not run, which counts as a failure.
    param([string] $Text)
    $found = [regex]::Matches($Text, '(?m)^(\d+) passed, (\d+) failed(?:, (\d+) skipped)?\s*$')
    if ($found.Count -eq 0) { return $null }
    $last = $found[$found.Count - 1]
    [pscustomobject]@{ Passed = [int]$last.Groups[1].Value; Failed = [int]$last.Groups[2].Value; Skipped = $(if ($last.Groups[3].Success) { [int]$last.Groups[3].Value } else { 0 }) }
}

function Get-UnitCounts {
    # dotnet test's TRX report holds the counts; its console output is printed only on failure.
    param([string] $ResultsFolder)
    $trx = Get-ChildItem $ResultsFolder -Filter *.trx -ErrorAction SilentlyContinue | Select-Object -First 1
    if (-not $trx) { return $null }
    $counters = ([xml](Get-Content $trx.FullName -Raw)).TestRun.ResultSummary.Counters
    [pscustomobject]@{ Passed = [int]$counters.passed; Failed = [int]$counters.failed + [int]$counters.error + [int]$counters.timeout + [int]$counters.aborted; Skipped = [int]$counters.notExecuted }
}

function Invoke-Test {
    $unitProject = Join-Path $root 'tests/AwsWiki.Core.Tests/AwsWiki.Core.Tests.csproj'
    $logFolder = Join-Path ([IO.Path]::GetTempPath()) ('awswiki-testrun-' + [Guid]::NewGuid().ToString('N').Substring(0, 8))
    New-Item -ItemType Directory -Force -Path $logFolder | Out-Null
    $parts = [System.Collections.Generic.List[object]]::new()
    $runUnit = $Unit -or -not $TestPath
    $runPester = $TestPath -or -not $Unit
    try {
        if ($runPester) {
            Invoke-Package
            Invoke-Native dotnet @('restore', (Join-Path $root 'tests/TestTools.csproj'), '--nologo', '-v', 'quiet')
        }
        $unitResults = Join-Path $logFolder 'unit-results'
        if ($runUnit) {
            # Built before anything runs, so the build does not compete with the tests for the CPU.
            $buildOutput = & dotnet build $unitProject -c $Configuration --nologo -v quiet 2>&1
            if ($LASTEXITCODE -ne 0) { $buildOutput | Write-Host; throw "The unit-test project did not build (exit code $LASTEXITCODE)." }
            $parts.Add((Start-TestProcess 'Unit tests' 'dotnet' @('test', "`"$unitProject`"", '-c', $Configuration, '--no-build', '--nologo', '-v', 'quiet',
                        '--logger', "`"trx;LogFileName=unit.trx`"", '--results-directory', "`"$unitResults`"") $logFolder))
        }
        if ($runPester) {
            $invokeTests = Join-Path $root 'tests/Invoke-Tests.ps1'
            if ($TestPath) {
                $groups = @([pscustomobject]@{ Name = 'Pester'; Files = $TestPath })
            }
            else {
                $groups = @(Split-PesterFiles (Get-ChildItem (Join-Path $root 'tests') -Filter '*.Tests.ps1' -File))
            }
            foreach ($group in $groups) {
                $parts.Add((Start-TestProcess $group.Name (Get-ChildPwsh) @('-NoProfile', '-NonInteractive', '-File', "`"$invokeTests`"", '-Path', "`"$($group.Files -join ',')`"") $logFolder))
            }
            $names = ($parts | ForEach-Object Name) -join ', '
            Write-Host $(if ($parts.Count -gt 1) { "Running $names side by side; each part's output follows when it ends." } else { "Running $names." })
        }

        $total = [pscustomobject]@{ Passed = 0; Failed = 0; Skipped = 0 }
        $broken = [System.Collections.Generic.List[string]]::new()
        foreach ($part in $parts) {
            $part.Process.WaitForExit()
            $exitCode = $part.Process.ExitCode
            $text = (Get-Content $part.Log -Raw -ErrorAction SilentlyContinue) + (Get-Content "$($part.Log).err" -Raw -ErrorAction SilentlyContinue)
            if ($part.Name -eq 'Unit tests') {
                $counts = Get-UnitCounts $unitResults
                # Only the summary when all passed; everything dotnet test said when not.
                $shown = if ($exitCode -eq 0 -and $counts) { ($text -split '\r?\n' | Where-Object { $_ -match '^(Passed|Failed)!' }) -join "`n" } else { $text }
            }
            else {
                $counts = Get-CountsFromLog $text
                $shown = $text
            }
            Write-Host "===== $($part.Name) (exit code $exitCode) ====="
            Write-Host "$shown".TrimEnd()
            if (-not $counts) {
                $broken.Add($part.Name)
                $total.Failed++
                continue
            }
            $total.Passed += $counts.Passed; $total.Failed += $counts.Failed; $total.Skipped += $counts.Skipped
            if ($exitCode -ne 0 -and $counts.Failed -eq 0) {
                # A non-zero exit without a failed test (a crash after the summary, no test run): never a pass.
                $broken.Add($part.Name)
                $total.Failed++
            }
        }
        if ($broken.Count) { Write-Host "Could not run completely: $($broken -join ', ') (each counted as one failure)." }
    }
    catch {
        Write-Host "The test run failed before it finished: $_"
        foreach ($part in $parts) { if (-not $part.Process.HasExited) { $part.Process.Kill($true) } }
        Write-Host '0 passed, 1 failed, 0 skipped'
        exit 1
    }
    finally {
        Remove-Item $logFolder -Recurse -Force -ErrorAction SilentlyContinue
    }
    Write-Host "$($total.Passed) passed, $($total.Failed) failed, $($total.Skipped) skipped"
    exit $(if ($total.Failed -gt 0 -or $total.Passed -eq 0) { 1 } else { 0 })
}
#endregion

function Invoke-Bench {
    Invoke-Build
    Get-ChildItem (Join-Path $root 'bench') -Filter '*.ps1' | Sort-Object Name | ForEach-Object {
        Invoke-Native (Get-ChildPwsh) @('-NoProfile', '-NonInteractive', '-File', $_.FullName)
    }
}

function Invoke-Clean {
    foreach ($path in @($binPath, (Join-Path $root 'en-US')) + (@(Get-ChildItem (Join-Path $root 'src') -Directory) + @(Get-Item (Join-Path $root 'tests/AwsWiki.Core.Tests')) | ForEach-Object { Join-Path $_.FullName 'bin'; Join-Path $_.FullName 'obj' })) {
        if (Test-Path $path) { Remove-Item $path -Recurse -Force }
    }
}

#region MAML help from docs/en-US/<Cmdlet>.md
# The docs keep the words (synopsis, description, examples, one entry per parameter); the
# parameter facts (type, position, pipeline input, sets) come from the built cmdlets, so the help
# cannot drift from the code. A cmdlet or parameter without docs fails the build.

function ConvertFrom-CmdletDoc {
    param([string] $Path)
    $doc = @{ Synopsis = ''; Description = ''; Examples = [System.Collections.Generic.List[object]]::new(); Parameters = @{}; Notes = ''; Links = @() }
    $section = $null; $sub = $null; $buffer = [System.Text.StringBuilder]::new()
    $flush = {
        $text = $buffer.ToString().Trim()
        [void] $buffer.Clear()
        switch ($section) {
            'SYNOPSIS' { $doc.Synopsis = $text }
            'DESCRIPTION' { $doc.Description = $text }
            'NOTES' { $doc.Notes = $text }
            'RELATED LINKS' { $doc.Links = @($text -split "`n" | ForEach-Object { $_.Trim(' ', '-', '*') } | Where-Object { $_ }) }
            'EXAMPLES' {
                if ($sub) {
                    # The first code block is the command; a second one, if any, is its sample output.
                    $blocks = [regex]::Matches($text, '(?s)```(?:powershell|output|text)?[ \t]*\r?\n(.*?)```')
                    $code = $blocks[0].Groups[1].Value.TrimEnd()
                    if ($blocks.Count -gt 1) { $code += "`n`n" + $blocks[1].Groups[1].Value.TrimEnd() }
                    $remarks = [regex]::Replace($text, '(?s)```.*?```', '').Trim()
                    $doc.Examples.Add([pscustomobject]@{ Title = $sub; Code = $code; Remarks = $remarks })
                }
            }
            'PARAMETERS' { if ($sub) { $doc.Parameters[$sub.TrimStart('-')] = $text } }
        }
    }
    foreach ($line in (Get-Content -LiteralPath $Path)) {
        if ($line -match '^## (.+)$') { & $flush; $section = $Matches[1].Trim().ToUpperInvariant(); $sub = $null; continue }
        if ($line -match '^### (.+)$') { & $flush; $sub = $Matches[1].Trim(); continue }
        if ($line -match '^# ') { continue }
        [void] $buffer.AppendLine($line)
    }
    & $flush
    return $doc
}

function Get-HelpTypeName {
    # Get-Help shows these names: Double, not Nullable`1; string[], not String[] from a generic's name.
    param([type] $Type, [switch] $Full)
    $underlying = [Nullable]::GetUnderlyingType($Type)
    if ($underlying) { $Type = $underlying }
    if ($Full) { return $Type.FullName }
    if ($Type.IsArray) { return (Get-HelpTypeName $Type.GetElementType()) + '[]' }
    $Type.Name
}

function Get-PipelineInput {
    # One INPUTS entry per pipeline-bound parameter type: by value names the type, by property name the properties.
    param($Command, $Parameters)
    $byValue = @($Parameters | Where-Object { $_.ParameterSets.Values.ValueFromPipeline -contains $true })
    $byName = @($Parameters | Where-Object { $_.ParameterSets.Values.ValueFromPipelineByPropertyName -contains $true })
    foreach ($p in $byValue) { [pscustomobject]@{ Type = (Get-HelpTypeName $p.ParameterType -Full); Text = "You can pipe values for -$($p.Name) to this cmdlet." } }
    if ($byName) {
        $names = ($byName | ForEach-Object { $_.Name + $(if ($_.Aliases.Count) { " (or $($_.Aliases -join ', '))" }) }) -join ', '
        [pscustomobject]@{ Type = 'System.Management.Automation.PSObject'; Text = "You can pipe objects with these properties to this cmdlet: $names." }
    }
    if (-not $byValue -and -not $byName) { [pscustomobject]@{ Type = 'None'; Text = 'This cmdlet takes no pipeline input.' } }
}

function New-MamlHelp {
    Import-Module (Join-Path $root 'AwsWiki.psd1') -Force
    $ns = @{
        maml    = 'http://schemas.microsoft.com/maml/2004/10'
        command = 'http://schemas.microsoft.com/maml/dev/command/2004/10'
        dev     = 'http://schemas.microsoft.com/maml/dev/2004/10'
    }
    $settings = [System.Xml.XmlWriterSettings]@{ Indent = $true; Encoding = [System.Text.UTF8Encoding]::new($false) }
    # PowerShell looks for a binary module's help in <ModuleBase>/<culture>, and ModuleBase is the manifest's folder.
    $outDir = Join-Path $root 'en-US'
    New-Item -ItemType Directory -Force -Path $outDir | Out-Null
    $writer = [System.Xml.XmlWriter]::Create((Join-Path $outDir 'AwsWiki.dll-Help.xml'), $settings)
    $common = [System.Management.Automation.PSCmdlet]::CommonParameters + [System.Management.Automation.PSCmdlet]::OptionalCommonParameters
    $problems = [System.Collections.Generic.List[string]]::new()
    $para = {
        param($text)
        foreach ($p in ($text -split '\r?\n\s*\r?\n')) { if ($p.Trim()) { $writer.WriteElementString('maml', 'para', $ns.maml, ($p -replace '\s*\r?\n\s*', ' ').Trim()) } }
    }
    try {
        $writer.WriteStartElement('helpItems'); $writer.WriteAttributeString('schema', 'maml')
        foreach ($command in (Get-Command -Module AwsWiki -CommandType Cmdlet | Sort-Object Name)) {
            $docPath = Join-Path $root "docs/en-US/$($command.Name).md"
            if (-not (Test-Path $docPath)) { $problems.Add("$($command.Name): no docs/en-US/$($command.Name).md"); continue }
            $doc = ConvertFrom-CmdletDoc $docPath
            if (-not $doc.Synopsis) { $problems.Add("$($command.Name): no SYNOPSIS") }
            if ($doc.Examples.Count -lt 2) { $problems.Add("$($command.Name): fewer than two examples") }
            $parameters = $command.Parameters.Values | Where-Object { $_.Name -notin $common }
            foreach ($p in $parameters) { if (-not $doc.Parameters[$p.Name]) { $problems.Add("$($command.Name): parameter -$($p.Name) is not documented") } }

            $writer.WriteStartElement('command', 'command', $ns.command)
            $writer.WriteAttributeString('xmlns', 'maml', $null, $ns.maml)
            $writer.WriteAttributeString('xmlns', 'dev', $null, $ns.dev)
            $writer.WriteStartElement('command', 'details', $ns.command)
            $writer.WriteElementString('command', 'name', $ns.command, $command.Name)
            $writer.WriteElementString('command', 'verb', $ns.command, $command.Verb)
            $writer.WriteElementString('command', 'noun', $ns.command, $command.Noun)
            $writer.WriteStartElement('maml', 'description', $ns.maml); & $para $doc.Synopsis; $writer.WriteEndElement()
            $writer.WriteEndElement()
            $writer.WriteStartElement('maml', 'description', $ns.maml); & $para $doc.Description; $writer.WriteEndElement()

            $writeParameter = {
                param($p, $set)
                $attr = if ($set) { $set } else { $p.ParameterSets.Values | Select-Object -First 1 }
                $writer.WriteStartElement('command', 'parameter', $ns.command)
                $writer.WriteAttributeString('required', ([string]$attr.IsMandatory).ToLowerInvariant())
                $writer.WriteAttributeString('globbing', ([string]($p.Attributes.TypeId.Name -contains 'SupportsWildcardsAttribute')).ToLowerInvariant())
                $pipeline = @(); if ($attr.ValueFromPipeline) { $pipeline += 'ByValue' }; if ($attr.ValueFromPipelineByPropertyName) { $pipeline += 'ByPropertyName' }
                $writer.WriteAttributeString('pipelineInput', $(if ($pipeline) { "True ($($pipeline -join ', '))" } else { 'False' }))
                $writer.WriteAttributeString('position', $(if ($attr.Position -ge 0) { [string]$attr.Position } else { 'named' }))
                $writer.WriteAttributeString('aliases', $(if ($p.Aliases.Count) { $p.Aliases -join ', ' } else { 'none' }))
                $writer.WriteElementString('maml', 'name', $ns.maml, $p.Name)
                $writer.WriteStartElement('maml', 'description', $ns.maml); & $para ([string]$doc.Parameters[$p.Name]); $writer.WriteEndElement()
                $isSwitch = $p.ParameterType -eq [System.Management.Automation.SwitchParameter]
                # A switch has no value in SYNTAX ([-IncludeUnpriced]); Get-Help shows the type in PARAMETERS.
                if (-not $isSwitch -or -not $inSyntax) {
                    $writer.WriteStartElement('command', 'parameterValue', $ns.command)
                    $writer.WriteAttributeString('required', ([string](-not $isSwitch)).ToLowerInvariant())
                    $writer.WriteString((Get-HelpTypeName $p.ParameterType)); $writer.WriteEndElement()
                }
                $writer.WriteStartElement('dev', 'type', $ns.dev); $writer.WriteElementString('maml', 'name', $ns.maml, (Get-HelpTypeName $p.ParameterType -Full)); $writer.WriteEndElement()
                $writer.WriteEndElement()
            }

            # -WhatIf and -Confirm are common parameters, so the docs need not describe them; SYNTAX shows them.
            $shouldProcessParameters = @(if ($command.Parameters.ContainsKey('WhatIf')) {
                    @{ Name = 'WhatIf'; Text = 'Shows what would happen if the cmdlet runs. The cmdlet is not run.' }
                    @{ Name = 'Confirm'; Text = 'Prompts you for confirmation before running the cmdlet.' }
                })
            $writeShouldProcess = {
                param($entry)
                $writer.WriteStartElement('command', 'parameter', $ns.command)
                foreach ($attribute in @{ required = 'false'; globbing = 'false'; pipelineInput = 'False'; position = 'named'; aliases = $(if ($entry.Name -eq 'WhatIf') { 'wi' } else { 'cf' }) }.GetEnumerator()) {
                    $writer.WriteAttributeString($attribute.Key, $attribute.Value)
                }
                $writer.WriteElementString('maml', 'name', $ns.maml, $entry.Name)
                $writer.WriteStartElement('maml', 'description', $ns.maml); & $para $entry.Text; $writer.WriteEndElement()
                $writer.WriteStartElement('dev', 'type', $ns.dev); $writer.WriteElementString('maml', 'name', $ns.maml, 'System.Management.Automation.SwitchParameter'); $writer.WriteEndElement()
                $writer.WriteEndElement()
            }

            $writer.WriteStartElement('command', 'syntax', $ns.command)
            foreach ($set in $command.ParameterSets) {
                $writer.WriteStartElement('command', 'syntaxItem', $ns.command)
                $writer.WriteElementString('maml', 'name', $ns.maml, $command.Name)
                $inSyntax = $true
                foreach ($sp in ($set.Parameters | Where-Object { $_.Name -notin $common })) {
                    $full = $command.Parameters[$sp.Name]
                    & $writeParameter $full ($full.ParameterSets[$set.Name])
                }
                foreach ($entry in $shouldProcessParameters) { & $writeShouldProcess $entry }
                $writer.WriteEndElement()
            }
            $writer.WriteEndElement()

            $inSyntax = $false
            $writer.WriteStartElement('command', 'parameters', $ns.command)
            foreach ($p in ($parameters | Sort-Object Name)) { & $writeParameter $p $null }
            foreach ($entry in $shouldProcessParameters) { & $writeShouldProcess $entry }
            $writer.WriteEndElement()

            # INPUTS: what the pipeline can carry in, by value or by property name.
            $writer.WriteStartElement('command', 'inputTypes', $ns.command)
            foreach ($input in (Get-PipelineInput $command $parameters)) {
                $writer.WriteStartElement('command', 'inputType', $ns.command)
                $writer.WriteStartElement('dev', 'type', $ns.dev); $writer.WriteElementString('maml', 'name', $ns.maml, $input.Type); $writer.WriteEndElement()
                $writer.WriteStartElement('maml', 'description', $ns.maml); & $para $input.Text; $writer.WriteEndElement()
                $writer.WriteEndElement()
            }
            $writer.WriteEndElement()

            $writer.WriteStartElement('command', 'returnValues', $ns.command)
            foreach ($type in $command.OutputType) {
                $writer.WriteStartElement('command', 'returnValue', $ns.command)
                $writer.WriteStartElement('dev', 'type', $ns.dev); $writer.WriteElementString('maml', 'name', $ns.maml, $type.Name); $writer.WriteEndElement()
                $writer.WriteEndElement()
            }
            $writer.WriteEndElement()

            if ($doc.Notes) {
                $writer.WriteStartElement('maml', 'alertSet', $ns.maml)
                $writer.WriteStartElement('maml', 'alert', $ns.maml); & $para $doc.Notes; $writer.WriteEndElement()
                $writer.WriteEndElement()
            }

            $writer.WriteStartElement('command', 'examples', $ns.command)
            foreach ($example in $doc.Examples) {
                $writer.WriteStartElement('command', 'example', $ns.command)
                $writer.WriteElementString('maml', 'title', $ns.maml, "-------------------------- $($example.Title) --------------------------")
                $writer.WriteElementString('dev', 'code', $ns.dev, $example.Code)
                $writer.WriteStartElement('dev', 'remarks', $ns.dev); & $para $example.Remarks; $writer.WriteEndElement()
                $writer.WriteEndElement()
            }
            $writer.WriteEndElement()

            $writer.WriteStartElement('command', 'relatedLinks', $ns.command)
            foreach ($link in $doc.Links) {
                $writer.WriteStartElement('maml', 'navigationLink', $ns.maml)
                $writer.WriteElementString('maml', 'linkText', $ns.maml, $link); $writer.WriteElementString('maml', 'uri', $ns.maml, '')
                $writer.WriteEndElement()
            }
            $writer.WriteEndElement()
            $writer.WriteEndElement()
        }
        $writer.WriteEndElement()
    }
    finally {
        $writer.Dispose()
    }
    if ($problems.Count) { throw "Help is incomplete:`n  $($problems -join "`n  ")" }
}
#endregion

switch ($Task) {
    'Build' { Invoke-Build }
    'Help' { New-MamlHelp }
    'Test' { Invoke-Test }
    'Bench' { Invoke-Bench }
    'Package' { Invoke-Package }
    'Clean' { Invoke-Clean }
}
