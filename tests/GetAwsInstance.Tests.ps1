# Get-AwsInstance against moto, which keeps separate state per account for AssumeRole credentials:
# profile alpha has moto's default keys (account 123456789012), beta assumes a role in 111111111111.
# The fleet is made and checked with boto3/botocore (tests/fixtures/instances/fleet.py), the engine of the
# AWS CLI, which is called itself for the region list, the organization's accounts and the wire check.
# SSM's DescribeInstanceInformation (which moto lacks) comes from tests/stubs/ssm_proxy.py; faults and
# request counts from tests/stubs/aws_fault_proxy.py.
BeforeAll {
    Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force; Import-AwsWikiUnderTest
    Reset-Moto
    $script:files = Use-TestProfileFiles
    Set-Content -Path $files.Credentials -Value "[alpha]`naws_access_key_id = testing`naws_secret_access_key = testing`n"
    Set-Content -Path $files.Config -Value (@(
            '[profile alpha]', 'region = us-east-1',
            '[profile beta]', 'role_arn = arn:aws:iam::111111111111:role/x', 'source_profile = alpha', 'region = us-east-1') -join "`n")

    $python = (Get-Command python3, python -CommandType Application | Select-Object -First 1).Source
    function script:Invoke-Fleet([string[]] $Arguments) {
        $out = & $python (Join-Path $PSScriptRoot 'fixtures/instances/fleet.py') (Get-MotoUrl) @Arguments
        if ($LASTEXITCODE -ne 0) { throw "fleet.py $Arguments failed: $out" }
        $out | ConvertFrom-Json
    }
    $script:ids = Invoke-Fleet 'fleet'

    $script:ssm = Start-TestStub -Name ssm_proxy -ArgumentList (Get-MotoUrl)
    $env:AWS_ENDPOINT_URL_SSM = $ssm.Url
    $script:proxy = Start-TestStub -Name aws_fault_proxy -ArgumentList @((Get-MotoUrl), '900')

    function script:Set-Faults([object[]] $Rules) {
        Invoke-RestMethod -Method Post -Uri "$($proxy.Url)/__proxy/clear" | Out-Null
        Invoke-RestMethod -Method Post -Uri "$($proxy.Url)/__proxy/faults" -Body (ConvertTo-Json @($Rules) -Depth 5) -ContentType 'application/json' | Out-Null
    }
    # Through the proxy by AWS_ENDPOINT_URL, not -EndpointUrl: the SDK's own AssumeRole for a profile
    # goes through it too, and AWS_ENDPOINT_URL_SSM still points SSM at its stand-in.
    function script:Invoke-ThroughProxy([scriptblock] $Script) {
        $saved = $env:AWS_ENDPOINT_URL
        try { $env:AWS_ENDPOINT_URL = $proxy.Url; . $Script }
        finally { $env:AWS_ENDPOINT_URL = $saved }
    }
    function script:Get-Recorded {
        foreach ($entry in (Invoke-RestMethod -Uri "$($proxy.Url)/__proxy/log")) { $entry }
    }

    $script:regions = 'us-east-1', 'eu-west-1', 'ap-northeast-2'
    # What botocore (the AWS CLI's engine, with its own profile and AssumeRole handling) sees in each
    # profile and region, asked once in one process: one CLI process per call is seconds on a busy machine.
    # "account region id state type" lines by "profile/region", and the instances by id.
    $script:cliSeen = @{}
    $script:cliInstances = @{}
    $pairs = foreach ($p in 'alpha', 'beta') { foreach ($r in $regions) { "$p/$r" } }
    $inventory = Invoke-Fleet (@('inventory') + $pairs)
    foreach ($pair in $pairs) {
        $region = ($pair -split '/')[1]
        $cliSeen[$pair] = @(foreach ($i in $inventory.$pair) { "$($i.OwnerId) $region $($i.InstanceId) $($i.State.Name) $($i.InstanceType)"; $cliInstances[$i.InstanceId] = $i })
    }
    function script:Get-CliInventory([string] $Profile, [string[]] $Regions) {
        foreach ($region in $Regions) { $cliSeen["$Profile/$region"] }
    }
    function script:Format-Inventory($Instances) {
        $Instances | ForEach-Object { "$($_.AccountId) $($_.Region) $($_.InstanceId) $($_.State) $($_.InstanceType)" } | Sort-Object
    }

    $script:all = @(Get-AwsInstance -ProfileName alpha, beta -Region $regions)
}

AfterAll {
    Remove-Item Env:AWS_ENDPOINT_URL_SSM -ErrorAction SilentlyContinue
    Stop-TestStub $ssm
    Stop-TestStub $proxy
}

Describe 'Two accounts, three regions' {
    It 'lists exactly what the AWS CLI sees in each profile and region' {
        $expected = @(Get-CliInventory alpha $regions) + @(Get-CliInventory beta $regions) | Sort-Object
        $expected.Count | Should -Be 6
        Format-Inventory $all | Should -Be $expected
        ($all | Where-Object ProfileName -eq 'beta').AccountId | Sort-Object -Unique | Should -Be '111111111111'
        ($all | Where-Object ProfileName -eq 'alpha').AccountId | Sort-Object -Unique | Should -Be '123456789012'
    }

    It 'joins GPU specs and catalog prices: on-demand, and spot for a spot instance' {
        $gpu = $all | Where-Object InstanceId -eq $ids.gpu
        $gpu.GpuModel | Should -Be 'T4'
        $gpu.GpuCount | Should -Be 1
        $gpu.Lifecycle | Should -Be 'OnDemand'
        $gpu.PricingModel | Should -Be 'OnDemand'
        $gpu.EstimatedHourlyPrice | Should -Be (Get-GpuInstanceOffering -InstanceType g4dn.xlarge -Region us-east-1).HourlyPrice
        $gpu.Currency | Should -Be 'USD'
        $spot = $all | Where-Object InstanceId -eq $ids.spot
        $spot.Lifecycle | Should -Be 'Spot'
        $spot.PricingModel | Should -Be 'Spot'
        $spot.EstimatedHourlyPrice | Should -Be (Get-GpuInstanceOffering -InstanceType g4dn.xlarge -Region eu-west-1 -PricingModel Spot).HourlyPrice
        $p3 = $all | Where-Object InstanceId -eq $ids.p3
        "$($p3.GpuModel) x$($p3.GpuCount)" | Should -Be 'V100 x1'
        ($all | Where-Object InstanceId -eq $ids.small).GpuModel | Should -BeNullOrEmpty
        @($all | Where-Object GpuModel).Count | Should -Be 3
    }

    It 'carries state, uptime, tags, key pair, network and placement as the CLI reports them' {
        $cli = $cliInstances[$ids.gpu]
        $gpu = $all | Where-Object InstanceId -eq $ids.gpu
        $gpu.PrivateIpAddress | Should -Be $cli.PrivateIpAddress
        $gpu.PublicIpAddress | Should -Be $cli.PublicIpAddress
        $gpu.AvailabilityZone | Should -Be $cli.Placement.AvailabilityZone
        $gpu.VpcId | Should -Be $cli.VpcId
        $gpu.SubnetId | Should -Be $cli.SubnetId
        $gpu.KeyName | Should -Be 'fleet-key'
        $gpu.Architecture | Should -Be $cli.Architecture
        $gpu.Name | Should -Be 'gpu-a'
        $gpu.TagText | Should -Be 'Name=gpu-a; Owner=ann; Team=ml'
        $gpu.Tags['Owner'] | Should -Be 'ann'
        $gpu.Uptime | Should -BeGreaterThan ([TimeSpan]::Zero)
        $gpu.Uptime | Should -BeLessThan ([TimeSpan]::FromHours(1))
        $stopped = $all | Where-Object InstanceId -eq $ids.stopped
        $stopped.State | Should -Be 'stopped'
        $stopped.Uptime | Should -BeNullOrEmpty
    }

    It 'reports SSM ping status: Online, ConnectionLost, NotManaged' {
        ($all | Where-Object InstanceId -eq $ids.gpu).SsmPingStatus | Should -Be 'Online'
        ($all | Where-Object InstanceId -eq $ids.offline).SsmPingStatus | Should -Be 'ConnectionLost'
        ($all | Where-Object InstanceId -eq $ids.stopped).SsmPingStatus | Should -Be 'NotManaged'
    }

    It 'adds -TagColumn tags as properties and exports clean CSV columns' {
        $csv = Join-Path $files.Folder 'instances.csv'
        Get-AwsInstance -ProfileName alpha, beta -Region us-east-1 -TagColumn Team, Owner | Export-Csv $csv -NoTypeInformation
        $rows = @(Import-Csv $csv)
        $rows.Count | Should -Be 4
        $header = (Get-Content $csv -TotalCount 1) -replace '"', ''
        $header | Should -Be ((@('Team', 'Owner') + ([AwsWiki.Instances.AwsInstance].GetProperties().Name)) -join ',')
        ($rows | Where-Object InstanceId -eq $ids.p3).Team | Should -Be 'data'
        ($rows | Where-Object InstanceId -eq $ids.p3).Tags | Should -Be 'Name=train-b; Owner=bo; Team=data'
        ($rows | Where-Object InstanceId -eq $ids.stopped).Owner | Should -Be ''
        Get-Content $csv -Raw | Should -Not -Match 'System\.'
    }
}

Describe 'Wildcards and filters' {
    It 'matches profiles and regions by wildcard (regions from DescribeRegions)' {
        $found = @(Get-AwsInstance -ProfileName 'b*' -Region '*-northeast-2', 'us-east-1')
        Format-Inventory $found | Should -Be (@(Get-CliInventory beta 'us-east-1', 'ap-northeast-2') | Sort-Object)
        @(Get-AwsInstance -ProfileName alpha -Region 'eu-*').InstanceId | Should -Be $ids.spot
    }

    It 'filters by type wildcard, state, tag values and raw filters' {
        @(Get-AwsInstance -ProfileName alpha, beta -Region $regions -InstanceType 'p3.*', 'g4dn.*' -State running).InstanceId | Sort-Object |
            Should -Be (@($ids.gpu, $ids.spot, $ids.p3) | Sort-Object)
        @(Get-AwsInstance -ProfileName alpha, beta -State stopped).InstanceId | Should -Be $ids.stopped
        @(Get-AwsInstance -ProfileName alpha, beta -Tag @{ Team = 'ml', 'data' }).InstanceId | Sort-Object | Should -Be (@($ids.gpu, $ids.p3) | Sort-Object)
        @(Get-AwsInstance -ProfileName alpha -Filter @{ 'instance-type' = 't3.micro' }).InstanceId | Sort-Object | Should -Be (@($ids.stopped, $ids.offline) | Sort-Object)
    }

    It 'takes instance ids from the pipeline and reports one it cannot find' {
        $found = @([pscustomobject]@{ InstanceId = $ids.small }, [pscustomobject]@{ InstanceId = 'i-0000000000000dead' } |
                Get-AwsInstance -ProfileName alpha, beta -Region $regions -ErrorVariable missing -ErrorAction SilentlyContinue)
        $found.InstanceId | Should -Be $ids.small
        $found.Region | Should -Be 'ap-northeast-2'
        $missing.Count | Should -Be 1
        $missing[0].FullyQualifiedErrorId | Should -BeLike 'InstanceNotFound,*'
        $missing[0].TargetObject | Should -Be 'i-0000000000000dead'
    }

    It 'lists every enabled region with -AllRegions: one DescribeInstances per region the CLI lists' {
        Set-Faults @()
        $found = @(Invoke-ThroughProxy { Get-AwsInstance -ProfileName beta -AllRegions })
        Format-Inventory $found | Should -Be (@(Get-CliInventory beta 'us-east-1', 'ap-northeast-2') | Sort-Object)
        $cliRegions = @((Invoke-AwsCli ec2 describe-regions --profile beta).Regions.RegionName | Sort-Object)
        $cliRegions.Count | Should -BeGreaterThan 10
        $log = @(Get-Recorded)
        @($log | Where-Object operation -eq 'DescribeRegions').Count | Should -Be 1
        @($log | Where-Object operation -eq 'DescribeInstances' | ForEach-Object region | Sort-Object) | Should -Be $cliRegions
    }

    It 'rejects bad input with a specific error before calling AWS' {
        Set-Faults @()
        { Get-AwsInstance -ProfileName 'nobody*' -EndpointUrl $proxy.Url -ErrorAction Stop } | Should -Throw -ErrorId 'ProfileNotFound,*'
        { Get-AwsInstance -ProfileName alpha -Tag @{ Team = @() } -EndpointUrl $proxy.Url -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidTag,*'
        @(Get-Recorded).Count | Should -Be 0
    }
}

Describe 'Fan-out' {
    It 'resolves each profile once: one AssumeRole and one GetCallerIdentity per profile, one DescribeInstances per pair' {
        Set-Faults @()
        Clear-AssumedRoleCache   # else beta's role session, cached as the AWS CLI caches it, is reused
        $found = @(Invoke-ThroughProxy { Get-AwsInstance -ProfileName alpha, beta -Region $regions })
        $found.Count | Should -Be 6
        $log = @(Get-Recorded)
        # alpha has keys of its own; beta assumes its role once for its three regions.
        @($log | Where-Object operation -eq 'AssumeRole').Count | Should -Be 1
        @($log | Where-Object operation -eq 'GetCallerIdentity').Count | Should -Be 2
        @($log | Where-Object operation -eq 'DescribeInstances').Count | Should -Be 6
    }

    It 'isolates failing pairs: a region throttled to failure and a denied one are one error each, the rest are listed' {
        Set-Faults @(
            @{ match = 'DescribeInstances'; region = 'eu-west-1'; kind = 'throttle'; times = 1000 }
            @{ match = 'DescribeInstances'; region = 'ap-northeast-2'; kind = 'deny'; times = 1000 }
        )
        $saved = $env:AWS_ENDPOINT_URL
        try {
            $env:AWS_ENDPOINT_URL = $proxy.Url
            $found = @(Get-AwsInstance -ProfileName alpha, beta -Region $regions -ErrorVariable failures -ErrorAction SilentlyContinue)
        }
        finally { $env:AWS_ENDPOINT_URL = $saved }
        Format-Inventory $found | Should -Be (@(Get-CliInventory alpha 'us-east-1') + @(Get-CliInventory beta 'us-east-1') | Sort-Object)
        $failures.Count | Should -Be 4
        $failures | ForEach-Object { $_.FullyQualifiedErrorId | Should -BeLike 'InstanceQueryFailed,*' }
        $throttled = @($failures | Where-Object { $_.TargetObject.Region -eq 'eu-west-1' })
        $throttled.Count | Should -Be 2
        $throttled | ForEach-Object { $_.CategoryInfo.Category | Should -Be 'LimitsExceeded' }
        $denied = @($failures | Where-Object { $_.TargetObject.Region -eq 'ap-northeast-2' })
        $denied | ForEach-Object { $_.CategoryInfo.Category | Should -Be 'PermissionDenied' }
        ($denied | Where-Object { $_.TargetObject.ProfileName -eq 'beta' }).Exception.Message | Should -Match "profile 'beta', account 111111111111, region ap-northeast-2"
        # Throttling was retried before giving up; denial was not.
        @(Get-Recorded | Where-Object { $_.operation -eq 'DescribeInstances' -and $_.region -eq 'eu-west-1' }).Count | Should -BeGreaterThan 2
        @(Get-Recorded | Where-Object { $_.operation -eq 'DescribeInstances' -and $_.region -eq 'ap-northeast-2' }).Count | Should -Be 2
    }
    It 'runs at most -ThrottleLimit pairs at once, and at most 4 of one account' {
        Invoke-RestMethod -Method Post -Uri "$($proxy.Url)/__proxy/latency" -Body '{"ms": 300}' -ContentType 'application/json' | Out-Null
        try {
            $six = 'us-east-1', 'us-east-2', 'us-west-1', 'us-west-2', 'eu-west-1', 'ap-northeast-2'
            $peak = foreach ($limit in 8, 2) {
                Set-Faults @()
                $null = Invoke-ThroughProxy { Get-AwsInstance -ProfileName alpha -Region $six -ThrottleLimit $limit }
                $calls = @(Get-Recorded | Where-Object operation -eq 'DescribeInstances')
                $calls.Count | Should -Be 6
                ($calls.inFlight | Measure-Object -Maximum).Maximum
            }
            $peak | Should -Be @(4, 2)
        }
        finally { Invoke-RestMethod -Method Post -Uri "$($proxy.Url)/__proxy/latency" -Body '{"ms": 0}' -ContentType 'application/json' | Out-Null }
    }

    It 'reports progress as pairs done of the total, then completes it' {
        $shell = [PowerShell]::Create()
        try {
            $found = $shell.AddScript("Import-Module '$($env:AWSWIKI_MODULE)'; Get-AwsInstance -ProfileName alpha, beta -Region us-east-1, eu-west-1, ap-northeast-2").Invoke()
            $found.Count | Should -Be 6
            $statuses = @($shell.Streams.Progress | Where-Object RecordType -eq 'Processing' | ForEach-Object StatusDescription | Where-Object { $_ -match 'pairs done' })
            $statuses.Count | Should -Be 6
            $statuses[-1] | Should -Match '^6 of 6 profile/region pairs done'
            @($shell.Streams.Progress | Where-Object RecordType -eq 'Completed').Count | Should -BeGreaterThan 0
        }
        finally { $shell.Dispose() }
    }

    It 'stops everything in flight on Ctrl+C (PowerShell.Stop)' {
        Set-Faults @()
        Invoke-RestMethod -Method Post -Uri "$($proxy.Url)/__proxy/latency" -Body '{"ms": 10000}' -ContentType 'application/json' | Out-Null
        $saved = $env:AWS_ENDPOINT_URL
        $shell = [PowerShell]::Create()
        try {
            $env:AWS_ENDPOINT_URL = $proxy.Url
            $null = $shell.AddScript("Import-Module '$($env:AWSWIKI_MODULE)'; Get-AwsInstance -ProfileName alpha, beta -Region us-east-1, eu-west-1, ap-northeast-2")
            $running = $shell.BeginInvoke()
            # Wait until the first requests (held 10 s by the proxy) are in flight.
            $deadline = [DateTime]::UtcNow.AddSeconds(30)
            while (@(Get-Recorded).Count -eq 0 -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 200 }
            @(Get-Recorded).Count | Should -BeGreaterThan 0
            $clock = [Diagnostics.Stopwatch]::StartNew()
            $shell.Stop()
            $clock.Stop()
            $shell.InvocationStateInfo.State | Should -Be 'Stopped'
            # Stopped while the proxy still held the requests: nothing waited for an answer.
            $clock.Elapsed.TotalSeconds | Should -BeLessThan 8
            $running.IsCompleted | Should -BeTrue
        }
        finally {
            $env:AWS_ENDPOINT_URL = $saved
            Invoke-RestMethod -Method Post -Uri "$($proxy.Url)/__proxy/latency" -Body '{"ms": 0}' -ContentType 'application/json' | Out-Null
            $shell.Dispose()
        }
    }
}

Describe 'Organization accounts through a role' {
    BeforeAll {
        $org = Invoke-Fleet 'org'
        $script:members = @($org.members)
        $script:memberInstance = $org.instance
    }

    It 'lists the management account with its own credentials and each active member through one AssumeRole' {
        Set-Faults @()
        $found = @(Invoke-ThroughProxy { Get-AwsInstance -ProfileName alpha -OrganizationRoleName OrganizationAccountAccessRole -Region us-east-1 })
        $cliAccounts = @((Invoke-AwsCli organizations list-accounts --profile alpha).Accounts | Where-Object Status -eq 'ACTIVE')
        $cliAccounts.Count | Should -Be 3
        $member = $found | Where-Object InstanceId -eq $memberInstance
        $member.AccountId | Should -Be $members[0]
        $member.RoleArn | Should -Be "arn:aws:iam::$($members[0]):role/OrganizationAccountAccessRole"
        $member.ProfileName | Should -Be 'alpha'
        (Format-Inventory ($found | Where-Object AccountId -eq '123456789012')) | Should -Be (@(Get-CliInventory alpha 'us-east-1') | Sort-Object)
        $log = @(Get-Recorded)
        @($log | Where-Object operation -eq 'ListAccounts').Count | Should -Be 1
        @($log | Where-Object operation -eq 'AssumeRole').Count | Should -Be 2
        @($log | Where-Object operation -eq 'DescribeInstances').Count | Should -Be 3
    }

    It 'sends ListAccounts as the AWS CLI does' {
        Set-Faults @()
        & aws organizations list-accounts --profile alpha --endpoint-url $proxy.Url --output json | Out-Null
        $cli = @(Get-Recorded | Where-Object operation -eq 'ListAccounts')[0]
        Set-Faults @()
        $context = [AwsWiki.Aws.AwsContextResolver]::Resolve([AwsWiki.Aws.AwsConnectionOptions]@{ ProfileName = 'alpha'; EndpointUrl = $proxy.Url }, $true, $null)
        $accounts = [AwsWiki.Clients.OrganizationsClient]::new($context).ListAccountsAsync([Threading.CancellationToken]::None).GetAwaiter().GetResult()
        $ours = @(Get-Recorded | Where-Object operation -eq 'ListAccounts')[0]
        $ours.target | Should -Be $cli.target
        $ours.contentType | Should -Be $cli.contentType
        $ours.canonical | Should -Be $cli.canonical
        $ours.target | Should -Be 'AWSOrganizationsV20161128.ListAccounts'
        @($accounts).Count | Should -Be 3
    }
}

Describe 'Views' {
    It 'fits 80 columns, grouped by profile, account and region when several were asked for' {
        $text = $all | Out-String -Width 80
        ($text -split "`n" | Measure-Object -Property Length -Maximum).Maximum | Should -BeLessOrEqual 80
        $text | Should -Match "Profile / Account / Region: beta  account 111111111111  ap-northeast-2"
        $single = Get-AwsInstance -ProfileName alpha | Out-String -Width 80
        $single | Should -Not -Match 'Profile / Account / Region'
        $single | Should -Match 'ID\s+State\s+Type\s+Name\s+Public IP\s+Private IP'
    }

    It 'has awless''s columns in the Awless view' {
        $all | Format-Table -View Awless | Out-String -Width 200 | Should -Match 'ID\s+Zone\s+Name\s+State\s+Type\s+Public IP\s+Private IP\s+Uptime\s+KeyPair'
    }
}
