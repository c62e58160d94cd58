# New-HttpsEntryPoint through a loopback proxy that injects faults between the cmdlet and moto.
BeforeAll {
    Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force; Import-AwsWikiUnderTest
    Reset-Moto
    $script:zoneId = (Invoke-AwsCli route53 create-hosted-zone --name example.net --caller-reference "faults-$([Guid]::NewGuid())").HostedZone.Id -replace '^/hostedzone/', ''
    $ami = (Invoke-AwsCli ec2 describe-images --owners amazon).Images[0].ImageId
    $script:instanceId = (Invoke-AwsCli ec2 run-instances --image-id $ami --count 1 --instance-type t3.micro).Instances[0].InstanceId
    $script:proxy = Start-TestStub -Name aws_fault_proxy -ArgumentList @((Get-MotoUrl), '900')

    function script:Set-Faults([object[]] $Rules) {
        Invoke-RestMethod -Method Post -Uri "$($proxy.Url)/__proxy/clear" | Out-Null
        Invoke-RestMethod -Method Post -Uri "$($proxy.Url)/__proxy/faults" -Body (ConvertTo-Json @($Rules) -Depth 5) -ContentType 'application/json' | Out-Null
    }

    function script:Get-FiredFaults {
        foreach ($entry in (Invoke-RestMethod -Uri "$($proxy.Url)/__proxy/log")) { if ($entry.fault) { $entry } }
    }

    function script:Invoke-ThroughProxy([hashtable] $Parameters) {
        New-HttpsEntryPoint @Parameters -EndpointUrl $proxy.Url -InstanceId $instanceId -CertificateTimeout (New-TimeSpan -Minutes 2) -ErrorAction Stop
    }

    # Counted with the AWS CLI straight at moto: what exists for one domain, duplicates included.
    function script:Get-DomainInventory([string] $Domain) {
        $lbArns = @((Invoke-AwsCli elbv2 describe-load-balancers).LoadBalancers.LoadBalancerArn)
        $tgArns = @((Invoke-AwsCli elbv2 describe-target-groups).TargetGroups.TargetGroupArn)
        $arns = @($lbArns + $tgArns | Where-Object { $_ })
        $tagged = if ($arns) { @((Invoke-AwsCli elbv2 describe-tags --resource-arns @arns).TagDescriptions | Where-Object { ($_.Tags | Where-Object Key -eq 'awswiki:entry-point').Value -eq $Domain }) } else { @() }
        $ourLbs = @($tagged | Where-Object ResourceArn -like '*:loadbalancer/*')
        $listeners = 0
        foreach ($lb in $ourLbs) { $listeners += @((Invoke-AwsCli elbv2 describe-listeners --load-balancer-arn $lb.ResourceArn).Listeners).Count }
        [ordered]@{
            LoadBalancers  = $ourLbs.Count
            Listeners      = $listeners
            TargetGroups   = @($tagged | Where-Object ResourceArn -like '*:targetgroup/*').Count
            SecurityGroups = @((Invoke-AwsCli ec2 describe-security-groups --filters "Name=tag:awswiki:entry-point,Values=$Domain").SecurityGroups).Count
            Certificates   = @((Invoke-AwsCli acm list-certificates).CertificateSummaryList | Where-Object DomainName -eq $Domain).Count
            AliasRecords   = @((Invoke-AwsCli route53 list-resource-record-sets --hosted-zone-id $zoneId).ResourceRecordSets | Where-Object { $_.Name -eq "$Domain." -and $_.Type -eq 'A' }).Count
        } | ConvertTo-Json -Compress
    }

    $script:complete = [ordered]@{ LoadBalancers = 1; Listeners = 2; TargetGroups = 1; SecurityGroups = 2; Certificates = 1; AliasRecords = 1 } | ConvertTo-Json -Compress
    $script:nothing = [ordered]@{ LoadBalancers = 0; Listeners = 0; TargetGroups = 0; SecurityGroups = 0; Certificates = 0; AliasRecords = 0 } | ConvertTo-Json -Compress
}

AfterAll {
    Stop-TestStub $proxy
}

Describe 'Transient faults' {
    It 'throttling, 5xx and dropped connections on every service are absorbed by retries' {
        Set-Faults @(
            @{ match = 'RequestCertificate'; kind = 'drop'; times = 1 }
            @{ match = 'DescribeCertificate'; kind = 'throttle'; times = 2 }
            @{ match = 'CreateTargetGroup'; kind = 'throttle'; times = 2 }
            @{ match = 'CreateLoadBalancer'; kind = 'error500'; times = 2 }
            @{ match = 'CreateListener'; kind = 'drop'; times = 1 }
            @{ match = 'GET /2013-04-01/hostedzone'; kind = 'error500'; times = 1 }
            @{ match = 'POST /2013-04-01/hostedzone/'; kind = 'throttle'; times = 1 }
            @{ match = 'DescribeInstances'; kind = 'error500'; times = 1 }
        )
        $entry = Invoke-ThroughProxy @{ DomainName = 'transient.example.net' }
        $entry.CertificateStatus | Should -Be 'ISSUED'
        $entry.Created | Should -Match 'load-balancer\b'
        @(Get-FiredFaults).Count | Should -Be 11
        Get-DomainInventory 'transient.example.net' | Should -Be $complete
    }
}

Describe 'Answers lost after the service did the work' {
    It 'retries find or adopt what the first attempt created: no duplicates' {
        Set-Faults @(
            @{ match = 'RequestCertificate'; kind = 'drop-after'; times = 1 }
            @{ match = 'CreateSecurityGroup'; kind = 'drop-after'; times = 1 }
            @{ match = 'CreateTargetGroup'; kind = 'drop-after'; times = 1 }
            # Not CreateLoadBalancer nor CreateListener: AWS answers a repeated create with the same
            # resource, but moto makes a second load balancer of the same name and a second listener
            # on the same port, so moto cannot show this case for them.
            @{ match = 'POST /2013-04-01/hostedzone/'; kind = 'drop-after'; times = 2 }
        )
        $entry = Invoke-ThroughProxy @{ DomainName = 'lost.example.net' }
        @(Get-FiredFaults).Count | Should -Be 5
        Get-DomainInventory 'lost.example.net' | Should -Be $complete
        foreach ($kind in 'certificate', 'alias-record') {
            $entry.Created | Should -Match "\b$kind\b"
        }
        # An adopted group or target group may be another run's (a concurrent run on another
        # machine), so it is not counted as this run's and a rollback would leave it.
        foreach ($kind in 'load-balancer-security-group', 'target-group') {
            $entry.Created | Should -Not -Match "\b$kind\b"
        }
        $listeners = (Invoke-AwsCli elbv2 describe-listeners --load-balancer-arn $entry.LoadBalancerArn).Listeners
        ($listeners | Where-Object Port -eq 443).Certificates[0].CertificateArn | Should -Be $entry.CertificateArn
    }
}

Describe 'A hard failure half-way' {
    It 'fails at <Step>, and the same command run again completes with no duplicates' -ForEach @(
        @{ Step = 'RequestCertificate'; Domain = 'hard-cert.example.net' }
        @{ Step = 'AuthorizeSecurityGroupIngress'; Domain = 'hard-sg.example.net' }
        @{ Step = 'CreateTargetGroup'; Domain = 'hard-tg.example.net' }
        @{ Step = 'CreateLoadBalancer'; Domain = 'hard-lb.example.net' }
        @{ Step = 'CreateListener'; Domain = 'hard-listener.example.net' }
        @{ Step = 'POST /2013-04-01/hostedzone/'; Domain = 'hard-dns.example.net' }
    ) {
        Set-Faults @(@{ match = $Step; kind = 'hard'; times = 1 })
        { Invoke-ThroughProxy @{ DomainName = $Domain } } | Should -Throw
        @(Get-FiredFaults).Count | Should -Be 1
        Get-DomainInventory $Domain | Should -Not -Be $complete

        Set-Faults @()
        $entry = Invoke-ThroughProxy @{ DomainName = $Domain }
        $entry.HttpsListenerArn | Should -Not -BeNullOrEmpty
        Get-DomainInventory $Domain | Should -Be $complete

        $again = Invoke-ThroughProxy @{ DomainName = $Domain }
        $again.Created | Should -BeNullOrEmpty
        $again.LoadBalancerArn | Should -Be $entry.LoadBalancerArn
    }

    It 'reports the failing service''s error code as the ErrorId' {
        Set-Faults @(@{ match = 'CreateTargetGroup'; kind = 'hard'; times = 1 })
        try { Invoke-ThroughProxy @{ DomainName = 'errorid.example.net' } } catch { $record = $_ }
        ($record.FullyQualifiedErrorId -split ',')[0] | Should -Be 'InjectedHardFailure'
        $record.Exception.Message | Should -Match 'Injected hard failure on CreateTargetGroup'
        $record.TargetObject | Should -Be 'errorid.example.net'
    }
}

Describe '-RollbackOnFailure' {
    It 'deletes what the failed run created and restores the instance''s groups' {
        $groupsBefore = @((Invoke-AwsCli ec2 describe-instances --instance-ids $instanceId).Reservations[0].Instances[0].SecurityGroups.GroupId)
        $recordsBefore = @((Invoke-AwsCli route53 list-resource-record-sets --hosted-zone-id $zoneId).ResourceRecordSets).Count
        Set-Faults @(@{ match = 'CreateListener'; kind = 'hard'; times = 1 })
        { Invoke-ThroughProxy @{ DomainName = 'rollback.example.net'; RollbackOnFailure = $true } } | Should -Throw '*Injected hard failure*'
        Get-DomainInventory 'rollback.example.net' | Should -Be $nothing
        @((Invoke-AwsCli ec2 describe-instances --instance-ids $instanceId).Reservations[0].Instances[0].SecurityGroups.GroupId) | Should -Be $groupsBefore
        @((Invoke-AwsCli route53 list-resource-record-sets --hosted-zone-id $zoneId).ResourceRecordSets).Count | Should -Be $recordsBefore
    }
}

Describe 'The certificate wait overlaps the load balancer''s creation' {
    It 'sends the network creates while the certificate is still pending, and the HTTPS listener only after it is issued' {
        Set-Faults @()
        $entry = Invoke-ThroughProxy @{ DomainName = 'overlap.example.net' }
        $entry.Created | Should -Match '\bcertificate\b'
        $operations = @(foreach ($e in (Invoke-RestMethod -Uri "$($proxy.Url)/__proxy/log")) { $e.operation })
        $requested = [array]::IndexOf($operations, 'RequestCertificate')
        $lastPoll = [array]::LastIndexOf($operations, 'DescribeCertificate')
        $requested | Should -BeGreaterOrEqual 0
        @($operations[$requested..$lastPoll] | Where-Object { $_ -eq 'DescribeCertificate' }).Count | Should -BeGreaterThan 1 -Because 'the certificate was pending at first'
        foreach ($create in 'CreateSecurityGroup', 'CreateTargetGroup') {
            [array]::IndexOf($operations, $create) | Should -BeLessThan $lastPoll -Because "$create went out before the certificate was seen ISSUED"
        }
        [array]::LastIndexOf($operations, 'CreateListener') | Should -BeGreaterThan $lastPoll -Because 'the HTTPS listener needs the issued certificate'
    }
}
