# Get-InstanceOffering (every EC2 type), Measure-InstanceCost and Get-AwsInstance's prices.
# Offline against the embedded all-type catalog, checked against moto 5.2.1's own files (the source
# data); live against moto (EC2) and the Price List stand-in (tests/stubs/pricelist_stub.py), whose
# c6i.large Seoul answer carries Windows, dedicated, RHEL and SQL rows beside the Linux shared one.
BeforeAll {
    Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force; Import-AwsWikiUnderTest
    $script:priceList = Start-TestStub pricelist_stub
    $env:AWS_ENDPOINT_URL_PRICING = $priceList.Url
    function Get-StubStats($Stub) { Invoke-RestMethod "$($Stub.Url)/_stats" }

    # The source data: distinct types per region in moto's offering files, read by Python from the package.
    $python = (Get-Command python3, python -CommandType Application | Select-Object -First 1).Source
    $script:motoCounts = & $python -c @'
import gzip, json, os, moto
folder = os.path.join(os.path.dirname(moto.__file__), "ec2/resources/instance_type_offerings/availability-zone")
print(json.dumps({f[:-8]: len({o["InstanceType"] for o in json.load(gzip.open(os.path.join(folder, f)))}) for f in os.listdir(folder) if f.endswith(".json.gz")}))
'@ | ConvertFrom-Json -AsHashtable
}

AfterAll {
    Stop-TestStub $priceList
    Remove-Item Env:AWS_ENDPOINT_URL_PRICING -ErrorAction SilentlyContinue
}

Describe 'Get-InstanceOffering from the catalog' {
    It 'knows c6i.large in Seoul: 2 vCPU, 4 GiB, x86_64, Intel, zones a-d' {
        $o = Get-InstanceOffering c6i.large -Region ap-northeast-2 -IncludeUnpriced
        $o.Count | Should -Be 1
        $o.VCpus | Should -Be 2
        $o.MemoryGiB | Should -Be 4
        $o.Architecture | Should -Be 'x86_64'
        $o.ProcessorVendor | Should -Be 'Intel'
        $o.AvailabilityZones | Should -Be 'ap-northeast-2a,ap-northeast-2b,ap-northeast-2c,ap-northeast-2d'
        $o.SustainedClockGhz | Should -BeGreaterThan 0
        $o.GpuModel | Should -BeNullOrEmpty
        $o.Source | Should -Match 'moto 5\.2\.1'
    }

    It 'prices m5.large in us-east-1 with the snapshot date and source' {
        $o = Get-InstanceOffering m5.large -Region us-east-1
        $o.HourlyPrice | Should -Be 0.096
        $o.MonthlyPrice | Should -Be (0.096 * 730)
        $o.PriceAsOf | Should -Be '2026-07-20'
        $o.Source | Should -Match 'karpenter-provider-aws@1d927085'
        $o.Currency | Should -Be 'USD'
    }

    It 'has as many types per region as the source data, in every region' {
        $all = Get-InstanceOffering -IncludeUnpriced
        $counts = @{}
        foreach ($g in ($all | Group-Object Region)) { $counts[$g.Name] = $g.Count }
        $counts.Keys.Count | Should -Be $motoCounts.Keys.Count
        foreach ($region in $motoCounts.Keys) { "$region $($counts[$region])" | Should -Be "$region $($motoCounts[$region])" }
        ($all.InstanceType | Sort-Object -Unique).Count | Should -BeGreaterThan 1200
    }

    It 'carries GPU fields for accelerator types, and prices them in other regions from the GPU snapshot' {
        $o = Get-InstanceOffering p4d.24xlarge -Region ap-northeast-2
        $o.GpuModel | Should -Be 'A100'
        $o.GpuCount | Should -Be 8
        $o.HourlyPrice | Should -BeGreaterThan 0
        $o.Source | Should -Match 'skypilot'
    }

    It 'filters by family, vCPUs, memory, architecture, vendor and price' {
        $o = @(Get-InstanceOffering -Region us-east-1 -Family c7g, m7g -MinVCpus 4 -MinMemoryGiB 16 -Architecture arm64 -ProcessorVendor AWS -MaxHourlyPrice 0.3)
        $o.Count | Should -BeGreaterThan 0
        $o | ForEach-Object {
            $_.Family | Should -BeIn 'c7g', 'm7g'
            $_.VCpus | Should -BeGreaterOrEqual 4
            $_.MemoryGiB | Should -BeGreaterOrEqual 16
            $_.Architecture | Should -Match 'arm64'
            $_.ProcessorVendor | Should -Be 'AWS'
            $_.HourlyPrice | Should -BeLessOrEqual 0.3
        }
        $o[0].HourlyPrice | Should -BeLessOrEqual $o[-1].HourlyPrice
    }

    It 'takes wildcards and converts currency as the GPU cmdlet does' {
        $o = @(Get-InstanceOffering 't3.*' -Region us-east-1 -Currency KRW -ExchangeRate 1380)
        $o.Count | Should -Be 7
        ($o | Where-Object InstanceType -EQ 't3.micro').HourlyPrice | Should -Be (0.0104 * 1380)
        $o[0].Currency | Should -Be 'KRW'
        { Get-InstanceOffering t3.micro -Currency KRW -ErrorAction Stop } | Should -Throw -ErrorId 'ExchangeRateRequired*'
        { Get-InstanceOffering -MinVCpus -1 -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidInstanceFilter*'
    }

    It 'says why nothing came out, and lists unpriced rows only when asked' {
        $warnings = $null
        $o = Get-InstanceOffering c6i.large -Region ap-northeast-2 -WarningVariable warnings -WarningAction SilentlyContinue
        $o | Should -BeNullOrEmpty
        "$warnings" | Should -Match 'IncludeUnpriced'
    }

    It 'fits the default table in 80 columns' {
        $text = Get-InstanceOffering m5.* -Region us-east-1 | Out-String -Width 200
        ($text -split "`n" | Measure-Object -Maximum Length).Maximum | Should -BeLessOrEqual 80
        $text = Get-InstanceOffering m5.large -Region us-east-1 | Measure-InstanceCost -Months 1 | Out-String -Width 200
        ($text -split "`n" | Measure-Object -Maximum Length).Maximum | Should -BeLessOrEqual 80
    }

    It 'completes -InstanceType over every type' {
        $c = TabExpansion2 -inputScript 'Get-InstanceOffering -InstanceType c6i.la' -cursorColumn 41
        $c.CompletionMatches.CompletionText | Should -Contain 'c6i.large'
        $c = TabExpansion2 -inputScript 'Get-InstanceOffering -InstanceType x2iedn.' -cursorColumn 42
        $c.CompletionMatches.Count | Should -BeGreaterThan 3
    }
}

Describe 'Get-InstanceOffering -Source Live (EC2 on moto, Price List stand-in)' {
    BeforeAll {
        $script:live = Get-InstanceOffering c6i.large -Region ap-northeast-2 -Source Live
    }

    It 'answers the notes: c6i.large in Seoul at 0.096 USD, 70.08 a month, Windows and dedicated rows ignored' {
        $live.Count | Should -Be 1
        $live.HourlyPrice | Should -Be 0.096
        [math]::Round($live.MonthlyPrice, 2) | Should -Be 70.08
        $live.PriceAsOf | Should -Be '2026-10-01'
        $live.Source | Should -Match 'Price List'
        $live.ProcessorModel | Should -Be 'Intel Xeon 8375C (Ice Lake)'
        (Get-StubStats $priceList).violations | Should -BeNullOrEmpty
    }

    It 'takes specs and zones from EC2, as the AWS CLI sees them' {
        $cli = (Invoke-AwsCli ec2 describe-instance-types --region ap-northeast-2 --instance-types c6i.large).InstanceTypes[0]
        $live.VCpus | Should -Be $cli.VCpuInfo.DefaultVCpus
        $live.MemoryGiB | Should -Be ($cli.MemoryInfo.SizeInMiB / 1024)
        $live.ProcessorVendor | Should -Be $cli.ProcessorInfo.Manufacturer
        $live.SustainedClockGhz | Should -Be $cli.ProcessorInfo.SustainedClockSpeedInGhz
        $live.AvailabilityZones | Should -Be 'ap-northeast-2a,ap-northeast-2b,ap-northeast-2c,ap-northeast-2d'
    }

    It 'pipes into Measure-InstanceCost: one c6i.large for a month' {
        $e = Get-InstanceOffering c6i.large -Region ap-northeast-2 -Source Live | Measure-InstanceCost -Count 1 -Months 1
        [math]::Round($e.TotalCost, 2) | Should -Be 70.08
        $e.Hours | Should -Be 730
        $e.Currency | Should -Be 'USD'
    }

    It 'prices spot from DescribeSpotPriceHistory' {
        $spot = Get-InstanceOffering c6i.large -Region us-east-1 -Source Live -PricingModel Spot
        $cli = Invoke-AwsCli ec2 describe-spot-price-history --region us-east-1 --instance-types c6i.large --product-descriptions 'Linux/UNIX'
        $spot.HourlyPrice | Should -Be ([double](($cli.SpotPriceHistory.SpotPrice | Measure-Object -Minimum).Minimum))
        $spot.PricingModel | Should -Be 'Spot'
    }

    It 'degrades when the Price List fails: EC2 facts unpriced, one warning' {
        $warnings = $null
        $o = Get-InstanceOffering t3.micro -Region eu-west-3 -Source Live -IncludeUnpriced -WarningVariable warnings -WarningAction SilentlyContinue
        $o.Count | Should -Be 1
        $o.HourlyPrice | Should -BeNullOrEmpty
        @($warnings | Where-Object { "$_" -match 'Price List' }).Count | Should -Be 1
    }
}

Describe 'Measure-InstanceCost' {
    It 'multiplies count, hours and price, and converts durations as Measure-GpuCost does' {
        $offer = Get-InstanceOffering m5.large -Region us-east-1
        ($offer | Measure-InstanceCost -Count 3 -Days 2).TotalCost | Should -Be (0.096 * 3 * 48)
        ($offer | Measure-InstanceCost -Count 2 -Years 1).Hours | Should -Be 8760
        ($offer | Measure-InstanceCost -Hours 10).Count | Should -Be 1
    }

    It 'round-trips through CSV, keeping currency, exchange rate and count' {
        $csv = Join-Path $TestDrive 'cost.csv'
        Get-InstanceOffering m5.large -Region us-east-1 -Currency EUR -ExchangeRate 0.9 | Measure-InstanceCost -Count 4 -Months 1 |
            Export-Csv $csv -NoTypeInformation
        $again = Import-Csv $csv | Measure-InstanceCost -Months 2
        $again.Count | Should -Be 4
        $again.Currency | Should -Be 'EUR'
        [math]::Round($again.TotalCost, 6) | Should -Be ([math]::Round(0.096 * 0.9 * 4 * 1460, 6))
    }

    It 'fails one input, not the pipeline, when it has no price' {
        $errors = $null
        $out = @([pscustomobject]@{ InstanceType = 'x'; Region = 'y'; HourlyPrice = $null }, [pscustomobject]@{ InstanceType = 'z'; Region = 'y'; HourlyPrice = 1 }) |
            Measure-InstanceCost -Hours 1 -ErrorVariable errors -ErrorAction SilentlyContinue
        $out.Count | Should -Be 1
        $errors[0].FullyQualifiedErrorId | Should -Match '^InstanceUnpriced'
        { Get-InstanceOffering m5.large -Region us-east-1 | Measure-InstanceCost -Count 0 -Hours 1 -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidInstanceCount*'
    }
}

Describe 'Get-AwsInstance prices' {
    BeforeAll {
        foreach ($type in 't3.micro', 'g4dn.xlarge') {
            Invoke-AwsCli ec2 run-instances --region us-east-1 --image-id ami-12c6146b --instance-type $type --count 1 `
                --tag-specifications 'ResourceType=instance,Tags=[{Key=Suite,Value=InstanceOffering}]' | Out-Null
        }
        $script:listed = @(Get-AwsInstance -Region us-east-1 -Tag @{ Suite = 'InstanceOffering' } -WarningAction SilentlyContinue)
    }

    It 'prices a t3.micro and a GPU instance in one listing, from the catalog' {
        $listed.Count | Should -Be 2
        $micro = $listed | Where-Object InstanceType -EQ 't3.micro'
        $gpu = $listed | Where-Object InstanceType -EQ 'g4dn.xlarge'
        $micro.HourlyPrice | Should -Be 0.0104
        $micro.MonthlyPrice | Should -Be (0.0104 * 730)
        $micro.PriceAsOf | Should -Be '2026-07-20'
        $gpu.HourlyPrice | Should -BeGreaterThan 0.5
        $gpu.GpuModel | Should -Be 'T4'
        foreach ($i in $listed) {
            $i.CostSinceLaunch | Should -Not -BeNullOrEmpty
            $i.UnpricedReason | Should -BeNullOrEmpty
        }
    }

    It 'asks the Price List once per distinct type and region with -PriceSource Live, cached for the session' {
        $before = (Get-StubStats $priceList).regions.'us-east-1'
        $live = @(Get-AwsInstance -Region us-east-1 -Tag @{ Suite = 'InstanceOffering' } -PriceSource Live -WarningAction SilentlyContinue)
        $again = @(Get-AwsInstance -Region us-east-1 -Tag @{ Suite = 'InstanceOffering' } -PriceSource Live -WarningAction SilentlyContinue)
        $after = (Get-StubStats $priceList).regions.'us-east-1'
        ($live | Where-Object InstanceType -EQ 't3.micro').HourlyPrice | Should -Be 0.0104
        ($live | Where-Object InstanceType -EQ 'g4dn.xlarge').HourlyPrice | Should -Be 0.526
        ($live | Where-Object InstanceType -EQ 'g4dn.xlarge').PriceAsOf | Should -Be '2026-10-01'
        # Two types, two pages each (the stand-in splits every answer), and nothing for the second call.
        $after - $before | Should -Be 4
        $again.Count | Should -Be 2
    }

    It 'prices a spot instance at the latest spot price with -PriceSource Live, as the AWS CLI sees it' {
        Invoke-AwsCli ec2 run-instances --region us-east-1 --image-id ami-12c6146b --instance-type m5.large --count 1 `
            --instance-market-options 'MarketType=spot' --tag-specifications 'ResourceType=instance,Tags=[{Key=Suite,Value=InstanceOfferingSpot}]' | Out-Null
        $spot = Get-AwsInstance -Region us-east-1 -Tag @{ Suite = 'InstanceOfferingSpot' } -PriceSource Live -WarningAction SilentlyContinue
        $cli = Invoke-AwsCli ec2 describe-spot-price-history --region us-east-1 --instance-types m5.large --product-descriptions 'Linux/UNIX'
        $spot.PricingModel | Should -Be 'Spot'
        $spot.HourlyPrice | Should -Be ([double](($cli.SpotPriceHistory.SpotPrice | Measure-Object -Minimum).Minimum))
        $spot.PriceSource | Should -Match 'spot price history'
    }

    It 'shows prices in the Cost view within 80 columns, and says why an instance is unpriced' {
        $text = $listed | Format-Table -View Cost | Out-String -Width 200
        ($text -split "`n" | Measure-Object -Maximum Length).Maximum | Should -BeLessOrEqual 80
        $text | Should -Match 't3\.micro'
        $elsewhere = Invoke-AwsCli ec2 run-instances --region ap-northeast-2 --image-id ami-12c6146b --instance-type t3.micro --count 1 `
            --tag-specifications 'ResourceType=instance,Tags=[{Key=Suite,Value=InstanceOfferingSeoul}]'
        $seoul = Get-AwsInstance -Region ap-northeast-2 -Tag @{ Suite = 'InstanceOfferingSeoul' } -WarningAction SilentlyContinue
        $seoul.InstanceId | Should -Be $elsewhere.Instances[0].InstanceId
        $seoul.HourlyPrice | Should -BeNullOrEmpty
        $seoul.UnpricedReason | Should -Match 'no OnDemand price for t3\.micro in ap-northeast-2'
    }

    It 'pipes every instance into a monthly cost' {
        $costs = @($listed | Measure-InstanceCost -Months 1)
        $costs.Count | Should -Be 2
        ($costs | Where-Object InstanceType -EQ 't3.micro').TotalCost | Should -Be (0.0104 * 730)
        $costs[0].InstanceId | Should -Match '^i-'
    }
}
