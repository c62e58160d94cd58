# The shared AWS plumbing, seen through Get-AwsCallerIdentity against moto: credential, region and
# endpoint resolution, and cancellation.
BeforeAll {
    Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force
    Import-AwsWikiUnderTest
    $script:savedEnvironment = @{}
    foreach ($name in 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_REGION', 'AWS_DEFAULT_REGION', 'AWS_ENDPOINT_URL') {
        $savedEnvironment[$name] = [Environment]::GetEnvironmentVariable($name)
    }

    function Start-SilentListener {
        # Accepts connections and never answers: an endpoint that hangs.
        $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
        $listener.Start()
        $listener
    }
}

AfterAll {
    foreach ($name in $savedEnvironment.Keys) { [Environment]::SetEnvironmentVariable($name, $savedEnvironment[$name]) }
}

Describe 'AWS connection plumbing' {
    BeforeEach {
        foreach ($name in $savedEnvironment.Keys) { [Environment]::SetEnvironmentVariable($name, $savedEnvironment[$name]) }
        Remove-Item Env:AWS_PROFILE, Env:AWS_ENDPOINT_URL_STS -ErrorAction SilentlyContinue
        Remove-Variable StoredAWSCredentials, StoredAWSRegion -Scope Global -ErrorAction SilentlyContinue
        $script:files = Use-TestProfileFiles
    }

    Describe 'Get-AwsCallerIdentity' {
        It 'returns the account, ARN and user id from STS' {
            $identity = Get-AwsCallerIdentity
            $identity | Should -BeOfType 'AwsWiki.Identity.AwsCallerIdentity'
            $identity.Account | Should -Be '123456789012'
            $identity.Arn | Should -Match '^arn:aws:(iam|sts)::123456789012:'
            $identity.UserId | Should -Not -BeNullOrEmpty
            $identity.Region | Should -Be 'us-east-1'
        }

        It 'agrees with the AWS CLI' {
            $cli = Invoke-AwsCli sts get-caller-identity
            $ours = Get-AwsCallerIdentity
            $ours.Account | Should -Be $cli.Account
            $ours.Arn | Should -Be $cli.Arn
        }
    }

    Describe 'Credential and region resolution' {
        It 'uses the profile named by AWS_PROFILE, with that profile''s region' {
            Remove-Item Env:AWS_ACCESS_KEY_ID, Env:AWS_SECRET_ACCESS_KEY, Env:AWS_REGION, Env:AWS_DEFAULT_REGION
            Set-AwsProfile acct2 -AccessKey AKIAIOSFODNN7EXAMPLE -SecretKey 'secret' -Region ap-northeast-2
            $identity = Get-AwsCallerIdentity -Verbose 4>&1 | Group-Object { $_ -is [System.Management.Automation.VerboseRecord] } -AsHashTable -AsString
            $identity['False'].ProfileName | Should -Be 'acct2'
            $identity['False'].Region | Should -Be 'ap-northeast-2'
            ($identity['True'] -join ' ') | Should -Match "profile 'acct2' \(AWS_PROFILE\)"
        }

        It 'lets -ProfileName override AWS_PROFILE, and AWS_REGION override the profile''s region' {
            Set-AwsProfile first -AccessKey AKIAIOSFODNN7EXAMPLE -SecretKey 'a' -Region eu-west-1
            Set-AwsProfile second -AccessKey AKIAIOSFODNN7EXAMPLF -SecretKey 'b' -Region eu-west-2 -NoActivate
            $env:AWS_REGION = 'ca-central-1'
            $identity = Get-AwsCallerIdentity -ProfileName second
            $identity.ProfileName | Should -Be 'second'
            $identity.Region | Should -Be 'ca-central-1'
            (Get-AwsCallerIdentity -ProfileName second -Region sa-east-1).Region | Should -Be 'sa-east-1'
        }

        It 'uses explicit -AccessKey/-SecretKey before any profile' {
            $env:AWS_PROFILE = 'does-not-exist'
            $identity = Get-AwsCallerIdentity -AccessKey AKIAIOSFODNN7EXAMPLE -SecretKey 'x'
            $identity.Account | Should -Be '123456789012'
            $identity.ProfileName | Should -BeNullOrEmpty
        }

        It 'uses AWS Tools'' session defaults ($StoredAWSCredentials, $StoredAWSRegion) when nothing else is set' {
            Remove-Item Env:AWS_ACCESS_KEY_ID, Env:AWS_SECRET_ACCESS_KEY, Env:AWS_REGION, Env:AWS_DEFAULT_REGION
            Set-AwsProfile stored -AccessKey AKIAIOSFODNN7EXAMPLE -SecretKey 's' -Region us-west-1 -NoActivate
            $global:StoredAWSCredentials = 'stored'
            $global:StoredAWSRegion = 'eu-north-1'
            $identity = Get-AwsCallerIdentity
            $identity.ProfileName | Should -Be 'stored'
            $identity.Region | Should -Be 'eu-north-1'
            # AWS Tools' own SDK (v3 here), not the module's: its credential objects are another type.
            Add-Type -Path (Join-Path $env:AWSWIKI_TEST_NUGET_PACKAGES 'awssdk.core/3.7.402/lib/net8.0/AWSSDK.Core.dll')
            $global:StoredAWSCredentials = [Amazon.Runtime.BasicAWSCredentials]::new('AKIAIOSFODNN7EXAMPLE', 's')
            (Get-AwsCallerIdentity).Account | Should -Be '123456789012'
        }

        It 'takes an AWSCredentials object through -Credential' {
            Add-Type -Path (Join-Path $env:AWSWIKI_TEST_NUGET_PACKAGES 'awssdk.core/3.7.402/lib/net8.0/AWSSDK.Core.dll')
            $credential = [Amazon.Runtime.BasicAWSCredentials]::new('AKIAIOSFODNN7EXAMPLE', 's')
            (Get-AwsCallerIdentity -Credential $credential).Account | Should -Be '123456789012'
        }

        It 'refuses -AccessKey without -SecretKey' {
            { Get-AwsCallerIdentity -AccessKey AKIAIOSFODNN7EXAMPLE -ErrorAction Stop } | Should -Throw -ErrorId 'AccessKeyWithoutSecretKey,*'
        }

        It 'reports an unknown profile as ProfileNotFound' {
            $thrown = { Get-AwsCallerIdentity -ProfileName nobody -ErrorAction Stop } | Should -Throw -PassThru
            $thrown.FullyQualifiedErrorId | Should -BeLike 'ProfileNotFound,*'
            $thrown.CategoryInfo.Category | Should -Be 'ObjectNotFound'
            $thrown.TargetObject | Should -Be 'nobody'
        }

        It 'says how to fix a missing region' {
            Remove-Item Env:AWS_REGION, Env:AWS_DEFAULT_REGION
            $thrown = { Get-AwsCallerIdentity -ErrorAction Stop } | Should -Throw -PassThru
            $thrown.FullyQualifiedErrorId | Should -BeLike 'NoRegion,*'
            $thrown.Exception.Message | Should -Match 'Set-AwsProfile'
        }
    }

    Describe 'Endpoint resolution' {
        It 'prefers AWS_ENDPOINT_URL_STS over AWS_ENDPOINT_URL' {
            $dead = Start-SilentListener
            try {
                $env:AWS_ENDPOINT_URL_STS = Get-MotoUrl
                $env:AWS_ENDPOINT_URL = 'http://127.0.0.1:9'
                (Get-AwsCallerIdentity).Account | Should -Be '123456789012'
            }
            finally { $dead.Stop() }
        }

        It 'prefers -EndpointUrl over both variables' {
            $env:AWS_ENDPOINT_URL_STS = 'http://127.0.0.1:9'
            $env:AWS_ENDPOINT_URL = 'http://127.0.0.1:9'
            (Get-AwsCallerIdentity -EndpointUrl (Get-MotoUrl)).Account | Should -Be '123456789012'
        }

        It 'reports a connection failure as an error, not a hang or a crash' {
            Get-AwsCallerIdentity -EndpointUrl 'http://127.0.0.1:9' -ErrorVariable err -ErrorAction SilentlyContinue
            $err.Count | Should -Be 1
            $err[0].Exception | Should -Not -BeNullOrEmpty
        }
    }

    Describe 'Cancellation' {
        It 'Stop (Ctrl+C) cancels a call in flight' {
            $hang = Start-SilentListener
            $ps = [powershell]::Create()
            try {
                $port = $hang.LocalEndpoint.Port
                [void] $ps.AddScript("Import-Module '$env:AWSWIKI_MODULE'; Get-AwsCallerIdentity -EndpointUrl 'http://127.0.0.1:$port'")
                $async = $ps.BeginInvoke()
                # Wait until the request is really in flight: the silent listener has a connection.
                $deadline = [DateTime]::UtcNow.AddSeconds(60)
                while (-not $hang.Pending() -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 100 }
                $hang.Pending() | Should -BeTrue -Because 'the cmdlet should have connected'
                $ps.Stop()
                $async.IsCompleted | Should -BeTrue
                $ps.InvocationStateInfo.State | Should -Be 'Stopped'
            }
            finally { $ps.Dispose(); $hang.Stop() }
        }
    }
}
