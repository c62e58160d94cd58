<#
.SYNOPSIS
    The all-type instance catalog: import time unchanged, first and warm Get-InstanceOffering timings.
.DESCRIPTION
    Run by build.ps1 -Task Bench (after a build), or directly. Reports, medians of -Runs:
    1. Import: a fresh pwsh that imports the module, next to one that imports an empty manifest
       module (interleaved). The catalog (about 0.8 MB of CSV embedded in AwsWiki.Core) is read on
       the first query, not at import, so this figure must not move with it: the bar is import
       within 5% of the empty module. Reported, not asserted (a busy machine moves it).
    2. First query: Get-InstanceOffering -IncludeUnpriced in a fresh session (parses the catalog:
       1,263 types, every (type, region) row), then the same query warm.
    Prints a table and writes bench/results/instance-catalog.json.
#>
param(
    [int] $Runs = 7,
    # Another build to time beside this one's (the same tree without the catalog, say): its import median is reported too.
    [string] $BaselineManifest
)

$ErrorActionPreference = 'Stop'
$root = Split-Path $PSScriptRoot -Parent
$manifest = Join-Path $root 'AwsWiki.psd1'
$pwsh = @('pwsh', 'pwsh.exe') | ForEach-Object { Join-Path $PSHOME $_ } | Where-Object { Test-Path $_ } | Select-Object -First 1

function Get-Median([double[]] $Values) { $sorted = $Values | Sort-Object; $sorted[[int][Math]::Floor(($sorted.Count - 1) / 2)] }
function Measure-Process([string] $Command) {
    $sw = [Diagnostics.Stopwatch]::StartNew()
    & $pwsh -NoProfile -NonInteractive -Command $Command | Out-Null
    $sw.Stop()
    $sw.Elapsed.TotalMilliseconds
}

$emptyRoot = Join-Path ([IO.Path]::GetTempPath()) ('awswiki-empty-' + [Guid]::NewGuid().ToString('N').Substring(0, 8))
New-Item -ItemType Directory -Path $emptyRoot | Out-Null
$emptyManifest = Join-Path $emptyRoot 'EmptyModule.psd1'
Set-Content $emptyManifest "@{ ModuleVersion = '1.0.0'; GUID = '$([Guid]::NewGuid())'; FunctionsToExport = @(); CmdletsToExport = @() }"
$imported = [Collections.Generic.List[double]]::new(); $empty = [Collections.Generic.List[double]]::new(); $baseline = [Collections.Generic.List[double]]::new()
Measure-Process 'exit' | Out-Null # warm the disk cache once
for ($i = 0; $i -lt $Runs; $i++) {
    $imported.Add((Measure-Process "Import-Module '$manifest'; exit"))
    $empty.Add((Measure-Process "Import-Module '$emptyManifest'; exit"))
    if ($BaselineManifest) { $baseline.Add((Measure-Process "Import-Module '$BaselineManifest'; exit")) }
}
Remove-Item $emptyRoot -Recurse -Force

$queryScript = @"
Import-Module '$manifest'
`$first = [Diagnostics.Stopwatch]::StartNew(); `$count = @(Get-InstanceOffering -IncludeUnpriced).Count; `$first.Stop()
`$times = foreach (`$i in 1..$Runs) { `$sw = [Diagnostics.Stopwatch]::StartNew(); `$null = Get-InstanceOffering c6i.large -Region ap-northeast-2 -IncludeUnpriced; `$sw.Stop(); `$sw.Elapsed.TotalMilliseconds }
[pscustomobject]@{ Rows = `$count; FirstMs = `$first.Elapsed.TotalMilliseconds; Times = `$times } | ConvertTo-Json -Compress
"@
$query = (& $pwsh -NoProfile -NonInteractive -Command $queryScript | Select-Object -Last 1) | ConvertFrom-Json

$result = [ordered]@{
    ImportMs = [math]::Round((Get-Median $imported), 1)
    EmptyModuleImportMs = [math]::Round((Get-Median $empty), 1)
    ImportOverEmptyPercent = [math]::Round(((Get-Median $imported) / (Get-Median $empty) - 1) * 100, 1)
    BaselineImportMs = if ($BaselineManifest) { [math]::Round((Get-Median $baseline), 1) } else { $null }
    CatalogRows = $query.Rows
    FirstQueryMs = [math]::Round($query.FirstMs, 1)
    WarmSingleTypeQueryMs = [math]::Round((Get-Median ([double[]]$query.Times)), 1)
}
[pscustomobject]$result | Format-List
$out = New-Item -ItemType Directory -Force -Path (Join-Path $PSScriptRoot 'results')
$result | ConvertTo-Json | Set-Content (Join-Path $out 'instance-catalog.json')
