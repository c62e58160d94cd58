# New-, Get- and Remove-HttpsEntryPoint against moto, checked with the AWS CLI.
BeforeAll {
    Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force; Import-AwsWikiUnderTest
    Reset-Moto
    $script:zone = (Invoke-AwsCli route53 create-hosted-zone --name example.com --caller-reference "ep-$([Guid]::NewGuid())").HostedZone
    $script:zoneId = $zone.Id -replace '^/hostedzone/', ''
    $script:ami = (Invoke-AwsCli ec2 describe-images --owners amazon).Images[0].ImageId
    $run = Invoke-AwsCli ec2 run-instances --image-id $ami --count 2 --instance-type t3.micro
    $script:instanceIds = @($run.Instances.InstanceId | Sort-Object)
    $script:defaultVpc = (Invoke-AwsCli ec2 describe-vpcs --filters 'Name=is-default,Values=true').Vpcs[0].VpcId

    function script:Get-ErrorIdOf([scriptblock] $Script) {
        try { & $Script | Out-Null; 'NoError' } catch { ($_.FullyQualifiedErrorId -split ',')[0] }
    }

    function script:Get-ResourceCounts {
        $lbs = @((Invoke-AwsCli elbv2 describe-load-balancers).LoadBalancers)
        $listeners = 0
        foreach ($lb in $lbs) { $listeners += @((Invoke-AwsCli elbv2 describe-listeners --load-balancer-arn $lb.LoadBalancerArn).Listeners).Count }
        [ordered]@{
            LoadBalancers  = $lbs.Count
            Listeners      = $listeners
            TargetGroups   = @((Invoke-AwsCli elbv2 describe-target-groups).TargetGroups).Count
            Certificates   = @((Invoke-AwsCli acm list-certificates).CertificateSummaryList).Count
            SecurityGroups = @((Invoke-AwsCli ec2 describe-security-groups).SecurityGroups).Count
            Records        = @((Invoke-AwsCli route53 list-resource-record-sets --hosted-zone-id $zoneId).ResourceRecordSets).Count
        } | ConvertTo-Json -Compress
    }

    function script:Get-Records([string] $Name) {
        @((Invoke-AwsCli route53 list-resource-record-sets --hosted-zone-id $zoneId).ResourceRecordSets | Where-Object Name -eq "$Name.")
    }
}

Describe 'New-HttpsEntryPoint' {
    It 'never shows the secret key, not even with -Verbose and -WhatIf' {
        $secret = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYSECRETKEY'
        $text = Invoke-ChildPwsh "New-HttpsEntryPoint -DomainName www.example.com -InstanceId $($instanceIds[0]) -AccessKey AKIAIOSFODNN7EXAMPLE -SecretKey '$secret' -WhatIf -Verbose; New-HttpsEntryPoint -DomainName www.nozone.org -InstanceId $($instanceIds[0]) -AccessKey AKIAIOSFODNN7EXAMPLE -SecretKey '$secret' -Verbose"
        $text | Should -Match 'What if:'
        $text | Should -Match 'No public Route 53 hosted zone contains www\.nozone\.org'
        $text | Should -Not -Match ([regex]::Escape($secret))
    }

    It '-WhatIf lists what it would create and creates nothing' {
        $before = Get-ResourceCounts
        $text = Invoke-ChildPwsh "New-HttpsEntryPoint -DomainName www.example.com -InstanceId $($instanceIds -join ',') -WhatIf"
        $text | Should -Match 'What if: .*www\.example\.com'
        $text | Should -Match 'ACM certificate for www\.example\.com'
        $text | Should -Match 'Application Load Balancer'
        $text | Should -Match 'HTTP_301'
        $text | Should -Match 'ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09'
        Get-ResourceCounts | Should -Be $before
    }

    Context 'the full flow' {
        BeforeAll {
            $script:countsBefore = Get-ResourceCounts
            # Instances pipe in by property name, as AWS Tools' instance objects do.
            $script:entry = $instanceIds | ForEach-Object { [pscustomobject]@{ InstanceId = $_ } } |
                New-HttpsEntryPoint -DomainName WWW.Example.com. -CertificateTimeout (New-TimeSpan -Minutes 2) -Tag @{ Owner = 'tests' }
        }

        It 'returns one HttpsEntryPoint that says what it created' {
            $entry | Should -HaveCount 1
            $entry.GetType().FullName | Should -Be 'AwsWiki.EntryPoint.HttpsEntryPoint'
            $entry.DomainName | Should -Be 'www.example.com'
            $entry.Url | Should -Be 'https://www.example.com/'
            $entry.HostedZoneId | Should -Be $zoneId
            $entry.CertificateStatus | Should -Be 'ISSUED'
            $entry.TargetPort | Should -Be 8080
            foreach ($kind in 'certificate', 'validation-record', 'load-balancer-security-group', 'targets-security-group', 'target-group', 'load-balancer', 'http-listener', 'https-listener', 'alias-record') {
                $entry.Created | Should -Match "\b$kind\b"
            }
        }

        It 'created an internet-facing application load balancer in at least two zones' {
            $lb = (Invoke-AwsCli elbv2 describe-load-balancers --load-balancer-arns $entry.LoadBalancerArn).LoadBalancers[0]
            $lb.Scheme | Should -Be 'internet-facing'
            $lb.Type | Should -Be 'application'
            $lb.VpcId | Should -Be $defaultVpc
            @($lb.AvailabilityZones.ZoneName | Select-Object -Unique).Count | Should -BeGreaterOrEqual 2
            $lb.DNSName | Should -Be $entry.LoadBalancerDnsName
            $lb.CanonicalHostedZoneId | Should -Be $entry.CanonicalHostedZoneId
            $lb.SecurityGroups | Should -Be @(($entry.SecurityGroupIds -split ', ')[0])
            $tags = (Invoke-AwsCli elbv2 describe-tags --resource-arns $entry.LoadBalancerArn).TagDescriptions[0].Tags
            ($tags | Where-Object Key -eq 'awswiki:entry-point').Value | Should -Be 'www.example.com'
            ($tags | Where-Object Key -eq 'Owner').Value | Should -Be 'tests'
        }

        It 'redirects HTTP:80 to HTTPS:443 with HTTP_301 and serves HTTPS:443 with the certificate and TLS policy' {
            $listeners = (Invoke-AwsCli elbv2 describe-listeners --load-balancer-arn $entry.LoadBalancerArn).Listeners
            $listeners | Should -HaveCount 2
            $http = $listeners | Where-Object Port -eq 80
            $http.ListenerArn | Should -Be $entry.HttpListenerArn
            $http.Protocol | Should -Be 'HTTP'
            $http.DefaultActions[0].Type | Should -Be 'redirect'
            $http.DefaultActions[0].RedirectConfig.Protocol | Should -Be 'HTTPS'
            $http.DefaultActions[0].RedirectConfig.Port | Should -Be '443'
            $http.DefaultActions[0].RedirectConfig.StatusCode | Should -Be 'HTTP_301'
            $https = $listeners | Where-Object Port -eq 443
            $https.ListenerArn | Should -Be $entry.HttpsListenerArn
            $https.Protocol | Should -Be 'HTTPS'
            $https.SslPolicy | Should -Be 'ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09'
            $https.Certificates[0].CertificateArn | Should -Be $entry.CertificateArn
            $https.DefaultActions[0].Type | Should -Be 'forward'
            $https.DefaultActions[0].TargetGroupArn | Should -Be $entry.TargetGroupArn
        }

        It 'registered the instances in an HTTP target group on the target port' {
            $tg = (Invoke-AwsCli elbv2 describe-target-groups --target-group-arns $entry.TargetGroupArn).TargetGroups[0]
            $tg.Protocol | Should -Be 'HTTP'
            $tg.Port | Should -Be 8080
            $tg.HealthCheckPath | Should -Be '/'
            $targets = (Invoke-AwsCli elbv2 describe-target-health --target-group-arn $entry.TargetGroupArn).TargetHealthDescriptions
            @($targets.Target.Id | Sort-Object) | Should -Be $instanceIds
            @($targets.Target.Port | Select-Object -Unique) | Should -Be @(8080)
        }

        It 'opens 80 and 443 to the world on the load balancer and only the target port from it on the instances' {
            $lbGroupId, $targetsGroupId = $entry.SecurityGroupIds -split ', '
            $lbGroup = (Invoke-AwsCli ec2 describe-security-groups --group-ids $lbGroupId).SecurityGroups[0]
            foreach ($port in 80, 443) {
                $rule = $lbGroup.IpPermissions | Where-Object FromPort -eq $port
                $rule.IpRanges.CidrIp | Should -Contain '0.0.0.0/0'
                $rule.Ipv6Ranges.CidrIpv6 | Should -Contain '::/0'
            }
            $targetsGroup = (Invoke-AwsCli ec2 describe-security-groups --group-ids $targetsGroupId).SecurityGroups[0]
            $targetsGroup.IpPermissions | Should -HaveCount 1
            $targetsGroup.IpPermissions[0].FromPort | Should -Be 8080
            $targetsGroup.IpPermissions[0].UserIdGroupPairs.GroupId | Should -Be $lbGroupId
            @($targetsGroup.IpPermissions[0].IpRanges).Count | Should -Be 0
            $instances = (Invoke-AwsCli ec2 describe-instances --instance-ids @instanceIds).Reservations.Instances
            foreach ($instance in $instances) { $instance.SecurityGroups.GroupId | Should -Contain $targetsGroupId }
        }

        It 'issued the certificate after writing its validation CNAME into the zone' {
            $certificate = (Invoke-AwsCli acm describe-certificate --certificate-arn $entry.CertificateArn).Certificate
            $certificate.DomainName | Should -Be 'www.example.com'
            $certificate.Status | Should -Be 'ISSUED'
            $validation = $certificate.DomainValidationOptions[0].ResourceRecord
            $record = Get-Records ($validation.Name.TrimEnd('.'))
            $record.Type | Should -Be 'CNAME'
            $record.ResourceRecords[0].Value | Should -Be $validation.Value
        }

        It 'points an alias A record at the load balancer (dualstack name, its CanonicalHostedZoneId, target health)' {
            $records = Get-Records 'www.example.com'
            $records | Should -HaveCount 1
            $records[0].Type | Should -Be 'A'
            $records[0].AliasTarget.HostedZoneId | Should -Be $entry.CanonicalHostedZoneId
            $records[0].AliasTarget.HostedZoneId | Should -Not -Be $zoneId
            $records[0].AliasTarget.DNSName.TrimEnd('.') | Should -Be "dualstack.$($entry.LoadBalancerDnsName)"
            $records[0].AliasTarget.EvaluateTargetHealth | Should -BeTrue
        }

        It 'a second run with the same arguments returns the same ARNs and creates nothing' {
            $afterFirst = Get-ResourceCounts
            $again = New-HttpsEntryPoint -DomainName www.example.com -InstanceId $instanceIds -Tag @{ Owner = 'tests' }
            $again.Created | Should -BeNullOrEmpty
            foreach ($property in 'CertificateArn', 'LoadBalancerArn', 'TargetGroupArn', 'HttpListenerArn', 'HttpsListenerArn', 'SecurityGroupIds') {
                $again.$property | Should -Be $entry.$property
            }
            Get-ResourceCounts | Should -Be $afterFirst
        }

        It 'Get-HttpsEntryPoint rebuilds it from the tags, with target health' {
            $found = @(Get-HttpsEntryPoint 'www.*')
            $found | Should -HaveCount 1
            foreach ($property in 'DomainName', 'CertificateArn', 'CertificateStatus', 'LoadBalancerArn', 'TargetGroupArn', 'HttpListenerArn', 'HttpsListenerArn', 'SecurityGroupIds', 'SslPolicy', 'CanonicalHostedZoneId', 'TargetPort', 'HostedZoneId') {
                $found[0].$property | Should -Be $entry.$property
            }
            $found[0].Targets | Should -Match ([regex]::Escape($instanceIds[0]) + '=\w+')
            $found[0].Targets | Should -Match ([regex]::Escape($instanceIds[1]) + '=\w+')
            Get-ErrorIdOf { Get-HttpsEntryPoint nothing.example.com -ErrorAction Stop } | Should -Be 'EntryPointNotFound'
        }

        It 'Remove-HttpsEntryPoint -WhatIf deletes nothing' {
            $before = Get-ResourceCounts
            $text = Invoke-ChildPwsh "Remove-HttpsEntryPoint www.example.com -WhatIf"
            $text | Should -Match 'What if: .*load balancer'
            Get-ResourceCounts | Should -Be $before
        }

        It 'Remove-HttpsEntryPoint (from Get-HttpsEntryPoint) leaves nothing it created behind' {
            Get-HttpsEntryPoint www.example.com | Remove-HttpsEntryPoint -Confirm:$false
            Get-ResourceCounts | Should -Be $countsBefore
            Get-Records 'www.example.com' | Should -BeNullOrEmpty
            $instances = (Invoke-AwsCli ec2 describe-instances --instance-ids @instanceIds).Reservations.Instances
            $targetsGroupId = ($entry.SecurityGroupIds -split ', ')[1]
            foreach ($instance in $instances) { $instance.SecurityGroups.GroupId | Should -Not -Contain $targetsGroupId }
            @(Get-HttpsEntryPoint) | Should -HaveCount 0
        }
    }
}

Describe 'New-HttpsEntryPoint refuses bad input and creates nothing' {
    BeforeAll {
        $script:otherVpc = (Invoke-AwsCli ec2 create-vpc --cidr-block 10.9.0.0/16).Vpc.VpcId
        $subnet = (Invoke-AwsCli ec2 create-subnet --vpc-id $otherVpc --cidr-block 10.9.1.0/24 --availability-zone us-east-1a).Subnet.SubnetId
        $script:isolatedInstance = (Invoke-AwsCli ec2 run-instances --image-id $ami --count 1 --instance-type t3.micro --subnet-id $subnet).Instances[0].InstanceId
        $script:otherCertificate = (Invoke-AwsCli acm request-certificate --domain-name other.example.com --validation-method DNS).CertificateArn
        $batch = '{"Changes":[{"Action":"CREATE","ResourceRecordSet":{"Name":"taken.example.com.","Type":"A","TTL":300,"ResourceRecords":[{"Value":"192.0.2.10"}]}}]}'
        Invoke-AwsCli route53 change-resource-record-sets --hosted-zone-id $zoneId --change-batch $batch | Out-Null
        $script:badInputCounts = Get-ResourceCounts
    }

    It '<ErrorId> for <Case>' -ForEach @(
        @{ Case = 'a malformed domain'; ErrorId = 'InvalidDomainName'; Arguments = @{ DomainName = 'not a domain' } }
        @{ Case = 'a domain with no hosted zone'; ErrorId = 'HostedZoneNotFound'; Arguments = @{ DomainName = 'www.nozone.org' } }
        @{ Case = 'a hosted zone id that does not exist'; ErrorId = 'HostedZoneNotFound'; Arguments = @{ HostedZoneId = 'ZNOSUCHZONE1' } }
        @{ Case = 'an instance that does not exist'; ErrorId = 'InstanceNotFound'; Arguments = @{ InstanceId = 'i-0123456789abcdef0' } }
        @{ Case = 'target port 80'; ErrorId = 'InvalidTargetPort'; Arguments = @{ TargetPort = 80 } }
        @{ Case = 'a target port out of range'; ErrorId = 'ParameterArgumentValidationError'; Arguments = @{ TargetPort = 70000 } }
        @{ Case = 'a certificate from another region'; ErrorId = 'CertificateInOtherRegion'; Arguments = @{ CertificateArn = 'arn:aws:acm:eu-west-1:123456789012:certificate/00000000-0000-0000-0000-000000000000' } }
        @{ Case = 'an SSL policy the service does not know'; ErrorId = 'SslPolicyNotFound'; Arguments = @{ SslPolicy = 'ELBSecurityPolicy-NoSuchPolicy' } }
        @{ Case = 'an invalid name'; ErrorId = 'InvalidName'; Arguments = @{ Name = '-bad_name-' } }
        @{ Case = 'dualstack without IPv6 subnets'; ErrorId = 'SubnetsLackIpv6'; Arguments = @{ IpAddressType = 'dualstack' } }
        @{ Case = 'subnets in one availability zone'; ErrorId = 'NotEnoughAvailabilityZones'; Arguments = @{ SubnetId = 'FIRST-DEFAULT-SUBNET' } }
    ) {
        $parameters = @{ DomainName = 'bad.example.com'; InstanceId = $instanceIds; CertificateTimeout = (New-TimeSpan -Seconds 30) }
        foreach ($key in $Arguments.Keys) { $parameters[$key] = $Arguments[$key] }
        if ($parameters['SubnetId'] -eq 'FIRST-DEFAULT-SUBNET') { $parameters['SubnetId'] = (Invoke-AwsCli ec2 describe-subnets --filters "Name=vpc-id,Values=$defaultVpc").Subnets[0].SubnetId }
        Get-ErrorIdOf { New-HttpsEntryPoint @parameters -ErrorAction Stop } | Should -Be $ErrorId
    }

    It 'CertificateDoesNotCoverDomain for a certificate of another name' {
        Get-ErrorIdOf { New-HttpsEntryPoint bad.example.com -InstanceId $instanceIds -CertificateArn $otherCertificate -ErrorAction Stop } | Should -Be 'CertificateDoesNotCoverDomain'
    }

    It 'InstancesInDifferentVpcs for instances in two VPCs' {
        Get-ErrorIdOf { New-HttpsEntryPoint bad.example.com -InstanceId ($instanceIds + $isolatedInstance) -ErrorAction Stop } | Should -Be 'InstancesInDifferentVpcs'
    }

    It 'NotEnoughPublicSubnets for a VPC with one private subnet' {
        Get-ErrorIdOf { New-HttpsEntryPoint bad.example.com -InstanceId $isolatedInstance -ErrorAction Stop } | Should -Be 'NotEnoughPublicSubnets'
    }

    It 'DomainRecordExists when the name already has a record this module did not make, which stays as it was' {
        Get-ErrorIdOf { New-HttpsEntryPoint taken.example.com -InstanceId $instanceIds -ErrorAction Stop } | Should -Be 'DomainRecordExists'
        (Get-Records 'taken.example.com').ResourceRecords.Value | Should -Be '192.0.2.10'
    }

    It 'the error names its target and category' {
        try { New-HttpsEntryPoint bad.example.com -InstanceId $instanceIds -TargetPort 80 -ErrorAction Stop } catch { $record = $_ }
        $record.CategoryInfo.Category | Should -Be 'InvalidArgument'
        $record.TargetObject | Should -Be 80
        $record.Exception.Message | Should -Match 'another port'
    }

    It 'nothing was created by any of the refused calls' {
        Get-ResourceCounts | Should -Be $badInputCounts
    }
}

Describe 'A dual-stack entry point' {
    BeforeAll {
        # A VPC with IPv6, two subnets with IPv6 CIDRs in two zones, public through an internet gateway route (not MapPublicIpOnLaunch).
        $vpc = (Invoke-AwsCli ec2 create-vpc --cidr-block 10.20.0.0/16 --amazon-provided-ipv6-cidr-block).Vpc
        $ipv6 = $vpc.Ipv6CidrBlockAssociationSet[0].Ipv6CidrBlock
        $prefix = $ipv6.Substring(0, $ipv6.IndexOf('::'))
        $prefix = $prefix.Substring(0, $prefix.Length - 2)
        $subnetA = (Invoke-AwsCli ec2 create-subnet --vpc-id $vpc.VpcId --cidr-block 10.20.1.0/24 --availability-zone us-east-1a --ipv6-cidr-block "${prefix}01::/64").Subnet.SubnetId
        $subnetB = (Invoke-AwsCli ec2 create-subnet --vpc-id $vpc.VpcId --cidr-block 10.20.2.0/24 --availability-zone us-east-1b --ipv6-cidr-block "${prefix}02::/64").Subnet.SubnetId
        $gateway = (Invoke-AwsCli ec2 create-internet-gateway).InternetGateway.InternetGatewayId
        Invoke-AwsCli ec2 attach-internet-gateway --internet-gateway-id $gateway --vpc-id $vpc.VpcId | Out-Null
        $mainTable = (Invoke-AwsCli ec2 describe-route-tables --filters "Name=vpc-id,Values=$($vpc.VpcId)" 'Name=association.main,Values=true').RouteTables[0].RouteTableId
        Invoke-AwsCli ec2 create-route --route-table-id $mainTable --destination-cidr-block 0.0.0.0/0 --gateway-id $gateway | Out-Null
        $script:dualInstance = (Invoke-AwsCli ec2 run-instances --image-id $ami --count 1 --instance-type t3.micro --subnet-id $subnetA).Instances[0].InstanceId
        $script:dualSubnets = @($subnetA, $subnetB | Sort-Object)
        $script:dual = New-HttpsEntryPoint -DomainName dual.example.com -InstanceId $dualInstance -TargetPort 5000 -HealthCheckPath /health
    }

    It 'chooses the internet-gateway subnets, dualstack, and writes A and AAAA aliases' {
        $dual.IpAddressType | Should -Be 'dualstack'
        $lb = (Invoke-AwsCli elbv2 describe-load-balancers --load-balancer-arns $dual.LoadBalancerArn).LoadBalancers[0]
        @($lb.AvailabilityZones.SubnetId | Sort-Object) | Should -Be $dualSubnets
        $records = @(Get-Records 'dual.example.com' | Sort-Object Type)
        @($records.Type) | Should -Be @('A', 'AAAA')
        foreach ($record in $records) {
            $record.AliasTarget.HostedZoneId | Should -Be $dual.CanonicalHostedZoneId
            $record.AliasTarget.DNSName.TrimEnd('.') | Should -Be "dualstack.$($dual.LoadBalancerDnsName)"
        }
        $tg = (Invoke-AwsCli elbv2 describe-target-groups --target-group-arns $dual.TargetGroupArn).TargetGroups[0]
        $tg.Port | Should -Be 5000
        $tg.HealthCheckPath | Should -Be '/health'
    }

    It 'Remove-HttpsEntryPoint -KeepCertificate removes both records and keeps the certificate' {
        Remove-HttpsEntryPoint dual.example.com -KeepCertificate -Confirm:$false
        Get-Records 'dual.example.com' | Should -BeNullOrEmpty
        (Invoke-AwsCli acm describe-certificate --certificate-arn $dual.CertificateArn).Certificate.Status | Should -Be 'ISSUED'
        { Invoke-AwsCli elbv2 describe-load-balancers --load-balancer-arns $dual.LoadBalancerArn } | Should -Throw '*LoadBalancerNotFound*'
    }
}

Describe 'Certificate timeout' {
    It 'is a clear error that says what exists, and the same command finishes the job later' {
        try { New-HttpsEntryPoint -DomainName slow.example.com -InstanceId $instanceIds[0] -CertificateTimeout (New-TimeSpan -Milliseconds 500) -ErrorAction Stop } catch { $record = $_ }
        ($record.FullyQualifiedErrorId -split ',')[0] | Should -Be 'CertificateValidationTimeout'
        $record.CategoryInfo.Category | Should -Be 'OperationTimeout'
        $record.TargetObject | Should -Match '^arn:aws:acm:us-east-1:'
        $record.Exception.Message | Should -Match 'still PENDING_VALIDATION'
        $record.Exception.Message | Should -Match 'This run created: .*certificate arn:aws:acm'
        $record.Exception.Message | Should -Match 'Run the same command again'

        $entry = New-HttpsEntryPoint -DomainName slow.example.com -InstanceId $instanceIds[0] -CertificateTimeout (New-TimeSpan -Minutes 2)
        $entry.CertificateArn | Should -Be $record.TargetObject
        $entry.CertificateStatus | Should -Be 'ISSUED'
        $entry.Created | Should -Not -Match '\bcertificate\b'
        Remove-HttpsEntryPoint slow.example.com -Confirm:$false
        @(Get-HttpsEntryPoint slow.example.com -ErrorAction SilentlyContinue) | Should -HaveCount 0
    }
}
