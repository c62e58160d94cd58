<#
.SYNOPSIS
    Regenerates the embedded GPU catalog (src/AwsWiki.Core/Gpu/gpu-catalog.csv) from the shared data.
.DESCRIPTION
    Reads the files described in <DataPath>/README.md (moto's EC2 instance-type records and
    per-AZ offerings, SkyPilot's AWS and Azure price catalogs, and the worldwide Azure files of
    section 4b: azure-gpu-prices-global.csv and azure-gpu-sizes.csv) and writes one CSV row per
    (provider, instance type, region): specs, availability zones, Linux on-demand and spot USD
    prices. The module embeds the result; it never reads the shared folder at run time.

    Azure: where both Azure price files price a (size, region), the newer one (the global file)
    wins, on-demand and spot together. Specs come from azure-gpu-sizes.csv, empty cells filled
    from SkyPilot's per-size columns, then from Microsoft's documentation ($azureDocSpecs, each
    entry cited); a size still missing its GPU model, GPU count (or fraction), vCPUs or memory is
    left out and listed with -Verbose, never guessed. Fractional-GPU sizes get GpuCount 0 and
    their GPU fraction as a ratio ("1/6"), from which the module computes the per-GPU price.

    PriceAsOf is the date the source published the price: the global Azure file's OnDemandAsOf
    and SpotAsOf (SpotPriceAsOf). SkyPilot's files do not say when their prices were published
    (shared README, sections 3 and 4), so their rows leave PriceAsOf empty.

    AWS zones: AvailabilityZones holds zone NAMES on every AWS row and AvailabilityZoneIds the
    zone IDs of the same zones, in the same order. Both come from moto 5.2.1: the names from its
    offerings (aws-gpu-offerings.csv), the IDs from moto's name-to-ID table (the one its EC2
    emulator answers DescribeAvailabilityZones with), read from the installed moto package with
    -Python. For types moto does not offer (p3, f1) the price source gives zone IDs, and the same
    table gives their names. In real AWS the name-to-ID mapping differs per account in many
    regions; the catalog's names are moto's mapping, the IDs are the physical zones.

    Facts the data lacks are filled from public documentation, in the tables below: specs of the
    AWS p3 and f1 types (absent from moto), GPU memory, interconnect and processor vendor of the
    Azure sizes. AWS rows take ProcessorVendor from EC2's ProcessorInfo.Manufacturer (as a live
    query does) and leave GpuInterconnect empty: the module derives it at load time from the
    type name (AwsGpuInterconnect), the same code a live query uses. Each row's Source names
    where its prices came from.

    The output is deterministic (sorted, invariant culture, "\n" line endings), so re-running the
    script on the same input reproduces the committed file byte for byte.
.EXAMPLE
    dotnet pwsh ./tools/Update-GpuCatalog.ps1
.EXAMPLE
    dotnet pwsh ./tools/Update-GpuCatalog.ps1 -DataPath /tmp/data -OutputPath /tmp/gpu-catalog.csv
#>
[CmdletBinding()]
param(
    [string] $DataPath = "$PSScriptRoot/../../shared/data",
    [string] $OutputPath = "$PSScriptRoot/../src/AwsWiki.Core/Gpu/gpu-catalog.csv",
    # A Python with moto 5.2.1 installed (the test suite's): its zone name-to-ID table.
    [string] $Python = 'python3'
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0
$inv = [System.Globalization.CultureInfo]::InvariantCulture

$awsSource = 'skypilot-catalog@2c3d7ea aws/vms.csv (prices); moto 5.2.1 (specs, AZs)'
$azureSource = 'skypilot-catalog@098741e azure/vms.csv (prices); Microsoft docs (GPU memory, interconnect)'
$azureGlobalSource = 'karpenter-provider-azure@2b431da (on-demand), OpenComputePrices@eaf60db (spot)'

# Azure specs Microsoft documents that the shared spec files lack or contradict. Fraction: the
# share of one GPU a partial-GPU size gets; MemGiB: memory of one whole GPU.
$azureDocSpecs = @{
    # azure-docs sizes/gpu-accelerated/includes/nd-h100-v5-series-specs.md: 8 GPUs, 80 GiB each (SkyPilot says 12).
    'Standard_ND96isr_H100_v5' = @{ Count = 8; MemGiB = 80; Doc = 'nd-h100-v5-series-specs.md' }
    # azure-docs nva10v5-series.md: 1/6, 1/3, 1/2 of an A10 ("starting at 1/6th of a GPU with 4-GiB frame
    # buffer"); vCPUs and memory as Azure's SKU list gives them (microsoft/aspire AksNodeVmSizes.cs).
    'Standard_NV6ads_A10_v5'   = @{ Fraction = '1/6'; VCpus = 6; MemoryGiB = 55; Doc = 'nva10v5-series.md' }
    'Standard_NV12ads_A10_v5'  = @{ Fraction = '1/3'; VCpus = 12; MemoryGiB = 110; Doc = 'nva10v5-series.md' }
    'Standard_NV18ads_A10_v5'  = @{ Fraction = '1/2'; VCpus = 18; MemoryGiB = 220; Doc = 'nva10v5-series.md' }
    # azure-docs nvv4-series.md: 1/8, 1/4, 1/2 of an MI25.
    'Standard_NV4as_v4'        = @{ Fraction = '1/8'; Doc = 'nvv4-series.md' }
    'Standard_NV8as_v4'        = @{ Fraction = '1/4'; Doc = 'nvv4-series.md' }
    'Standard_NV16as_v4'       = @{ Fraction = '1/2'; Doc = 'nvv4-series.md' }
}

# AWS types moto 5.2.1 has no record for (prices exist): published EC2 specs.
$awsSpecFill = @{
    'p3.2xlarge'  = @{ Model = 'V100'; Maker = 'NVIDIA'; Count = 1; MemGiB = 16; VCpus = 8; MemoryGiB = 61; Arch = 'x86_64'; Vendor = 'Intel' }
    'p3.8xlarge'  = @{ Model = 'V100'; Maker = 'NVIDIA'; Count = 4; MemGiB = 16; VCpus = 32; MemoryGiB = 244; Arch = 'x86_64'; Vendor = 'Intel' }
    'p3.16xlarge' = @{ Model = 'V100'; Maker = 'NVIDIA'; Count = 8; MemGiB = 16; VCpus = 64; MemoryGiB = 488; Arch = 'x86_64'; Vendor = 'Intel' }
    'f1.2xlarge'  = @{ Model = 'Virtex UltraScale (VU9P)'; Maker = 'Xilinx'; Count = 1; MemGiB = 64; VCpus = 8; MemoryGiB = 122; Arch = 'x86_64'; Vendor = 'Intel' }
    'f1.4xlarge'  = @{ Model = 'Virtex UltraScale (VU9P)'; Maker = 'Xilinx'; Count = 2; MemGiB = 64; VCpus = 16; MemoryGiB = 244; Arch = 'x86_64'; Vendor = 'Intel' }
    'f1.16xlarge' = @{ Model = 'Virtex UltraScale (VU9P)'; Maker = 'Xilinx'; Count = 8; MemGiB = 64; VCpus = 64; MemoryGiB = 976; Arch = 'x86_64'; Vendor = 'Intel' }
}

# Azure: the shared CSV has prices and counts only. Memory per GPU from Microsoft's size docs.
function Get-AzureGpuFacts([string] $size, [string] $accelerator) {
    $model = ($accelerator -replace '-\d+GB$', '') -replace '^Tesla ', ''
    $memory = switch -Regex ($accelerator -replace '^Tesla ', '') {
        '^K80$' { 12 } '^M60$' { 8 } '^T4$' { 16 } '^V100$' { 16 } '^V100-32GB$' { 32 } '^A100$' { 40 }
        '^A100-80GB$' { 80 } '^A10$' { 24 } '^Radeon MI25$' { 16 } '^H200$' { 141 }
        '^H100$' { if ($size -like 'Standard_NC*') { 94 } else { 80 } }
        default { throw "No GPU memory fact for Azure accelerator '$accelerator' ($size): add it to Get-AzureGpuFacts." }
    }
    $interconnect = if ($size -in 'Standard_ND96asr_v4', 'Standard_ND96amsr_A100_v4', 'Standard_ND96isr_H100_v5', 'Standard_ND96isr_H200_v5') { 'NVSwitch' }
    elseif ($size -in 'Standard_ND40rs_v2', 'Standard_NC80adis_H100_v5') { 'NVLink' }
    else { 'PCIe' }
    $maker = if ($accelerator -like 'Radeon*') { 'AMD' } else { 'NVIDIA' }
    # Azure size letters after the vCPU count: 'a' means an AMD EPYC host.
    $letters = [regex]::Match($size, '^Standard_[A-Z]+\d+([a-z]*)').Groups[1].Value
    $vendor = if ($letters.Contains('a')) { 'AMD' } else { 'Intel' }
    @{ Model = $model; Maker = $maker; MemGiB = $memory; Interconnect = $interconnect; Vendor = $vendor }
}

function Format-Number($value) {
    if ($null -eq $value -or "$value" -eq '') { return '' }
    ([double]$value).ToString('0.######', $inv)
}

$specs = @{}
foreach ($record in (Get-Content -Raw (Join-Path $DataPath 'aws-gpu-instance-types.json') | ConvertFrom-Json)) {
    $names = $record.PSObject.Properties.Name
    $accelerator = $null
    if ($names -contains 'GpuInfo') { $accelerator = $record.GpuInfo.Gpus[0] }
    elseif ($names -contains 'NeuronInfo') {
        $d = $record.NeuronInfo.NeuronDevices[0]
        $accelerator = [pscustomobject]@{ Name = $d.Name; Manufacturer = 'AWS'; Count = $d.Count; MemoryInfo = $d.MemoryInfo }
    }
    elseif ($names -contains 'InferenceAcceleratorInfo') { $accelerator = $record.InferenceAcceleratorInfo.Accelerators[0] }
    elseif ($names -contains 'FpgaInfo') { $accelerator = $record.FpgaInfo.Fpgas[0] }
    if (-not $accelerator) { continue } # the non-accelerator examples are not offerings of this catalog
    $specs[$record.InstanceType] = @{
        Model = $accelerator.Name; Maker = $accelerator.Manufacturer; Count = [int]$accelerator.Count
        MemGiB = [math]::Round($accelerator.MemoryInfo.SizeInMiB / 1024, 2)
        VCpus = [int]$record.VCpuInfo.DefaultVCpus; MemoryGiB = [math]::Round($record.MemoryInfo.SizeInMiB / 1024, 2)
        Arch = ($record.ProcessorInfo.SupportedArchitectures | Where-Object { $_ -ne 'i386' }) -join ','
        Vendor = $record.ProcessorInfo.Manufacturer
    }
}
foreach ($type in $awsSpecFill.Keys) { $specs[$type] = $awsSpecFill[$type] }

# moto's zone table: region -> [name, id] pairs.
$motoZones = & $Python -c "import json, moto; from moto.ec2.models.availability_zones_and_regions import RegionsAndZonesBackend as R; print(json.dumps({'version': moto.__version__, 'zones': {r: [[z.name, z.zone_id] for z in zs] for r, zs in R.zones.items()}}))" | ConvertFrom-Json
if ($LASTEXITCODE -ne 0 -or -not $motoZones) { throw "$Python could not read moto's zone table (is moto installed?)." }
if ($motoZones.version -ne '5.2.1') { throw "The shared data comes from moto 5.2.1; $Python has moto $($motoZones.version)." }
$zoneIdOf = @{}; $zoneNameOf = @{}
foreach ($region in $motoZones.zones.PSObject.Properties) {
    foreach ($pair in $region.Value) { $zoneIdOf["$($region.Name)|$($pair[0])"] = $pair[1]; $zoneNameOf["$($region.Name)|$($pair[1])"] = $pair[0] }
}
function Get-ZonePair([string] $region, [string[]] $names, [string[]] $ids) {
    # Names and IDs of the same zones, in name order; one unknown to moto's table stops the run.
    $pairs = [System.Collections.Generic.List[object]]::new()
    if ($names) {
        foreach ($n in $names) { $id = $zoneIdOf["$region|$n"]; if (-not $id) { throw "moto has no zone ID for $n ($region)." }; $pairs.Add([pscustomobject]@{ Name = $n; Id = $id }) }
    }
    else {
        foreach ($i in $ids) { $n = $zoneNameOf["$region|$i"]; if (-not $n) { throw "moto has no zone name for $i ($region)." }; $pairs.Add([pscustomobject]@{ Name = $n; Id = $i }) }
    }
    $sorted = @($pairs | Sort-Object Name -CaseSensitive)
    @(($sorted.Name -join ','), ($sorted.Id -join ','))
}

$rows = [System.Collections.Generic.Dictionary[string, object]]::new()
function Get-AwsRow([string] $type, [string] $region) {
    $key = "$type|$region"
    if (-not $rows.ContainsKey($key)) {
        $rows[$key] = [ordered]@{ Type = $type; Region = $region; Zones = [System.Collections.Generic.List[string]]::new(); ZoneIds = ''; OnDemand = ''; Spot = '' }
    }
    $rows[$key]
}
foreach ($line in (Import-Csv (Join-Path $DataPath 'aws-gpu-offerings.csv'))) {
    if ($specs.ContainsKey($line.InstanceType)) { (Get-AwsRow $line.InstanceType $line.Region).Zones.Add($line.AvailabilityZone) }
}
foreach ($line in (Import-Csv (Join-Path $DataPath 'aws-gpu-prices.csv'))) {
    if (-not $specs.ContainsKey($line.InstanceType)) { throw "No spec for priced type $($line.InstanceType): add it to `$awsSpecFill." }
    $row = Get-AwsRow $line.InstanceType $line.Region
    $row.OnDemand = $line.OnDemandUsdPerHour; $row.Spot = $line.SpotUsdPerHourMin
    $row.ZoneIds = $line.AvailabilityZones -replace ';', ','
}

$columns = 'Provider', 'InstanceType', 'Region', 'AvailabilityZones', 'AvailabilityZoneIds', 'GpuModel', 'GpuManufacturer', 'GpuCount', 'GpuFraction', 'GpuMemoryGiB',
'VCpus', 'MemoryGiB', 'Architecture', 'ProcessorVendor', 'GpuInterconnect', 'OnDemandUsd', 'SpotUsd', 'PriceAsOf', 'SpotPriceAsOf', 'Source'
$out = [System.Collections.Generic.List[string]]::new()
function Add-Row([object[]] $values) {
    $cells = foreach ($v in $values) { $s = "$v"; if ($s -match '[",\n]') { '"' + $s.Replace('"', '""') + '"' } else { $s } }
    $out.Add($cells -join ',')
}

foreach ($row in ($rows.Values | Sort-Object { $_.Type }, { $_.Region } -CaseSensitive)) {
    $spec = $specs[$row.Type]
    # Zone names from moto's offerings where it lists the type; otherwise the price source's zone IDs, named by moto's table.
    $zones, $zoneIds = Get-ZonePair $row.Region @($row.Zones) @(if ($row.ZoneIds) { $row.ZoneIds -split ',' })
    Add-Row @('AWS', $row.Type, $row.Region, $zones, $zoneIds, $spec.Model, $spec.Maker, $spec.Count, '', (Format-Number $spec.MemGiB),
        $spec.VCpus, (Format-Number $spec.MemoryGiB), $spec.Arch, $spec.Vendor, '',
        (Format-Number $row.OnDemand), (Format-Number $row.Spot), '', '', $awsSource)
}
# Azure specs per size: azure-gpu-sizes.csv, then SkyPilot's per-size columns, then Microsoft's docs.
$skypilotSizes = @{}
$oldPrices = Import-Csv (Join-Path $DataPath 'azure-gpu-prices.csv')
foreach ($line in $oldPrices) {
    $skypilotSizes[$line.InstanceType] = @{ Accelerator = $line.AcceleratorName; Count = $line.AcceleratorCount; VCpus = $line.vCPUs; MemoryGiB = $line.MemoryGiB }
}
$sizeRows = @{}
foreach ($line in (Import-Csv (Join-Path $DataPath 'azure-gpu-sizes.csv'))) { $sizeRows[$line.InstanceType] = $line }

function Get-AzureSpec([string] $size) {
    $accelerator = ''; $count = ''; $memGiB = ''; $vcpus = ''; $memory = ''; $fraction = ''; $sources = @()
    if ($sizeRows.ContainsKey($size)) {
        $r = $sizeRows[$size]
        $accelerator = $r.AcceleratorName; $count = $r.AcceleratorCount; $memGiB = $r.GpuMemoryGiB; $vcpus = $r.vCPUs; $memory = $r.MemoryGiB
        $sources += $r.Source
    }
    if ($skypilotSizes.ContainsKey($size)) {
        $k = $skypilotSizes[$size]
        if (-not $accelerator) { $accelerator = $k.Accelerator }
        if (-not $count) { $count = $k.Count }
        if (-not $vcpus) { $vcpus = $k.VCpus }
        if (-not $memory) { $memory = $k.MemoryGiB }
        if ($sources -notmatch 'skypilot') { $sources += 'skypilot' }
    }
    if ($azureDocSpecs.ContainsKey($size)) {
        $d = $azureDocSpecs[$size]
        if ($d.ContainsKey('Count')) { $count = $d.Count }
        if ($d.ContainsKey('MemGiB')) { $memGiB = $d.MemGiB }
        if ($d.ContainsKey('VCpus')) { $vcpus = $d.VCpus }
        if ($d.ContainsKey('MemoryGiB')) { $memory = $d.MemoryGiB }
        if ($d.ContainsKey('Fraction')) { $fraction = $d.Fraction }
        $sources += "Microsoft docs $($d.Doc)"
    }
    if (-not $accelerator -or (-not $count -and -not $fraction) -or -not $vcpus -or -not $memory) { return $null }
    $facts = Get-AzureGpuFacts $size $accelerator
    $perGpu = if ($memGiB) { [double]$memGiB } else { [double]$facts.MemGiB }
    $gpuCount = [int][double]$count
    if ($fraction) {
        # A share of one GPU: no whole GPU, and the memory of the share.
        $parts = $fraction -split '/'
        $perGpu = $perGpu * [double]$parts[0] / [double]$parts[1]
        $gpuCount = 0
    }
    @{ Model = $facts.Model; Maker = $facts.Maker; Count = $gpuCount; Fraction = $fraction; MemGiB = $perGpu; VCpus = [int][double]$vcpus
        MemoryGiB = $memory; Interconnect = $facts.Interconnect; Vendor = $facts.Vendor; Specs = ($sources -join '+') }
}

# Prices per (size, region): the global file where it has the pair (newer, 2026), else SkyPilot's.
$azureRows = [System.Collections.Generic.SortedDictionary[string, object]]::new([System.StringComparer]::Ordinal)
foreach ($line in $oldPrices) {
    $azureRows["$($line.InstanceType)|$($line.Region)"] = @{ Size = $line.InstanceType; Region = $line.Region; OnDemand = $line.OnDemandUsdPerHour
        Spot = $line.SpotUsdPerHour; OnDemandAsOf = ''; SpotAsOf = ''; Source = $azureSource }
}
foreach ($line in (Import-Csv (Join-Path $DataPath 'azure-gpu-prices-global.csv'))) {
    $azureRows["$($line.InstanceType)|$($line.Region)"] = @{ Size = $line.InstanceType; Region = $line.Region; OnDemand = $line.OnDemandUsdPerHour
        Spot = $line.SpotUsdPerHour; OnDemandAsOf = $line.OnDemandAsOf; SpotAsOf = $line.SpotAsOf; Source = $azureGlobalSource }
}
$specCache = @{}
$skipped = [System.Collections.Generic.SortedSet[string]]::new([System.StringComparer]::Ordinal)
foreach ($row in $azureRows.Values) {
    if (-not $specCache.ContainsKey($row.Size)) { $specCache[$row.Size] = Get-AzureSpec $row.Size }
    $spec = $specCache[$row.Size]
    if (-not $spec) { $null = $skipped.Add($row.Size); continue }
    $source = if ($row.Source -eq $azureGlobalSource) { "$azureGlobalSource; specs: $($spec.Specs)" } else { $row.Source }
    Add-Row @('Azure', $row.Size, $row.Region, '', '', $spec.Model, $spec.Maker, $spec.Count, $spec.Fraction,
        (Format-Number $spec.MemGiB), $spec.VCpus, (Format-Number $spec.MemoryGiB), 'x86_64', $spec.Vendor,
        $spec.Interconnect, (Format-Number $row.OnDemand), (Format-Number $row.Spot), $row.OnDemandAsOf, $row.SpotAsOf, $source)
}
Write-Verbose "Azure sizes left out, no spec in any source: $($skipped -join ', ')"

$text = ($columns -join ',') + "`n" + ($out -join "`n") + "`n"
[System.IO.File]::WriteAllText([System.IO.Path]::GetFullPath($OutputPath), $text, [System.Text.UTF8Encoding]::new($false))
Write-Verbose "Wrote $($out.Count) rows to $OutputPath"
