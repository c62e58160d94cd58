# The hand-written ELBv2, Route 53 and ACM clients send what the AWS CLI sends for the same call:
# both go through a recording proxy in front of moto and their requests are compared in canonical
# form (Query: every form parameter incl. Action and Version; JSON: X-Amz-Target and the body;
# REST-XML: method, path, query string and the XML body).
BeforeAll {
    Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force; Import-AwsWikiUnderTest
    Reset-Moto
    $script:proxy = Start-TestStub -Name aws_fault_proxy -ArgumentList @((Get-MotoUrl), '900')

    $context = [AwsWiki.Aws.AwsContextResolver]::Resolve([AwsWiki.Aws.AwsConnectionOptions]@{ EndpointUrl = $proxy.Url; Region = 'us-east-1' }, $true, $null)
    $script:elb = [AwsWiki.Clients.Elbv2Client]::new($context)
    $script:r53 = [AwsWiki.Clients.Route53Client]::new($context)
    $script:acm = [AwsWiki.Clients.AcmClient]::new($context)
    $script:tagging = [AwsWiki.Clients.TaggingClient]::new($context)
    $script:none = [Threading.CancellationToken]::None

    # Fixtures, made straight at moto so they are not recorded.
    $script:zoneId = (Invoke-AwsCli route53 create-hosted-zone --name example.org --caller-reference "wire-$([Guid]::NewGuid())").HostedZone.Id -replace '^/hostedzone/', ''
    $script:vpcId = (Invoke-AwsCli ec2 describe-vpcs --filters 'Name=is-default,Values=true').Vpcs[0].VpcId
    $subnets = (Invoke-AwsCli ec2 describe-subnets --filters "Name=vpc-id,Values=$vpcId").Subnets | Sort-Object AvailabilityZone
    $script:subnetIds = @($subnets[0].SubnetId, $subnets[1].SubnetId)
    $script:groupId = (Invoke-AwsCli ec2 create-security-group --group-name wire-alb --description wire --vpc-id $vpcId).GroupId
    $ami = (Invoke-AwsCli ec2 describe-images --owners amazon).Images[0].ImageId
    $script:instanceIds = @((Invoke-AwsCli ec2 run-instances --image-id $ami --count 2 --instance-type t3.micro).Instances.InstanceId)
    $script:lb = (Invoke-AwsCli elbv2 create-load-balancer --name wire-fixture --subnets @subnetIds --security-groups $groupId).LoadBalancers[0]
    $script:tg = (Invoke-AwsCli elbv2 create-target-group --name wire-fixture --protocol HTTP --port 8080 --vpc-id $vpcId).TargetGroups[0]
    $script:certificateArn = (Invoke-AwsCli acm request-certificate --domain-name fixture.example.org --validation-method DNS).CertificateArn

    function script:Invoke-CliThroughProxy {
        param([Parameter(ValueFromRemainingArguments)] [string[]] $Arguments)
        $out = & aws @Arguments --endpoint-url $proxy.Url --output json 2>&1
        if ($LASTEXITCODE -ne 0) { throw "aws $($Arguments -join ' ') failed: $out" }
        ($out -join "`n") | ConvertFrom-Json -Depth 50
    }

    function script:Clear-Recorded { Invoke-RestMethod -Method Post -Uri "$($proxy.Url)/__proxy/clear" | Out-Null }

    function script:Get-Recorded([string] $Operation) {
        # Invoke-RestMethod may hand back the JSON array as one object: walk it explicitly.
        $found = $null
        foreach ($entry in (Invoke-RestMethod -Uri "$($proxy.Url)/__proxy/log")) { if ($entry.operation -like $Operation) { $found = $entry } }
        $found
    }

    # Runs the CLI's call, then ours (with an optional reset between), and returns both recorded requests.
    function script:Compare-Wire([string] $Operation, [scriptblock] $Cli, [scriptblock] $Ours, [scriptblock] $Between = {}) {
        Clear-Recorded
        $cliResult = & $Cli
        $cliRequest = Get-Recorded $Operation
        & $Between $cliResult
        Clear-Recorded
        $null = & $Ours
        $ourRequest = Get-Recorded $Operation
        [pscustomobject]@{ Cli = $cliRequest; Ours = $ourRequest }
    }

    function script:Assert-SameRequest($Pair, [string] $Protocol) {
        $Pair.Cli | Should -Not -BeNullOrEmpty -Because 'the CLI request was recorded'
        $Pair.Ours | Should -Not -BeNullOrEmpty -Because 'our request was recorded'
        $Pair.Ours.protocol | Should -Be $Protocol
        $Pair.Ours.operation | Should -Be $Pair.Cli.operation
        $Pair.Ours.method | Should -Be $Pair.Cli.method
        $Pair.Ours.target | Should -Be $Pair.Cli.target
        if ($Protocol -ne 'rest-xml' -or $Pair.Cli.contentType) { $Pair.Ours.contentType | Should -Be $Pair.Cli.contentType }
        $Pair.Ours.canonical | Should -Be $Pair.Cli.canonical
    }

    function script:Wait-Result($Task) { $Task.GetAwaiter().GetResult() }

    function script:New-Tags([hashtable] $Values) {
        $tags = [System.Collections.Generic.Dictionary[string, string]]::new()
        foreach ($key in $Values.Keys | Sort-Object) { $tags[$key] = $Values[$key] }
        , $tags
    }
}

AfterAll {
    Stop-TestStub $proxy
}

Describe 'ELBv2 (Query protocol, Version 2015-12-01)' {
    It 'DescribeLoadBalancers by name' {
        $pair = Compare-Wire 'DescribeLoadBalancers' { Invoke-CliThroughProxy elbv2 describe-load-balancers --names wire-fixture } { Wait-Result $elb.DescribeLoadBalancersAsync([string[]] @('wire-fixture'), $none) }
        Assert-SameRequest $pair 'query'
        ($pair.Ours.canonical | ConvertFrom-Json).Version | Should -Be '2015-12-01'
    }

    It 'DescribeTargetGroups by name' {
        $pair = Compare-Wire 'DescribeTargetGroups' { Invoke-CliThroughProxy elbv2 describe-target-groups --names wire-fixture } { Wait-Result $elb.DescribeTargetGroupsAsync([string[]] @('wire-fixture'), $none) }
        Assert-SameRequest $pair 'query'
    }

    It 'DescribeListeners' {
        $pair = Compare-Wire 'DescribeListeners' { Invoke-CliThroughProxy elbv2 describe-listeners --load-balancer-arn $lb.LoadBalancerArn } { Wait-Result $elb.DescribeListenersAsync($lb.LoadBalancerArn, $none) }
        Assert-SameRequest $pair 'query'
    }

    It 'DescribeLoadBalancers and DescribeTargetGroups by ARN' {
        $pair = Compare-Wire 'DescribeLoadBalancers' { Invoke-CliThroughProxy elbv2 describe-load-balancers --load-balancer-arns $lb.LoadBalancerArn } { Wait-Result $elb.DescribeLoadBalancersByArnAsync([string[]] @($lb.LoadBalancerArn), $none) }
        Assert-SameRequest $pair 'query'
        $pair = Compare-Wire 'DescribeTargetGroups' { Invoke-CliThroughProxy elbv2 describe-target-groups --target-group-arns $tg.TargetGroupArn } { Wait-Result $elb.DescribeTargetGroupsByArnAsync([string[]] @($tg.TargetGroupArn), $none) }
        Assert-SameRequest $pair 'query'
    }

    It 'DescribeTags of two resources' {
        $pair = Compare-Wire 'DescribeTags' { Invoke-CliThroughProxy elbv2 describe-tags --resource-arns $lb.LoadBalancerArn $tg.TargetGroupArn } { Wait-Result $elb.DescribeTagsAsync([string[]] @($lb.LoadBalancerArn, $tg.TargetGroupArn), $none) }
        Assert-SameRequest $pair 'query'
    }

    It 'DescribeSSLPolicies by name' {
        $pair = Compare-Wire 'DescribeSSLPolicies' { Invoke-CliThroughProxy elbv2 describe-ssl-policies --names ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09 } { Wait-Result $elb.DescribeSslPoliciesAsync([string[]] @('ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09'), $none) }
        Assert-SameRequest $pair 'query'
    }

    It 'RegisterTargets and DescribeTargetHealth' {
        $pair = Compare-Wire 'RegisterTargets' { Invoke-CliThroughProxy elbv2 register-targets --target-group-arn $tg.TargetGroupArn --targets "Id=$($instanceIds[0]),Port=8080" "Id=$($instanceIds[1]),Port=8080" } { Wait-Result $elb.RegisterTargetsAsync($tg.TargetGroupArn, [string[]] $instanceIds, 8080, $none) }
        Assert-SameRequest $pair 'query'
        $pair = Compare-Wire 'DescribeTargetHealth' { Invoke-CliThroughProxy elbv2 describe-target-health --target-group-arn $tg.TargetGroupArn } { Wait-Result $elb.DescribeTargetHealthAsync($tg.TargetGroupArn, $none) }
        Assert-SameRequest $pair 'query'
    }

    It 'CreateTargetGroup with health check and tags' {
        $tags = New-Tags @{ 'awswiki:entry-point' = 'wire.example.org'; Owner = 'wire' }
        $pair = Compare-Wire 'CreateTargetGroup' {
            Invoke-CliThroughProxy elbv2 create-target-group --name wire-tg --protocol HTTP --port 8080 --vpc-id $vpcId --health-check-protocol HTTP --health-check-path /health --target-type instance --tags 'Key=awswiki:entry-point,Value=wire.example.org' 'Key=Owner,Value=wire'
        } {
            Wait-Result $elb.CreateTargetGroupAsync([AwsWiki.Clients.NewTargetGroup]::new('wire-tg', 8080, $vpcId, '/health', $tags), $none)
        } -Between { param($created) Invoke-AwsCli elbv2 delete-target-group --target-group-arn $created.TargetGroups[0].TargetGroupArn }
        Assert-SameRequest $pair 'query'
    }

    It 'CreateLoadBalancer (internet-facing application, tags)' {
        $tags = New-Tags @{ 'awswiki:entry-point' = 'wire.example.org' }
        $pair = Compare-Wire 'CreateLoadBalancer' {
            Invoke-CliThroughProxy elbv2 create-load-balancer --name wire-lb --subnets @subnetIds --security-groups $groupId --scheme internet-facing --tags 'Key=awswiki:entry-point,Value=wire.example.org' --type application --ip-address-type ipv4
        } {
            Wait-Result $elb.CreateLoadBalancerAsync([AwsWiki.Clients.NewLoadBalancer]::new('wire-lb', [string[]] $subnetIds, [string[]] @($groupId), 'ipv4', $tags), $none)
        } -Between { param($created) Invoke-AwsCli elbv2 delete-load-balancer --load-balancer-arn $created.LoadBalancers[0].LoadBalancerArn }
        Assert-SameRequest $pair 'query'
    }

    It 'CreateListener HTTP:80 redirecting to HTTPS:443 with HTTP_301' {
        $tags = New-Tags @{ 'awswiki:role' = 'http-listener' }
        $pair = Compare-Wire 'CreateListener' {
            Invoke-CliThroughProxy elbv2 create-listener --load-balancer-arn $lb.LoadBalancerArn --protocol HTTP --port 80 --default-actions 'Type=redirect,RedirectConfig={Protocol=HTTPS,Port=443,StatusCode=HTTP_301}' --tags 'Key=awswiki:role,Value=http-listener'
        } {
            Wait-Result $elb.CreateListenerAsync([AwsWiki.Clients.NewListener]::new($lb.LoadBalancerArn, 'HTTP', 80, [NullString]::Value, [NullString]::Value, [NullString]::Value, $tags), $none)
        } -Between { param($created) Invoke-AwsCli elbv2 delete-listener --listener-arn $created.Listeners[0].ListenerArn }
        Assert-SameRequest $pair 'query'
    }

    It 'CreateListener HTTPS:443 with certificate, TLS policy and forward' {
        $tags = New-Tags @{ 'awswiki:role' = 'https-listener' }
        $pair = Compare-Wire 'CreateListener' {
            Invoke-CliThroughProxy elbv2 create-listener --load-balancer-arn $lb.LoadBalancerArn --protocol HTTPS --port 443 --ssl-policy ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09 --certificates "CertificateArn=$certificateArn" --default-actions "Type=forward,TargetGroupArn=$($tg.TargetGroupArn)" --tags 'Key=awswiki:role,Value=https-listener'
        } {
            Wait-Result $elb.CreateListenerAsync([AwsWiki.Clients.NewListener]::new($lb.LoadBalancerArn, 'HTTPS', 443, 'ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09', $certificateArn, $tg.TargetGroupArn, $tags), $none)
        } -Between { param($created) Invoke-AwsCli elbv2 delete-listener --listener-arn $created.Listeners[0].ListenerArn }
        Assert-SameRequest $pair 'query'
    }

    It 'the service''s error code and message come back as AwsServiceException' {
        $caught = $null
        try { Wait-Result $elb.DeleteListenerAsync("$($lb.LoadBalancerArn -replace ':loadbalancer/', ':listener/')/0123456789abcdef", $none) } catch { $caught = $_.Exception }
        # By name: the module's types live in its own load context, where PowerShell does not resolve type names.
        while ($caught -and $caught.GetType().FullName -ne 'AwsWiki.AwsServiceException') { $caught = $caught.InnerException }
        $caught | Should -Not -BeNullOrEmpty
        $caught.ServiceCode | Should -Be 'ListenerNotFound'
        $caught.ErrorId | Should -Be 'ListenerNotFound'
        $caught.ServiceMessage | Should -Not -BeNullOrEmpty
    }
}

Describe 'Route 53 (REST-XML, 2013-04-01)' {
    It 'ListHostedZones' {
        $pair = Compare-Wire 'GET /2013-04-01/hostedzone' { Invoke-CliThroughProxy route53 list-hosted-zones } { Wait-Result $r53.ListHostedZonesAsync($none) }
        Assert-SameRequest $pair 'rest-xml'
    }

    It 'GetHostedZone' {
        $pair = Compare-Wire "GET /2013-04-01/hostedzone/$zoneId" { Invoke-CliThroughProxy route53 get-hosted-zone --id $zoneId } { Wait-Result $r53.GetHostedZoneAsync($zoneId, $none) }
        Assert-SameRequest $pair 'rest-xml'
    }

    It 'ChangeResourceRecordSets with an alias record and a CNAME' {
        # Ordered as in the service model: the CLI writes the XML elements in the order it is given them.
        $batch = [ordered]@{
            Comment = 'wire test'
            Changes = @(
                [ordered]@{ Action = 'UPSERT'; ResourceRecordSet = [ordered]@{ Name = 'www.example.org.'; Type = 'A'; AliasTarget = [ordered]@{ HostedZoneId = $lb.CanonicalHostedZoneId; DNSName = "dualstack.$($lb.DNSName)"; EvaluateTargetHealth = $true } } }
                [ordered]@{ Action = 'UPSERT'; ResourceRecordSet = [ordered]@{ Name = '_x1.www.example.org.'; Type = 'CNAME'; TTL = 300; ResourceRecords = @(@{ Value = '_y2.acm-validations.aws.' }) } }
            )
        } | ConvertTo-Json -Depth 10 -Compress
        $changes = [System.Collections.Generic.List[System.ValueTuple[AwsWiki.Clients.RecordChangeAction, AwsWiki.Clients.ResourceRecordSetInfo]]]::new()
        $changes.Add([System.ValueTuple[AwsWiki.Clients.RecordChangeAction, AwsWiki.Clients.ResourceRecordSetInfo]]::new([AwsWiki.Clients.RecordChangeAction]::Upsert,
                [AwsWiki.Clients.ResourceRecordSetInfo]::new('www.example.org', 'A', $null, [string[]] @(), $lb.CanonicalHostedZoneId, "dualstack.$($lb.DNSName)", $true)))
        $changes.Add([System.ValueTuple[AwsWiki.Clients.RecordChangeAction, AwsWiki.Clients.ResourceRecordSetInfo]]::new([AwsWiki.Clients.RecordChangeAction]::Upsert,
                [AwsWiki.Clients.ResourceRecordSetInfo]::new('_x1.www.example.org', 'CNAME', [long] 300, [string[]] @('_y2.acm-validations.aws.'), [NullString]::Value, [NullString]::Value, $false)))
        $pair = Compare-Wire 'POST /2013-04-01/hostedzone/*' { Invoke-CliThroughProxy route53 change-resource-record-sets --hosted-zone-id $zoneId --change-batch $batch } { Wait-Result $r53.ChangeResourceRecordSetsAsync($zoneId, $changes, 'wire test', $none) }
        Assert-SameRequest $pair 'rest-xml'
    }

    It 'ListResourceRecordSets from a name' {
        $pair = Compare-Wire "GET /2013-04-01/hostedzone/$zoneId/rrset" { Invoke-CliThroughProxy route53 list-resource-record-sets --hosted-zone-id $zoneId --start-record-name www.example.org. } { Wait-Result $r53.ListResourceRecordSetsAsync($zoneId, 'www.example.org', $none) }
        Assert-SameRequest $pair 'rest-xml'
        $records = Wait-Result $r53.ListResourceRecordSetsAsync($zoneId, 'www.example.org', $none)
        $records[0].AliasDnsName | Should -Be "dualstack.$($lb.DNSName)"
        $records[0].AliasHostedZoneId | Should -Be $lb.CanonicalHostedZoneId
    }
}

Describe 'ACM (JSON 1.1)' {
    It 'RequestCertificate with DNS validation, idempotency token and tags' {
        $tags = New-Tags @{ 'awswiki:entry-point' = 'req.example.org' }
        $pair = Compare-Wire 'RequestCertificate' {
            Invoke-CliThroughProxy acm request-certificate --domain-name req.example.org --validation-method DNS --idempotency-token wiretoken1 --tags 'Key=awswiki:entry-point,Value=req.example.org'
        } { Wait-Result $acm.RequestCertificateAsync('req.example.org', 'wiretoken1', $tags, $none) }
        Assert-SameRequest $pair 'json'
        $pair.Ours.target | Should -Be 'CertificateManager.RequestCertificate'
        $pair.Ours.contentType | Should -Be 'application/x-amz-json-1.1'
    }

    It 'DescribeCertificate' {
        $pair = Compare-Wire 'DescribeCertificate' { Invoke-CliThroughProxy acm describe-certificate --certificate-arn $certificateArn } { Wait-Result $acm.DescribeCertificateAsync($certificateArn, $none) }
        Assert-SameRequest $pair 'json'
        (Wait-Result $acm.DescribeCertificateAsync($certificateArn, $none)).ValidationRecords[0].RecordType | Should -Be 'CNAME'
    }

    It 'ListCertificates by status' {
        $pair = Compare-Wire 'ListCertificates' { Invoke-CliThroughProxy acm list-certificates --certificate-statuses ISSUED PENDING_VALIDATION } { Wait-Result $acm.ListCertificatesAsync([string[]] @('ISSUED', 'PENDING_VALIDATION'), $none) }
        Assert-SameRequest $pair 'json'
    }

    It 'ListCertificates with MaxItems (summaries)' {
        $pair = Compare-Wire 'ListCertificates' { Invoke-CliThroughProxy acm list-certificates --certificate-statuses ISSUED --page-size 1000 } { Wait-Result $acm.ListCertificateSummariesAsync([string[]] @('ISSUED'), $none) }
        Assert-SameRequest $pair 'json'
    }

    It 'ListTagsForCertificate' {
        $pair = Compare-Wire 'ListTagsForCertificate' { Invoke-CliThroughProxy acm list-tags-for-certificate --certificate-arn $certificateArn } { Wait-Result $acm.ListTagsForCertificateAsync($certificateArn, $none) }
        Assert-SameRequest $pair 'json'
    }
}

Describe 'Resource Groups Tagging API (JSON 1.1)' {
    BeforeAll {
        # Tagged fixtures, made straight at moto: one of each type the entry point inventory asks for, plus an unrelated one.
        $script:taggedCertificate = (Invoke-AwsCli acm request-certificate --domain-name tagged.example.org --validation-method DNS --tags 'Key=awswiki:entry-point,Value=tagged.example.org').CertificateArn
        Invoke-AwsCli acm request-certificate --domain-name untagged.example.org --validation-method DNS --tags 'Key=team,Value=other' | Out-Null
        Invoke-AwsCli elbv2 add-tags --resource-arns $lb.LoadBalancerArn $tg.TargetGroupArn --tags 'Key=awswiki:entry-point,Value=tagged.example.org' | Out-Null
        Invoke-AwsCli ec2 create-tags --resources $groupId --tags 'Key=awswiki:entry-point,Value=tagged.example.org' | Out-Null
    }

    It 'GetResources with a tag filter and resource types, like the CLI' {
        $types = [string[]] @('acm', 'elasticloadbalancing:loadbalancer', 'elasticloadbalancing:targetgroup')
        $pair = Compare-Wire 'GetResources' {
            Invoke-CliThroughProxy resourcegroupstaggingapi get-resources --tag-filters 'Key=awswiki:entry-point,Values=tagged.example.org' --resources-per-page 100 --resource-type-filters acm elasticloadbalancing:loadbalancer elasticloadbalancing:targetgroup --no-paginate
        } { Wait-Result $tagging.GetResourcesAsync('awswiki:entry-point', [string[]] @('tagged.example.org'), $types, $none) }
        Assert-SameRequest $pair 'json'
        $pair.Ours.target | Should -Be 'ResourceGroupsTaggingAPI_20170126.GetResources'
    }

    It 'finds the tagged certificate, load balancer and target group and nothing else; the CLI agrees' {
        $types = [string[]] @('acm', 'elasticloadbalancing:loadbalancer', 'elasticloadbalancing:targetgroup')
        $ours = @(Wait-Result $tagging.GetResourcesAsync('awswiki:entry-point', [string[]] @('tagged.example.org'), $types, $none))
        @($ours.ResourceArn | Sort-Object) | Should -Be @(@($taggedCertificate, $lb.LoadBalancerArn, $tg.TargetGroupArn) | Sort-Object)
        $cli = Invoke-CliThroughProxy resourcegroupstaggingapi get-resources --tag-filters 'Key=awswiki:entry-point,Values=tagged.example.org' --resource-type-filters acm elasticloadbalancing:loadbalancer elasticloadbalancing:targetgroup
        @($ours.ResourceArn | Sort-Object) | Should -Be @($cli.ResourceTagMappingList.ResourceARN | Sort-Object)
        ($ours | Where-Object ResourceArn -eq $taggedCertificate).Tags['awswiki:entry-point'] | Should -Be 'tagged.example.org'
        # moto indexes security groups too (ec2:security-group), which the inventory reads from EC2 with their rules instead.
        @((Wait-Result $tagging.GetResourcesAsync('awswiki:entry-point', $null, [string[]] @('ec2:security-group'), $none)).ResourceArn) | Should -Match $groupId
    }

    It 'follows PaginationToken through every page' {
        # Made with our own client (fast, in-process); 21 tags each and 100 tags per page (the service default) need more than one page.
        $tags = @{ 'awswiki:entry-point' = 'paged.example.org' }
        foreach ($letter in [char[]] 'abcdefghijklmnopqrst') { $tags["$letter"] = 'x' }
        foreach ($i in 1..7) { $null = Wait-Result $acm.RequestCertificateAsync("page$i.example.org", "paged$i", (New-Tags $tags), $none) }
        Clear-Recorded
        $found = @(Wait-Result $tagging.GetResourcesAsync('awswiki:entry-point', [string[]] @('paged.example.org'), [string[]] @('acm'), $none))
        $found | Should -HaveCount 7
        $pages = @(foreach ($entry in (Invoke-RestMethod -Uri "$($proxy.Url)/__proxy/log")) { if ($entry.operation -eq 'GetResources') { $entry } })
        $pages.Count | Should -BeGreaterThan 1
        ($pages[1].canonical | ConvertFrom-Json).PaginationToken | Should -Not -BeNullOrEmpty
    }
}
