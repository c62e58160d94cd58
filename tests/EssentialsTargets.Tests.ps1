# Fleets of any size (issue 14) and the per-(profile, region) pipeline (issue 10), against moto
# through tests/stubs/ssm_proxy.py. The proxy holds a stand-in-side fleet (POST /_proxy/fleet: no
# EC2 run-instances for 1,000 instances), resolves SSM Targets, paces invocations fleet-wide by
# MaxConcurrency/MaxErrors in poll rounds, pages ListCommandInvocations, keeps associations, writes
# S3 output into moto and counts every SSM call. Documents and S3 objects live in moto and are
# checked with the AWS CLI.
BeforeAll {
    Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force
    Import-AwsWikiUnderTest
    Reset-Moto
    $script:proxy = Start-TestStub -Name ssm_proxy -ArgumentList (Get-MotoUrl)
    $env:AWS_ENDPOINT_URL_SSM = $proxy.Url
    $env:AWSWIKI_SSM_POLL_INTERVAL_MS = '20'
    $script:documentName = 'AwsWiki-AmazonLinuxEssentials'

    function Reset-Proxy { param([hashtable] $Settings = @{})
        Invoke-RestMethod -Method Post "$($proxy.Url)/_proxy/reset" | Out-Null
        if ($Settings.Count) { Invoke-RestMethod -Method Post "$($proxy.Url)/_proxy/config" -Body ($Settings | ConvertTo-Json) | Out-Null }
    }
    function New-Fleet { param([int] $Count, [hashtable] $Tags, [string] $Region = 'us-east-1', [string] $Account = '123456789012')
        $body = @{ count = $Count; tags = $Tags; region = $Region; account = $Account } | ConvertTo-Json
        , @((Invoke-RestMethod -Method Post "$($proxy.Url)/_proxy/fleet" -Body $body).InstanceIds)
    }
    function Get-ProxyLog { Invoke-RestMethod "$($proxy.Url)/_proxy/requests" }
    function Get-SentCommands { @((Get-ProxyLog).requests | Where-Object Operation -eq 'SendCommand') }
    function Get-Simulation { param([string] $CommandId)
        (Invoke-RestMethod "$($proxy.Url)/_proxy/commands").commands | Where-Object CommandId -eq $CommandId
    }
    function Invoke-ProxyCli { param([Parameter(ValueFromRemainingArguments)] [string[]] $Arguments)
        # The AWS CLI against the stand-in itself: botocore parses what the stand-in answers.
        $out = & aws @Arguments --endpoint-url $proxy.Url --output json 2>&1
        if ($LASTEXITCODE -ne 0) { throw "aws $($Arguments -join ' '): $out" }
        ($out -join "`n") | ConvertFrom-Json -Depth 50
    }
}

AfterAll {
    Remove-Item Env:AWS_ENDPOINT_URL_SSM, Env:AWSWIKI_SSM_POLL_INTERVAL_MS -ErrorAction SilentlyContinue
    Stop-TestStub $proxy
}

Describe 'Install-AmazonLinuxEssentials by tag, at fleet scale' {
    It 'sends ONE command to 1,000 tagged instances and polls about instances/50 calls per round' {
        Reset-Proxy @{ hold_polls = 1 }
        $ids = New-Fleet -Count 1000 -Tags @{ Fleet = 'thousand' }
        $results = @(Install-AmazonLinuxEssentials -Tag @{ Fleet = 'thousand' } -MaxConcurrency 100% -MaxErrors 0)
        $log = Get-ProxyLog
        $sent = Get-SentCommands
        $sent.Count | Should -Be 1
        $log.counts.SendCommand | Should -Be 1
        $sent[0].Body.Targets.Key | Should -Be 'tag:Fleet'
        $sent[0].Body.Targets.Values | Should -Be @('thousand')
        $results.Count | Should -Be 1000
        @($results.InstanceId | Sort-Object -Unique) | Should -Be @($ids | Sort-Object)
        $results.Status | Sort-Object -Unique | Should -Be 'Success'
        $results.Platform | Sort-Object -Unique | Should -Be 'amzn2023'
        # Per poll round: one ListCommands and one ListCommandInvocations page per 50 invocations
        # (round 1 lists nothing: SSM had not resolved the targets yet). No call per instance.
        $rounds = $log.rounds.($sent[0].CommandId)
        $log.counts.ListCommands | Should -Be $rounds
        $log.counts.ListCommandInvocations | Should -Be (1 + ($rounds - 1) * 20)
        $log.counts.PSObject.Properties.Name | Should -Not -Contain 'GetCommandInvocation'
        # The pre-check: DescribeInstanceInformation filtered by the tag, 50 per page.
        $describes = @($log.requests | Where-Object Operation -eq 'DescribeInstanceInformation')
        $describes.Count | Should -Be 20
        $describes | ForEach-Object { $_.Body.Filters.Key | Should -Be 'tag:Fleet'; $_.Body.MaxResults | Should -Be 50 }
    }

    It 'paces the whole fleet: MaxConcurrency 7 over 200 instances, not 7 per batch of 50' {
        Reset-Proxy @{ hold_polls = 1 }
        $null = New-Fleet -Count 200 -Tags @{ Fleet = 'paced' }
        $results = @(Install-AmazonLinuxEssentials -Tag @{ Fleet = 'paced' } -MaxConcurrency 7 -MaxErrors 0)
        $results.Count | Should -Be 200
        $simulation = Get-Simulation (Get-SentCommands)[0].CommandId
        $simulation.PeakInProgress | Should -Be 7
        $simulation.Status | Should -Be 'Success'
    }

    It 'stops the fleet after MaxErrors + 1 failures: the rest end Cancelled, with one warning' {
        Reset-Proxy @{ hold_polls = 1 }
        $ids = New-Fleet -Count 120 -Tags @{ Fleet = 'broken'; 'AwsWikiTest:Result' = 'Failed' }
        $results = @(Install-AmazonLinuxEssentials -Tag @{ Fleet = 'broken' } -MaxConcurrency 1 -MaxErrors 2 `
                -ErrorVariable failures -ErrorAction SilentlyContinue -WarningVariable warnings -WarningAction SilentlyContinue)
        (Get-SentCommands).Count | Should -Be 1
        $results.Count | Should -Be 120
        @($results | Where-Object Status -eq 'Failed').Count | Should -Be 3
        @($results | Where-Object Status -eq 'Cancelled').Count | Should -Be 117
        @($failures | Where-Object { $_.FullyQualifiedErrorId -like 'EssentialsFailed,*' }).Count | Should -Be 3
        $warnings | Should -Match '117 instance\(s\) \(Status Cancelled\)'
        $simulation = Get-Simulation (Get-SentCommands)[0].CommandId
        $simulation.Errors | Should -Be 3
        $simulation.Status | Should -Be 'Failed'
        $simulation.PeakInProgress | Should -Be 1
        (Invoke-ProxyCli ssm list-commands --command-id $simulation.CommandId).Commands[0].Status | Should -Be 'Failed'
    }

    It 'streams each result as its instance finishes, while most of the fleet is still running' {
        Reset-Proxy @{ hold_polls = 1 }
        $null = New-Fleet -Count 100 -Tags @{ Fleet = 'stream' }
        $script:unfinishedAtFirst = $null
        $seen = [Collections.Generic.List[object]]::new()
        Install-AmazonLinuxEssentials -Tag @{ Fleet = 'stream' } -MaxConcurrency 5 | ForEach-Object {
            if ($null -eq $script:unfinishedAtFirst) {
                $counts = (Get-Simulation (Get-SentCommands)[0].CommandId).Counts
                $script:unfinishedAtFirst = [int] $counts.Pending + [int] $counts.InProgress
            }
            $seen.Add($_)
        }
        $seen.Count | Should -Be 100
        $script:unfinishedAtFirst | Should -BeGreaterThan 50
    }

    It 'shows fleet-wide counts with Write-Progress while it waits' {
        Reset-Proxy @{ hold_polls = 1 }
        $null = New-Fleet -Count 60 -Tags @{ Fleet = 'progress' }
        $ps = [powershell]::Create()
        try {
            $null = $ps.AddScript("Import-Module '$($env:AWSWIKI_MODULE)'; Install-AmazonLinuxEssentials -Tag @{ Fleet = 'progress' } -MaxConcurrency 20")
            $output = $ps.Invoke()
            $output.Count | Should -Be 60
            $records = @($ps.Streams.Progress | Where-Object Activity -eq 'Amazon Linux essentials (SSM Run Command)')
        }
        finally { $ps.Dispose() }
        $records.StatusDescription | Should -Contain '0 of 60 done: InProgress 20, Pending 40'
        $records.StatusDescription | Should -Contain '20 of 60 done: InProgress 20, Pending 20, Success 20'
        $records.StatusDescription | Should -Contain '60 of 60 done: Success 60'
    }

    It 'writes the full output to S3: the result carries the URI and, with -FetchOutput, the text the AWS CLI reads there' {
        Reset-Proxy @{ hold_polls = 1 }
        Invoke-AwsCli s3api create-bucket --bucket awswiki-ssm-output | Out-Null
        $ids = New-Fleet -Count 3 -Tags @{ Fleet = 's3' }
        $results = @(Install-AmazonLinuxEssentials -Tag @{ Fleet = 's3' } -OutputS3BucketName awswiki-ssm-output -OutputS3KeyPrefix essentials/runs -FetchOutput)
        $sent = (Get-SentCommands)[0]
        $sent.Body.OutputS3BucketName | Should -Be 'awswiki-ssm-output'
        $sent.Body.OutputS3KeyPrefix | Should -Be 'essentials/runs'
        $results.Count | Should -Be 3
        $keys = @((Invoke-AwsCli s3api list-objects-v2 --bucket awswiki-ssm-output).Contents.Key)
        foreach ($result in $results) {
            $result.OutputS3Uri | Should -Be "s3://awswiki-ssm-output/essentials/runs/$($sent.CommandId)/$($result.InstanceId)/awsrunShellScript/installEssentials/stdout"
            $keys | Should -Contain ($result.OutputS3Uri -replace '^s3://awswiki-ssm-output/', '')
            $result.Output | Should -Match 'AWSWIKI_ESSENTIALS_SUMMARY platform=amzn2023'
        }
        $file = Join-Path $env:AWSWIKI_TEST_RUN_ROOT 's3-stdout.txt'
        Invoke-AwsCli s3api get-object --bucket awswiki-ssm-output --key ($results[0].OutputS3Uri -replace '^s3://awswiki-ssm-output/', '') $file | Out-Null
        $results[0].Output | Should -BeExactly ([IO.File]::ReadAllText($file))
    }

    It 'reads an instance''s output with GetCommandInvocation only when the 2,500 inline characters were cut' {
        $long = ('x' * 3000) + "`nAWSWIKI_ESSENTIALS_SUMMARY platform=amzn2 result=ok installed=git already_present= failed=`n"
        Reset-Proxy @{ hold_polls = 1; success_stdout = $long }
        $null = New-Fleet -Count 2 -Tags @{ Fleet = 'chatty' }
        $results = @(Install-AmazonLinuxEssentials -Tag @{ Fleet = 'chatty' })
        $results.Platform | Should -Be @('amzn2', 'amzn2')
        (Get-ProxyLog).counts.GetCommandInvocation | Should -Be 2
    }

    It 'rides out throttled polls through the retry policy' {
        Reset-Proxy @{ hold_polls = 1 }
        $null = New-Fleet -Count 60 -Tags @{ Fleet = 'throttled' }
        $faults = Start-TestStub -Name aws_fault_proxy -ArgumentList @($proxy.Url, '300')
        try {
            # Two in a row: standard retry mode (the default) makes 3 attempts, so the third goes through.
            $body = ConvertTo-Json -InputObject @(@{ match = 'ListCommandInvocations'; kind = 'throttle'; times = 2 })
            Invoke-RestMethod -Method Post "$($faults.Url)/__proxy/faults" -Body $body | Out-Null
            $env:AWS_ENDPOINT_URL_SSM = $faults.Url
            $results = @(Install-AmazonLinuxEssentials -Tag @{ Fleet = 'throttled' } -MaxConcurrency 100%)
        }
        finally {
            $env:AWS_ENDPOINT_URL_SSM = $proxy.Url
            $seen = @((Invoke-RestMethod "$($faults.Url)/__proxy/log") | ForEach-Object { $_ } | Where-Object operation -eq 'ListCommandInvocations').Count
            Stop-TestStub $faults
        }
        $results.Count | Should -Be 60
        $results.Status | Sort-Object -Unique | Should -Be 'Success'
        # Two answered ThrottlingException at the fault proxy and were sent again.
        $seen | Should -Be ((Get-ProxyLog).counts.ListCommandInvocations + 2)
    }

    It 'rejects more than 5 targets, -FetchOutput without a bucket and a bad bucket name, before any call' {
        Reset-Proxy
        $six = @{ a = '1'; b = '1'; c = '1'; d = '1'; e = '1'; f = '1' }
        ({ Install-AmazonLinuxEssentials -Tag $six } | Should -Throw -PassThru).FullyQualifiedErrorId | Should -BeLike 'TooManyTargets,*'
        ({ Install-AmazonLinuxEssentials -Tag @{ a = '1' } -FetchOutput } | Should -Throw -PassThru).FullyQualifiedErrorId | Should -BeLike 'S3BucketRequired,*'
        ({ Install-AmazonLinuxEssentials -Tag @{ a = '1' } -OutputS3BucketName 'Bad_Bucket' } | Should -Throw -PassThru).FullyQualifiedErrorId | Should -BeLike 'InvalidS3BucketName,*'
        (Get-ProxyLog).counts.PSObject.Properties.Name | Should -BeNullOrEmpty
    }
}

Describe 'The module''s SSM document, by content hash' {
    It 'adds a version when SSM has other content, changes nothing under -WhatIf, and nothing when it is current' {
        Reset-Moto
        Reset-Proxy @{ hold_polls = 1 }
        $null = New-Fleet -Count 2 -Tags @{ Fleet = 'doc' }
        $foreign = '{"schemaVersion":"2.2","description":"someone else","mainSteps":[{"action":"aws:runShellScript","name":"x","inputs":{"runCommand":["true"]}}]}'
        Invoke-AwsCli ssm create-document --name $documentName --document-type Command --content $foreign | Out-Null

        # -WhatIf messages go to the host: a transcript catches them without a child process.
        $transcript = Join-Path $env:AWSWIKI_TEST_RUN_ROOT 'whatif-doc.txt'
        Start-Transcript -Path $transcript -UseMinimalHeader | Out-Null
        try { Install-AmazonLinuxEssentials -Tag @{ Fleet = 'doc' } -WhatIf }
        finally { Stop-Transcript | Out-Null }
        $whatIf = Get-Content $transcript -Raw
        $whatIf | Should -Match '(?s)What if: .*Add a version with content sha256 [0-9a-f]{12} and make it the default \(now v1\)'
        $whatIf | Should -Match '(?s)What if: .*one command, MaxConcurrency 25% and MaxErrors 10% across the fleet.* on target "instances with tag:Fleet=doc in us-east-1 \(2 managed and online now\)"'
        (Get-ProxyLog).counts.PSObject.Properties.Name | Should -Not -Contain 'UpdateDocument'
        Get-SentCommands | Should -BeNullOrEmpty

        $null = Install-AmazonLinuxEssentials -Tag @{ Fleet = 'doc' }
        $document = (Invoke-AwsCli ssm describe-document --name $documentName).Document
        $document.LatestVersion | Should -Be '2'
        $document.DefaultVersion | Should -Be '2'
        $content = (Invoke-AwsCli ssm get-document --name $documentName --document-version 2).Content
        $sha = [Convert]::ToHexString([Security.Cryptography.SHA256]::HashData([Text.Encoding]::UTF8.GetBytes($content))).ToLowerInvariant()
        $document.Hash | Should -Be $sha
        $document.VersionName | Should -Be "awswiki-$sha"
        (Get-SentCommands)[0].Body.DocumentVersion | Should -Be '2'

        Reset-Proxy @{ hold_polls = 1 }
        $null = Install-AmazonLinuxEssentials -Tag @{ Fleet = 'doc' }
        (Invoke-AwsCli ssm describe-document --name $documentName).Document.LatestVersion | Should -Be '2'
        (Get-ProxyLog).counts.PSObject.Properties.Name | Should -Not -Contain 'UpdateDocument'

        # Someone moved $DEFAULT back: the module switches it to its version, adding none.
        Invoke-AwsCli ssm update-document-default-version --name $documentName --document-version 1 | Out-Null
        $null = Install-AmazonLinuxEssentials -Tag @{ Fleet = 'doc' }
        $document = (Invoke-AwsCli ssm describe-document --name $documentName).Document
        $document.DefaultVersion | Should -Be '2'
        $document.LatestVersion | Should -Be '2'
    }
}

Describe 'Register-, Get-, Unregister-AmazonLinuxEssentials (State Manager)' {
    BeforeAll {
        Reset-Proxy
        $script:members = New-Fleet -Count 2 -Tags @{ Role = 'assoc' }
    }

    It 'creates the association, and a re-run with the same choices changes nothing' {
        $created = Register-AmazonLinuxEssentials -Tag @{ Role = 'assoc' } -Schedule 'rate(1 day)'
        $created | Should -BeOfType ([AwsWiki.Essentials.AmazonLinuxEssentialsAssociation])
        $created.Action | Should -Be 'Created'
        $created.AssociationName | Should -Match '^AwsWiki-Essentials-Role-assoc-[0-9a-f]{8}$'
        $script:associationId = $created.AssociationId
        $described = (Invoke-ProxyCli ssm describe-association --association-id $associationId).AssociationDescription
        $described.Name | Should -Be $documentName
        $described.DocumentVersion | Should -Be (Invoke-AwsCli ssm describe-document --name $documentName).Document.DefaultVersion
        $described.Targets[0].Key | Should -Be 'tag:Role'
        $described.Targets[0].Values | Should -Be @('assoc')
        $described.ScheduleExpression | Should -Be 'rate(1 day)'
        $described.Parameters.InstallDocker | Should -Be @('yes')

        Reset-Proxy
        $again = Register-AmazonLinuxEssentials -Tag @{ Role = 'assoc' } -Schedule 'rate(1 day)'
        $again.Action | Should -Be 'Unchanged'
        $again.AssociationId | Should -Be $associationId
        $counts = (Get-ProxyLog).counts.PSObject.Properties.Name
        $counts | Should -Not -Contain 'CreateAssociation'
        $counts | Should -Not -Contain 'UpdateAssociation'
    }

    It 'updates it in place when the choices change' {
        $updated = Register-AmazonLinuxEssentials -Tag @{ Role = 'assoc' } -Package nginx -Schedule 'cron(0 3 ? * SUN *)' -ApplyOnlyAtCronInterval
        $updated.Action | Should -Be 'Updated'
        $updated.AssociationId | Should -Be $associationId
        $described = (Invoke-ProxyCli ssm describe-association --association-id $associationId).AssociationDescription
        $described.AssociationVersion | Should -Be '2'
        $described.Parameters.ExtraPackages | Should -Be @('nginx')
        $described.ScheduleExpression | Should -Be 'cron(0 3 ? * SUN *)'
        $described.ApplyOnlyAtCronInterval | Should -BeTrue
        @((Invoke-ProxyCli ssm list-associations).Associations | Where-Object Name -eq $documentName).Count | Should -Be 1
    }

    It 'shows each instance''s latest run, and picks up an instance tagged later' {
        $status = @(Get-AmazonLinuxEssentialsAssociation -Tag @{ Role = 'assoc' } -InstanceStatus)
        @($status.InstanceId | Sort-Object) | Should -Be @($members | Sort-Object)
        $status.Status | Sort-Object -Unique | Should -Be 'Success'
        $status[0] | Should -BeOfType ([AwsWiki.Essentials.AmazonLinuxEssentialsAssociationInstance])

        $late = New-Fleet -Count 1 -Tags @{ Role = 'assoc' }
        $broken = New-Fleet -Count 1 -Tags @{ Role = 'assoc'; 'AwsWikiTest:Result' = 'Failed' }
        $status = @(Get-AmazonLinuxEssentialsAssociation -Tag @{ Role = 'assoc' } -InstanceStatus)
        $status.Count | Should -Be 4
        ($status | Where-Object InstanceId -eq $late[0]).Status | Should -Be 'Success'
        ($status | Where-Object InstanceId -eq $broken[0]).Status | Should -Be 'Failed'
        $summary = Get-AmazonLinuxEssentialsAssociation -Tag @{ Role = 'assoc' }
        $summary.SuccessCount | Should -Be 3
        $summary.FailedCount | Should -Be 1
        $summary.Status | Should -Be 'Failed'
        (Get-AmazonLinuxEssentialsAssociation 'AwsWiki-Essentials-Role-*').AssociationId | Should -Be $associationId
    }

    It 'removes it (ConfirmImpact High); -WhatIf removes nothing; a missing one is an error' {
        (Get-Command Unregister-AmazonLinuxEssentials).ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0].ConfirmImpact | Should -Be 'High'
        Unregister-AmazonLinuxEssentials -Tag @{ Role = 'assoc' } -WhatIf
        (Invoke-ProxyCli ssm describe-association --association-id $associationId).AssociationDescription.AssociationId | Should -Be $associationId

        Get-AmazonLinuxEssentialsAssociation -Tag @{ Role = 'assoc' } | Unregister-AmazonLinuxEssentials -Confirm:$false
        { Invoke-ProxyCli ssm describe-association --association-id $associationId } | Should -Throw '*AssociationDoesNotExist*'
        $null = Get-AmazonLinuxEssentialsAssociation -Tag @{ Role = 'assoc' } -ErrorVariable missing -ErrorAction SilentlyContinue
        $missing[0].FullyQualifiedErrorId | Should -BeLike 'AssociationNotFound,*'
        Unregister-AmazonLinuxEssentials -Tag @{ Role = 'assoc' } -Confirm:$false -ErrorVariable gone -ErrorAction SilentlyContinue
        $gone[0].FullyQualifiedErrorId | Should -BeLike 'AssociationNotFound,*'
        $gone[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
    }

    It 'rejects bad schedules before any call' {
        Reset-Proxy
        ({ Register-AmazonLinuxEssentials -Tag @{ Role = 'assoc' } -Schedule 'rate(5 minutes)' } | Should -Throw -PassThru).FullyQualifiedErrorId | Should -BeLike 'InvalidSchedule,*'
        ({ Register-AmazonLinuxEssentials -Tag @{ Role = 'assoc' } -Schedule 'daily' } | Should -Throw -PassThru).FullyQualifiedErrorId | Should -BeLike 'InvalidSchedule,*'
        ({ Register-AmazonLinuxEssentials -Tag @{ Role = 'assoc' } -Schedule 'rate(1 day)' -ApplyOnlyAtCronInterval } | Should -Throw -PassThru).FullyQualifiedErrorId | Should -BeLike 'ApplyOnlyAtCronIntervalNeedsCron,*'
        (Get-ProxyLog).counts.PSObject.Properties.Name | Should -BeNullOrEmpty
    }
}

Describe 'Piped objects: one command set per (profile, region), across accounts' {
    BeforeAll {
        $files = Use-TestProfileFiles
        Set-Content -Path $files.Credentials -Value "[base]`naws_access_key_id = testing`naws_secret_access_key = testing`n"
        Set-Content -Path $files.Config -Value (@(
                '[profile base]', 'region = us-east-1',
                '[profile acct-a]', 'role_arn = arn:aws:iam::111111111111:role/x', 'source_profile = base', 'region = us-east-1',
                '[profile acct-b]', 'role_arn = arn:aws:iam::222222222222:role/x', 'source_profile = base', 'region = us-east-1') -join "`n")
        Reset-Proxy @{ hold_polls = 1 }
        $script:a1 = New-Fleet -Count 2 -Tags @{ Cross = 'a' } -Account 111111111111 -Region us-east-1
        $script:a2 = New-Fleet -Count 1 -Tags @{ Cross = 'a' } -Account 111111111111 -Region eu-west-1
        $script:b1 = New-Fleet -Count 2 -Tags @{ Cross = 'b' } -Account 222222222222 -Region us-east-1
        $script:home1 = New-Fleet -Count 1 -Tags @{ Cross = 'home' }
    }

    It 'resolves each profile and region once and sends each group only its own instances' {
        $objects = @(
            $a1 | ForEach-Object { [pscustomobject]@{ InstanceId = $_; Region = 'us-east-1'; ProfileName = 'acct-a' } }
            $b1[0] | ForEach-Object { [pscustomobject]@{ InstanceId = $_; Region = 'us-east-1'; ProfileName = 'acct-b' } }
            $a2 | ForEach-Object { [pscustomobject]@{ InstanceId = $_; Region = 'eu-west-1'; ProfileName = 'acct-a' } }
            $b1[1] | ForEach-Object { [pscustomobject]@{ InstanceId = $_; Region = 'us-east-1'; ProfileName = 'acct-b' } }
            [pscustomobject]@{ InstanceId = $home1[0] }
        )
        $verbose = $objects | Install-AmazonLinuxEssentials -MaxConcurrency 100% -Verbose 4>&1 | Where-Object { $_ -is [Management.Automation.VerboseRecord] }
        $results = @($objects | Install-AmazonLinuxEssentials -MaxConcurrency 100%)
        @($verbose | Where-Object Message -like 'Using credentials from*').Count | Should -Be 4

        $sent = @(Get-SentCommands)
        $sent.Count | Should -Be 8   # two runs of 4 groups
        $groups = $sent[4..7] | ForEach-Object { "$($_.Account)/$($_.Region)=$((@($_.Body.InstanceIds) | Sort-Object) -join ',')" }
        $groups | Should -Be @(
            "111111111111/us-east-1=$((@($a1) | Sort-Object) -join ',')"
            "222222222222/us-east-1=$((@($b1) | Sort-Object) -join ',')"
            "111111111111/eu-west-1=$($a2[0])"
            "123456789012/us-east-1=$($home1[0])")
        $results.Count | Should -Be 6
        $results.Status | Sort-Object -Unique | Should -Be 'Success'
        ($results | Where-Object InstanceId -eq $a2[0]) | ForEach-Object { $_.Region | Should -Be 'eu-west-1'; $_.ProfileName | Should -Be 'acct-a' }
        ($results | Where-Object InstanceId -eq $b1[1]).ProfileName | Should -Be 'acct-b'
        ($results | Where-Object InstanceId -eq $home1[0]).Region | Should -Be 'us-east-1'
    }
}
