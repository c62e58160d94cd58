# vCPU quotas: Get-GpuQuota, Request-GpuQuotaIncrease and the quota columns of Find-GpuCapacity.
# moto gives the instances in use (run-instances, Spot included) and the zones; a loopback
# Service Quotas stand-in (tests/stubs/service_quotas_stub.py; moto mocks only service code vpc)
# gives the quotas and records the increase requests; the EC2 capacity stand-in in front of moto
# answers the capacity reservations. The AWS CLI is the independent client both are checked with.
BeforeAll {
    Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force; Import-AwsWikiUnderTest
    Reset-Moto
    $script:quotas = Start-TestStub service_quotas_stub -ArgumentList '900'
    $script:ec2 = Start-TestStub ec2_capacity_stub -ArgumentList (Get-MotoUrl), '900'
    $env:AWS_ENDPOINT_URL_SERVICE_QUOTAS = $quotas.Url
    $env:AWS_ENDPOINT_URL_EC2 = $ec2.Url

    # Instances in use, in us-west-2 (the Get-GpuQuota and Spot region): 2 on-demand g4dn.xlarge
    # (8 vCPUs), 1 Spot g4dn.xlarge (4 vCPUs), 1 on-demand p4d.24xlarge (96 vCPUs), 1 t3.micro (no family quota).
    $ami = (Invoke-AwsCli ec2 describe-images --owners amazon --region us-west-2).Images[0].ImageId
    $null = Invoke-AwsCli ec2 run-instances --region us-west-2 --image-id $ami --instance-type g4dn.xlarge --count 2
    $null = Invoke-AwsCli ec2 run-instances --region us-west-2 --image-id $ami --instance-type g4dn.xlarge --count 1 --instance-market-options MarketType=spot
    $null = Invoke-AwsCli ec2 run-instances --region us-west-2 --image-id $ami --instance-type p4d.24xlarge --count 1
    $null = Invoke-AwsCli ec2 run-instances --region us-west-2 --image-id $ami --instance-type t3.micro --count 1
    # A stopped one does not count.
    $stopped = (Invoke-AwsCli ec2 run-instances --region us-west-2 --image-id $ami --instance-type g4dn.xlarge --count 1).Instances[0].InstanceId
    $null = Invoke-AwsCli ec2 stop-instances --region us-west-2 --instance-ids $stopped

    function Set-Quotas([hashtable] $Config) {
        Invoke-RestMethod -Method Post -Uri "$($quotas.Url)/__stub/config" -Body ($Config | ConvertTo-Json -Depth 5) | Out-Null
    }
    function Set-Ec2Stub([hashtable] $Config = @{}) {
        Invoke-RestMethod -Method Post -Uri "$($ec2.Url)/__stub/config" -Body ($Config | ConvertTo-Json -Depth 5) | Out-Null
    }
    # Invoke-RestMethod writes a JSON array as one object; returning it from a variable enumerates it.
    function Get-QuotaLog { $log = Invoke-RestMethod "$($quotas.Url)/__stub/log"; $log }
    function Get-QuotaRequests { $all = Invoke-RestMethod "$($quotas.Url)/__stub/requests"; $all }
    function Get-ErrorOf([scriptblock] $Script) { try { & $Script -ErrorAction Stop | Out-Null; $null } catch { $_ } }
    function Invoke-QuotaCli {
        param([Parameter(ValueFromRemainingArguments)] [string[]] $Arguments)
        $old = $env:AWSWIKI_TEST_MOTO_URL; $env:AWSWIKI_TEST_MOTO_URL = $quotas.Url
        try { Invoke-AwsCli @Arguments } finally { $env:AWSWIKI_TEST_MOTO_URL = $old }
    }
}

AfterAll {
    Remove-Item Env:AWS_ENDPOINT_URL_SERVICE_QUOTAS, Env:AWS_ENDPOINT_URL_EC2 -ErrorAction SilentlyContinue
    Stop-TestStub $quotas
    Stop-TestStub $ec2
}

Describe 'The Service Quotas stand-in, seen by the AWS CLI' {
    BeforeAll {
        Set-Quotas @{ quotas = @(@{ region = 'us-east-1'; quotaCode = 'L-417A185B'; value = 96 }); pageSize = 1
            requests = @(@{ region = 'us-east-1'; quotaCode = 'L-DB2E81BA'; desiredValue = 64; status = 'CASE_OPENED'; caseId = 'case-1' }
                @{ region = 'us-east-1'; quotaCode = 'L-DB2E81BA'; desiredValue = 32; status = 'APPROVED' })
        }
    }

    It 'answers GetServiceQuota in the shape botocore parses' {
        $quota = (Invoke-QuotaCli service-quotas get-service-quota --service-code ec2 --quota-code L-417A185B --region us-east-1).Quota
        $quota.Value | Should -Be 96
        $quota.QuotaName | Should -Be 'Running On-Demand P instances'
        $quota.QuotaArn | Should -Be 'arn:aws:servicequotas:us-east-1:123456789012:ec2/L-417A185B'
        # Another region reads its own (default) value.
        (Invoke-QuotaCli service-quotas get-service-quota --service-code ec2 --quota-code L-417A185B --region eu-west-1).Quota.Value | Should -Be 0
    }

    It 'pages the request history and refuses a second open request as AWS does' {
        # pageSize 1: the CLI follows NextToken itself and joins the pages.
        $history = (Invoke-QuotaCli service-quotas list-requested-service-quota-change-history-by-quota --service-code ec2 --quota-code L-DB2E81BA --region us-east-1).RequestedQuotas
        @($history).Count | Should -Be 2
        ($history.Status | Sort-Object) -join ',' | Should -Be 'APPROVED,CASE_OPENED'
        { Invoke-QuotaCli service-quotas request-service-quota-increase --service-code ec2 --quota-code L-DB2E81BA --desired-value 128 --region us-east-1 } |
            Should -Throw '*ResourceAlreadyExistsException*'
        $made = (Invoke-QuotaCli service-quotas request-service-quota-increase --service-code ec2 --quota-code L-417A185B --desired-value 192 --region us-east-1).RequestedQuota
        $made.Status | Should -Be 'PENDING'
        $made.DesiredValue | Should -Be 192
    }
}

Describe 'Get-GpuQuota' {
    BeforeAll {
        Set-Quotas @{ quotas = @(@{ region = 'us-west-2'; quotaCode = 'L-DB2E81BA'; value = 64 }, @{ region = 'us-west-2'; quotaCode = 'L-3819A6DF'; value = 16 },
                @{ region = 'us-west-2'; quotaCode = 'L-417A185B'; value = 96 })
            requests = @(@{ region = 'us-west-2'; quotaCode = 'L-7212CCBC'; desiredValue = 192; status = 'PENDING' })
        }
        $script:rows = @(Get-GpuQuota -Region us-west-2)
    }

    It 'gives on-demand and Spot rows for every family, matched by code' {
        $rows.Count | Should -Be 12
        ($rows | Where-Object Market -eq OnDemand).QuotaCode -join ',' | Should -Be 'L-417A185B,L-DB2E81BA,L-6E869C2A,L-2C3B7624,L-1945791B,L-74FC7D96'
        ($rows | Where-Object Market -eq Spot).QuotaCode -join ',' | Should -Be 'L-7212CCBC,L-3819A6DF,L-85EED4F7,L-6B0D517C,L-B5D1601B,L-88CF9481'
        $rows[0].PSObject.TypeNames[0] | Should -Be 'AwsWiki.Gpu.Quotas.GpuQuota'
    }

    It 'counts running and pending instances, Spot against the Spot quota, stopped ones not at all' {
        $g = $rows | Where-Object { $_.Family -eq 'G' -and $_.Market -eq 'OnDemand' }
        $g.QuotaVCpus | Should -Be 64; $g.UsedVCpus | Should -Be 8; $g.HeadroomVCpus | Should -Be 56
        $gSpot = $rows | Where-Object { $_.Family -eq 'G' -and $_.Market -eq 'Spot' }
        $gSpot.QuotaVCpus | Should -Be 16; $gSpot.UsedVCpus | Should -Be 4; $gSpot.HeadroomVCpus | Should -Be 12
        $p = $rows | Where-Object { $_.Family -eq 'P' -and $_.Market -eq 'OnDemand' }
        $p.UsedVCpus | Should -Be 96; $p.HeadroomVCpus | Should -Be 0
        ($rows | Where-Object Family -eq 'DL').UsedVCpus | Should -Be @(0, 0)
    }

    It 'shows an open increase request' {
        $pSpot = $rows | Where-Object { $_.Family -eq 'P' -and $_.Market -eq 'Spot' }
        $pSpot.OpenRequestStatus | Should -Be 'PENDING'
        $pSpot.OpenRequestDesiredValue | Should -Be 192
        $pSpot.OpenRequestId | Should -Not -BeNullOrEmpty
        ($rows | Where-Object OpenRequestStatus).Count | Should -Be 1
    }

    It 'filters by family (VT is G''s quota) and fits 80 columns' {
        $vt = @(Get-GpuQuota -Region us-west-2 -Family VT)
        $vt.QuotaCode -join ',' | Should -Be 'L-DB2E81BA,L-3819A6DF'
        $table = $rows | Format-Table | Out-String -Width 200
        ($table -split "`n" | Measure-Object -Property Length -Maximum).Maximum | Should -BeLessOrEqual 80
    }

    It 'reports a denied Service Quotas as one error naming the region, and goes on with the others' {
        Set-Quotas @{ deny = '*' }
        $out = @(Get-GpuQuota -Region us-west-2, us-east-1 -Family P -ErrorVariable failures -ErrorAction SilentlyContinue)
        $out.Count | Should -Be 0
        $failures.Count | Should -Be 2
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'AccessDeniedException*'
        "$($failures[0])" | Should -Match 'us-(west-2|east-1)'
    }
}

Describe 'Request-GpuQuotaIncrease' {
    BeforeEach {
        Set-Quotas @{ quotas = @(@{ region = 'us-west-2'; quotaCode = 'L-DB2E81BA'; value = 64 }, @{ region = 'us-west-2'; quotaCode = 'L-3819A6DF'; value = 16 }) }
    }

    It 'asks for the vCPUs in use plus Count x the type''s vCPUs, once, after confirming' {
        $made = Request-GpuQuotaIncrease -InstanceType p4d.24xlarge -Count 2 -Region us-west-2 -Confirm:$false
        $made.QuotaCode | Should -Be 'L-417A185B'
        $made.QuotaName | Should -Be 'Running On-Demand P instances'
        $made.CurrentValue | Should -Be 0
        $made.UsedVCpus | Should -Be 96; $made.RequiredVCpus | Should -Be 192
        $made.DesiredValue | Should -Be 288
        $made.Status | Should -Be 'PENDING'; $made.RequestId | Should -Not -BeNullOrEmpty; $made.AlreadyOpen | Should -BeFalse
        $sent = @(Get-QuotaLog | Where-Object operation -eq 'RequestServiceQuotaIncrease')
        $sent.Count | Should -Be 1
        $sent[0].body.DesiredValue | Should -Be 288
        $sent[0].region | Should -Be 'us-west-2'
    }

    It 'raises the Spot quota with -Spot, counting Spot instances in use' {
        $made = Request-GpuQuotaIncrease g4dn.xlarge 10 -Region us-west-2 -Spot -Confirm:$false
        $made.QuotaCode | Should -Be 'L-3819A6DF'
        $made.Market | Should -Be 'Spot'
        $made.CurrentValue | Should -Be 16
        $made.DesiredValue | Should -Be (4 + 10 * 4)
    }

    It 'shows the open request instead of sending a second one' {
        Set-Quotas @{ requests = @(@{ region = 'us-west-2'; quotaCode = 'L-417A185B'; desiredValue = 500; status = 'CASE_OPENED'; caseId = 'case-42' }) }
        $shown = Request-GpuQuotaIncrease p4d.24xlarge 1 -Region us-west-2 -Confirm:$false -WarningVariable warned -WarningAction SilentlyContinue
        $shown.AlreadyOpen | Should -BeTrue
        $shown.Status | Should -Be 'CASE_OPENED'; $shown.CaseId | Should -Be 'case-42'; $shown.DesiredValue | Should -Be 500
        "$warned" | Should -Match 'already open'
        @(Get-QuotaLog | Where-Object operation -eq 'RequestServiceQuotaIncrease').Count | Should -Be 0
        @(Get-QuotaRequests).Count | Should -Be 1
    }

    It 'sends nothing with -WhatIf, and says what it would ask' {
        $out = Invoke-ChildPwsh @"
`$env:AWS_ENDPOINT_URL_SERVICE_QUOTAS = '$($quotas.Url)'; `$env:AWS_ENDPOINT_URL_EC2 = '$($ec2.Url)'
Request-GpuQuotaIncrease p4d.24xlarge 1 -Region us-west-2 -WhatIf
"@
        $out | Should -Match 'What if: .*from 0 to 192 vCPUs \(96 in use \+ 96 for 1 x p4d\.24xlarge\).*L-417A185B'
        @(Get-QuotaLog | Where-Object operation -eq 'RequestServiceQuotaIncrease').Count | Should -Be 0
        @(Get-QuotaRequests).Count | Should -Be 0
    }

    It 'sends nothing when the quota already allows the instances' {
        $out = @(Request-GpuQuotaIncrease g4dn.xlarge 2 -Region us-west-2 -Confirm:$false -WarningVariable warned -WarningAction SilentlyContinue)
        $out.Count | Should -Be 0
        "$warned" | Should -Match 'L-DB2E81BA .* 8 in use \+ 8 for 2 x g4dn.xlarge = 16 fits'
        @(Get-QuotaRequests).Count | Should -Be 0
    }

    It 'refuses a count that overflows, a type EC2 does not know and one without a family quota' {
        $e = Get-ErrorOf { Request-GpuQuotaIncrease p4d.24xlarge 2147483647 -Region us-west-2 -Confirm:$false }
        $e.FullyQualifiedErrorId | Should -BeLike 'VCpuCountOverflow*'
        "$e" | Should -Match '2147483647 x p4d\.24xlarge at 96 vCPUs'
        $e = Get-ErrorOf { Request-GpuQuotaIncrease g4dn.xlarge 536870911 -Region us-west-2 -Confirm:$false }
        $e.FullyQualifiedErrorId | Should -BeLike 'VCpuCountOverflow*' -Because '8 in use + 2147483644 required overflows'
        $e = Get-ErrorOf { Request-GpuQuotaIncrease p4d.99xlarge 1 -Region us-west-2 -Confirm:$false }
        $e.FullyQualifiedErrorId | Should -BeLike 'InstanceTypeNotFound*'
        $e = Get-ErrorOf { Request-GpuQuotaIncrease c6i.large 1 -Region us-west-2 -Confirm:$false }
        $e.FullyQualifiedErrorId | Should -BeLike 'NoGpuQuotaFamily*'
        @(Get-QuotaRequests).Count | Should -Be 0
    }

    It 'fits its default table in 80 columns' {
        $made = Request-GpuQuotaIncrease p4d.24xlarge 1 -Region us-west-2 -Confirm:$false
        $table = $made | Format-Table | Out-String -Width 200
        ($table -split "`n" | Measure-Object -Property Length -Maximum).Maximum | Should -BeLessOrEqual 80
    }
}

Describe 'Find-GpuCapacity with quotas' {
    BeforeAll {
        # us-east-1: no P or G instances run there. p4d.24xlarge (96 vCPUs) is offered in some zones.
        $script:offeredZones = @((Invoke-AwsCli ec2 describe-instance-type-offerings --region us-east-1 --location-type availability-zone-id `
                    --filters 'Name=instance-type,Values=p4d.24xlarge').InstanceTypeOfferings.Location | Sort-Object)
        $script:reservedZone = $offeredZones[0]
        Set-Ec2Stub @{ reservations = @(@{ region = 'us-east-1'; zoneId = $reservedZone; zone = 'us-east-1x'; instanceType = 'p4d.24xlarge'; total = 2; available = 2; state = 'active' }) }
    }

    It 'marks offered zones QuotaExceeded where the family is over quota, and names the code, the numbers and the command' {
        Set-Quotas @{ quotas = @(@{ region = 'us-east-1'; quotaCode = 'L-417A185B'; value = 0 }) }
        $rows = @(Find-GpuCapacity p4d.24xlarge -Count 2 -Region us-east-1)
        $offered = @($rows | Where-Object Offered)
        $offered.Count | Should -Be $offeredZones.Count
        foreach ($row in $rows) {
            $row.QuotaCode | Should -Be 'L-417A185B'
            $row.QuotaVCpus | Should -Be 0; $row.UsedVCpus | Should -Be 0; $row.RequiredVCpus | Should -Be 192
        }
        $exceeded = @($offered | Where-Object AvailabilityZoneId -ne $reservedZone)
        $exceeded.Recommendation | Sort-Object -Unique | Should -Be 'QuotaExceeded'
        $exceeded[0].Reason | Should -Match 'L-417A185B allows 0 vCPUs; 0 in use \+ 192 for 2 x p4d\.24xlarge = 192'
        $exceeded[0].Reason | Should -Match 'Request-GpuQuotaIncrease -InstanceType p4d\.24xlarge -Count 2 -Region us-east-1'
        ($rows | Where-Object { -not $_.Offered }).Recommendation | Sort-Object -Unique | Should -Be 'NotOffered'
    }

    It 'keeps Reserved in a zone where a capacity reservation holds room' {
        Set-Quotas @{ quotas = @(@{ region = 'us-east-1'; quotaCode = 'L-417A185B'; value = 0 }) }
        $row = Find-GpuCapacity p4d.24xlarge -Count 2 -Region us-east-1 | Where-Object AvailabilityZoneId -eq $reservedZone
        $row.Recommendation | Should -Be 'Reserved'
        $row.QuotaCode | Should -Be 'L-417A185B'
    }

    It 'recommends as before within quota, with the quota columns filled' {
        Set-Quotas @{ quotas = @(@{ region = 'us-east-1'; quotaCode = 'L-417A185B'; value = 192 }) }
        $rows = @(Find-GpuCapacity p4d.24xlarge -Count 2 -Region us-east-1 | Where-Object Offered | Where-Object AvailabilityZoneId -ne $reservedZone)
        $rows.Recommendation | Sort-Object -Unique | Should -Be 'OnDemandLikely'
        $rows[0].QuotaVCpus | Should -Be 192; $rows[0].RequiredVCpus | Should -Be 192
    }

    It 'lists the rows as before, with the quota columns empty and one warning naming Service Quotas, when it is denied' {
        Set-Quotas @{ deny = '*' }
        $rows = @(Find-GpuCapacity p4d.24xlarge, g5.xlarge -Count 2 -Region us-east-1 -WarningVariable warned -WarningAction SilentlyContinue)
        $rows.Count | Should -BeGreaterThan 0
        $rows | ForEach-Object { $_.QuotaCode | Should -BeNullOrEmpty; $_.QuotaVCpus | Should -BeNullOrEmpty; $_.UsedVCpus | Should -BeNullOrEmpty; $_.RequiredVCpus | Should -BeNullOrEmpty }
        ($rows | Where-Object Recommendation -eq 'QuotaExceeded').Count | Should -Be 0
        $quotaWarnings = @($warned | Where-Object { "$_" -match 'Service Quotas' })
        $quotaWarnings.Count | Should -Be 1
        "$($quotaWarnings[0])" | Should -Match 'AccessDeniedException'
    }

    It 'pipes the QuotaExceeded rows into one request per quota and region' {
        Set-Quotas @{ quotas = @(@{ region = 'us-east-1'; quotaCode = 'L-417A185B'; value = 0 }) }
        $made = @(Find-GpuCapacity p4d.24xlarge -Count 2 -Region us-east-1 | Where-Object Recommendation -eq QuotaExceeded | Request-GpuQuotaIncrease -Confirm:$false)
        $made.Count | Should -Be 1
        $made[0].DesiredValue | Should -Be 192
        @(Get-QuotaLog | Where-Object operation -eq 'RequestServiceQuotaIncrease').Count | Should -Be 1
    }

    It 'sends nothing for the README pipeline with -WhatIf' {
        Set-Quotas @{ quotas = @(@{ region = 'us-east-1'; quotaCode = 'L-417A185B'; value = 0 }) }
        $out = Invoke-ChildPwsh @"
`$env:AWS_ENDPOINT_URL_SERVICE_QUOTAS = '$($quotas.Url)'; `$env:AWS_ENDPOINT_URL_EC2 = '$($ec2.Url)'
Find-GpuCapacity p4d.24xlarge -Count 2 -Region us-east-1 | Where Recommendation -eq QuotaExceeded | Request-GpuQuotaIncrease -WhatIf
"@
        @([regex]::Matches($out, 'What if:')).Count | Should -Be 1
        $out | Should -Match 'from 0 to 192 vCPUs'
        @(Get-QuotaLog | Where-Object operation -eq 'RequestServiceQuotaIncrease').Count | Should -Be 0
    }
}

Describe 'Service Quotas client on the wire' {
    # The module's requests and the AWS CLI's, recorded at the proxy in front of the stand-in and
    # compared in canonical form (X-Amz-Target, content type, the JSON body). JSON numbers are
    # compared as numbers: the CLI writes a double as 288.0, .NET as 288.
    BeforeAll {
        $script:proxy = Start-TestStub -Name aws_fault_proxy -ArgumentList @($quotas.Url, '900')
        $context = [AwsWiki.Aws.AwsContextResolver]::Resolve([AwsWiki.Aws.AwsConnectionOptions]@{ EndpointUrl = $proxy.Url; Region = 'us-east-1' }, $true, $null)
        $script:client = [AwsWiki.Clients.ServiceQuotasClient]::new($context, $null)
        $script:none = [Threading.CancellationToken]::None
        Set-Quotas @{ requests = @(@{ region = 'us-east-1'; quotaCode = 'L-DB2E81BA'; desiredValue = 64; status = 'PENDING' }) }

        function script:Invoke-CliThroughProxy {
            param([Parameter(ValueFromRemainingArguments)] [string[]] $Arguments)
            $out = & aws @Arguments --endpoint-url $proxy.Url --region us-east-1 --output json 2>&1
            if ($LASTEXITCODE -ne 0) { throw "aws $($Arguments -join ' ') failed: $out" }
        }
        function script:Get-Recorded([string] $Operation) {
            Invoke-RestMethod -Method Post -Uri "$($proxy.Url)/__proxy/clear" | Out-Null
            $found = $null
            foreach ($entry in (Invoke-RestMethod -Uri "$($proxy.Url)/__proxy/log")) { if ($entry.operation -eq $Operation) { $found = $entry } }
            $found
        }
        function script:Compare-Wire([string] $Operation, [scriptblock] $Cli, [scriptblock] $Ours) {
            Invoke-RestMethod -Method Post -Uri "$($proxy.Url)/__proxy/clear" | Out-Null
            & $Cli
            $log = Invoke-RestMethod -Uri "$($proxy.Url)/__proxy/log"; $cliRequest = @($log | Where-Object operation -eq $Operation)[0]
            Invoke-RestMethod -Method Post -Uri "$($proxy.Url)/__proxy/clear" | Out-Null
            $null = & $Ours
            $log = Invoke-RestMethod -Uri "$($proxy.Url)/__proxy/log"; $ourRequest = @($log | Where-Object operation -eq $Operation)[0]
            $cliRequest | Should -Not -BeNullOrEmpty; $ourRequest | Should -Not -BeNullOrEmpty
            $ourRequest.protocol | Should -Be 'json'
            $ourRequest.target | Should -Be $cliRequest.target
            $ourRequest.method | Should -Be $cliRequest.method
            $ourRequest.contentType | Should -Be $cliRequest.contentType
            ($ourRequest.canonical -replace '(\d)\.0\b', '$1') | Should -Be ($cliRequest.canonical -replace '(\d)\.0\b', '$1')
            $ourRequest.canonical
        }
    }
    AfterAll { Stop-TestStub $proxy }

    It 'GetServiceQuota' {
        $canonical = Compare-Wire 'GetServiceQuota' { Invoke-CliThroughProxy service-quotas get-service-quota --service-code ec2 --quota-code L-417A185B } {
            $client.GetServiceQuotaAsync('ec2', 'L-417A185B', $none).GetAwaiter().GetResult() }
        $canonical | Should -Be '{"QuotaCode": "L-417A185B", "ServiceCode": "ec2"}'
    }

    It 'ListRequestedServiceQuotaChangeHistoryByQuota' {
        $null = Compare-Wire 'ListRequestedServiceQuotaChangeHistoryByQuota' {
            Invoke-CliThroughProxy service-quotas list-requested-service-quota-change-history-by-quota --service-code ec2 --quota-code L-DB2E81BA } {
            $client.ListRequestedChangesAsync('ec2', 'L-DB2E81BA', $none).GetAwaiter().GetResult() }
    }

    It 'RequestServiceQuotaIncrease' {
        $canonical = Compare-Wire 'RequestServiceQuotaIncrease' {
            Invoke-CliThroughProxy service-quotas request-service-quota-increase --service-code ec2 --quota-code L-417A185B --desired-value 288
            Set-Quotas @{} } {
            $client.RequestIncreaseAsync('ec2', 'L-417A185B', 288, $none).GetAwaiter().GetResult() }
        $canonical | Should -Match '"DesiredValue": 288'
    }

    It 'signs for servicequotas in the region, and follows AWS_ENDPOINT_URL_SERVICE_QUOTAS' {
        Invoke-RestMethod -Method Post -Uri "$($proxy.Url)/__proxy/clear" | Out-Null
        $env:AWS_ENDPOINT_URL_SERVICE_QUOTAS = $proxy.Url
        try { $null = Get-GpuQuota -Region eu-west-1 -Family F } finally { $env:AWS_ENDPOINT_URL_SERVICE_QUOTAS = $quotas.Url }
        $log = Invoke-RestMethod -Uri "$($proxy.Url)/__proxy/log"
        @($log | Where-Object operation -eq 'GetServiceQuota').Count | Should -Be 2
        ($log | Where-Object operation -eq 'GetServiceQuota').region | Sort-Object -Unique | Should -Be 'eu-west-1'
    }
}
