<#
.SYNOPSIS
    Regenerates the embedded GPU catalog (src/AwsWiki.Core/Gpu/gpu-catalog.csv) from the shared data.
.DESCRIPTION
    Reads the four files described in <DataPath>/README.md (moto's EC2 instance-type records and
    per-AZ offerings, SkyPilot's AWS and Azure price catalogs) and writes one CSV row per
    (provider, instance type, region): specs, availability zones, Linux on-demand and spot USD
    prices. The module embeds the result; it never reads the shared folder at run time.

    Facts the data lacks are filled from public documentation, in the tables below: specs of the
    AWS p3 and f1 types (absent from moto), GPU memory, interconnect and processor vendor of the
    Azure sizes. AWS rows take ProcessorVendor from EC2's ProcessorInfo.Manufacturer (as a live
    query does) and leave GpuInterconnect empty: the module derives it at load time from the
    type name (AwsGpuInterconnect), the same code a live query uses. Each row's Source names
    where its prices came from.

    The output is deterministic (sorted, invariant culture, "\n" line endings), so re-running the
    script on the same input reproduces the committed file byte for byte.
.PARAMETER PriceAsOf
    The date the shared snapshot was taken. The source commits' own dates are not recorded in the
    shared data, so this is the latest date the prices can be from, not the date AWS or Azure
    published them.
.EXAMPLE
    dotnet pwsh ./tools/Update-GpuCatalog.ps1
.EXAMPLE
    dotnet pwsh ./tools/Update-GpuCatalog.ps1 -DataPath /tmp/data -OutputPath /tmp/gpu-catalog.csv
#>
[CmdletBinding()]
param(
    [string] $DataPath = "$PSScriptRoot/../../shared/data",
    [string] $OutputPath = "$PSScriptRoot/../src/AwsWiki.Core/Gpu/gpu-catalog.csv",
    [string] $PriceAsOf = '2026-11-26'
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0
$inv = [System.Globalization.CultureInfo]::InvariantCulture

$awsSource = 'skypilot-catalog@2c3d7ea aws/vms.csv (prices); moto 5.2.1 (specs, AZs)'
$azureSource = 'skypilot-catalog@098741e azure/vms.csv (prices); Microsoft docs (GPU memory, interconnect)'

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
    $model = $accelerator -replace '-\d+GB$', ''
    $memory = switch -Regex ($accelerator) {
        '^K80$' { 12 } '^M60$' { 8 } '^T4$' { 16 } '^V100$' { 16 } '^V100-32GB$' { 32 } '^A100$' { 40 }
        '^A100-80GB$' { 80 } '^A10$' { 24 } '^Radeon MI25$' { 16 }
        '^H100$' { if ($size -like 'Standard_NC*') { 94 } else { 80 } }
        default { throw "No GPU memory fact for Azure accelerator '$accelerator' ($size): add it to Get-AzureGpuFacts." }
    }
    # NVv4 sizes carry a fraction of one MI25: 1/8, 1/4, 1/2, 1.
    $fraction = @{ 'Standard_NV4as_v4' = 0.125; 'Standard_NV8as_v4' = 0.25; 'Standard_NV16as_v4' = 0.5 }[$size]
    if ($fraction) { $memory = $memory * $fraction }
    $interconnect = if ($size -in 'Standard_ND96asr_v4', 'Standard_ND96amsr_A100_v4', 'Standard_ND96isr_H100_v5') { 'NVSwitch' }
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

$columns = 'Provider', 'InstanceType', 'Region', 'AvailabilityZones', 'GpuModel', 'GpuManufacturer', 'GpuCount', 'GpuMemoryGiB',
'VCpus', 'MemoryGiB', 'Architecture', 'ProcessorVendor', 'GpuInterconnect', 'OnDemandUsd', 'SpotUsd', 'PriceAsOf', 'Source'
$out = [System.Collections.Generic.List[string]]::new()
function Add-Row([object[]] $values) {
    $cells = foreach ($v in $values) { $s = "$v"; if ($s -match '[",\n]') { '"' + $s.Replace('"', '""') + '"' } else { $s } }
    $out.Add($cells -join ',')
}

foreach ($row in ($rows.Values | Sort-Object { $_.Type }, { $_.Region } -CaseSensitive)) {
    $spec = $specs[$row.Type]
    # AZ names from moto where it lists the type; otherwise the price source's AZ IDs.
    $zones = if ($row.Zones.Count) { ($row.Zones | Sort-Object -CaseSensitive) -join ',' } else { $row.ZoneIds }
    Add-Row @('AWS', $row.Type, $row.Region, $zones, $spec.Model, $spec.Maker, $spec.Count, (Format-Number $spec.MemGiB),
        $spec.VCpus, (Format-Number $spec.MemoryGiB), $spec.Arch, $spec.Vendor, '',
        (Format-Number $row.OnDemand), (Format-Number $row.Spot), $PriceAsOf, $awsSource)
}
foreach ($line in (Import-Csv (Join-Path $DataPath 'azure-gpu-prices.csv') | Sort-Object InstanceType, Region -CaseSensitive)) {
    $facts = Get-AzureGpuFacts $line.InstanceType $line.AcceleratorName
    Add-Row @('Azure', $line.InstanceType, $line.Region, '', $facts.Model, $facts.Maker, [int][double]$line.AcceleratorCount,
        (Format-Number $facts.MemGiB), [int][double]$line.vCPUs, (Format-Number $line.MemoryGiB), 'x86_64', $facts.Vendor,
        $facts.Interconnect, (Format-Number $line.OnDemandUsdPerHour), (Format-Number $line.SpotUsdPerHour), $PriceAsOf, $azureSource)
}

$text = ($columns -join ',') + "`n" + ($out -join "`n") + "`n"
[System.IO.File]::WriteAllText([System.IO.Path]::GetFullPath($OutputPath), $text, [System.Text.UTF8Encoding]::new($false))
Write-Verbose "Wrote $($out.Count) rows to $OutputPath"
