<#
.SYNOPSIS
    Regenerates the embedded all-type EC2 catalog (src/AwsWiki.Core/Instances/instance-types.csv and
    instance-offerings.csv) from moto's records and the dated price snapshots.
.DESCRIPTION
    Specs: every record of moto 5.2.1's ec2/resources/instance_types.json.gz (1,263 types): vCPUs,
    memory, architectures (i386 left out), ProcessorInfo.Manufacturer, SustainedClockSpeedInGhz,
    and the first accelerator of GpuInfo, NeuronInfo, InferenceAcceleratorInfo or FpgaInfo (the
    same order tools/Update-GpuCatalog.ps1 takes).

    Zones: moto's ec2/resources/instance_type_offerings/availability-zone/<region>.json.gz, one
    offerings row per (type, region) that moto lists, zone names comma-joined. A price for a pair
    moto does not list is left out (and counted with -Verbose): the catalog says where a type is
    offered, and a price alone does not say where.

    Prices (USD, Linux, shared tenancy), each row with its source and the source's date:
    - tools/data/aws-on-demand-prices.csv: on-demand prices of every type in us-east-1, the facts
      (type, price) of aws/karpenter-provider-aws's generated pricing table (Apache-2.0), with the
      repository, commit and the date the table was generated. -KarpenterPricingFile re-extracts
      them from a newer copy of pkg/providers/pricing/zz_generated.pricing_aws.go.
    - <DataPath>/aws-gpu-prices.csv: on-demand and spot prices of GPU and accelerator types in 24
      regions (SkyPilot catalog @2c3d7ea; it gives no date, so those rows leave PriceAsOf empty).
    Where both price a pair (GPU types in us-east-1), the dated table's on-demand price wins and
    SkyPilot's spot price is kept, with both sources named.

    The module embeds the two output files and never reads ../shared at run time. The output is
    deterministic (ordinal sort, invariant culture, "\n" line endings). instance-offerings.csv keeps
    zone names as their suffix after the region ("a b c d") and, per row, only the price source
    (PriceSource, empty when unpriced) and dates (PriceAsOf for on-demand, SpotPriceAsOf for spot):
    specs and zones of every row are moto 5.2.1's, which the module adds to each row's Source.
.EXAMPLE
    dotnet pwsh ./tools/Update-InstanceCatalog.ps1 -Verbose
.EXAMPLE
    # Refresh the us-east-1 facts from a newer Karpenter checkout, then regenerate
    dotnet pwsh ./tools/Update-InstanceCatalog.ps1 -KarpenterPricingFile ./zz_generated.pricing_aws.go -KarpenterCommit 1d927085dd81a9df9301e613f371dac5b4d16bfe
#>
[CmdletBinding()]
param(
    [string] $DataPath = "$PSScriptRoot/../../shared/data",
    [string] $MotoPath,
    [string] $OnDemandPricesPath = "$PSScriptRoot/data/aws-on-demand-prices.csv",
    [string] $OutputFolder = "$PSScriptRoot/../src/AwsWiki.Core/Instances",
    [string] $KarpenterPricingFile,
    [string] $KarpenterCommit
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0
$inv = [System.Globalization.CultureInfo]::InvariantCulture
$gpuPriceSource = 'skypilot-catalog@2c3d7ea aws/vms.csv'

if (-not $MotoPath) {
    $MotoPath = (& python3 -c 'import moto,os;print(os.path.dirname(moto.__file__))').Trim()
}

function Format-Number($value) {
    if ($null -eq $value -or "$value" -eq '') { return '' }
    ([double]$value).ToString('0.######', $inv)
}

function Read-GzipJson([string] $path) {
    $stream = [System.IO.Compression.GZipStream]::new([System.IO.File]::OpenRead($path), [System.IO.Compression.CompressionMode]::Decompress)
    try { [System.IO.StreamReader]::new($stream).ReadToEnd() | ConvertFrom-Json -AsHashtable }
    finally { $stream.Dispose() }
}

function ConvertTo-CsvText([string[]] $columns, [System.Collections.Generic.List[object[]]] $rows) {
    $lines = [System.Collections.Generic.List[string]]::new()
    $lines.Add($columns -join ',')
    foreach ($row in $rows) {
        $cells = foreach ($v in $row) { $s = "$v"; if ($s -match '[",\n]') { '"' + $s.Replace('"', '""') + '"' } else { $s } }
        $lines.Add($cells -join ',')
    }
    ($lines -join "`n") + "`n"
}

function Write-Text([string] $path, [string] $text) {
    [System.IO.File]::WriteAllText([System.IO.Path]::GetFullPath($path), $text, [System.Text.UTF8Encoding]::new($false))
}

# Optional: re-extract the us-east-1 facts (type, price) from Karpenter's generated Go table.
if ($KarpenterPricingFile) {
    if (-not $KarpenterCommit) { throw '-KarpenterCommit is required with -KarpenterPricingFile: each row names the commit it came from.' }
    $go = Get-Content -Raw $KarpenterPricingFile
    $generated = [regex]::Match($go, 'generated at (\d{4}-\d{2}-\d{2})T[\d:]+Z for us-east-1')
    if (-not $generated.Success) { throw "No 'generated at <date> for us-east-1' line in $KarpenterPricingFile." }
    $block = [regex]::Match($go, '"us-east-1":\s*\{(?<body>[^}]*)\}').Groups['body'].Value
    $facts = [System.Collections.Generic.List[object[]]]::new()
    $source = "karpenter-provider-aws@$($KarpenterCommit.Substring(0, 8)) zz_generated.pricing_aws.go"
    foreach ($m in ([regex]::Matches($block, '"(?<type>[a-z0-9-]+\.[a-z0-9-]+)":\s*(?<price>[0-9.]+)') | Sort-Object { $_.Groups['type'].Value } -CaseSensitive)) {
        $facts.Add(@($m.Groups['type'].Value, 'us-east-1', (Format-Number $m.Groups['price'].Value), $generated.Groups[1].Value, $source))
    }
    New-Item -ItemType Directory -Force (Split-Path $OnDemandPricesPath) | Out-Null
    Write-Text $OnDemandPricesPath (ConvertTo-CsvText @('InstanceType', 'Region', 'OnDemandUsd', 'PriceAsOf', 'Source') $facts)
    Write-Verbose "Wrote $($facts.Count) us-east-1 prices to $OnDemandPricesPath"
}

# Specs of every type.
$records = Read-GzipJson (Join-Path $MotoPath 'ec2/resources/instance_types.json.gz')
$typeRows = [System.Collections.Generic.List[object[]]]::new()
foreach ($type in ($records.Keys | Sort-Object -CaseSensitive)) {
    $r = $records[$type]
    $accelerator = $null
    if ($r.ContainsKey('GpuInfo')) { $accelerator = $r.GpuInfo.Gpus[0] }
    elseif ($r.ContainsKey('NeuronInfo')) {
        $d = $r.NeuronInfo.NeuronDevices[0]
        $accelerator = @{ Name = $d.Name; Manufacturer = 'AWS'; Count = $d.Count; MemoryInfo = $d.MemoryInfo }
    }
    elseif ($r.ContainsKey('InferenceAcceleratorInfo')) { $accelerator = $r.InferenceAcceleratorInfo.Accelerators[0] }
    elseif ($r.ContainsKey('FpgaInfo')) { $accelerator = $r.FpgaInfo.Fpgas[0] }
    $clock = if ($r.ProcessorInfo.ContainsKey('SustainedClockSpeedInGhz')) { Format-Number $r.ProcessorInfo.SustainedClockSpeedInGhz } else { '' }
    $gpu = if ($accelerator) {
        $mem = if ($accelerator.ContainsKey('MemoryInfo') -and $accelerator.MemoryInfo) { Format-Number ([math]::Round($accelerator.MemoryInfo.SizeInMiB / 1024, 2)) } else { '' }
        @($accelerator.Name, $accelerator.Manufacturer, [int]$accelerator.Count, $mem)
    } else { @('', '', '', '') }
    $typeRows.Add(@($type, [int]$r.VCpuInfo.DefaultVCpus, (Format-Number ([math]::Round($r.MemoryInfo.SizeInMiB / 1024, 3))),
            (($r.ProcessorInfo.SupportedArchitectures | Where-Object { $_ -ne 'i386' }) -join ','), $r.ProcessorInfo.Manufacturer, $clock) + $gpu)
}

# Zones per (type, region).
$offerings = [System.Collections.Generic.SortedDictionary[string, object]]::new([System.StringComparer]::Ordinal)
foreach ($file in (Get-ChildItem (Join-Path $MotoPath 'ec2/resources/instance_type_offerings/availability-zone') -Filter '*.json.gz')) {
    $region = $file.Name -replace '\.json\.gz$', ''
    foreach ($o in (Read-GzipJson $file.FullName)) {
        $key = "$($o.InstanceType)|$region"
        if (-not $offerings.ContainsKey($key)) {
            $offerings[$key] = @{ Type = $o.InstanceType; Region = $region; Zones = [System.Collections.Generic.SortedSet[string]]::new([System.StringComparer]::Ordinal)
                OnDemand = ''; Spot = ''; AsOf = ''; Sources = [System.Collections.Generic.List[string]]::new() }
        }
        $null = $offerings[$key].Zones.Add($o.Location)
    }
}

# Prices: SkyPilot's GPU snapshot first, the dated table's on-demand prices over it.
$unlisted = 0
foreach ($line in (Import-Csv (Join-Path $DataPath 'aws-gpu-prices.csv'))) {
    $key = "$($line.InstanceType)|$($line.Region)"
    if (-not $offerings.ContainsKey($key)) { $unlisted++; continue }
    $row = $offerings[$key]
    $row.OnDemand = Format-Number $line.OnDemandUsdPerHour
    $row.Spot = Format-Number $line.SpotUsdPerHourMin
    $row.Sources.Add($gpuPriceSource)
}
foreach ($line in (Import-Csv $OnDemandPricesPath)) {
    $key = "$($line.InstanceType)|$($line.Region)"
    if (-not $offerings.ContainsKey($key)) { $unlisted++; continue }
    $row = $offerings[$key]
    if ($row.Sources.Count -and $row.OnDemand) { $row.Sources[0] = "$gpuPriceSource (spot)" }
    $row.OnDemand = Format-Number $line.OnDemandUsd
    $row.AsOf = $line.PriceAsOf
    $row.Sources.Insert(0, $line.Source)
}
Write-Verbose "Prices for (type, region) pairs moto does not list, left out: $unlisted"

$offeringRows = [System.Collections.Generic.List[object[]]]::new()
foreach ($row in $offerings.Values) {
    $prefix = $row.Region
    # Zone names as their suffix after the region name ("a", "b", "-lax-1a"), to keep the embedded file small.
    $zones = ($row.Zones | ForEach-Object { if ($_.StartsWith($prefix)) { $_.Substring($prefix.Length) } else { $_ } }) -join ' '
    # Only the price source per row: every row's specs and zones are moto's, which the module appends.
    $offeringRows.Add(@($row.Type, $row.Region, $zones, $row.OnDemand, $row.Spot, $row.AsOf, '', (@($row.Sources) -join '; ')))
}

Write-Text (Join-Path $OutputFolder 'instance-types.csv') (ConvertTo-CsvText @('InstanceType', 'VCpus', 'MemoryGiB', 'Architecture', 'ProcessorVendor',
        'SustainedClockGhz', 'GpuModel', 'GpuManufacturer', 'GpuCount', 'GpuMemoryGiB') $typeRows)
Write-Text (Join-Path $OutputFolder 'instance-offerings.csv') (ConvertTo-CsvText @('InstanceType', 'Region', 'Zones', 'OnDemandUsd', 'SpotUsd',
        'PriceAsOf', 'SpotPriceAsOf', 'PriceSource') $offeringRows)
Write-Verbose "Wrote $($typeRows.Count) types and $($offeringRows.Count) (type, region) rows to $OutputFolder"
