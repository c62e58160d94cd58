<#
.SYNOPSIS
    Measures the GPU issue's performance goals against the built module (run by build.ps1 -Task Bench).
.DESCRIPTION
    1. Start-up: a fresh `pwsh -NoProfile -Command exit` against one that also imports the module
       and one that imports an empty manifest module (runs interleaved, median of -Runs each).
       Goal: importing AwsWiki costs at most 5% more than importing an empty module.
    2. Warm catalog query: Get-GpuInstanceOffering -IncludeUnpriced (every catalog row) in one
       session, after one warm-up call; median of -QueryRuns Stopwatch timings. Goal: under 50 ms.
    3. Live query of 8 AWS regions against 1, against a moto_server and the Price List stand-in
       this script starts on loopback (median of -LiveRuns each). Goal: 8 regions at most 2x one.
    Prints a table and writes bench/results/performance.json.
#>
param(
    [int] $Runs = 10,
    [int] $QueryRuns = 30,
    [int] $LiveRuns = 3
)

$ErrorActionPreference = 'Stop'
$root = Split-Path $PSScriptRoot -Parent
$manifest = Join-Path $root 'AwsWiki.psd1'
$pwsh = @('pwsh', 'pwsh.exe') | ForEach-Object { Join-Path $PSHOME $_ } | Where-Object { Test-Path $_ } | Select-Object -First 1

function Get-Median([double[]] $values) {
    $sorted = $values | Sort-Object
    $n = $sorted.Count
    if ($n % 2) { $sorted[[int][math]::Floor($n / 2)] } else { ($sorted[$n / 2 - 1] + $sorted[$n / 2]) / 2 }
}

function Measure-Process([string] $command) {
    $sw = [Diagnostics.Stopwatch]::StartNew()
    & $pwsh -NoProfile -NonInteractive -Command $command | Out-Null
    $sw.Stop()
    $sw.Elapsed.TotalMilliseconds
}

# 1. Start-up cost of importing the module, next to importing an empty manifest module (what
#    PowerShell charges for any module import, the floor under the goal).
$emptyRoot = Join-Path ([IO.Path]::GetTempPath()) ("awswiki-empty-" + [Guid]::NewGuid().ToString('N').Substring(0, 8))
New-Item -ItemType Directory -Path $emptyRoot | Out-Null
$emptyManifest = Join-Path $emptyRoot 'EmptyModule.psd1'
Set-Content $emptyManifest "@{ ModuleVersion = '1.0.0'; GUID = '$([Guid]::NewGuid())'; FunctionsToExport = @(); CmdletsToExport = @() }"
$bare = [Collections.Generic.List[double]]::new(); $imported = [Collections.Generic.List[double]]::new(); $empty = [Collections.Generic.List[double]]::new()
Measure-Process 'exit' | Out-Null # warm the disk cache once
for ($i = 0; $i -lt $Runs; $i++) {
    $bare.Add((Measure-Process 'exit'))
    $imported.Add((Measure-Process "Import-Module '$manifest'; exit"))
    $empty.Add((Measure-Process "Import-Module '$emptyManifest'; exit"))
}
Remove-Item $emptyRoot -Recurse -Force
$bareMedian = Get-Median $bare; $importMedian = Get-Median $imported; $emptyMedian = Get-Median $empty

# 2. Warm catalog query, in a child session so this one stays free of the module.
$queryScript = @"
Import-Module '$manifest'
`$first = [Diagnostics.Stopwatch]::StartNew(); `$count = @(Get-GpuInstanceOffering -IncludeUnpriced).Count; `$first.Stop()
`$times = foreach (`$i in 1..$QueryRuns) { `$sw = [Diagnostics.Stopwatch]::StartNew(); `$null = Get-GpuInstanceOffering -IncludeUnpriced; `$sw.Stop(); `$sw.Elapsed.TotalMilliseconds }
[pscustomobject]@{ Rows = `$count; FirstMs = `$first.Elapsed.TotalMilliseconds; Times = `$times } | ConvertTo-Json -Compress
"@
$query = (& $pwsh -NoProfile -NonInteractive -Command $queryScript | Select-Object -Last 1) | ConvertFrom-Json
$queryMedian = Get-Median $query.Times

# 3. Live: 1 region against 8, with moto and the Price List stand-in on loopback.
$runRoot = Join-Path ([IO.Path]::GetTempPath()) ("awswiki-bench-" + [Guid]::NewGuid().ToString('N').Substring(0, 8))
New-Item -ItemType Directory -Path $runRoot | Out-Null
Import-Module (Join-Path $root 'tests/TestHelpers.psm1')
$moto = Start-MotoServer -LogFolder $runRoot
$stub = $null
try {
    $port = ([uri]$moto.Url).Port
    $stub = Start-TestStub -Name pricelist_stub
    $stubPort = ([uri]$stub.Url).Port
    $regions = "'us-east-1','us-east-2','us-west-1','us-west-2','ap-northeast-1','ap-northeast-2','eu-central-1','eu-west-2'"
    $liveScript = @"
`$env:AWS_ACCESS_KEY_ID = 'testing'; `$env:AWS_SECRET_ACCESS_KEY = 'testing'; `$env:AWS_REGION = 'us-east-1'
`$env:AWS_ENDPOINT_URL = 'http://127.0.0.1:$port'; `$env:AWS_ENDPOINT_URL_PRICING = 'http://127.0.0.1:$stubPort'
`$env:AWS_SHARED_CREDENTIALS_FILE = '$runRoot/credentials'; `$env:AWS_CONFIG_FILE = '$runRoot/config'
Import-Module '$manifest'
`$null = Get-GpuInstanceOffering -Source Live -Provider AWS -Region us-east-1 -InstanceType g4dn.xlarge
`$one = foreach (`$i in 1..$LiveRuns) { `$sw = [Diagnostics.Stopwatch]::StartNew(); `$r1 = @(Get-GpuInstanceOffering -Source Live -Provider AWS -Region us-east-1 -IncludeUnpriced); `$sw.Elapsed.TotalMilliseconds }
`$eight = foreach (`$i in 1..$LiveRuns) { `$sw = [Diagnostics.Stopwatch]::StartNew(); `$r8 = @(Get-GpuInstanceOffering -Source Live -Provider AWS -Region $regions -IncludeUnpriced); `$sw.Elapsed.TotalMilliseconds }
[pscustomobject]@{ One = `$one; Eight = `$eight; Rows1 = `$r1.Count; Rows8 = `$r8.Count } | ConvertTo-Json -Compress
"@
    $live = (& $pwsh -NoProfile -NonInteractive -Command $liveScript | Select-Object -Last 1) | ConvertFrom-Json
}
finally {
    Stop-TestStub $stub
    Stop-MotoServer $moto
    Remove-Item $runRoot -Recurse -Force -ErrorAction SilentlyContinue
}
$oneMedian = Get-Median $live.One; $eightMedian = Get-Median $live.Eight

$results = [ordered]@{
    Date                  = (Get-Date).ToUniversalTime().ToString('yyyy-MM-dd HH:mm') + ' UTC'
    Machine               = "$([Environment]::ProcessorCount) cores, $([Runtime.InteropServices.RuntimeInformation]::OSDescription), PowerShell $($PSVersionTable.PSVersion)"
    BarePwshMs            = [math]::Round($bareMedian)
    PwshWithImportMs      = [math]::Round($importMedian)
    ImportOverheadPercent = [math]::Round(($importMedian - $bareMedian) / $bareMedian * 100, 1)
    EmptyModuleImportMs   = [math]::Round($emptyMedian)
    EmptyOverheadPercent  = [math]::Round(($emptyMedian - $bareMedian) / $bareMedian * 100, 1)
    ImportVsEmptyPercent  = [math]::Round(($importMedian - $emptyMedian) / $emptyMedian * 100, 1)
    CatalogRows           = $query.Rows
    CatalogFirstQueryMs   = [math]::Round($query.FirstMs, 1)
    CatalogWarmQueryMs    = [math]::Round($queryMedian, 1)
    LiveOneRegionMs       = [math]::Round($oneMedian)
    LiveEightRegionsMs    = [math]::Round($eightMedian)
    LiveRatio             = [math]::Round($eightMedian / $oneMedian, 2)
    LiveRows              = "$($live.Rows1) / $($live.Rows8)"
    Runs                  = "start-up $Runs each, catalog $QueryRuns, live $LiveRuns each (medians)"
}
New-Item -ItemType Directory -Force -Path (Join-Path $PSScriptRoot 'results') | Out-Null
$results | ConvertTo-Json | Set-Content (Join-Path $PSScriptRoot 'results/performance.json')
[pscustomobject]$results | Format-List | Out-String | Write-Host
