# Install-AmazonLinuxEssentials by instance id against moto, through tests/stubs/ssm_proxy.py: moto
# keeps the module's SSM document and records SendCommand; the proxy adds DescribeInstanceInformation,
# paces invocations (poll rounds, MaxConcurrency, MaxErrors), answers ListCommandInvocations/ListCommands
# and records the requests. EC2 calls (tag lookups) go to moto directly. Fleet-wide targets, S3 output,
# the document's versions and associations: EssentialsTargets.Tests.ps1.
BeforeAll {
    Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force
    Import-AwsWikiUnderTest
    Reset-Moto
    $script:proxy = Start-TestStub -Name ssm_proxy -ArgumentList (Get-MotoUrl)
    $env:AWS_ENDPOINT_URL_SSM = $proxy.Url
    $env:AWSWIKI_SSM_POLL_INTERVAL_MS = '50'
    $script:fixtures = Join-Path $PSScriptRoot 'fixtures/essentials'
    $script:resultProperties = @('InstanceId', 'Status', 'ResponseCode', 'Platform', 'Installed', 'AlreadyPresent', 'FailedPackages',
        'StandardOutputTail', 'StandardErrorTail', 'CommandId', 'Duration', 'Region', 'ProfileName', 'OutputS3Uri', 'Output')

    function New-TestInstance {
        param([int] $Count = 1, [hashtable] $Tags = @{})
        $tagText = ($Tags.GetEnumerator() | ForEach-Object { "{Key=$($_.Key),Value=$($_.Value)}" }) -join ','
        $arguments = @('ec2', 'run-instances', '--image-id', 'ami-12c6146b', '--instance-type', 't3.micro', '--count', "$Count")
        if ($tagText) { $arguments += @('--tag-specifications', "ResourceType=instance,Tags=[$tagText]") }
        , @((Invoke-AwsCli @arguments).Instances.InstanceId)
    }

    function Get-ProxyLog { Invoke-RestMethod "$($proxy.Url)/_proxy/requests" }
    function Get-SentCommands { @((Get-ProxyLog).requests | Where-Object Operation -eq 'SendCommand') }

    $script:web = New-TestInstance -Tags @{ Role = 'web' }
    $script:unmanaged = New-TestInstance -Tags @{ Role = 'web'; 'AwsWikiTest:Ssm' = 'unmanaged' }
    $script:offline = New-TestInstance -Tags @{ Role = 'web'; 'AwsWikiTest:Ssm' = 'offline' }
    $script:failing = New-TestInstance -Tags @{ Role = 'web'; 'AwsWikiTest:Result' = 'Failed' }
    $script:stopped = New-TestInstance -Tags @{ Role = 'web' }
    Invoke-AwsCli ec2 stop-instances --instance-ids $stopped[0] | Out-Null
    $script:db = New-TestInstance -Tags @{ Role = 'db' }
    $script:undeliverable = New-TestInstance -Tags @{ Role = 'batch'; 'AwsWikiTest:Result' = 'Undeliverable' }
    $script:fleet = New-TestInstance -Count 60 -Tags @{ Fleet = 'big' }
}

AfterAll {
    Remove-Item Env:AWS_ENDPOINT_URL_SSM, Env:AWSWIKI_SSM_POLL_INTERVAL_MS -ErrorAction SilentlyContinue
    Stop-TestStub $proxy
}

Describe 'Install-AmazonLinuxEssentials' {
    BeforeEach {
        Invoke-RestMethod -Method Post "$($proxy.Url)/_proxy/reset" | Out-Null
    }

    Context 'on a single instance' {
        BeforeAll {
            Invoke-RestMethod -Method Post "$($proxy.Url)/_proxy/reset" | Out-Null
            $script:result = @(Install-AmazonLinuxEssentials -InstanceId $web[0])
            $script:log = Get-ProxyLog
        }

        It 'returns one result with the documented shape' {
            $result.Count | Should -Be 1
            $result[0] | Should -BeOfType ([AwsWiki.Essentials.AmazonLinuxEssentialsResult])
            $result[0].PSObject.Properties.Name | Should -Be $resultProperties
            $result[0].InstanceId | Should -Be $web[0]
            $result[0].Status | Should -Be 'Success'
            $result[0].ResponseCode | Should -Be 0
            $result[0].Platform | Should -Be 'amzn2023'
            $result[0].Installed | Should -Match '(^|,)docker$'
            $result[0].AlreadyPresent | Should -Be 'python3'
            $result[0].StandardOutputTail | Should -Match 'AWSWIKI_ESSENTIALS_SUMMARY'
            $result[0].Duration | Should -BeOfType ([TimeSpan])
            $result[0].Region | Should -Be 'us-east-1'
            $result[0].OutputS3Uri | Should -Be ''
        }

        It 'sends the module''s document at its version, with the choices as parameters and SSM rate control' {
            $sent = @($log.requests | Where-Object Operation -eq 'SendCommand')
            $sent.Count | Should -Be 1
            $sent[0].CommandId | Should -Be $result[0].CommandId
            $sent[0].Body.DocumentName | Should -Be 'AwsWiki-AmazonLinuxEssentials'
            $document = (Invoke-AwsCli ssm describe-document --name AwsWiki-AmazonLinuxEssentials).Document
            $sent[0].Body.DocumentVersion | Should -Be $document.DefaultVersion
            $sent[0].Body.InstanceIds | Should -Be @($web[0])
            $sent[0].Body.PSObject.Properties.Name | Should -Not -Contain 'Targets'
            $sent[0].Body.MaxConcurrency | Should -Be '25%'
            $sent[0].Body.MaxErrors | Should -Be '10%'
            $sent[0].Body.Parameters.executionTimeout | Should -Be @('1800')
            $sent[0].Body.Parameters.InstallDocker | Should -Be @('yes')
            $sent[0].Body.Parameters.ExtraPackages | Should -Be @('')
        }

        It 'is visible to the AWS CLI as an SSM command' {
            $commands = (Invoke-AwsCli ssm list-commands --command-id $result[0].CommandId).Commands
            $commands.DocumentName | Should -Be 'AwsWiki-AmazonLinuxEssentials'
            $commands.Parameters.executionTimeout | Should -Be @('1800')
            # moto adds every instance it knows to a command sent without Targets, so only containment is meaningful here.
            $commands.InstanceIds | Should -Contain $web[0]
        }

        It 'waited through rounds with nothing listed and InProgress, reading output from the list, not per instance' {
            # Proxy: round 1 lists nothing, the invocation is InProgress for 2 steps, then Success.
            $log.rounds.($result[0].CommandId) | Should -BeGreaterOrEqual 4
            $log.counts.ListCommands | Should -Be $log.counts.ListCommandInvocations
            $log.counts.PSObject.Properties.Name | Should -Not -Contain 'GetCommandInvocation'
            $log.counts.DescribeInstanceInformation | Should -BeGreaterOrEqual 1
        }

        It 'sends a document and parameters that really run the script under sh, as SSM fills them in' {
            $sent = @($log.requests | Where-Object Operation -eq 'SendCommand')[0]
            $content = (Invoke-AwsCli ssm get-document --name $sent.Body.DocumentName --document-version $sent.Body.DocumentVersion).Content | ConvertFrom-Json
            $lines = $content.mainSteps[0].inputs.runCommand -join "`n"
            foreach ($parameter in $sent.Body.Parameters.PSObject.Properties) {
                $lines = $lines.Replace("{{ $($parameter.Name) }}", ($parameter.Value -join ' '))
            }
            $lines | Should -Not -Match '\{\{'
            $root = Join-Path $env:AWSWIKI_TEST_RUN_ROOT ('ssm-' + [Guid]::NewGuid().ToString('N').Substring(0, 8))
            New-Item -ItemType Directory -Path (Join-Path $root 'state') -Force | Out-Null
            $commandFile = Join-Path $root 'commands.sh'
            [IO.File]::WriteAllText($commandFile, ($lines + "`n"))
            & chmod +x (Join-Path $fixtures 'fake-system.sh') (Get-ChildItem (Join-Path $fixtures 'bin')).FullName
            $savedPath = $env:PATH
            try {
                $env:PATH = "$(Join-Path $fixtures 'bin'):$env:PATH"
                $env:AWSWIKI_SHIM_STATE = Join-Path $root 'state'
                $env:AWSWIKI_OS_RELEASE = Join-Path $fixtures 'os-release-amzn2023'
                $env:AWSWIKI_ESSENTIALS_LOG = Join-Path $root 'essentials.log'
                $out = & sh $commandFile 2>&1
                $LASTEXITCODE | Should -Be 0 -Because ($out -join "`n")
            }
            finally {
                $env:PATH = $savedPath
                'AWSWIKI_SHIM_STATE', 'AWSWIKI_OS_RELEASE', 'AWSWIKI_ESSENTIALS_LOG' | ForEach-Object { Remove-Item "Env:$_" -ErrorAction SilentlyContinue }
            }
            @($out)[-1] | Should -Match '^AWSWIKI_ESSENTIALS_SUMMARY platform=amzn2023 result=ok '
            Get-Content (Join-Path $root 'state/calls.log') | Should -Contain 'dnf install -y docker'
        }
    }

    It 'takes instances from the pipeline by property name, with the caller''s rate control and timeout' {
        $items = [pscustomobject]@{ InstanceId = $web[0] }, [pscustomobject]@{ InstanceId = $db[0] }
        $results = @($items | Install-AmazonLinuxEssentials -MaxConcurrency 2 -MaxErrors 0 -TimeoutSeconds 600 -ExcludeDocker)
        $results.InstanceId | Should -Be @($web[0], $db[0])
        $results.Status | Should -Be @('Success', 'Success')
        $sent = Get-SentCommands
        $sent.Count | Should -Be 1
        $sent[0].Body.InstanceIds | Should -Be @($web[0], $db[0])
        $sent[0].Body.MaxConcurrency | Should -Be '2'
        $sent[0].Body.MaxErrors | Should -Be '0'
        $sent[0].Body.Parameters.executionTimeout | Should -Be @('600')
        $sent[0].Body.Parameters.InstallDocker | Should -Be @('no')
    }

    It 'sends more than 50 explicit instances in batches of at most 50 and reports every one' {
        $results = @($fleet | Install-AmazonLinuxEssentials -MaxConcurrency 10)
        $sent = Get-SentCommands
        $sent.Count | Should -Be 2
        @($sent | ForEach-Object { $_.Body.InstanceIds.Count }) | Sort-Object | Should -Be @(10, 50)
        @($sent.Body.InstanceIds | Sort-Object -Unique) | Should -Be @($fleet | Sort-Object)
        $sent.Body.MaxConcurrency | Sort-Object -Unique | Should -Be '10'
        $results.Count | Should -Be 60
        @($results.InstanceId | Sort-Object -Unique) | Should -Be @($fleet | Sort-Object)
        $results.Status | Sort-Object -Unique | Should -Be 'Success'
        @($results.CommandId | Sort-Object -Unique) | Should -Be @($sent.CommandId | Sort-Object)
        foreach ($describe in @((Get-ProxyLog).requests | Where-Object Operation -eq 'DescribeInstanceInformation')) {
            $describe.Body.Filters[0].Values.Count | Should -BeLessOrEqual 50
        }
    }

    It 'sends one command to the tag, reports unmanaged and offline instances once, and reports a failure' {
        $results = @(Install-AmazonLinuxEssentials -Tag @{ Role = 'web' } -ErrorVariable failures -ErrorAction SilentlyContinue)
        $sent = Get-SentCommands
        $sent.Count | Should -Be 1
        $sent[0].Body.Targets.Key | Should -Be 'tag:Role'
        $sent[0].Body.Targets.Values | Should -Be @('web')
        $sent[0].Body.PSObject.Properties.Name | Should -Not -Contain 'InstanceIds'
        # SSM resolved the tag to the managed instances: not the stopped, unmanaged or db ones.
        @($results.InstanceId | Sort-Object) | Should -Be @(@($web[0], $failing[0], $offline[0]) | Sort-Object)
        ($results | Where-Object InstanceId -eq $offline[0]).Status | Should -Be 'DeliveryTimedOut'
        @($failures | Where-Object TargetObject -eq $offline[0]).Count | Should -Be 1

        $skipped = $failures | Where-Object { $_.FullyQualifiedErrorId -like 'InstanceNot*' }
        ($skipped | Where-Object TargetObject -eq $unmanaged[0]).FullyQualifiedErrorId | Should -BeLike 'InstanceNotManaged,*'
        ($skipped | Where-Object TargetObject -eq $offline[0]).FullyQualifiedErrorId | Should -BeLike 'InstanceNotOnline,*'
        ($skipped | Where-Object TargetObject -eq $offline[0]).CategoryInfo.Category | Should -Be 'ResourceUnavailable'

        $failed = $results | Where-Object InstanceId -eq $failing[0]
        $failed.Status | Should -Be 'Failed'
        $failed.ResponseCode | Should -Be 1
        $failed.FailedPackages | Should -Be 'jq'
        $failed.StandardErrorTail | Should -Match 'could not install jq'
        ($results | Where-Object InstanceId -eq $web[0]).Status | Should -Be 'Success'
        $error = $failures | Where-Object { $_.FullyQualifiedErrorId -like 'EssentialsFailed,*' }
        $error.TargetObject | Should -Be $failing[0]
        $error.Exception.Message | Should -Match 'failed: jq'
    }

    It 'reports an instance SSM could not deliver to as Undeliverable, with an error' {
        $results = @(Install-AmazonLinuxEssentials -InstanceId $undeliverable[0], $db[0] -ErrorVariable failures -ErrorAction SilentlyContinue)
        $lost = $results | Where-Object InstanceId -eq $undeliverable[0]
        $lost.Status | Should -Be 'Undeliverable'
        $lost.ResponseCode | Should -BeNullOrEmpty
        $lost.Platform | Should -Be ''
        $lost.Duration | Should -BeNullOrEmpty
        ($results | Where-Object InstanceId -eq $db[0]).Status | Should -Be 'Success'
        @($failures).Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'EssentialsFailed,*'
        $failures[0].TargetObject | Should -Be $undeliverable[0]
        $failures[0].Exception.Message | Should -Match 'ended Undeliverable'
    }

    It 'shows per-instance status counts with Write-Progress while it waits' {
        $ps = [powershell]::Create()
        try {
            $null = $ps.AddScript("Import-Module '$($env:AWSWIKI_MODULE)'; Install-AmazonLinuxEssentials -InstanceId $($web[0]), $($db[0]) -MaxConcurrency 2")
            $output = $ps.Invoke()
            $ps.Streams.Error | Should -BeNullOrEmpty
            $output.Count | Should -Be 2
            $records = @($ps.Streams.Progress | Where-Object Activity -eq 'Amazon Linux essentials (SSM Run Command)')
        }
        finally { $ps.Dispose() }
        $records.StatusDescription | Should -Contain '0 of 2 done: Pending 2'
        $records.StatusDescription | Should -Contain '0 of 2 done: InProgress 2'
        $records.StatusDescription | Should -Contain '2 of 2 done: Success 2'
        ($records | Where-Object StatusDescription -eq '2 of 2 done: Success 2').PercentComplete | Should -Be 100
        $records[-1].RecordType | Should -Be 'Completed'
    }

    It 'returns the command ids at once with -NoWait' {
        $commands = @(Install-AmazonLinuxEssentials -InstanceId $web[0], $db[0] -NoWait)
        $commands.Count | Should -Be 1
        $commands[0] | Should -BeOfType ([AwsWiki.Essentials.AmazonLinuxEssentialsCommand])
        $commands[0].InstanceCount | Should -Be 2
        $commands[0].CommandId | Should -Be (Get-SentCommands)[0].CommandId
        $log = Get-ProxyLog
        $log.counts.PSObject.Properties.Name | Should -Not -Contain 'ListCommandInvocations'
        $log.counts.PSObject.Properties.Name | Should -Not -Contain 'GetCommandInvocation'
        (Invoke-AwsCli ssm list-commands --command-id $commands[0].CommandId).Commands.Count | Should -Be 1
    }

    It 'shows the targets and the package list with -WhatIf, and sends nothing' {
        $out = Invoke-ChildPwsh "Install-AmazonLinuxEssentials -InstanceId $($web[0]) -Package nginx -WhatIf"
        $out | Should -Match 'What if'
        $out | Should -Match ([regex]::Escape($web[0]))
        $out | Should -Match 'git, tmux, htop, jq, tree, wget, unzip, gcc, make, python3, python3-pip, nginx, docker'
        Get-SentCommands | Should -BeNullOrEmpty
    }

    It 'stops on a bad instance id anywhere in the pipeline before sending anything' {
        $failure = { $web[0], 'web-server-1' | Install-AmazonLinuxEssentials } | Should -Throw -PassThru
        $failure.FullyQualifiedErrorId | Should -BeLike 'InvalidInstanceId,*'
        $failure.CategoryInfo.Category | Should -Be 'InvalidArgument'
        $failure.TargetObject | Should -Be 'web-server-1'
        (Get-ProxyLog).counts.PSObject.Properties.Name | Should -Not -Contain 'SendCommand'
    }

    It 'rejects bad rate control and package names with specific errors, before any call' {
        ({ Install-AmazonLinuxEssentials -InstanceId $web[0] -MaxConcurrency '0' } | Should -Throw -PassThru).FullyQualifiedErrorId | Should -BeLike 'InvalidMaxConcurrency,*'
        ({ Install-AmazonLinuxEssentials -InstanceId $web[0] -MaxErrors 'some' } | Should -Throw -PassThru).FullyQualifiedErrorId | Should -BeLike 'InvalidMaxErrors,*'
        ({ Install-AmazonLinuxEssentials -InstanceId $web[0] -TimeoutSeconds 5 } | Should -Throw -PassThru).FullyQualifiedErrorId | Should -BeLike 'InvalidTimeout,*'
        ({ Install-AmazonLinuxEssentials -InstanceId $web[0] -Package '$(reboot)' } | Should -Throw -PassThru).FullyQualifiedErrorId | Should -BeLike 'InvalidPackageName,*'
        (Get-ProxyLog).counts.PSObject.Properties.Name | Should -BeNullOrEmpty
    }

    It 'reports a tag that matches no running instance' {
        $results = @(Install-AmazonLinuxEssentials -Tag @{ Role = 'nothing-has-this' } -ErrorVariable failures -ErrorAction SilentlyContinue)
        $results | Should -BeNullOrEmpty
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'NoInstancesMatchTag,*'
        $failures[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        Get-SentCommands | Should -BeNullOrEmpty
    }
}
