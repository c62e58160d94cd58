# New-HttpsEntryPoint under concurrent runs (separate pwsh processes), duplicates, the request count
# in a busy region, and the output. Checked with the AWS CLI straight at moto.
BeforeAll {
    Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force; Import-AwsWikiUnderTest
    Reset-Moto
    $script:zoneId = (Invoke-AwsCli route53 create-hosted-zone --name example.io --caller-reference "conc-$([Guid]::NewGuid())").HostedZone.Id -replace '^/hostedzone/', ''
    $ami = (Invoke-AwsCli ec2 describe-images --owners amazon).Images[0].ImageId
    $script:instanceIds = @((Invoke-AwsCli ec2 run-instances --image-id $ami --count 2 --instance-type t3.micro).Instances.InstanceId | Sort-Object)
    $script:vpcId = (Invoke-AwsCli ec2 describe-vpcs --filters 'Name=is-default,Values=true').Vpcs[0].VpcId
    $script:pwsh = @('pwsh', 'pwsh.exe') | ForEach-Object { Join-Path $PSHOME $_ } | Where-Object { Test-Path $_ } | Select-Object -First 1
    $script:work = Join-Path ([IO.Path]::GetTempPath()) "awswiki-conc-$([Guid]::NewGuid().ToString('N').Substring(0, 8))"
    New-Item -ItemType Directory -Path $work | Out-Null

    # Starts $Count pwsh processes that each import the module, say they are ready and wait for the
    # go file (so they really race), run New-HttpsEntryPoint -Verbose and print the result as JSON. -SeparateMachines
    # gives each its own temp folder, so they do not share the local lock, as on different machines.
    function script:Invoke-ConcurrentRuns([string] $Domain, [int] $Count, [switch] $SeparateMachines, [string] $EndpointUrl) {
        $endpoint = if ($EndpointUrl) { "-EndpointUrl $EndpointUrl" } else { '' }
        $go = Join-Path $work "$Domain.go"
        $runs = foreach ($i in 1..$Count) {
            $out = Join-Path $work "$Domain-$i.out"
            $script = "`$ErrorActionPreference = 'Stop'; Import-Module '$($env:AWSWIKI_MODULE)'; " +
                "New-Item -ItemType File -Path '$out.ready' | Out-Null; while (-not (Test-Path '$go')) { Start-Sleep -Milliseconds 5 }; " +
                "`$r = New-HttpsEntryPoint -DomainName $Domain $endpoint -InstanceId $($instanceIds -join ',') -Confirm:`$false -Verbose -CertificateTimeout (New-TimeSpan -Minutes 2) 4>&1 | " +
                "ForEach-Object { if (`$_ -is [System.Management.Automation.VerboseRecord]) { 'VERBOSE: ' + `$_.Message } else { 'RESULT: ' + (`$_ | ConvertTo-Json -Compress) } }; `$r"
            $environment = @{}
            if ($SeparateMachines) {
                $tmp = Join-Path $work "machine-$Domain-$i"; New-Item -ItemType Directory -Path $tmp -Force | Out-Null
                $environment['TMPDIR'] = $tmp
            }
            $encoded = [Convert]::ToBase64String([Text.Encoding]::Unicode.GetBytes($script))
            $process = Start-Process -FilePath $pwsh -ArgumentList @('-NoProfile', '-NonInteractive', '-EncodedCommand', $encoded) -PassThru `
                -RedirectStandardOutput $out -RedirectStandardError "$out.err" -Environment $environment
            [pscustomobject]@{ Process = $process; Out = $out }
        }
        $deadline = [DateTime]::UtcNow.AddSeconds(90)
        while (@($runs | Where-Object { -not (Test-Path "$($_.Out).ready") }).Count -gt 0 -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 20 }
        New-Item -ItemType File -Path $go | Out-Null
        foreach ($run in $runs) {
            if (-not $run.Process.WaitForExit(120000)) { $run.Process.Kill($true); throw "A concurrent run for $Domain did not finish in 120 s." }
        }
        foreach ($run in $runs) {
            $text = (Get-Content $run.Out -Raw) + (Get-Content "$($run.Out).err" -Raw -ErrorAction SilentlyContinue)
            $line = ($text -split "`n" | Where-Object { $_ -like 'RESULT: *' } | Select-Object -First 1)
            [pscustomobject]@{
                ExitCode = $run.Process.ExitCode
                Text     = $text
                Result   = if ($line) { $line.Substring(8) | ConvertFrom-Json } else { $null }
            }
        }
    }

    # What exists for one domain, duplicates included, counted with botocore (the AWS CLI's library)
    # in one process; compact JSON, so two counts compare as strings.
    $script:python = (Get-Command python3, python -CommandType Application | Select-Object -First 1).Source
    function script:Get-DomainInventory([string] $Domain) {
        $json = & $python "$PSScriptRoot/fixtures/entrypoint/inventory.py" (Get-MotoUrl) $zoneId $Domain
        if ($LASTEXITCODE -ne 0) { throw "inventory.py failed: $json" }
        ($json | ConvertFrom-Json | ConvertTo-Json -Compress)
    }

    $script:oneOfEach = [ordered]@{ LoadBalancers = 1; TargetGroups = 1; Certificates = 1; SecurityGroups = 2; AliasRecords = 1 } | ConvertTo-Json -Compress
}

AfterAll {
    Remove-Item $work -Recurse -Force -ErrorAction SilentlyContinue
}

Describe 'Concurrent New-HttpsEntryPoint runs for one domain converge to one entry point' {
    It '<Count> runs at once on one machine: one certificate, load balancer, target group and pair of security groups' -ForEach @(
        @{ Count = 2; Domain = 'two.example.io' }
        @{ Count = 4; Domain = 'four.example.io' }
    ) {
        $runs = @(Invoke-ConcurrentRuns -Domain $Domain -Count $Count)
        foreach ($run in $runs) { $run.ExitCode | Should -Be 0 -Because $run.Text; $run.Result | Should -Not -BeNullOrEmpty -Because $run.Text }
        Get-DomainInventory $Domain | Should -Be $oneOfEach
        # Every run reports the same entry point; the later ones waited for the local lock and created nothing.
        foreach ($property in 'CertificateArn', 'LoadBalancerArn', 'TargetGroupArn', 'HttpsListenerArn', 'SecurityGroupIds') {
            @($runs.Result.$property | Select-Object -Unique) | Should -HaveCount 1
        }
        @($runs | Where-Object { $_.Text -match 'is running on this machine; waiting' }).Count | Should -BeGreaterOrEqual 1
        @($runs.Result | Where-Object { $_.Created -match 'load-balancer' }) | Should -HaveCount 1
    }

    It 'two runs on separate machines (no shared lock) send the same certificate idempotency token and share the target group and security groups' {
        $proxy = Start-TestStub -Name aws_fault_proxy -ArgumentList @((Get-MotoUrl), '300')
        try {
            $runs = @(Invoke-ConcurrentRuns -Domain 'apart.example.io' -Count 2 -SeparateMachines -EndpointUrl $proxy.Url)
            $requests = @(foreach ($entry in (Invoke-RestMethod -Uri "$($proxy.Url)/__proxy/log")) { if ($entry.operation -eq 'RequestCertificate') { $entry.canonical | ConvertFrom-Json } })
        }
        finally { Stop-TestStub $proxy }
        foreach ($run in $runs) { $run.ExitCode | Should -Be 0 -Because $run.Text }
        @($runs | Where-Object { $_.Text -match 'waiting for it to finish' }) | Should -HaveCount 0 -Because 'separate temp folders are separate lock namespaces'
        # Runs that planned before either had created the certificate both ask ACM, with one token,
        # which ACM honours for an hour. moto checks the token and stores the new certificate without
        # a lock, so two simultaneous requests may still give two there: that count is not asserted.
        $requests.Count | Should -BeGreaterOrEqual 1
        @($requests.IdempotencyToken | Select-Object -Unique) | Should -HaveCount 1
        $requests[0].IdempotencyToken | Should -Match '^\w{1,32}$'
        $inventory = Get-DomainInventory 'apart.example.io' | ConvertFrom-Json
        if ($requests.Count -eq 1) { $inventory.Certificates | Should -Be 1 -Because 'the later run found the first one''s certificate by its tag' }
        $inventory.TargetGroups | Should -Be 1
        $inventory.SecurityGroups | Should -Be 2
        @($runs.Result.TargetGroupArn | Select-Object -Unique) | Should -HaveCount 1
        @($runs.Result.SecurityGroupIds | Select-Object -Unique) | Should -HaveCount 1
        # moto, unlike AWS, also lets two load balancers share a name, so it cannot show ELB's name
        # uniqueness; whatever copies it left are reported and removed like any duplicate.
        Remove-HttpsEntryPoint apart.example.io -Confirm:$false
        Get-DomainInventory 'apart.example.io' | Should -Be (([ordered]@{ LoadBalancers = 0; TargetGroups = 0; Certificates = 0; SecurityGroups = 0; AliasRecords = 0 }) | ConvertTo-Json -Compress)
    }

    It 'the idempotency token depends on account, region and domain only, within ACM''s 32 word characters' {
        $token = [AwsWiki.EntryPoint.DomainNames]::IdempotencyToken('123456789012', 'us-east-1', 'www.example.com')
        $token | Should -Match '^\w{1,32}$'
        [AwsWiki.EntryPoint.DomainNames]::IdempotencyToken('123456789012', 'us-east-1', 'www.example.com') | Should -Be $token
        [AwsWiki.EntryPoint.DomainNames]::IdempotencyToken('210987654321', 'us-east-1', 'www.example.com') | Should -Not -Be $token
        [AwsWiki.EntryPoint.DomainNames]::IdempotencyToken('123456789012', 'eu-west-1', 'www.example.com') | Should -Not -Be $token
        [AwsWiki.EntryPoint.DomainNames]::IdempotencyToken('123456789012', 'us-east-1', 'api.example.com') | Should -Not -Be $token
    }
}

Describe 'Duplicates made by hand (or by older versions)' {
    BeforeAll {
        $script:domain = 'two.example.io'
        $script:entry = Get-HttpsEntryPoint $domain
        $tag = "Key=awswiki:entry-point,Value=$domain"
        $subnets = @((Invoke-AwsCli elbv2 describe-load-balancers --load-balancer-arns $entry.LoadBalancerArn).LoadBalancers[0].AvailabilityZones.SubnetId)
        $groupId = ($entry.SecurityGroupIds -split ', ')[0]
        $script:dupLb = (Invoke-AwsCli elbv2 create-load-balancer --name two-copy --subnets @subnets --security-groups $groupId --tags $tag 'Key=awswiki:role,Value=load-balancer').LoadBalancers[0].LoadBalancerArn
        $script:dupTg = (Invoke-AwsCli elbv2 create-target-group --name two-copy --protocol HTTP --port 8080 --vpc-id $vpcId --tags $tag 'Key=awswiki:role,Value=target-group').TargetGroups[0].TargetGroupArn
        $script:dupCertificate = (Invoke-AwsCli acm request-certificate --domain-name $domain --validation-method DNS --tags $tag 'Key=awswiki:role,Value=certificate').CertificateArn
        $script:dupGroup = (Invoke-AwsCli ec2 create-security-group --group-name two-copy-alb --description copy --vpc-id $vpcId --tag-specifications "ResourceType=security-group,Tags=[{Key=awswiki:entry-point,Value=$domain},{Key=awswiki:role,Value=load-balancer-security-group}]").GroupId
    }

    It 'Get-HttpsEntryPoint reports them in a warning and the Duplicates property, and keeps reporting the original' {
        $found = Get-HttpsEntryPoint $domain -WarningVariable warnings -WarningAction SilentlyContinue
        $found.LoadBalancerArn | Should -Be $entry.LoadBalancerArn
        $found.TargetGroupArn | Should -Be $entry.TargetGroupArn
        $found.CertificateArn | Should -Be $entry.CertificateArn
        foreach ($id in $dupLb, $dupTg, $dupCertificate, $dupGroup) {
            $found.Duplicates | Should -Match ([regex]::Escape($id))
            "$warnings" | Should -Match ([regex]::Escape($id))
        }
        $found.Duplicates | Should -Not -Match ([regex]::Escape($entry.LoadBalancerArn))
    }

    It 'Remove-HttpsEntryPoint -WhatIf lists one line per resource, duplicates included, and deletes nothing' {
        $before = Get-DomainInventory $domain
        $text = Invoke-ChildPwsh "Remove-HttpsEntryPoint $domain -WhatIf"
        $lines = @($text -split "`r?`n" | Where-Object { $_ -like 'What if:*' })
        foreach ($id in $dupLb, $dupTg, $dupCertificate, $dupGroup, $entry.LoadBalancerArn, $entry.TargetGroupArn, $entry.CertificateArn) {
            @($lines | Where-Object { $_ -match [regex]::Escape($id) }).Count | Should -BeGreaterOrEqual 1 -Because "$id is deleted in its own step"
        }
        @($lines | Where-Object { $_ -match 'duplicate' }).Count | Should -Be 4
        Get-DomainInventory $domain | Should -Be $before
    }

    It 'Remove-HttpsEntryPoint removes the entry point and every duplicate' {
        Remove-HttpsEntryPoint $domain -Confirm:$false
        Get-DomainInventory $domain | Should -Be (([ordered]@{ LoadBalancers = 0; TargetGroups = 0; Certificates = 0; SecurityGroups = 0; AliasRecords = 0 }) | ConvertTo-Json -Compress)
        { Invoke-AwsCli ec2 describe-security-groups --group-ids $dupGroup } | Should -Throw '*InvalidGroup.NotFound*'
    }
}

Describe 'Output' {
    It '-TargetPort 70000 is refused with the range 1 to 65535' {
        try { New-HttpsEntryPoint out.example.io -InstanceId $instanceIds -TargetPort 70000 -ErrorAction Stop } catch { $record = $_ }
        ($record.FullyQualifiedErrorId -split ',')[0] | Should -Be 'ParameterArgumentValidationError'
        $record.Exception.Message | Should -Match '65535'
        $record.Exception.Message | Should -Not -Match 'not 80'
    }

    It '-WhatIf lists one planned change per line' {
        $text = Invoke-ChildPwsh "New-HttpsEntryPoint -DomainName out.example.io -InstanceId $($instanceIds -join ',') -WhatIf"
        $lines = @($text -split "`r?`n" | Where-Object { $_.Trim() })
        $lines[0] | Should -Match '^What if: Create the HTTPS entry point for out\.example\.io:$'
        $changes = @($lines | Where-Object { $_ -match '^\s+\+ ' })
        $changes.Count | Should -Be 8
        $changes | Where-Object { $_ -match 'ACM certificate' } | Should -HaveCount 1
        $changes | Where-Object { $_ -match 'Application Load Balancer' } | Should -HaveCount 1
        $changes | Where-Object { $_ -match 'HTTP_301' } | Should -HaveCount 1
        # Not one long line with every change joined: no line holds two.
        @($lines | Where-Object { $_ -match '; ' }) | Should -HaveCount 0
    }

    Context 'the default views' {
        BeforeAll {
            $script:shown = New-HttpsEntryPoint -DomainName long-name.example.io -InstanceId $instanceIds -Confirm:$false
        }

        AfterAll { Remove-HttpsEntryPoint long-name.example.io -Confirm:$false }

        It 'the table fits 80 columns: Domain, State, Targets healthy/total, Url' {
            $lines = @(($shown | Out-String -Width 80) -split "`r?`n" | Where-Object { $_.Trim() })
            foreach ($line in $lines) { $line.Length | Should -BeLessOrEqual 80 }
            $lines[0] | Should -Match '^Domain\s+State\s+Targets\s+Url$'
            $lines[2] | Should -Match '^long-name\.example\.io\s+(Ready|Provisioning)\s+\d/2 https://long-name\.example\.io/$'
        }

        It 'at -Width 130 no column breaks into one letter per line' {
            $lines = @(($shown | Out-String -Width 130) -split "`r?`n" | Where-Object { $_.Trim() })
            $lines | Should -HaveCount 3
            @($lines | Where-Object { $_.Trim().Length -le 1 }) | Should -HaveCount 0
        }

        It 'Format-List shows the rest: ARNs, what was created' {
            $text = $shown | Format-List | Out-String -Width 200
            foreach ($property in 'CertificateArn', 'LoadBalancerArn', 'TargetGroupArn', 'SecurityGroupIds', 'Created', 'Duplicates') { $text | Should -Match "$property\s*:" }
            $text | Should -Match ([regex]::Escape($shown.LoadBalancerArn))
        }
    }
}

Describe 'A busy region: the requests a run makes do not grow with unrelated resources' {
    BeforeAll {
        $script:proxy = Start-TestStub -Name aws_fault_proxy -ArgumentList @((Get-MotoUrl), '900')
        $script:busyDomain = 'busy.example.io'
        New-HttpsEntryPoint -DomainName $busyDomain -InstanceId $instanceIds -Confirm:$false | Out-Null

        function script:Measure-Requests([scriptblock] $Script) {
            Invoke-RestMethod -Method Post -Uri "$($proxy.Url)/__proxy/clear" | Out-Null
            & $Script | Out-Null
            $log = @(foreach ($entry in (Invoke-RestMethod -Uri "$($proxy.Url)/__proxy/log")) { $entry })
            ($log | Group-Object operation | Sort-Object Name | ForEach-Object { "$($_.Name -replace '/hostedzone/[^/]+', '/hostedzone/ID')=$($_.Count)" }) -join ' '
        }

        $script:quietGet = Measure-Requests { Get-HttpsEntryPoint -EndpointUrl $proxy.Url }
        $script:quietNew = Measure-Requests { New-HttpsEntryPoint -DomainName $busyDomain -InstanceId $instanceIds -EndpointUrl $proxy.Url -Confirm:$false }
        & $python "$PSScriptRoot/fixtures/entrypoint/busy_region.py" (Get-MotoUrl) 200 50 | Out-Null
        $script:busyGet = Measure-Requests { Get-HttpsEntryPoint -EndpointUrl $proxy.Url }
        $script:busyNew = Measure-Requests { New-HttpsEntryPoint -DomainName $busyDomain -InstanceId $instanceIds -EndpointUrl $proxy.Url -Confirm:$false }
    }

    AfterAll { Stop-TestStub $proxy }

    It 'the region really is busy (checked with the AWS CLI)' {
        @((Invoke-AwsCli acm list-certificates --certificate-statuses PENDING_VALIDATION ISSUED).CertificateSummaryList).Count | Should -BeGreaterOrEqual 200
        @((Invoke-AwsCli elbv2 describe-load-balancers).LoadBalancers).Count | Should -BeGreaterOrEqual 50
    }

    It 'Get-HttpsEntryPoint makes the same requests with 200 certificates and 50 load balancers as without' {
        $busyGet | Should -Be $quietGet
        $busyGet | Should -Match 'GetResources=1'
        $busyGet | Should -Not -Match 'ListTagsForCertificate|ListCertificates|DescribeTags'
    }

    It 'a repeated New-HttpsEntryPoint makes the same requests too' {
        $busyNew | Should -Be $quietNew
        $busyNew | Should -Not -Match 'ListTagsForCertificate'
    }
}
