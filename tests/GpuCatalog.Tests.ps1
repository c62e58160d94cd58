# Get-GpuInstanceOffering from the embedded catalog, Measure-GpuCost, ConvertFrom-InstanceTypeName,
# bad input, and the catalog generator. No network: only the EC2 zone cross-check uses moto.
BeforeAll {
    Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force; Import-AwsWikiUnderTest
    $script:repoRoot = Split-Path $PSScriptRoot -Parent
    $script:catalogCsv = Join-Path $repoRoot 'src/AwsWiki.Core/Gpu/gpu-catalog.csv'
    # The committed catalog file, read independently of the module.
    $script:rows = Import-Csv $catalogCsv
    $script:all = @(Get-GpuInstanceOffering)

    function Get-ErrorOf([scriptblock] $Script) {
        try { & $Script -ErrorAction Stop | Out-Null; $null } catch { $_ }
    }
}

Describe 'Get-GpuInstanceOffering (catalog)' {
    It 'lists every priced on-demand row of the embedded catalog, from both providers' {
        $priced = @($rows | Where-Object OnDemandUsd)
        $all.Count | Should -Be $priced.Count
        ($all.Provider | Sort-Object -Unique) | Should -Be @('AWS', 'Azure')
        ($all | Where-Object Provider -eq 'Azure').Count | Should -Be @($priced | Where-Object Provider -eq 'Azure').Count
        # PriceAsOf is the source's publication date; SkyPilot's files do not give one, so it is empty there.
        $all | ForEach-Object {
            $_.Source | Should -Not -BeNullOrEmpty
            if ($_.Source -like 'skypilot*') { $_.PriceAsOf | Should -BeNullOrEmpty } else { $_.PriceAsOf | Should -Match '^\d{4}-\d{2}-\d{2}$' }
        }
    }

    It 'gives hourly, per-GPU-hour and 730-hour monthly prices' {
        $p4d = Get-GpuInstanceOffering -InstanceType p4d.24xlarge -Region ap-northeast-2
        $p4d.HourlyPrice | Should -Be 30.41028
        $p4d.PricePerGpuHour | Should -BeGreaterThan 3.8012849; $p4d.PricePerGpuHour | Should -BeLessThan 3.8012851
        [math]::Round($p4d.MonthlyPrice, 4) | Should -Be ([math]::Round(30.41028 * 730, 4))
        $p4d.GpuModel | Should -Be 'A100'; $p4d.GpuCount | Should -Be 8; $p4d.GpuMemoryGiB | Should -Be 40; $p4d.TotalGpuMemoryGiB | Should -Be 320
        $p4d.VCpus | Should -Be 96; $p4d.Architecture | Should -Be 'x86_64'; $p4d.Currency | Should -Be 'USD'; $p4d.PricingModel | Should -Be 'OnDemand'
    }

    It 'lists the availability zones moto (AWS data) reports for the type' {
        $p4d = Get-GpuInstanceOffering -InstanceType p4d.24xlarge -Region ap-northeast-2
        $cli = Invoke-AwsCli ec2 describe-instance-type-offerings --region ap-northeast-2 --location-type availability-zone `
            --filters 'Name=instance-type,Values=p4d.24xlarge'
        $p4d.AvailabilityZones | Should -Be (($cli.InstanceTypeOfferings.Location | Sort-Object) -join ',')
    }

    It 'names every AWS zone, with its zone ID beside it, and every zone belongs to its row''s region' {
        $aws = @($rows | Where-Object Provider -eq 'AWS')
        $aws.Count | Should -BeGreaterThan 900
        # moto's zone table (the generator's source) gives each region's zone-ID prefix (use1 for us-east-1).
        $table = python3 -c "import json; from moto.ec2.models.availability_zones_and_regions import RegionsAndZonesBackend as R; print(json.dumps({r: [[z.name, z.zone_id] for z in zs] for r, zs in R.zones.items()}))" | ConvertFrom-Json -AsHashtable
        foreach ($row in $aws) {
            $names = $row.AvailabilityZones -split ','
            $ids = $row.AvailabilityZoneIds -split ','
            $ids.Count | Should -Be $names.Count -Because "$($row.InstanceType) $($row.Region) has one ID per zone name"
            $prefix = ($table[$row.Region][0][1] -split '-az')[0]
            for ($i = 0; $i -lt $names.Count; $i++) {
                $names[$i] | Should -Match ('^' + [regex]::Escape($row.Region) + '[a-z]$') -Because "$($row.InstanceType) $($row.Region): zone names, not IDs"
                $ids[$i] | Should -Match ('^' + [regex]::Escape($prefix) + '-az\d+$') -Because "$($row.InstanceType) $($row.Region): zone IDs of the region"
                @($table[$row.Region] | Where-Object { $_[0] -eq $names[$i] })[0][1] | Should -Be $ids[$i]
            }
        }
        # The rows the price source gave only zone IDs for (types moto lacks) are named too.
        $p3 = $aws | Where-Object { $_.InstanceType -eq 'p3.2xlarge' -and $_.Region -eq 'us-east-1' }
        $p3.AvailabilityZoneIds | Should -Be 'use1-az6,use1-az1,use1-az2,use1-az5'
        $p3.AvailabilityZones | Should -Be 'us-east-1a,us-east-1b,us-east-1c,us-east-1f'
        (Get-GpuInstanceOffering -InstanceType p3.2xlarge -Region us-east-1).AvailabilityZoneIds | Should -Be $p3.AvailabilityZoneIds
        @($rows | Where-Object Provider -eq 'Azure' | Where-Object AvailabilityZoneIds).Count | Should -Be 0
    }

    It 'filters by model and by mixed AWS/Azure regions, case-insensitively' {
        $result = @(Get-GpuInstanceOffering -GpuModel v100, A100 -Region US-EAST-1, eastus)
        $result.Count | Should -BeGreaterThan 5
        ($result.GpuModel | Sort-Object -Unique) | Should -Be @('A100', 'V100')
        ($result.Region | Sort-Object -Unique) | Should -Be @('eastus', 'us-east-1')
        ($result.Provider | Sort-Object -Unique) | Should -Be @('AWS', 'Azure')
        $result | Where-Object InstanceType -eq 'Standard_NC24s_v3' | Select-Object -ExpandProperty HourlyPrice | Should -Be 12.24
    }

    It 'takes wildcards in -InstanceType and -Region' {
        $result = @(Get-GpuInstanceOffering -InstanceType p4* -Region ap-*)
        $result.Count | Should -BeGreaterThan 0
        $result | ForEach-Object { $_.InstanceType | Should -BeLike 'p4*'; $_.Region | Should -BeLike 'ap-*' }
        $expected = @($rows | Where-Object { $_.InstanceType -like 'p4*' -and $_.Region -like 'ap-*' -and $_.OnDemandUsd })
        $result.Count | Should -Be $expected.Count
    }

    It 'filters by provider, GPU count, GPU memory and price per GPU-hour' {
        (Get-GpuInstanceOffering -Provider azure).Provider | Sort-Object -Unique | Should -Be 'Azure'
        Get-GpuInstanceOffering -MinGpuCount 8 | ForEach-Object { $_.GpuCount | Should -BeGreaterOrEqual 8 }
        Get-GpuInstanceOffering -MinGpuMemoryGiB 80 | ForEach-Object { $_.GpuMemoryGiB | Should -BeGreaterOrEqual 80 }
        $cheap = @(Get-GpuInstanceOffering -MaxPricePerGpuHour 0.6)
        $cheap.Count | Should -BeGreaterThan 0
        $cheap | ForEach-Object { $_.PricePerGpuHour | Should -BeLessOrEqual 0.6 }
    }

    It 'sorts by price per GPU-hour, cheapest first' {
        $prices = @($all | Where-Object { $null -ne $_.PricePerGpuHour } | ForEach-Object PricePerGpuHour)
        $prices | Should -Be ($prices | Sort-Object)
    }

    It 'knows the GPU interconnect of the p3, p4d and g families' {
        $byType = @{}
        Get-GpuInstanceOffering -Region us-east-1 -InstanceType p3.*, p4d.*, g4dn.xlarge | ForEach-Object { $byType[$_.InstanceType] = $_.GpuInterconnect }
        $byType['p3.2xlarge'] | Should -Be 'PCIe'
        $byType['p3.8xlarge'] | Should -Be 'NVLink'
        $byType['p3.16xlarge'] | Should -Be 'NVLink'
        $byType['p4d.24xlarge'] | Should -Be 'NVSwitch'
        $byType['g4dn.xlarge'] | Should -Be 'PCIe'
    }

    It 'fills ProcessorVendor from EC2''s processor record (AWS) and the size letters (Azure)' {
        # EC2's ProcessorInfo.Manufacturer calls Graviton 'AWS'.
        (Get-GpuInstanceOffering -InstanceType g5g.xlarge -Region us-east-1).ProcessorVendor | Should -Be 'AWS'
        (Get-GpuInstanceOffering -InstanceType g4ad.xlarge -Region us-east-1).ProcessorVendor | Should -Be 'AMD'
        (Get-GpuInstanceOffering -InstanceType p4d.24xlarge -Region us-east-1).ProcessorVendor | Should -Be 'Intel'
        (Get-GpuInstanceOffering -InstanceType Standard_NC24ads_A100_v4 -Region eastus).ProcessorVendor | Should -Be 'AMD'
    }

    It 'converts with -ExchangeRate into another currency' {
        $krw = Get-GpuInstanceOffering -InstanceType Standard_NC24s_v3 -Region eastus -Currency krw -ExchangeRate 1400
        $krw.Currency | Should -Be 'KRW'
        $krw.HourlyPrice | Should -Be (12.24 * 1400)
        $krw.PricePerGpuHour | Should -Be (12.24 * 1400 / 4)
    }

    It 'gives spot prices, and lists unpriced reserved rows only with -IncludeUnpriced' {
        (Get-GpuInstanceOffering -InstanceType p3.2xlarge -Region us-east-1 -PricingModel Spot).HourlyPrice | Should -Be 0.3644
        @(Get-GpuInstanceOffering -PricingModel Reserved1Yr).Count | Should -Be 0
        $unpriced = @(Get-GpuInstanceOffering -InstanceType p3.2xlarge -Region us-east-1 -PricingModel Reserved3Yr -IncludeUnpriced)
        $unpriced.Count | Should -Be 1
        $unpriced[0].HourlyPrice | Should -BeNullOrEmpty
        $unpriced[0].PricingModel | Should -Be 'Reserved3Yr'
        # Offered (moto) but not priced in the source: sa-east-1 has no price rows.
        @(Get-GpuInstanceOffering -Region sa-east-1 -WarningAction SilentlyContinue).Count | Should -Be 0
        @(Get-GpuInstanceOffering -Region sa-east-1 -IncludeUnpriced).Count | Should -Be @($rows | Where-Object Region -eq 'sa-east-1').Count
    }

    It 'exports clean scalar CSV columns' {
        $path = Join-Path $env:AWSWIKI_TEST_RUN_ROOT 'offerings.csv'
        Get-GpuInstanceOffering -GpuModel V100 -Region us-east-1, eastus | Export-Csv $path -NoTypeInformation
        $header = (Get-Content $path -First 1) -replace '"', ''
        $header | Should -Be 'Provider,InstanceType,Region,AvailabilityZones,AvailabilityZoneIds,GpuModel,GpuManufacturer,GpuCount,GpuFraction,GpuMemoryGiB,TotalGpuMemoryGiB,VCpus,MemoryGiB,Architecture,ProcessorVendor,GpuInterconnect,PricingModel,HourlyPrice,PricePerGpuHour,MonthlyPrice,Currency,PriceAsOf,Source'
        Get-Content $path -Raw | Should -Not -Match 'System\.'
        $back = Import-Csv $path
        ($back | Where-Object InstanceType -eq 'p3.8xlarge').HourlyPrice | Should -Be '12.24'
    }

    It 'works with no credentials, no region and no AWS SDK' {
        $out = Invoke-ChildPwsh @'
Get-ChildItem Env:AWS_* | Remove-Item
$env:AWS_SHARED_CREDENTIALS_FILE = '/nonexistent/credentials'; $env:AWS_CONFIG_FILE = '/nonexistent/config'
"count=$(@(Get-GpuInstanceOffering -GpuModel V100).Count)"
"sdk=$(([AppDomain]::CurrentDomain.GetAssemblies().GetName().Name | Where-Object { $_ -like 'AWSSDK*' }) -join ',')"
'@
        $out | Should -Match 'count=(\d+)'
        [int]([regex]::Match($out, 'count=(\d+)').Groups[1].Value) | Should -BeGreaterThan 10
        # AWSSDK.Core backs the -Credential parameter's type; the EC2 SDK (any AWS call) stays unloaded.
        $out | Should -Not -Match 'sdk=.*AWSSDK\.EC2'
    }

    It 'shows the default table view with a GPU-hour price column' {
        $text = Get-GpuInstanceOffering -InstanceType p4d.24xlarge -Region us-east-1 | Out-String -Width 200
        $text | Should -Match 'PerGpuHour'
        $text | Should -Match 'p4d\.24xlarge\s+us-east-1\s+A100\s+8'
    }
}

Describe 'Get-GpuInstanceOffering tab completion' {
    It 'completes <Parameter> from <Typed>' -ForEach @(
        @{ Parameter = 'PricingModel'; Typed = 'Res'; Expected = @('Reserved1Yr', 'Reserved3Yr') }
        @{ Parameter = 'Provider'; Typed = 'Az'; Expected = @('Azure') }
        @{ Parameter = 'Region'; Typed = 'korea'; Expected = @('koreacentral', 'koreasouth') }
        @{ Parameter = 'Source'; Typed = 'L'; Expected = @('Live') }
    ) {
        $line = "Get-GpuInstanceOffering -$Parameter $Typed"
        $completion = TabExpansion2 -inputScript $line -cursorColumn $line.Length
        @($completion.CompletionMatches.CompletionText) | Should -Be $Expected
    }
}

Describe 'Get-GpuInstanceOffering bad input' {
    It 'rejects <Name> with <ErrorId>' -ForEach @(
        @{ Name = 'a negative GPU count'; ErrorId = 'NegativeMinGpuCount'; Category = 'InvalidArgument'; Run = { Get-GpuInstanceOffering -MinGpuCount -1 } }
        @{ Name = 'negative GPU memory'; ErrorId = 'NegativeMinGpuMemory'; Category = 'InvalidArgument'; Run = { Get-GpuInstanceOffering -MinGpuMemoryGiB -2 } }
        @{ Name = 'a negative price cap'; ErrorId = 'NegativeMaxPrice'; Category = 'InvalidArgument'; Run = { Get-GpuInstanceOffering -MaxPricePerGpuHour -1 } }
        @{ Name = 'KRW without -ExchangeRate'; ErrorId = 'ExchangeRateRequired'; Category = 'InvalidArgument'; Run = { Get-GpuInstanceOffering -Currency KRW } }
        @{ Name = 'a zero exchange rate'; ErrorId = 'InvalidExchangeRate'; Category = 'InvalidArgument'; Run = { Get-GpuInstanceOffering -Currency KRW -ExchangeRate 0 } }
        @{ Name = 'a malformed currency'; ErrorId = 'InvalidCurrency'; Category = 'InvalidArgument'; Run = { Get-GpuInstanceOffering -Currency 'won!' -ExchangeRate 1 } }
        @{ Name = 'live KRW from AWS without a rate'; ErrorId = 'ExchangeRateRequired'; Category = 'InvalidArgument'; Run = { Get-GpuInstanceOffering -Source Live -Provider AWS -Currency KRW -Region us-east-1 } }
    ) {
        $err = Get-ErrorOf $Run
        $err | Should -Not -BeNullOrEmpty
        $err.FullyQualifiedErrorId | Should -BeLike "$ErrorId,*"
        "$($err.CategoryInfo.Category)" | Should -Be $Category
        $err.Exception.Message | Should -Not -BeNullOrEmpty
    }

    # -Provider, -PricingModel and -Source are enums: PowerShell itself completes and validates them,
    # before the cmdlet runs, so the error is PowerShell's binding error naming the valid values
    # (the cmdlet's own UnknownProvider, UnknownPricingModel and UnknownSource cannot be raised).
    It 'rejects an unknown -<Parameter> in PowerShell''s own binding, listing the valid names' -ForEach @(
        @{ Parameter = 'Provider'; Value = 'GCP'; Valid = 'AWS, Azure' }
        @{ Parameter = 'PricingModel'; Value = 'Hourly'; Valid = 'OnDemand, Spot, Reserved1Yr, Reserved3Yr' }
        @{ Parameter = 'Source'; Value = 'Cache'; Valid = 'Catalog, Live' }
    ) {
        (Get-Command Get-GpuInstanceOffering).Parameters[$Parameter].ParameterType.Name | Should -BeLike 'Gpu*'
        $arguments = @{ $Parameter = $Value }
        $err = Get-ErrorOf { Get-GpuInstanceOffering @arguments }
        $err.FullyQualifiedErrorId | Should -BeLike 'CannotConvertArgumentNoMessage,*'
        "$($err.CategoryInfo.Category)" | Should -Be 'InvalidArgument'
        $err.Exception.Message | Should -Match ([regex]::Escape($Valid))
        # Case does not matter, as for any enum parameter.
    }

    It 'rejects a region neither provider knows, warning with close matches' {
        $err = Get-ErrorOf { Get-GpuInstanceOffering -Region us-esat-1 -WarningVariable script:warned -WarningAction SilentlyContinue }
        $err.FullyQualifiedErrorId | Should -BeLike 'UnknownRegion,*'
        $err.TargetObject | Should -Be 'us-esat-1'
        "$warned" | Should -Match 'us-east-1'
        $err.Exception.Message | Should -Match 'us-east-1'
    }

    It 'warns, without failing, for a known region the catalog has no prices for' {
        $result = @(Get-GpuInstanceOffering -Region westindia -WarningVariable warned -WarningAction SilentlyContinue)
        $result.Count | Should -Be 0
        "$warned" | Should -Match 'no Azure offerings in westindia'
    }
}

Describe 'Measure-GpuCost' {
    It 'reproduces the notes: 4 x V100 for 3 years at 6,531.64 KRW/h' {
        $cost = [pscustomobject]@{ Provider = 'Azure'; InstanceType = 'Standard_NC24s_v3'; Region = 'koreacentral'; PricingModel = 'OnDemand'; GpuCount = 4; HourlyPrice = 6531.64; Currency = 'KRW' } |
            Measure-GpuCost -GpuCount 4 -Years 3
        $cost.Hours | Should -Be 26280
        $cost.Instances | Should -Be 1
        $cost.TotalCost | Should -BeGreaterThan 171651000; $cost.TotalCost | Should -BeLessThan 171652000
        [math]::Round($cost.CostPerGpuHour, 1) | Should -Be 1632.9
        $cost.Currency | Should -Be 'KRW'
        $cost.Provider | Should -Be 'Azure'; $cost.Region | Should -Be 'koreacentral'
    }

    It 'measures offerings piped from Get-GpuInstanceOffering with -Currency and -ExchangeRate' {
        $cost = Get-GpuInstanceOffering -InstanceType Standard_NC24s_v3 -Region eastus -Currency KRW -ExchangeRate 533.6307 |
            Measure-GpuCost -GpuCount 4 -Years 3
        $cost.TotalCost | Should -BeGreaterThan 171651000; $cost.TotalCost | Should -BeLessThan 171652000
        [math]::Round($cost.CostPerGpuHour, 1) | Should -Be 1632.9
    }

    It 'rounds instances up and prices the spare GPUs into the GPU-hour' {
        $offer = [pscustomobject]@{ Provider = 'AWS'; InstanceType = 'p3.8xlarge'; Region = 'us-east-1'; GpuCount = 4; HourlyPrice = 12.24; Currency = 'USD' }
        $cost = $offer | Measure-GpuCost -GpuCount 6 -Hours 10
        $cost.Instances | Should -Be 2
        $cost.TotalCost | Should -Be (12.24 * 2 * 10)
        $cost.CostPerGpuHour | Should -Be (12.24 * 2 * 10 / 60)
        ($offer | Measure-GpuCost -GpuCount 1 -Months 1).Hours | Should -Be 730
        ($offer | Measure-GpuCost -GpuCount 1 -Days 2).Hours | Should -Be 48
    }

    It 'reads Import-Csv rows (strings) and exports clean columns' {
        $path = Join-Path $env:AWSWIKI_TEST_RUN_ROOT 'cost-in.csv'
        Get-GpuInstanceOffering -InstanceType p3.8xlarge -Region us-east-1 | Export-Csv $path -NoTypeInformation
        $out = Join-Path $env:AWSWIKI_TEST_RUN_ROOT 'cost-out.csv'
        Import-Csv $path | Measure-GpuCost -GpuCount 8 -Hours 1 | Export-Csv $out -NoTypeInformation
        ((Get-Content $out -First 1) -replace '"', '') |
            Should -Be 'Provider,InstanceType,Region,GpuModel,GpusPerInstance,PricingModel,HourlyPrice,Instances,GpuCount,Hours,TotalCost,CostPerGpuHour,Currency'
        $row = Import-Csv $out
        $row.Instances | Should -Be '2'
        [double]$row.TotalCost | Should -Be 24.48
    }

    It 'writes a non-terminating OfferingUnpriced error and goes on' {
        $offers = @(
            [pscustomobject]@{ Provider = 'AWS'; InstanceType = 'p3.2xlarge'; Region = 'us-east-1'; GpuCount = 1; HourlyPrice = $null; Currency = 'USD' }
            [pscustomobject]@{ Provider = 'AWS'; InstanceType = 'g4dn.xlarge'; Region = 'us-east-1'; GpuCount = 1; HourlyPrice = 0.526; Currency = 'USD' }
        )
        $result = @($offers | Measure-GpuCost -GpuCount 1 -Hours 1 -ErrorVariable errs -ErrorAction SilentlyContinue)
        $result.Count | Should -Be 1
        $result[0].InstanceType | Should -Be 'g4dn.xlarge'
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'OfferingUnpriced,*'
        $errs[0].TargetObject | Should -Match 'p3.2xlarge'
    }

    It 'rejects -GpuCount 0 and a negative period' {
        $offer = [pscustomobject]@{ GpuCount = 1; HourlyPrice = 1 }
        (Get-ErrorOf { $offer | Measure-GpuCost -GpuCount 0 -Hours 1 }).FullyQualifiedErrorId | Should -BeLike 'InvalidGpuCount,*'
        (Get-ErrorOf { $offer | Measure-GpuCost -GpuCount 1 -Years -1 }).FullyQualifiedErrorId | Should -BeLike 'InvalidDuration,*'
    }
}

Describe 'ConvertFrom-InstanceTypeName' {
    It 'decodes <Name>' -ForEach @(
        @{ Name = 'c6i.large'; Category = 'Compute optimized'; Generation = 6; Vendor = 'Intel'; Attributes = 'i'; Size = 'large'; Metal = $false }
        @{ Name = 't4g.large'; Category = 'Burstable general purpose'; Generation = 4; Vendor = 'AWS Graviton'; Attributes = 'g'; Size = 'large'; Metal = $false }
        @{ Name = 'm6a.xlarge'; Category = 'General purpose'; Generation = 6; Vendor = 'AMD'; Attributes = 'a'; Size = 'xlarge'; Metal = $false }
        @{ Name = 'p4d.24xlarge'; Category = 'Accelerated computing'; Generation = 4; Vendor = 'Intel'; Attributes = 'd'; Size = '24xlarge'; Metal = $false }
        @{ Name = 'g4dn.xlarge'; Category = 'Accelerated computing'; Generation = 4; Vendor = 'Intel'; Attributes = 'd,n'; Size = 'xlarge'; Metal = $false }
        @{ Name = 'u-6tb1.metal'; Category = 'Memory optimized'; Generation = 1; Vendor = 'Intel'; Attributes = '6tb'; Size = 'metal'; Metal = $true }
        @{ Name = 'mac2.metal'; Category = 'General purpose'; Generation = 2; Vendor = 'Apple'; Attributes = ''; Size = 'metal'; Metal = $true }
        @{ Name = 'c7i-flex.large'; Category = 'Compute optimized'; Generation = 7; Vendor = 'Intel'; Attributes = 'i,flex'; Size = 'large'; Metal = $false }
        @{ Name = 'hpc7g.16xlarge'; Category = 'HPC optimized'; Generation = 7; Vendor = 'AWS Graviton'; Attributes = 'g'; Size = '16xlarge'; Metal = $false }
        @{ Name = 'p6-b200.48xlarge'; Category = 'Accelerated computing'; Generation = 6; Vendor = 'Intel'; Attributes = 'b200'; Size = '48xlarge'; Metal = $false }
    ) {
        $decoded = ConvertFrom-InstanceTypeName $Name
        $decoded.InstanceType | Should -Be $Name
        $decoded.Category | Should -Be $Category
        $decoded.Generation | Should -Be $Generation
        $decoded.ProcessorVendor | Should -Be $Vendor
        $decoded.Attributes | Should -Be $Attributes
        $decoded.Size | Should -Be $Size
        $decoded.IsMetal | Should -Be $Metal
    }

    It 'explains the attribute letters' {
        (ConvertFrom-InstanceTypeName g4dn.xlarge).AttributeMeanings | Should -Match 'd = local NVMe.*n = higher network'
    }

    It 'takes names from the pipeline, by value and by property name' {
        @('c6i.large', 't4g.large' | ConvertFrom-InstanceTypeName).Family | Should -Be @('c6i', 't4g')
        @([pscustomobject]@{ InstanceType = 'm7g.large' } | ConvertFrom-InstanceTypeName).ProcessorVendor | Should -Be 'AWS Graviton'
    }

    It 'gives a clear error, not a guess, for <Name>' -ForEach @(
        @{ Name = 'foo.bar' }, @{ Name = 'q9.large' }, @{ Name = 'c6x.large' }, @{ Name = 'c6i' }
    ) {
        $result = @(ConvertFrom-InstanceTypeName $Name -ErrorVariable errs -ErrorAction SilentlyContinue)
        $result.Count | Should -Be 0
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'InstanceTypeNameNotRecognized,*'
        $errs[0].TargetObject | Should -Be $Name
        $errs[0].Exception.Message | Should -Match ([regex]::Escape($Name))
    }

    It 'decodes every AWS type in the catalog' {
        $names = $rows | Where-Object Provider -eq 'AWS' | ForEach-Object InstanceType | Sort-Object -Unique
        $decoded = @($names | ConvertFrom-InstanceTypeName)
        $decoded.Count | Should -Be @($names).Count
        $decoded | ForEach-Object { $_.Category | Should -Be 'Accelerated computing' }
    }
}

Describe 'Output fixes (issue 12)' {
    It 'takes ProcessorVendor from EC2''s ProcessorInfo.Manufacturer, as moto''s DescribeInstanceTypes reports it' {
        $types = 'g5.xlarge', 'g6.xlarge', 'p5.48xlarge', 'p4d.24xlarge', 'g5g.xlarge'
        $cli = (Invoke-AwsCli ec2 describe-instance-types --region us-east-1 --instance-types @types).InstanceTypes
        $cli.Count | Should -Be $types.Count
        foreach ($type in $cli) {
            $offer = @(Get-GpuInstanceOffering -InstanceType $type.InstanceType -IncludeUnpriced)[0]
            $offer.ProcessorVendor | Should -Be $type.ProcessorInfo.Manufacturer -Because $type.InstanceType
        }
        (Get-GpuInstanceOffering -InstanceType g5.xlarge -Region us-east-1).ProcessorVendor | Should -Be 'AMD'
        # ConvertFrom-InstanceTypeName: where no letter names the processor, EC2's record for the family does.
        foreach ($type in $cli | Where-Object { $_.InstanceType -match '^(g5|g6|p5|p4d)\.' }) {
            (ConvertFrom-InstanceTypeName $type.InstanceType).ProcessorVendor | Should -Be $type.ProcessorInfo.Manufacturer -Because $type.InstanceType
        }
    }

    It 'shows the pricing model in the default table, within 80 columns' {
        $text = Get-GpuInstanceOffering V100 -PricingModel Spot | Out-String -Width 80
        $text | Should -Match 'PricingModel: Spot'
        ($text -split "`n" | Where-Object { $_.TrimEnd().Length -gt 80 }) | Should -BeNullOrEmpty
    }

    It 'fits Measure-GpuCost in 80 columns with whole, right-aligned totals' {
        $costs = @(
            [pscustomobject]@{ Provider = 'Azure'; InstanceType = 'Standard_NC24s_v3'; Region = 'koreacentral'; GpuCount = 4; HourlyPrice = 6531.64; Currency = 'KRW' } |
                Measure-GpuCost -GpuCount 4 -Years 3
            Get-GpuInstanceOffering -InstanceType p4d.24xlarge -Region us-east-1 | Measure-GpuCost -GpuCount 64 -Years 3
        )
        $text = $costs | Out-String -Width 80
        ($text -split "`n" | Where-Object { $_.TrimEnd().Length -gt 80 }) | Should -BeNullOrEmpty
        $text | Should -Not -Match '…'
        foreach ($cost in $costs) {
            $total = $cost.TotalCost.ToString('N2')
            $line = $text -split "`n" | Where-Object { $_ -match [regex]::Escape($cost.InstanceType) }
            $line | Should -Match "\s$([regex]::Escape($total))\s" -Because 'the whole total is shown'
        }
        # Right-aligned: the totals end in the same column.
        $ends = $costs | ForEach-Object { $t = $_.TotalCost.ToString('N2'); ($text -split "`n" | Where-Object { $_ -match [regex]::Escape($t) }).IndexOf($t) + $t.Length }
        ($ends | Select-Object -Unique).Count | Should -Be 1
    }

    It 'fits ConvertFrom-InstanceTypeName in 80 columns without cutting values' {
        $decoded = 'p6-b200.48xlarge', 'c7i-flex.large', 'hpc7g.16xlarge', 'u-6tb1.metal' | ConvertFrom-InstanceTypeName
        $text = $decoded | Out-String -Width 80
        ($text -split "`n" | Where-Object { $_.TrimEnd().Length -gt 80 }) | Should -BeNullOrEmpty
        $text | Should -Not -Match '…'
        $text | Should -Match 'Accelerated computing'
        $text | Should -Match 'AWS Graviton'
    }

    It 'round-trips a cost estimate through Export-Csv and Import-Csv' {
        $path = Join-Path $env:AWSWIKI_TEST_RUN_ROOT 'cost-roundtrip.csv'
        $first = Get-GpuInstanceOffering -InstanceType p3.8xlarge -Region us-east-1 | Measure-GpuCost -GpuCount 6 -Days 2
        $first | Export-Csv $path -NoTypeInformation
        $again = Import-Csv $path | Measure-GpuCost -GpuCount 6 -Days 2
        $first.GpuModel | Should -Be 'V100'; $first.GpusPerInstance | Should -Be 4; $first.HourlyPrice | Should -Be 12.24
        foreach ($name in 'Provider', 'InstanceType', 'Region', 'GpuModel', 'GpusPerInstance', 'PricingModel', 'HourlyPrice', 'Instances', 'GpuCount', 'Hours', 'TotalCost', 'CostPerGpuHour', 'Currency') {
            $again.$name | Should -Be $first.$name -Because $name
        }
    }

    It 'rejects <Name> with <ErrorId> and writes no estimate' -ForEach @(
        @{ Name = 'a negative price'; ErrorId = 'InvalidHourlyPrice'; Price = -1; Hours = 1 }
        @{ Name = 'an infinite price'; ErrorId = 'InvalidHourlyPrice'; Price = [double]::PositiveInfinity; Hours = 1 }
        @{ Name = 'a NaN price (text)'; ErrorId = 'InvalidHourlyPrice'; Price = 'NaN'; Hours = 1 }
        @{ Name = 'a total past the largest number'; ErrorId = 'CostOverflow'; Price = 12; Hours = 1e308 }
    ) {
        $offer = [pscustomobject]@{ Provider = 'AWS'; InstanceType = 'p3.8xlarge'; Region = 'us-east-1'; GpuCount = 4; HourlyPrice = $Price; Currency = 'USD' }
        $result = @($offer | Measure-GpuCost -GpuCount 8 -Hours $Hours -ErrorVariable errs -ErrorAction SilentlyContinue)
        $result.Count | Should -Be 0
        $errs[0].FullyQualifiedErrorId | Should -BeLike "$ErrorId,*"
        "$($errs[0].CategoryInfo.Category)" | Should -Be 'InvalidData'
        $errs[0].TargetObject | Should -Be 'AWS p3.8xlarge us-east-1'
    }

    It 'rejects a period too long to count in hours' {
        $offer = [pscustomobject]@{ GpuCount = 1; HourlyPrice = 1 }
        (Get-ErrorOf { $offer | Measure-GpuCost -GpuCount 1 -Years 1e306 }).FullyQualifiedErrorId | Should -BeLike 'InvalidDuration,*'
    }

    It 'warns when a filter matches nothing, with close matches' {
        $none = @(Get-GpuInstanceOffering -GpuModel Z9000 -WarningVariable warned -WarningAction SilentlyContinue)
        $none.Count | Should -Be 0
        "$warned" | Should -Match "-GpuModel 'Z9000' matches nothing in the catalog"
        $null = Get-GpuInstanceOffering -GpuModel A10O -WarningVariable warned2 -WarningAction SilentlyContinue
        "$warned2" | Should -Match 'Close matches: .*A100'
        $null = Get-GpuInstanceOffering -InstanceType p4d.24xlarg -WarningVariable warned3 -WarningAction SilentlyContinue
        "$warned3" | Should -Match 'p4d\.24xlarge'
    }

    It 'warns when the catalog has no price of the asked model' {
        $none = @(Get-GpuInstanceOffering -PricingModel Reserved1Yr -Region us-east-1 -WarningVariable warned -WarningAction SilentlyContinue)
        $none.Count | Should -Be 0
        "$warned" | Should -Match 'no Reserved1Yr price'
        "$warned" | Should -Match 'IncludeUnpriced'
    }

    It 'rejects -ExchangeRate with USD' {
        $err = Get-ErrorOf { Get-GpuInstanceOffering -ExchangeRate 1350 }
        $err.FullyQualifiedErrorId | Should -BeLike 'ExchangeRateWithUsd,*'
        "$($err.CategoryInfo.Category)" | Should -Be 'InvalidArgument'
    }

    It 'completes <Line>' -ForEach @(
        @{ Line = 'Get-GpuInstanceOffering -GpuModel A10'; Expected = @('A100', 'A10G') }
        @{ Line = 'Get-GpuInstanceOffering -InstanceType p4d.'; Expected = @('p4d.24xlarge') }
        @{ Line = 'Get-GpuInstanceOffering -Provider Azure -InstanceType Standard_NC24s'; Expected = @('Standard_NC24s_v3') }
        @{ Line = 'Get-GpuInstanceOffering -Currency KR'; Expected = @('KRW') }
        @{ Line = 'Find-GpuCapacity -InstanceType p4d.'; Expected = @('p4d.24xlarge') }
    ) {
        $completion = TabExpansion2 -inputScript $Line -cursorColumn $Line.Length
        $texts = @($completion.CompletionMatches.CompletionText)
        foreach ($value in $Expected) { $texts | Should -Contain $value }
        $typed = ($Line -split ' ')[-1]
        $texts | ForEach-Object { $_ | Should -BeLike "$typed*" }
    }
}

Describe 'Worldwide Azure catalog (shared data, section 4b)' {
    BeforeAll {
        $script:data = if ($env:AWSWIKI_SHARED_DATA) { $env:AWSWIKI_SHARED_DATA } else { Join-Path $repoRoot '../shared/data' }
        $script:haveData = Test-Path (Join-Path $data 'azure-gpu-prices-global.csv')
        if ($haveData) {
            $script:global = Import-Csv (Join-Path $data 'azure-gpu-prices-global.csv')
            $script:sizes = @{}; Import-Csv (Join-Path $data 'azure-gpu-sizes.csv') | ForEach-Object { $sizes[$_.InstanceType] = $_ }
        }
    }
    BeforeEach {
        if (-not $haveData) { Set-ItResult -Skipped -Because "the shared data folder ($data) is not present; set AWSWIKI_SHARED_DATA" }
    }

    It 'answers the notes'' question offline: V100 in koreacentral' {
        if (-not $haveData) { return }
        $v100 = @(Get-GpuInstanceOffering -Provider Azure -Region koreacentral -GpuModel V100)
        $v100.InstanceType | Should -Contain 'Standard_NC24s_v3'
        $nc24 = $v100 | Where-Object InstanceType -eq 'Standard_NC24s_v3'
        $nc24.HourlyPrice | Should -Be 16.936
        $nc24.GpuCount | Should -Be 4
        $nc24.PriceAsOf | Should -Be '2026-06-18'
        $spot = Get-GpuInstanceOffering -Provider Azure -Region koreacentral -InstanceType Standard_NC24s_v3 -PricingModel Spot
        $spot.HourlyPrice | Should -Be 3.129773
        $spot.PriceAsOf | Should -Be '2026-03-21'
    }

    It 'prices every specified size in <Region> as the shared global file does' -ForEach @(
        @{ Region = 'koreacentral' }, @{ Region = 'japaneast' }, @{ Region = 'westeurope' }, @{ Region = 'australiaeast' }
    ) {
        if (-not $haveData) { return }
        $expected = @($global | Where-Object Region -eq $Region)
        $expected.Count | Should -BeGreaterThan 0
        $onDemand = @{}; Get-GpuInstanceOffering -Provider Azure -Region $Region -IncludeUnpriced | ForEach-Object { $onDemand[$_.InstanceType] = $_ }
        $spot = @{}; Get-GpuInstanceOffering -Provider Azure -Region $Region -PricingModel Spot | ForEach-Object { $spot[$_.InstanceType] = $_ }
        $listed = 0
        foreach ($row in $expected) {
            $offer = $onDemand[$row.InstanceType]
            if (-not $offer) {
                # Left out only for want of a spec: no complete row in azure-gpu-sizes.csv.
                $spec = $sizes[$row.InstanceType]
                ($spec -and $spec.AcceleratorName -and $spec.AcceleratorCount -and $spec.vCPUs -and $spec.MemoryGiB) | Should -BeFalse -Because "$($row.InstanceType) has a full spec"
                continue
            }
            $listed++
            $offer.HourlyPrice | Should -Be ([double]$row.OnDemandUsdPerHour) -Because $row.InstanceType
            $offer.PriceAsOf | Should -Be $row.OnDemandAsOf
            if ($row.SpotUsdPerHour) {
                $spot[$row.InstanceType].HourlyPrice | Should -Be ([double]$row.SpotUsdPerHour) -Because $row.InstanceType
                $spot[$row.InstanceType].PriceAsOf | Should -Be $row.SpotAsOf
            }
            else { $spot.ContainsKey($row.InstanceType) | Should -BeFalse }
            # Specs are the shared file's where it has them: nothing guessed.
            $spec = $sizes[$row.InstanceType]
            if ($spec -and $spec.vCPUs) { $offer.VCpus | Should -Be ([int]$spec.vCPUs) }
            if ($spec -and $spec.MemoryGiB) { $offer.MemoryGiB | Should -Be ([double]$spec.MemoryGiB) }
        }
        $listed | Should -BeGreaterThan 5
    }

    It 'takes the newer price where both Azure files price a size and region, and keeps the older-only rows' {
        if (-not $haveData) { return }
        (Get-GpuInstanceOffering -InstanceType Standard_NC6_Promo -Region southcentralus).HourlyPrice | Should -Be 0.475
        $old = Get-GpuInstanceOffering -InstanceType Standard_NC12 -Region southcentralus
        $old.HourlyPrice | Should -Be 2.16
        $old.PriceAsOf | Should -BeNullOrEmpty
        $old.Source | Should -BeLike 'skypilot*'
    }

    It 'gives fractional-GPU sizes their real fraction and a per-GPU price from it' {
        if (-not $haveData) { return }
        $nv6 = Get-GpuInstanceOffering -InstanceType Standard_NV6ads_A10_v5 -Region koreacentral
        $nv6.GpuCount | Should -Be 0
        $nv6.GpuFraction | Should -Be (1 / 6)
        $nv6.PricePerGpuHour | Should -Be ($nv6.HourlyPrice * 6)
        $nv6.GpuMemoryGiB | Should -Be 4
        (Get-GpuInstanceOffering -InstanceType Standard_NV4as_v4 -Region koreacentral).GpuFraction | Should -Be 0.125
        # Whole-GPU sizes have no fraction.
        (Get-GpuInstanceOffering -InstanceType Standard_NV36ads_A10_v5 -Region koreacentral).GpuFraction | Should -BeNullOrEmpty
        # Measure-GpuCost cannot map GPUs to a share of one.
        $null = $nv6 | Measure-GpuCost -GpuCount 1 -Hours 1 -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'OfferingWithoutWholeGpu,*'
    }

    It 'uses Microsoft''s count where the sources disagree (ND96isr_H100_v5: 8, not 12)' {
        if (-not $haveData) { return }
        (Get-GpuInstanceOffering -InstanceType Standard_ND96isr_H100_v5 -Region eastus).GpuCount | Should -Be 8
    }
}

Describe 'Update-GpuCatalog.ps1' {
    It 'regenerates the committed catalog byte for byte from the shared data' {
        $data = if ($env:AWSWIKI_SHARED_DATA) { $env:AWSWIKI_SHARED_DATA } else { Join-Path $repoRoot '../shared/data' }
        if (-not (Test-Path (Join-Path $data 'aws-gpu-instance-types.json'))) {
            Set-ItResult -Skipped -Because "the shared data folder ($data) is not present; set AWSWIKI_SHARED_DATA to check the generator"
            return
        }
        $out = Join-Path $env:AWSWIKI_TEST_RUN_ROOT 'gpu-catalog.csv'
        & (Join-Path $PSHOME 'pwsh') -NoProfile -NonInteractive -File (Join-Path $repoRoot 'tools/Update-GpuCatalog.ps1') -DataPath $data -OutputPath $out
        $LASTEXITCODE | Should -Be 0
        Get-FileSha $out | Should -Be (Get-FileSha $catalogCsv)
    }
}
