# Install-AmazonLinuxEssentials against moto, through tests/stubs/ssm_proxy.py: moto has SendCommand
# and GetCommandInvocation; the proxy adds DescribeInstanceInformation and ListCommandInvocations from
# moto's own state, holds invocations InProgress, answers InvocationDoesNotExist right after sending,
# and records the SendCommand requests. EC2 calls (tag lookups) go to moto directly.
BeforeAll {
    Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force
    Import-AwsWikiUnderTest
    Reset-Moto
    $script:proxy = Start-TestStub -Name ssm_proxy -ArgumentList (Get-MotoUrl)
    $env:AWS_ENDPOINT_URL_SSM = $proxy.Url
    $script:fixtures = Join-Path $PSScriptRoot 'fixtures/essentials'
    $script:resultProperties = @('InstanceId', 'Status', 'ResponseCode', 'Platform', 'Installed', 'AlreadyPresent', 'FailedPackages',
        'StandardOutputTail', 'StandardErrorTail', 'CommandId', 'Duration')

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
    Remove-Item Env:AWS_ENDPOINT_URL_SSM -ErrorAction SilentlyContinue
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
        }

        It 'sends AWS-RunShellScript with the script, an execution timeout and SSM rate control' {
            $sent = @($log.requests | Where-Object Operation -eq 'SendCommand')
            $sent.Count | Should -Be 1
            $sent[0].CommandId | Should -Be $result[0].CommandId
            $sent[0].Body.DocumentName | Should -Be 'AWS-RunShellScript'
            $sent[0].Body.InstanceIds | Should -Be @($web[0])
            $sent[0].Body.MaxConcurrency | Should -Be '25%'
            $sent[0].Body.MaxErrors | Should -Be '10%'
            $sent[0].Body.Parameters.executionTimeout | Should -Be @('1800')
            ($sent[0].Body.Parameters.commands -join "`n") | Should -Match 'AWSWIKI_ESSENTIALS_SUMMARY'
        }

        It 'is visible to the AWS CLI as an SSM command' {
            $commands = (Invoke-AwsCli ssm list-commands --command-id $result[0].CommandId).Commands
            $commands.DocumentName | Should -Be 'AWS-RunShellScript'
            $commands.Parameters.executionTimeout | Should -Be @('1800')
            # moto adds every instance it knows to a command sent without Targets, so only containment is meaningful here.
            $commands.InstanceIds | Should -Contain $web[0]
        }

        It 'waited through InvocationDoesNotExist and InProgress answers' {
            # Proxy: poll 1 lists nothing, polls 2-3 are InProgress, the first GetCommandInvocation is InvocationDoesNotExist.
            $log.counts.ListCommandInvocations | Should -BeGreaterOrEqual 4
            $log.counts.GetCommandInvocation | Should -BeGreaterOrEqual 2
            $log.counts.DescribeInstanceInformation | Should -BeGreaterOrEqual 1
        }

        It 'sends commands that really run the script under sh' {
            $sent = @($log.requests | Where-Object Operation -eq 'SendCommand')[0]
            $root = Join-Path $env:AWSWIKI_TEST_RUN_ROOT ('ssm-' + [Guid]::NewGuid().ToString('N').Substring(0, 8))
            New-Item -ItemType Directory -Path (Join-Path $root 'state') -Force | Out-Null
            $commandFile = Join-Path $root 'commands.sh'
            [IO.File]::WriteAllText($commandFile, (($sent.Body.Parameters.commands -join "`n") + "`n"))
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
        ($sent[0].Body.Parameters.commands -join "`n") | Should -Match '(?m)^INSTALL_DOCKER=no$'
    }

    It 'sends more than 50 instances in batches of at most 50 and reports every one' {
        $results = @(Install-AmazonLinuxEssentials -Tag @{ Fleet = 'big' } -MaxConcurrency 10)
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

    It 'targets the running instances carrying the tags, skips the unmanaged and offline ones, and reports a failure' {
        $results = @(Install-AmazonLinuxEssentials -Tag @{ Role = 'web' } -ErrorVariable failures -ErrorAction SilentlyContinue)
        $sent = Get-SentCommands
        $sent.Count | Should -Be 1
        @($sent[0].Body.InstanceIds | Sort-Object) | Should -Be @(@($web[0], $failing[0]) | Sort-Object)
        $sent[0].Body.InstanceIds | Should -Not -Contain $stopped[0]
        $sent[0].Body.InstanceIds | Should -Not -Contain $db[0]

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
            $null = $ps.AddScript("Import-Module '$($env:AWSWIKI_MODULE)'; Install-AmazonLinuxEssentials -InstanceId $($web[0]), $($db[0])")
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
