# Find-GpuCapacity against moto (zones, offerings by zone ID) plus a loopback stand-in
# (tests/stubs/ec2_capacity_stub.py) for the EC2 operations moto 5.2.1 lacks: Spot placement
# scores, Capacity Block offers and capacity reservations. The AWS CLI, talking to the same
# endpoint, is the independent client the results are checked against.
BeforeAll {
    Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force; Import-AwsWikiUnderTest
    $script:stub = Start-TestStub ec2_capacity_stub -ArgumentList (Get-MotoUrl), '600'
    $script:region = 'ap-northeast-2'

    # g4dn.xlarge is offered in apne2-az1..az3 (moto's real offering data), p5.48xlarge in az1 only,
    # p3.2xlarge in none of them.
    $script:scenario = @{
        spotScores   = @(
            @{ region = $region; zoneId = 'apne2-az1'; instanceType = 'g4dn.xlarge'; score = 9 }
            @{ region = $region; zoneId = 'apne2-az2'; instanceType = 'g4dn.xlarge'; score = 2 }
            @{ region = $region; zoneId = 'apne2-az1'; instanceType = 'p5.48xlarge'; score = 1 }
        )
        capacity     = @(@{ zoneId = 'apne2-az1'; instanceType = 'g4dn.xlarge'; count = 4 })
        blockOffers  = @(
            @{ region = $region; zone = 'ap-northeast-2a'; instanceType = 'p5.48xlarge'; start = '2026-12-03T11:30:00.000Z'; durationHours = 24; upfrontFee = '2345.76' }
            @{ region = $region; zone = 'ap-northeast-2a'; instanceType = 'p5.48xlarge'; start = '2026-12-01T11:30:00.000Z'; durationHours = 24; upfrontFee = '2881.92' }
        )
        reservations = @(@{ region = $region; zoneId = 'apne2-az3'; zone = 'ap-northeast-2c'; instanceType = 'g4dn.xlarge'; total = 3; available = 2; state = 'active' })
    }

    function Set-Scenario([hashtable] $Change = @{}) {
        $config = $scenario.Clone(); foreach ($key in $Change.Keys) { $config[$key] = $Change[$key] }
        Invoke-RestMethod -Method Post -Uri "$($stub.Url)/__stub/config" -Body ($config | ConvertTo-Json -Depth 5) | Out-Null
    }
    # Invoke-RestMethod writes a JSON array as one object; returning it from a variable enumerates it.
    function Get-StubLog { $log = Invoke-RestMethod "$($stub.Url)/__stub/log"; $log }
    function Get-StubReservations { $all = Invoke-RestMethod "$($stub.Url)/__stub/reservations"; $all }
    function Invoke-StubCli { $old = $env:AWSWIKI_TEST_MOTO_URL; $env:AWSWIKI_TEST_MOTO_URL = $stub.Url; try { Invoke-AwsCli @args --region $region } finally { $env:AWSWIKI_TEST_MOTO_URL = $old } }
    function Get-ErrorOf([scriptblock] $Script) { try { & $Script -ErrorAction Stop | Out-Null; $null } catch { $_ } }

    Set-Scenario
    $script:survey = @(Find-GpuCapacity g4dn.xlarge, p5.48xlarge, p3.2xlarge -Count 2 -Region $region -IncludeSpot `
            -CapacityBlockDurationHours 24 -EndpointUrl $stub.Url)
    $script:surveyLog = Get-StubLog
    function Get-Row($Type, $ZoneId) { $survey | Where-Object { $_.InstanceType -eq $Type -and $_.AvailabilityZoneId -eq $ZoneId } }
}

AfterAll { Stop-TestStub $stub }

Describe 'The stand-in, seen by the AWS CLI' {
    BeforeAll { Set-Scenario }

    It 'answers GetSpotPlacementScores in the wire format botocore parses' {
        $cli = Invoke-StubCli ec2 get-spot-placement-scores --instance-types g4dn.xlarge --target-capacity 2 --single-availability-zone --region-names $region
        ($cli.SpotPlacementScores | ForEach-Object { "$($_.Region)/$($_.AvailabilityZoneId)=$($_.Score)" }) -join ' ' |
            Should -Be 'ap-northeast-2/apne2-az1=9 ap-northeast-2/apne2-az2=2'
    }

    It 'answers DescribeCapacityBlockOfferings and DescribeCapacityReservations, and forwards the rest to moto' {
        $offers = (Invoke-StubCli ec2 describe-capacity-block-offerings --instance-type p5.48xlarge --instance-count 2 --capacity-duration-hours 24).CapacityBlockOfferings
        $offers.Count | Should -Be 2
        $offers[0].InstanceCount | Should -Be 2
        $offers[0].EndDate | Should -Not -BeNullOrEmpty
        $held = (Invoke-StubCli ec2 describe-capacity-reservations --filters 'Name=instance-type,Values=g4dn.xlarge' 'Name=state,Values=active').CapacityReservations
        $held.AvailabilityZoneId | Should -Be 'apne2-az3'
        (Invoke-StubCli ec2 describe-availability-zones).AvailabilityZones.ZoneId | Should -Contain 'apne2-az4'
    }
}

Describe 'Find-GpuCapacity survey' {
    It 'returns one row per type and zone ID, zone names and offerings as the AWS CLI sees them in moto' {
        $zones = (Invoke-AwsCli ec2 describe-availability-zones --region $region).AvailabilityZones
        $survey.Count | Should -Be (3 * $zones.Count)
        $offered = @((Invoke-AwsCli ec2 describe-instance-type-offerings --region $region --location-type availability-zone-id `
                    --filters 'Name=instance-type,Values=g4dn.xlarge,p5.48xlarge,p3.2xlarge').InstanceTypeOfferings |
                ForEach-Object { "$($_.InstanceType)@$($_.Location)" })
        $offered.Count | Should -BeGreaterThan 0
        foreach ($type in 'g4dn.xlarge', 'p5.48xlarge', 'p3.2xlarge') {
            foreach ($zone in $zones) {
                $row = Get-Row $type $zone.ZoneId
                $row.AvailabilityZone | Should -Be $zone.ZoneName
                $row.Region | Should -Be $region
                $row.Offered | Should -Be ($offered -contains "$type@$($zone.ZoneId)")
            }
        }
    }

    It 'says offered but no capacity where the Spot score is low' {
        $row = Get-Row g4dn.xlarge apne2-az2
        $row.Offered | Should -BeTrue
        $row.SpotPlacementScore | Should -Be 2
        $row.Recommendation | Should -Be 'Unavailable'
        $row.Reason | Should -Match 'Spot score 2 of 10'
    }

    It 'calls on-demand likely where the Spot score is high, and asks for the count in one zone' {
        $row = Get-Row g4dn.xlarge apne2-az1
        $row.SpotPlacementScore | Should -Be 9
        $row.Recommendation | Should -Be 'OnDemandLikely'
        $call = $surveyLog | Where-Object operation -eq 'GetSpotPlacementScores' | Where-Object { $_.params.'InstanceType.1' -eq 'g4dn.xlarge' }
        $call.params.TargetCapacity | Should -Be '2'
        $call.params.SingleAvailabilityZone | Should -Be 'true'
        $call.params.'RegionName.1' | Should -Be $region
    }

    It 'reports the earliest Capacity Block offer of the zone, priced per instance-hour' {
        $row = Get-Row p5.48xlarge apne2-az1
        $row.CapacityBlockStart | Should -Be ([datetime]::new(2026, 12, 1, 11, 30, 0, [DateTimeKind]::Utc))
        $row.CapacityBlockHours | Should -Be 24
        $row.CapacityBlockUpfrontFee | Should -Be 2881.92
        $row.CapacityBlockHourlyPrice | Should -Be ([math]::Round(2881.92 / 24 / 2, 6))
        $row.Recommendation | Should -Be 'CapacityBlock'
        $row.Reason | Should -Match '2026-12-01 11:30'
    }

    It 'counts your existing reservation in its zone ID and ranks it first' {
        $row = Get-Row g4dn.xlarge apne2-az3
        $row.AvailableReserved | Should -Be 2
        $row.Recommendation | Should -Be 'Reserved'
        $survey[0] | Should -Be $row
        $survey[1].AvailabilityZoneId | Should -Be 'apne2-az1'
    }

    It 'marks zones without the type NotOffered, last' {
        (Get-Row p3.2xlarge apne2-az1).Recommendation | Should -Be 'NotOffered'
        $ranks = $survey | ForEach-Object { [int]$_.Recommendation }
        ($ranks -join ',') | Should -Be (($ranks | Sort-Object) -join ',')
        $survey[-1].Recommendation | Should -Be 'NotOffered'
    }

    It 'takes the on-demand price from the catalog' {
        $catalog = Get-GpuInstanceOffering -Provider AWS -Region $region -InstanceType g4dn.xlarge
        (Get-Row g4dn.xlarge apne2-az1).OnDemandHourlyPrice | Should -Be $catalog.HourlyPrice
    }

    It 'takes the on-demand price from the Price List API with -Source Live' {
        $priceList = Start-TestStub pricelist_stub
        $env:AWS_ENDPOINT_URL_EC2 = $stub.Url; $env:AWS_ENDPOINT_URL_PRICING = $priceList.Url
        try { $rows = @(Find-GpuCapacity g4dn.xlarge -Region $region -Source Live) }
        finally { Remove-Item Env:AWS_ENDPOINT_URL_EC2, Env:AWS_ENDPOINT_URL_PRICING; Stop-TestStub $priceList }
        $rows.Count | Should -Be 4
        # The stand-in's documented price: 0.526 USD in us-east-1, times 1.3 in ap-northeast-2.
        $rows.OnDemandHourlyPrice | Select-Object -Unique | Should -Be ([math]::Round(0.526 * 1.3, 6))
    }

    It 'fits an 80-column table without cutting values' {
        $text = $survey | Format-Table | Out-String -Width 80
        ($text -split "`n" | Where-Object { $_.TrimEnd().Length -gt 80 }) | Should -BeNullOrEmpty
        $text | Should -Not -Match '…'
        $text | Should -Match 'apne2-az3\s+ap-northeast-2c\s+Reserved'
        # The longest values the table must hold whole.
        $widest = [AwsWiki.Gpu.Capacity.GpuCapacity]@{ InstanceType = 'p6-b200.48xlarge'; AvailabilityZoneId = 'apse2-az1'; AvailabilityZone = 'ap-southeast-2a'
            Recommendation = 'OnDemandLikely'; SpotPlacementScore = 10; AvailableReserved = 1000; ProbeResult = 'InsufficientCapacity' }
        $line = ($widest | Out-String -Width 80) -split "`n" | Where-Object { $_ -match 'p6-b200' }
        $line.TrimEnd() | Should -Be 'p6-b200.48xlarge apse2-az1 ap-southeast-2a OnDemandLikely   10 1000 Insufficient'
    }

    It 'creates nothing without -Probe' {
        $surveyLog.operation | Should -Not -Contain 'CreateCapacityReservation'
    }
}

Describe 'Find-GpuCapacity -Probe' {
    It 'reports Succeeded and InsufficientCapacity, and cancels what it created' {
        Set-Scenario
        $rows = @(Find-GpuCapacity g4dn.xlarge -Count 2 -Region $region -Probe -Confirm:$false -EndpointUrl $stub.Url)
        $az1 = $rows | Where-Object AvailabilityZoneId -eq 'apne2-az1'
        $az2 = $rows | Where-Object AvailabilityZoneId -eq 'apne2-az2'
        $az1.ProbeResult | Should -Be 'Succeeded'
        $az1.Recommendation | Should -Be 'Probed'
        $az2.ProbeResult | Should -Be 'InsufficientCapacity'
        # Covered by the existing reservation, or not offered: not probed.
        ($rows | Where-Object AvailabilityZoneId -in 'apne2-az3', 'apne2-az4').ProbeResult | Should -Be @('NotProbed', 'NotProbed')

        $created = @(Get-StubReservations | Where-Object created)
        $created.Count | Should -Be 1
        $created[0].zoneId | Should -Be 'apne2-az1'
        $created[0].total | Should -Be 2
        $created[0].matchCriteria | Should -Be 'targeted'
        # The AWS CLI sees the probe's reservation cancelled, found by the probe's tag.
        $seen = (Invoke-StubCli ec2 describe-capacity-reservations --capacity-reservation-ids $created[0].id).CapacityReservations
        $seen.State | Should -Be 'cancelled'
        ($seen.Tags | Where-Object Key -eq 'awswiki:capacity-probe').Value | Should -Not -BeNullOrEmpty
        $creates = Get-StubLog | Where-Object operation -eq 'CreateCapacityReservation'
        ($creates.params.AvailabilityZoneId | Select-Object -Unique) | Should -Be @('apne2-az1', 'apne2-az2')
    }

    It 'creates nothing with -WhatIf' {
        Set-Scenario
        $rows = @(Find-GpuCapacity g4dn.xlarge -Count 2 -Region $region -Probe -WhatIf -EndpointUrl $stub.Url)
        $rows.Count | Should -Be 4
        $rows.ProbeResult | Select-Object -Unique | Should -Be 'NotProbed'
        (Get-StubLog).operation | Should -Not -Contain 'CreateCapacityReservation'
        Get-StubReservations | Where-Object created | Should -BeNullOrEmpty
    }

    It 'cancels the reservation when stopped (Ctrl+C) while the create is in flight' {
        Set-Scenario @{ createDelay = 30 }
        $ps = [powershell]::Create()
        try {
            # One script, not a batch of statements: a stopped batch can run its next statement on a
            # thread-pool thread after Dispose, which crashes the whole test process.
            $null = $ps.AddScript('param($Module, $Arguments) Import-Module $Module; Find-GpuCapacity @Arguments').
                AddArgument($env:AWSWIKI_MODULE).AddArgument(@{
                    InstanceType = 'g4dn.xlarge'; Count = 1; Region = $region; Probe = $true; Confirm = $false; EndpointUrl = $stub.Url })
            $async = $ps.BeginInvoke()
            $deadline = [DateTime]::UtcNow.AddSeconds(60)
            while (-not (Get-StubReservations | Where-Object created) -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 100 }
            Get-StubReservations | Where-Object created | Should -Not -BeNullOrEmpty
            $stopwatch = [Diagnostics.Stopwatch]::StartNew()
            $ps.Stop()
            $stopwatch.Elapsed.TotalSeconds | Should -BeLessThan 25 -Because 'the stop does not wait for the slow create answer'
            $ps.InvocationStateInfo.State | Should -Be 'Stopped'
        }
        finally { $ps.Dispose() }

        $created = @(Get-StubReservations | Where-Object created)
        $created.Count | Should -Be 1
        $created[0].state | Should -Be 'cancelled'
        $log = Get-StubLog
        $lookup = $log | Where-Object { $_.operation -eq 'DescribeCapacityReservations' -and $_.params.'Filter.1.Name' -eq 'tag:awswiki:capacity-probe' }
        $lookup | Should -Not -BeNullOrEmpty
        ($log | Where-Object operation -eq 'CancelCapacityReservation').params.CapacityReservationId | Should -Be $created[0].id
    }
}

# Optional signals degrade: reservations, Spot placement scores, Capacity Block offers and the
# Price List failing or denied (through the fault proxy in front of the stand-in) leave the rows
# with that property empty and exactly one warning naming the service; the region does not fail.
Describe 'Find-GpuCapacity when an optional signal fails' {
    BeforeAll {
        Set-Scenario
        $script:proxy = Start-TestStub aws_fault_proxy -ArgumentList @($stub.Url, '600')
        function Invoke-WithFault([string] $Operation, [string] $Kind, [hashtable] $Arguments) {
            Invoke-RestMethod -Method Post -Uri "$($proxy.Url)/__proxy/clear" | Out-Null
            $rules = ConvertTo-Json -InputObject @(@{ match = $Operation; kind = $Kind; times = 100 }) -Depth 3
            Invoke-RestMethod -Method Post -Uri "$($proxy.Url)/__proxy/faults" -Body $rules -ContentType 'application/json' | Out-Null
            $rows = @(Find-GpuCapacity @Arguments -Region $region -EndpointUrl $proxy.Url -WarningVariable found -WarningAction SilentlyContinue `
                    -ErrorVariable failed -ErrorAction SilentlyContinue)
            [pscustomobject]@{ Rows = $rows; Warnings = @($found | ForEach-Object { "$_" }); Errors = @($failed) }
        }
    }
    AfterAll { Stop-TestStub $proxy }

    It 'lists the rows without reservations when DescribeCapacityReservations is denied, with one warning' {
        $result = Invoke-WithFault DescribeCapacityReservations deny @{ InstanceType = 'g4dn.xlarge'; Count = 2 }
        $result.Errors | Should -BeNullOrEmpty
        $result.Rows.Count | Should -Be 4
        $result.Rows.AvailableReserved | Where-Object { $null -ne $_ } | Should -BeNullOrEmpty
        ($result.Rows | Where-Object AvailabilityZoneId -eq 'apne2-az3').Recommendation | Should -Not -Be 'Reserved'
        $about = @($result.Warnings | Where-Object { $_ -match 'Capacity reservations unavailable' })
        $about.Count | Should -Be 1
        $about[0] | Should -Match "^${region}: "
        $about[0] | Should -Match 'EC2 DescribeCapacityReservations'
        $about[0] | Should -Match 'AvailableReserved is empty'
    }

    It 'lists the rows without Spot scores when GetSpotPlacementScores is denied, with one warning for the region' {
        $result = Invoke-WithFault GetSpotPlacementScores deny @{ InstanceType = 'g4dn.xlarge', 'p5.48xlarge'; Count = 2; IncludeSpot = $true }
        $result.Errors | Should -BeNullOrEmpty
        $result.Rows.Count | Should -Be 8
        $result.Rows.SpotPlacementScore | Where-Object { $null -ne $_ } | Should -BeNullOrEmpty
        ($result.Rows | Where-Object { $_.InstanceType -eq 'g4dn.xlarge' -and $_.AvailabilityZoneId -eq 'apne2-az3' }).AvailableReserved | Should -Be 2
        $about = @($result.Warnings | Where-Object { $_ -match 'Spot placement scores unavailable' })
        $about.Count | Should -Be 1
        $about[0] | Should -Match 'EC2 GetSpotPlacementScores'
        $about[0] | Should -Match 'SpotPlacementScore is empty'
    }

    It 'lists the rows without Capacity Block offers when DescribeCapacityBlockOfferings answers 500, with one warning' {
        $result = Invoke-WithFault DescribeCapacityBlockOfferings error500 @{ InstanceType = 'p5.48xlarge'; Count = 2; CapacityBlockDurationHours = 24 }
        $result.Errors | Should -BeNullOrEmpty
        $result.Rows.Count | Should -Be 4
        $result.Rows.CapacityBlockStart | Where-Object { $null -ne $_ } | Should -BeNullOrEmpty
        ($result.Rows | Where-Object AvailabilityZoneId -eq 'apne2-az1').Offered | Should -BeTrue
        $about = @($result.Warnings | Where-Object { $_ -match 'Capacity Block offers unavailable' })
        $about.Count | Should -Be 1
        $about[0] | Should -Match 'EC2 DescribeCapacityBlockOfferings'
    }

    It 'lists the rows without on-demand prices when the Price List is denied, with one warning' {
        $result = Invoke-WithFault GetProducts deny @{ InstanceType = 'g4dn.xlarge', 'p5.48xlarge'; Count = 2; Source = 'Live' }
        $result.Errors | Should -BeNullOrEmpty
        $result.Rows.Count | Should -Be 8
        $result.Rows.OnDemandHourlyPrice | Where-Object { $null -ne $_ } | Should -BeNullOrEmpty
        $about = @($result.Warnings | Where-Object { $_ -match 'Price List prices unavailable' })
        $about.Count | Should -Be 1
        $about[0] | Should -Match 'GetProducts'
        $about[0] | Should -Match 'AccessDenied'
    }

    It 'fails only the region whose zones cannot be read, as one RegionQueryFailed error' {
        $result = Invoke-WithFault DescribeAvailabilityZones deny @{ InstanceType = 'g4dn.xlarge' }
        $result.Rows | Should -BeNullOrEmpty
        $result.Errors.Count | Should -Be 1
        $result.Errors[0].FullyQualifiedErrorId | Should -BeLike 'RegionQueryFailed,*'
        $result.Errors[0].TargetObject | Should -Be $region
        $result.Errors[0].Exception.Message | Should -Match $region
    }
}

Describe 'Find-GpuCapacity input and help' {
    BeforeAll { Set-Scenario }

    It 'rejects a bad instance type, duration or region before calling AWS' {
        (Get-ErrorOf { Find-GpuCapacity 'not a type' -Region $region -EndpointUrl $stub.Url }).FullyQualifiedErrorId | Should -BeLike 'InvalidInstanceType,*'
        (Get-ErrorOf { Find-GpuCapacity p5.48xlarge -Region $region -CapacityBlockDurationHours 30 -EndpointUrl $stub.Url }).FullyQualifiedErrorId |
            Should -BeLike 'InvalidCapacityBlockDuration,*'
        $err = Get-ErrorOf { Find-GpuCapacity p5.48xlarge -Region ap-northeast-9 -EndpointUrl $stub.Url }
        $err.FullyQualifiedErrorId | Should -BeLike 'UnknownRegion,*'
        $err.TargetObject | Should -Be 'ap-northeast-9'
        Get-StubLog | Should -BeNullOrEmpty
    }

    It 'takes types and regions from Get-GpuInstanceOffering by property name' {
        $rows = @(Get-GpuInstanceOffering -Provider AWS -Region $region -InstanceType g4dn.xlarge | Find-GpuCapacity -EndpointUrl $stub.Url)
        $rows.Count | Should -Be 4
        $rows.InstanceType | Select-Object -Unique | Should -Be 'g4dn.xlarge'
    }

    It 'says in its help that DryRun does not test capacity' {
        (Get-Help Find-GpuCapacity -Full | Out-String -Width 200) -replace '\s+', ' ' | Should -Match 'DryRun`? does NOT test capacity'
    }
}
