# Get-GpuInstanceOffering -Source Live: EC2 against moto (real AWS instance-type and offering
# data), the Price List API and the Azure Retail Prices API against loopback stand-ins
# (tests/stubs) that serve the documented wire formats and check the requests.
BeforeAll {
    Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force; Import-AwsWikiUnderTest
    $script:priceList = Start-TestStub pricelist_stub
    $script:azure = Start-TestStub azure_prices_stub
    $env:AWS_ENDPOINT_URL_PRICING = $priceList.Url
    $env:AWSWIKI_AZURE_PRICES_URL = "$($azure.Url)/api/retail/prices"

    function Get-StubStats($Stub) { Invoke-RestMethod "$($Stub.Url)/_stats" }
    function Get-ErrorOf([scriptblock] $Script) {
        try { & $Script -ErrorAction Stop | Out-Null; $null } catch { $_ }
    }

    # One AWS live query shared by several tests: two regions, a few types, on-demand.
    $script:live = @(Get-GpuInstanceOffering -Source Live -Provider AWS -Region us-east-1, ap-northeast-2 -InstanceType p4d.24xlarge, g4dn.xlarge, g5.xlarge)
}

AfterAll {
    Stop-TestStub $priceList
    Stop-TestStub $azure
    Remove-Item Env:AWS_ENDPOINT_URL_PRICING, Env:AWSWIKI_AZURE_PRICES_URL -ErrorAction SilentlyContinue
}

Describe 'Live AWS (EC2 on moto, Price List stand-in)' {
    It 'returns one offering per type and region asked' {
        $live.Count | Should -Be 6
        ($live | ForEach-Object { "$($_.InstanceType)@$($_.Region)" } | Sort-Object) -join ' ' |
            Should -Be 'g4dn.xlarge@ap-northeast-2 g4dn.xlarge@us-east-1 g5.xlarge@ap-northeast-2 g5.xlarge@us-east-1 p4d.24xlarge@ap-northeast-2 p4d.24xlarge@us-east-1'
    }

    It 'takes GPU specs from DescribeInstanceTypes, as the AWS CLI sees them' {
        $cli = (Invoke-AwsCli ec2 describe-instance-types --region us-east-1 --instance-types p4d.24xlarge g5.xlarge).InstanceTypes
        foreach ($type in $cli) {
            $offer = $live | Where-Object { $_.InstanceType -eq $type.InstanceType -and $_.Region -eq 'us-east-1' }
            $offer.GpuModel | Should -Be $type.GpuInfo.Gpus[0].Name
            $offer.GpuManufacturer | Should -Be $type.GpuInfo.Gpus[0].Manufacturer
            $offer.GpuCount | Should -Be $type.GpuInfo.Gpus[0].Count
            $offer.GpuMemoryGiB | Should -Be ([math]::Round($type.GpuInfo.Gpus[0].MemoryInfo.SizeInMiB / 1024, 2))
            $offer.VCpus | Should -Be $type.VCpuInfo.DefaultVCpus
            $offer.MemoryGiB | Should -Be ([math]::Round($type.MemoryInfo.SizeInMiB / 1024, 2))
        }
    }

    It 'takes ProcessorVendor from ProcessorInfo.Manufacturer (g5 is AMD), as the AWS CLI sees it' {
        $cli = (Invoke-AwsCli ec2 describe-instance-types --region us-east-1 --instance-types p4d.24xlarge g5.xlarge).InstanceTypes
        foreach ($type in $cli) {
            ($live | Where-Object { $_.InstanceType -eq $type.InstanceType -and $_.Region -eq 'us-east-1' }).ProcessorVendor |
                Should -Be $type.ProcessorInfo.Manufacturer
        }
        ($live | Where-Object { $_.InstanceType -eq 'g5.xlarge' } | Select-Object -First 1).ProcessorVendor | Should -Be 'AMD'
    }

    It 'takes availability zones from DescribeInstanceTypeOfferings, as the AWS CLI sees them' {
        $cli = Invoke-AwsCli ec2 describe-instance-type-offerings --region ap-northeast-2 --location-type availability-zone `
            --filters 'Name=instance-type,Values=g4dn.xlarge'
        ($live | Where-Object { $_.InstanceType -eq 'g4dn.xlarge' -and $_.Region -eq 'ap-northeast-2' }).AvailabilityZones |
            Should -Be (($cli.InstanceTypeOfferings.Location | Sort-Object) -join ',')
    }

    It 'prices on-demand from the Price List documents, with their publication date' {
        $p4d = $live | Where-Object { $_.InstanceType -eq 'p4d.24xlarge' -and $_.Region -eq 'us-east-1' }
        $p4d.HourlyPrice | Should -Be 21.957642
        $p4d.PricePerGpuHour | Should -Be (21.957642 / 8)
        $p4d.PriceAsOf | Should -Be '2026-10-01'
        $p4d.Source | Should -Match 'Price List'
        $p4d.GpuInterconnect | Should -Be 'NVSwitch'
        ($live | Where-Object { $_.InstanceType -eq 'g4dn.xlarge' -and $_.Region -eq 'ap-northeast-2' }).HourlyPrice | Should -Be ([math]::Round(0.526 * 1.3, 6))
    }

    It 'sent only well-formed GetProducts requests, and followed NextToken' {
        $stats = Get-StubStats $priceList
        $stats.violations | Should -BeNullOrEmpty
        $stats.pages_with_token | Should -BeGreaterOrEqual 6
    }

    It 'prices Reserved1Yr and Reserved3Yr from the standard No Upfront terms' {
        $one = Get-GpuInstanceOffering -Source Live -Provider AWS -Region us-east-1 -InstanceType p4d.24xlarge -PricingModel Reserved1Yr
        $three = Get-GpuInstanceOffering -Source Live -Provider AWS -Region us-east-1 -InstanceType p4d.24xlarge -PricingModel Reserved3Yr
        # The stand-in's No Upfront rate is 0.6 / 0.4 of on-demand; All Upfront and convertible terms differ.
        [math]::Round($one.HourlyPrice, 6) | Should -Be ([math]::Round(21.957642 * 0.6, 6))
        [math]::Round($three.HourlyPrice, 6) | Should -Be ([math]::Round(21.957642 * 0.4, 6))
        $three.PricingModel | Should -Be 'Reserved3Yr'
    }

    It 'prices spot from the latest DescribeSpotPriceHistory entry' {
        $spot = Get-GpuInstanceOffering -Source Live -Provider AWS -Region us-east-1 -InstanceType g4dn.xlarge -PricingModel Spot
        $cli = Invoke-AwsCli ec2 describe-spot-price-history --region us-east-1 --instance-types g4dn.xlarge --product-descriptions 'Linux/UNIX'
        $spot.HourlyPrice | Should -Be ([double](($cli.SpotPriceHistory.SpotPrice | Measure-Object -Minimum).Minimum))
        $spot.PricingModel | Should -Be 'Spot'
    }

    It 'lists offered but unpriced types only with -IncludeUnpriced' {
        @(Get-GpuInstanceOffering -Source Live -Provider AWS -Region us-east-1 -InstanceType inf2.xlarge).Count | Should -Be 0
        $unpriced = @(Get-GpuInstanceOffering -Source Live -Provider AWS -Region us-east-1 -InstanceType inf2.xlarge -IncludeUnpriced)
        $unpriced.Count | Should -Be 1
        $unpriced[0].GpuModel | Should -Be 'Inferentia2'
        $unpriced[0].HourlyPrice | Should -BeNullOrEmpty
    }

    It 'expands a wildcard -Region over the AWS region list and queries each match' {
        $result = @(Get-GpuInstanceOffering -Source Live -Provider AWS -Region 'ap-northeast-*' -InstanceType g4dn.xlarge -IncludeUnpriced)
        $expected = foreach ($region in 'ap-northeast-1', 'ap-northeast-2', 'ap-northeast-3') {
            $cli = Invoke-AwsCli ec2 describe-instance-type-offerings --region $region --location-type availability-zone --filters 'Name=instance-type,Values=g4dn.xlarge'
            if ($cli.InstanceTypeOfferings) { $region }
        }
        ($result.Region | Sort-Object) | Should -Be @($expected)
        ($result | Where-Object Region -eq 'ap-northeast-2').HourlyPrice | Should -Be ([math]::Round(0.526 * 1.3, 6))
    }

    It 'retries a throttled Price List call' {
        $before = (Get-StubStats $priceList).throttled
        $result = Get-GpuInstanceOffering -Source Live -Provider AWS -Region eu-west-1 -InstanceType g4dn.xlarge
        $result.HourlyPrice | Should -Be ([math]::Round(0.526 * 1.1, 6))
        (Get-StubStats $priceList).throttled | Should -Be ($before + 1)
    }

    It 'lists the EC2 facts unpriced when the Price List fails (HTTP 500), with one warning for the region' {
        # The Price List stand-in answers 500 for eu-west-3; EC2 (moto) answers.
        $result = @(Get-GpuInstanceOffering -Source Live -Provider AWS -Region us-east-1, eu-west-3 -InstanceType g4dn.xlarge, g5.xlarge -IncludeUnpriced `
                -WarningVariable found -WarningAction SilentlyContinue -ErrorVariable errs -ErrorAction SilentlyContinue)
        $errs | Should -BeNullOrEmpty
        $west = @($result | Where-Object Region -eq 'eu-west-3')
        $west.Count | Should -BeGreaterThan 0
        $west.HourlyPrice | Where-Object { $null -ne $_ } | Should -BeNullOrEmpty
        $west[0].GpuModel | Should -Not -BeNullOrEmpty
        ($result | Where-Object Region -eq 'us-east-1').HourlyPrice | Should -Not -BeNullOrEmpty
        $about = @($found | ForEach-Object { "$_" } | Where-Object { $_ -match 'Price List prices unavailable' })
        $about.Count | Should -Be 1
        $about[0] | Should -Match '^eu-west-3: '
        $about[0] | Should -Match 'GetProducts'
        # Without -IncludeUnpriced the unpriced rows are left out, and the region is still no error.
        @(Get-GpuInstanceOffering -Source Live -Provider AWS -Region eu-west-3 -InstanceType g4dn.xlarge -ErrorVariable errs2 -ErrorAction SilentlyContinue `
                -WarningAction SilentlyContinue).Count | Should -Be 0
        $errs2 | Should -BeNullOrEmpty
    }

    It 'lists the EC2 facts unpriced when the Price List is denied, with one warning' {
        $proxy = Start-TestStub aws_fault_proxy -ArgumentList @($priceList.Url, '300')
        $env:AWS_ENDPOINT_URL_PRICING = $proxy.Url
        try {
            Invoke-RestMethod -Method Post -Uri "$($proxy.Url)/__proxy/faults" -ContentType 'application/json' `
                -Body (ConvertTo-Json -InputObject @(@{ match = 'GetProducts'; kind = 'deny'; times = 100 })) | Out-Null
            $result = @(Get-GpuInstanceOffering -Source Live -Provider AWS -Region us-east-1 -InstanceType g4dn.xlarge, p4d.24xlarge -IncludeUnpriced `
                    -WarningVariable found -WarningAction SilentlyContinue -ErrorVariable errs -ErrorAction SilentlyContinue)
        }
        finally { $env:AWS_ENDPOINT_URL_PRICING = $priceList.Url; Stop-TestStub $proxy }
        $errs | Should -BeNullOrEmpty
        $result.Count | Should -Be 2
        $result.HourlyPrice | Where-Object { $null -ne $_ } | Should -BeNullOrEmpty
        $about = @($found | ForEach-Object { "$_" } | Where-Object { $_ -match 'Price List prices unavailable' })
        $about.Count | Should -Be 1
        $about[0] | Should -Match 'AccessDeniedException'
    }

    It 'reports a region whose EC2 fails as a non-terminating error and still lists the others' {
        $proxy = Start-TestStub aws_fault_proxy -ArgumentList @((Get-MotoUrl), '300')
        $env:AWS_ENDPOINT_URL_EC2 = $proxy.Url
        try {
            Invoke-RestMethod -Method Post -Uri "$($proxy.Url)/__proxy/faults" -ContentType 'application/json' `
                -Body (ConvertTo-Json -InputObject @(@{ match = 'DescribeInstanceTypeOfferings'; kind = 'deny'; region = 'eu-west-3'; times = 100 })) | Out-Null
            $result = @(Get-GpuInstanceOffering -Source Live -Provider AWS -Region us-east-1, eu-west-3 -InstanceType g4dn.xlarge -ErrorVariable errs -ErrorAction SilentlyContinue)
        }
        finally { Remove-Item Env:AWS_ENDPOINT_URL_EC2; Stop-TestStub $proxy }
        $result.Region | Should -Be 'us-east-1'
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'RegionQueryFailed,*'
        $errs[0].TargetObject | Should -Be 'eu-west-3'
        $errs[0].Exception.Message | Should -Match 'eu-west-3'
    }

    It 'keeps explicit keys out of every stream, errors included' {
        $text = Invoke-CapturingAllStreams {
            Get-GpuInstanceOffering -Source Live -Provider AWS -Region us-east-1, eu-west-3 -InstanceType g4dn.xlarge `
                -AccessKey AKIAGPUTESTKEY00001 -SecretKey 'gpu-secret-value-8c1f' -Verbose -Debug -ErrorAction Continue -WarningAction Continue
        }
        $text | Should -Match 'g4dn\.xlarge'
        $text | Should -Match 'eu-west-3'
        $text | Should -Not -Match 'gpu-secret-value-8c1f'
    }

    It 'stops with NoCredentials, pointing to Set-AwsProfile, when no credentials exist' {
        $out = Invoke-ChildPwsh @'
Get-ChildItem Env:AWS_* | Where-Object Name -notlike 'AWS_ENDPOINT_URL*' | Remove-Item
$env:AWS_SHARED_CREDENTIALS_FILE = '/nonexistent/credentials'; $env:AWS_CONFIG_FILE = '/nonexistent/config'; $env:AWS_EC2_METADATA_DISABLED = 'true'
try { Get-GpuInstanceOffering -Source Live -Provider AWS -Region us-east-1 -ErrorAction Stop; 'no error' } catch { "id=$($_.FullyQualifiedErrorId)"; "msg=$($_.Exception.Message)" }
'@
        $out | Should -Match 'id=NoCredentials,'
        $out | Should -Match 'Set-AwsProfile'
    }
}

Describe 'Live Azure (Retail Prices stand-in)' {
    It 'reproduces the notes in won from the API''s own KRW prices' {
        $offer = Get-GpuInstanceOffering -Source Live -Provider Azure -Region koreacentral -InstanceType Standard_NC24s_v3 -Currency KRW
        $offer.HourlyPrice | Should -Be 6531.64
        $offer.Currency | Should -Be 'KRW'
        $offer.GpuModel | Should -Be 'V100'; $offer.GpuCount | Should -Be 4
        $offer.PriceAsOf | Should -Be '2026-08-01'
        $cost = $offer | Measure-GpuCost -GpuCount 4 -Years 3
        $cost.TotalCost | Should -BeGreaterThan 171651000; $cost.TotalCost | Should -BeLessThan 171652000
        [math]::Round($cost.CostPerGpuHour, 1) | Should -Be 1632.9
        (Get-StubStats $azure).currencies | Should -Contain 'KRW'
    }

    It 'picks the Linux pay-as-you-go meter, not Windows, Spot or Low Priority, and follows NextPageLink' {
        $before = (Get-StubStats $azure).pages
        $offer = Get-GpuInstanceOffering -Source Live -Provider Azure -Region eastus -InstanceType Standard_NC24s_v3
        $offer.HourlyPrice | Should -Be 12.24
        $offer.Currency | Should -Be 'USD'
        # Four Consumption meters of one type (Linux, Windows, Spot, Low Priority) in pages of two: two pages.
        (Get-StubStats $azure).pages - $before | Should -Be 2
        (Get-StubStats $azure).violations | Should -BeNullOrEmpty
    }

    It 'takes Spot meters only when Spot is asked' {
        (Get-GpuInstanceOffering -Source Live -Provider Azure -Region eastus -InstanceType Standard_NC24s_v3 -PricingModel Spot).HourlyPrice |
            Should -Be ([math]::Round(12.24 * 0.1, 6))
    }

    It 'turns whole-term reservation prices into hourly ones (8,760 h and 26,280 h)' {
        $one = Get-GpuInstanceOffering -Source Live -Provider Azure -Region eastus -InstanceType Standard_NC6s_v3 -PricingModel Reserved1Yr
        $three = Get-GpuInstanceOffering -Source Live -Provider Azure -Region eastus -InstanceType Standard_NC6s_v3 -PricingModel Reserved3Yr
        [math]::Round($one.HourlyPrice, 6) | Should -Be ([math]::Round([math]::Round(3.06 * 8760 * 0.62, 6) / 8760, 6))
        [math]::Round($three.HourlyPrice, 6) | Should -Be ([math]::Round([math]::Round(3.06 * 26280 * 0.4, 6) / 26280, 6))
    }

    It 'converts USD with -ExchangeRate instead of asking for another currency' {
        $offer = Get-GpuInstanceOffering -Source Live -Provider Azure -Region eastus -InstanceType Standard_NC6s_v3 -Currency EUR -ExchangeRate 0.5
        $offer.HourlyPrice | Should -Be (3.06 * 0.5)
        $offer.Currency | Should -Be 'EUR'
    }

    It 'retries throttling, and reports a failing region while listing the others' {
        $before = (Get-StubStats $azure).throttled
        $result = @(Get-GpuInstanceOffering -Source Live -Provider Azure -Region westus2, westus3 -InstanceType Standard_NC24s_v3 -ErrorVariable errs -ErrorAction SilentlyContinue)
        $result.Region | Should -Be 'westus2'
        (Get-StubStats $azure).throttled | Should -BeGreaterThan $before
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'RegionQueryFailed,*'
        $errs[0].TargetObject | Should -Be 'westus3'
    }

    It 'compares AWS and Azure side by side in one live call' {
        $both = @(Get-GpuInstanceOffering -Source Live -GpuModel V100, A100 -Region us-east-1, eastus -InstanceType p4d.24xlarge, Standard_NC24s_v3)
        ($both.Provider | Sort-Object) -join ',' | Should -Be 'AWS,Azure'
        $both[0].PricePerGpuHour | Should -BeLessOrEqual $both[1].PricePerGpuHour
    }
}
