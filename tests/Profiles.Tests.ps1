# Set-/Get-/Remove-AwsProfile against real files, checked both ways with the real AWS CLI.
BeforeAll {
    Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force
    Import-AwsWikiUnderTest
    $script:secret = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYzSECRETzKEY'
    $script:token = 'FwoGZXIvYXdzEXAMPLEzSESSIONzTOKENzVALUE'
}

Describe 'AWS profiles' {
    BeforeEach {
        $script:files = Use-TestProfileFiles
        Remove-Item Env:AWS_PROFILE -ErrorAction SilentlyContinue
    }

    Describe 'Set-AwsProfile writes what the AWS CLI reads' {
        It 'puts keys in the credentials file and settings in [profile NAME] of the config file' {
            Set-AwsProfile work -AccessKey AKIAIOSFODNN7EXAMPLE -SecretKey $secret -Region ap-northeast-2 -Output table -NoActivate

            Invoke-AwsCli configure get aws_access_key_id --profile work | Should -Be 'AKIAIOSFODNN7EXAMPLE'
            Invoke-AwsCli configure get aws_secret_access_key --profile work | Should -Be $secret
            Invoke-AwsCli configure get region --profile work | Should -Be 'ap-northeast-2'
            Invoke-AwsCli configure get output --profile work | Should -Be 'table'
            (Get-Content $files.Credentials) | Should -Contain '[work]'
            (Get-Content $files.Config) | Should -Contain '[profile work]'
            (Get-Content $files.Config -Raw) | Should -Not -Match 'aws_secret_access_key'
        }

        It 'writes the default profile under [default] in both files' {
            Set-AwsProfile default -AccessKey AKIAIOSFODNN7EXAMPLE -SecretKey $secret -Region eu-west-1 -NoActivate
            (Get-Content $files.Config) | Should -Contain '[default]'
            Invoke-AwsCli configure get region | Should -Be 'eu-west-1'
            $list = Invoke-AwsCli configure list --profile default
            $list | Should -Match 'MPLE\s+shared-credentials-file'
        }

        It 'writes assume-role settings the CLI understands' {
            Set-AwsProfile base -AccessKey AKIAIOSFODNN7EXAMPLE -SecretKey $secret -NoActivate
            Set-AwsProfile admin -RoleArn arn:aws:iam::123456789012:role/Admin -SourceProfile base -MfaSerial arn:aws:iam::123456789012:mfa/me `
                -ExternalId ext-1 -RoleSessionName runbook -DurationSeconds 3600 -NoActivate
            Invoke-AwsCli configure get role_arn --profile admin | Should -Be 'arn:aws:iam::123456789012:role/Admin'
            Invoke-AwsCli configure get source_profile --profile admin | Should -Be 'base'
            Invoke-AwsCli configure get mfa_serial --profile admin | Should -Be 'arn:aws:iam::123456789012:mfa/me'
            Invoke-AwsCli configure get external_id --profile admin | Should -Be 'ext-1'
            Invoke-AwsCli configure get role_session_name --profile admin | Should -Be 'runbook'
            Invoke-AwsCli configure get duration_seconds --profile admin | Should -Be '3600'
            (Get-AwsProfile admin).CredentialType | Should -Be 'AssumeRole'
        }

        It 'puts SSO session settings in [sso-session NAME] and the account and role in the profile' {
            Set-AwsProfile dev -SsoSession corp -SsoStartUrl https://corp.awsapps.com/start -SsoRegion us-east-1 -SsoAccountId 111122223333 -SsoRoleName Developer -NoActivate
            $config = Get-Content $files.Config
            $config | Should -Contain '[sso-session corp]'
            $config | Should -Contain 'sso_start_url = https://corp.awsapps.com/start'
            Invoke-AwsCli configure get sso_session --profile dev | Should -Be 'corp'
            Invoke-AwsCli configure get sso_account_id --profile dev | Should -Be '111122223333'
            Invoke-AwsCli configure get sso_role_name --profile dev | Should -Be 'Developer'
            $profile = Get-AwsProfile dev
            $profile.CredentialType | Should -Be 'Sso'
            $profile.SsoStartUrl | Should -Be 'https://corp.awsapps.com/start'
        }

        It 'writes a session token and a credential process' {
            Set-AwsProfile temp -AccessKey ASIAIOSFODNN7EXAMPLE -SecretKey $secret -SessionToken $token -NoActivate
            Set-AwsProfile proc -CredentialProcess '/usr/local/bin/get-creds --account 1' -NoActivate
            Invoke-AwsCli configure get aws_session_token --profile temp | Should -Be $token
            Invoke-AwsCli configure get credential_process --profile proc | Should -Be '/usr/local/bin/get-creds --account 1'
            (Get-AwsProfile temp).CredentialType | Should -Be 'Session'
            (Get-AwsProfile proc).CredentialType | Should -Be 'Process'
        }

        It 'accepts the secret as a SecureString' {
            Set-AwsProfile secure -AccessKey AKIAIOSFODNN7EXAMPLE -SecretKey (ConvertTo-SecureString $secret -AsPlainText -Force) -NoActivate
            Invoke-AwsCli configure get aws_secret_access_key --profile secure | Should -Be $secret
        }

        It 'changes only the keys it is given' {
            Set-AwsProfile work -AccessKey AKIAIOSFODNN7EXAMPLE -SecretKey $secret -Region us-east-1 -Output json -NoActivate
            Set-AwsProfile work -Region us-west-2 -NoActivate
            Invoke-AwsCli configure get region --profile work | Should -Be 'us-west-2'
            Invoke-AwsCli configure get output --profile work | Should -Be 'json'
            Invoke-AwsCli configure get aws_secret_access_key --profile work | Should -Be $secret
        }

        It 'creates new files owner-only (0600) in an owner-only folder (0700)' -Skip:$IsWindows {
            $fresh = Use-TestProfileFiles -NoDirectory
            Set-AwsProfile work -AccessKey AKIAIOSFODNN7EXAMPLE -SecretKey $secret -Region us-east-1 -NoActivate
            (Get-Item $fresh.Folder).UnixMode | Should -Be 'drwx------'
            (Get-Item $fresh.Credentials).UnixMode | Should -Be '-rw-------'
            (Get-Item $fresh.Config).UnixMode | Should -Be '-rw-------'
        }

        It 'keeps the permissions of an existing file' -Skip:$IsWindows {
            Set-Content $files.Config "[profile a]`nregion = us-east-1`n" -NoNewline
            chmod 640 $files.Config
            Set-AwsProfile a -Region eu-west-1 -NoActivate
            (Get-Item $files.Config).UnixMode | Should -Be '-rw-r-----'
        }

        It 'honours AWS_SHARED_CREDENTIALS_FILE and AWS_CONFIG_FILE (nothing lands in HOME)' {
            Set-AwsProfile elsewhere -AccessKey AKIAIOSFODNN7EXAMPLE -SecretKey $secret -Region us-east-1 -NoActivate
            Test-Path $files.Credentials | Should -BeTrue
            Test-Path (Join-Path $env:HOME '.aws/credentials') | Should -BeFalse
        }
    }

    Describe 'Get-AwsProfile reads what the AWS CLI writes' {
        It 'merges both files into one object per profile' {
            Invoke-AwsCli configure set aws_access_key_id AKIAIOSFODNN7EXAMPLE --profile cli
            Invoke-AwsCli configure set aws_secret_access_key $secret --profile cli
            Invoke-AwsCli configure set region sa-east-1 --profile cli
            Invoke-AwsCli configure set output text --profile cli
            Invoke-AwsCli configure set role_arn arn:aws:iam::123456789012:role/R --profile cli-role
            Invoke-AwsCli configure set source_profile cli --profile cli-role

            $cli = Get-AwsProfile cli
            $cli.Region | Should -Be 'sa-east-1'
            $cli.Output | Should -Be 'text'
            $cli.CredentialType | Should -Be 'Static'
            $cli.AccessKeyId | Should -Be 'AKIA****MPLE'
            $cli.Source | Should -Be "$($files.Credentials); $($files.Config)"
            $role = Get-AwsProfile cli-role
            $role.RoleArn | Should -Be 'arn:aws:iam::123456789012:role/R'
            $role.SourceProfile | Should -Be 'cli'
            $role.Source | Should -Be $files.Config
        }

        It 'filters by wildcard and reports a missing exact name as ProfileNotFound' {
            foreach ($name in 'prod-a', 'prod-b', 'dev-a') { Invoke-AwsCli configure set region us-east-1 --profile $name }
            (Get-AwsProfile prod-*).ProfileName | Should -Be @('prod-a', 'prod-b')
            (Get-AwsProfile PROD-A).ProfileName | Should -Be 'prod-a' -Because 'wildcard matching is case-insensitive'
            Get-AwsProfile nope -ErrorVariable err -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
            $err[0].FullyQualifiedErrorId | Should -BeLike 'ProfileNotFound,*'
            $err[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
            $err[0].TargetObject | Should -Be 'nope'
        }

        It 'marks the active profile from AWS_PROFILE, else default' {
            Invoke-AwsCli configure set region us-east-1 --profile default
            Invoke-AwsCli configure set region us-east-1 --profile other
            (Get-AwsProfile default).IsActive | Should -BeTrue
            $env:AWS_PROFILE = 'other'
            (Get-AwsProfile default).IsActive | Should -BeFalse
            (Get-AwsProfile other).IsActive | Should -BeTrue
        }

        It 'never returns the secret key or the session token' {
            Set-AwsProfile temp -AccessKey ASIAIOSFODNN7EXAMPLE -SecretKey $secret -SessionToken $token -NoActivate
            $text = Get-AwsProfile | Format-List * -Force | Out-String
            $text | Should -Not -Match ([regex]::Escape($secret))
            $text | Should -Not -Match ([regex]::Escape($token))
            $text | Should -Not -Match 'IOSFODNN7EXA' -Because 'the key id is masked'
        }

        It 'exports clean CSV columns' {
            Set-AwsProfile work -AccessKey AKIAIOSFODNN7EXAMPLE -SecretKey $secret -Region us-east-1 -NoActivate
            $csv = Get-AwsProfile | ConvertTo-Csv | ConvertFrom-Csv
            $csv[0].ProfileName | Should -Be 'work'
            $csv[0].CredentialType | Should -Be 'Static'
            $csv[0].Region | Should -Be 'us-east-1'
        }
    }

    Describe 'Preserving what was not changed' {
        BeforeAll {
            $script:configFixture = (@(
                    '# Company AWS config; managed by hand'
                    '; semicolon comment'
                    ''
                    '[default]'
                    'region = us-east-1'
                    'cli_pager='
                    's3 ='
                    '    max_concurrent_requests = 20'
                    '    addressing_style = path'
                    ''
                    '[profile work]'
                    'output=json'
                    'region = eu-west-1'
                    'unknown_key = keep me'
                    ''
                    '[sso-session corp]'
                    'sso_start_url = https://corp.awsapps.com/start'
                    'sso_region = us-east-1'
                    ''
                    '[services local]'
                    'ec2 ='
                    '  endpoint_url = http://localhost:4566'
                    ''
                    '[plugins]'
                    '# plugin_name = module  (none here: the CLI would try to import it)'
                    ''
                    '[preview]'
                    'cloudfront = true'
                ) -join "`r`n")  # CRLF and no final newline
        }

        It 'changes exactly one line and keeps everything else byte for byte (CRLF, comments, order, nested keys, no final newline)' {
            [IO.File]::WriteAllText($files.Config, $configFixture)
            Set-AwsProfile work -Region ap-northeast-2 -NoActivate
            $expected = $configFixture.Replace("region = eu-west-1", "region = ap-northeast-2")
            [IO.File]::ReadAllText($files.Config) | Should -BeExactly $expected
        }

        It 'adds a new key after the section''s last setting, with the file''s own line ending' {
            [IO.File]::WriteAllText($files.Config, $configFixture)
            Set-AwsProfile work -RoleArn arn:aws:iam::123456789012:role/X -SourceProfile default -NoActivate
            $expected = $configFixture.Replace("unknown_key = keep me`r`n", "unknown_key = keep me`r`nrole_arn = arn:aws:iam::123456789012:role/X`r`nsource_profile = default`r`n")
            [IO.File]::ReadAllText($files.Config) | Should -BeExactly $expected
            Invoke-AwsCli configure get role_arn --profile work | Should -Be 'arn:aws:iam::123456789012:role/X'
        }

        It 'appends a key to the last section without adding a final newline' {
            [IO.File]::WriteAllText($files.Config, "[profile last]`nregion = us-east-1")
            Set-AwsProfile last -Output text -NoActivate
            [IO.File]::ReadAllText($files.Config) | Should -BeExactly "[profile last]`nregion = us-east-1`noutput = text"
        }

        It 'removing a profile leaves the other sections byte for byte' {
            [IO.File]::WriteAllText($files.Config, $configFixture)
            Remove-AwsProfile work -Confirm:$false
            $expected = $configFixture.Replace("`r`n`r`n[profile work]`r`noutput=json`r`nregion = eu-west-1`r`nunknown_key = keep me", '')
            [IO.File]::ReadAllText($files.Config) | Should -BeExactly $expected
            Invoke-AwsCli configure get region | Should -Be 'us-east-1'
        }

        It 'refuses to write to a file the AWS CLI cannot parse, warns by line number without quoting the line, and changes nothing' {
            $credentials = "[ok]`naws_access_key_id = AKIAIOSFODNN7EXAMPLE`naws_secret_access_key = $secret`nthis line is broken $secret`n"
            [IO.File]::WriteAllText($files.Credentials, $credentials)
            $warnings = @()
            Set-AwsProfile ok -Region us-east-1 -NoActivate -WarningVariable warnings -WarningAction SilentlyContinue -ErrorVariable err -ErrorAction SilentlyContinue
            $err[0].FullyQualifiedErrorId | Should -BeLike 'ProfileFileInvalid,*'
            $err[0].CategoryInfo.Category | Should -Be 'InvalidData'
            $err[0].TargetObject | Should -Be $files.Credentials
            [IO.File]::ReadAllText($files.Credentials) | Should -BeExactly $credentials
            Test-Path $files.Config | Should -BeFalse
            ($warnings -join "`n") | Should -Match ([regex]::Escape("$($files.Credentials), line 4"))
            ($warnings -join "`n") + ($err | Out-String) | Should -Not -Match ([regex]::Escape($secret))
            { Invoke-AwsCli configure get region --profile ok } | Should -Throw -Because 'the CLI refuses the file too'
        }
    }

    Describe 'Switching the session' {
        It 'sets AWS_PROFILE, and -PassThru returns the active profile' {
            Set-AwsProfile one -AccessKey AKIAIOSFODNN7EXAMPLE -SecretKey $secret -NoActivate
            $env:AWS_PROFILE | Should -BeNullOrEmpty
            $result = Set-AwsProfile one -PassThru
            $env:AWS_PROFILE | Should -Be 'one'
            $result.ProfileName | Should -Be 'one'
            $result.IsActive | Should -BeTrue
            $result | Should -BeOfType 'AwsWiki.Profiles.AwsProfile'
        }

        It 'refuses to switch to a profile that exists in neither file, changing nothing' {
            Set-AwsProfile one -AccessKey AKIAIOSFODNN7EXAMPLE -SecretKey $secret
            $before = Get-FileSha $files.Credentials, $files.Config
            Set-AwsProfile ghost -ErrorVariable err -ErrorAction SilentlyContinue
            $err[0].FullyQualifiedErrorId | Should -BeLike 'ProfileNotFound,*'
            $err[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
            $env:AWS_PROFILE | Should -Be 'one'
            Get-FileSha $files.Credentials, $files.Config | Should -Be $before
        }

        It 'switches to a profile that only the config file has' {
            Invoke-AwsCli configure set region us-east-2 --profile configonly
            Set-AwsProfile configonly
            $env:AWS_PROFILE | Should -Be 'configonly'
        }

        It 'with -WhatIf writes nothing and does not switch' {
            Set-AwsProfile whatif -AccessKey AKIAIOSFODNN7EXAMPLE -SecretKey $secret -Region us-east-1 -WhatIf
            Test-Path $files.Credentials | Should -BeFalse
            Test-Path $files.Config | Should -BeFalse
            $env:AWS_PROFILE | Should -BeNullOrEmpty
        }

        It 'points AWS Tools for PowerShell''s session default at the profile when that module is loaded' {
            $fake = New-Module -Name AWS.Tools.Common -ScriptBlock {
                $script:calls = [System.Collections.Generic.List[string]]::new()
                function Set-AWSCredential { param($ProfileName, $Scope) $script:calls.Add("cred:${ProfileName}:${Scope}") }
                function Set-DefaultAWSRegion { param($Region, $Scope) $script:calls.Add("region:${Region}:${Scope}") }
                function Get-FakeCalls { $script:calls }
            } | Import-Module -PassThru
            try {
                Set-AwsProfile tools -AccessKey AKIAIOSFODNN7EXAMPLE -SecretKey $secret -Region eu-central-1
                Get-FakeCalls | Should -Be @('cred:tools:Global', 'region:eu-central-1:Global')
            }
            finally { Remove-Module $fake }
        }
    }

    Describe 'Bad input is refused with a specific error, and nothing is written' {
        BeforeEach {
            Set-AwsProfile existing -AccessKey AKIAIOSFODNN7EXAMPLE -SecretKey $secret -Region us-east-1 -NoActivate
            $script:before = Get-FileSha $files.Credentials, $files.Config
        }

        It '<Case> gives <ErrorId>' -ForEach @(
            @{ Case = 'an empty name'; ErrorId = 'ProfileNameEmpty'; Arguments = @{ ProfileName = ''; Region = 'us-east-1' } }
            @{ Case = 'a name with ['; ErrorId = 'ProfileNameHasBracket'; Arguments = @{ ProfileName = 'a[b'; Region = 'us-east-1' } }
            @{ Case = 'a name with ]'; ErrorId = 'ProfileNameHasBracket'; Arguments = @{ ProfileName = 'ab]'; Region = 'us-east-1' } }
            @{ Case = 'a name with a newline'; ErrorId = 'ProfileNameHasNewline'; Arguments = @{ ProfileName = "a`nb"; Region = 'us-east-1' } }
            @{ Case = 'a name with outer white space'; ErrorId = 'ProfileNameHasOuterWhitespace'; Arguments = @{ ProfileName = ' padded '; Region = 'us-east-1' } }
            @{ Case = 'an access key without a secret'; ErrorId = 'AccessKeyWithoutSecretKey'; Arguments = @{ ProfileName = 'x'; AccessKey = 'AKIAIOSFODNN7EXAMPLE' } }
            @{ Case = 'a secret without an access key'; ErrorId = 'SecretKeyWithoutAccessKey'; Arguments = @{ ProfileName = 'x'; SecretKey = 'abc' } }
            @{ Case = 'a source profile that does not exist'; ErrorId = 'SourceProfileNotFound'; Arguments = @{ ProfileName = 'x'; RoleArn = 'arn:aws:iam::123456789012:role/R'; SourceProfile = 'missing' } }
            @{ Case = 'a role ARN that is not an IAM role'; ErrorId = 'InvalidRoleArn'; Arguments = @{ ProfileName = 'x'; RoleArn = 'arn:aws:iam::123456789012:user/bob' } }
            @{ Case = 'an SSO account id that is not 12 digits'; ErrorId = 'InvalidSsoAccountId'; Arguments = @{ ProfileName = 'x'; SsoAccountId = '12345' } }
            @{ Case = 'an SSO start URL that is not https'; ErrorId = 'InvalidSsoStartUrl'; Arguments = @{ ProfileName = 'x'; SsoStartUrl = 'http://corp.example/start' } }
        ) {
            Set-AwsProfile @Arguments -ErrorVariable err -ErrorAction SilentlyContinue
            $err.Count | Should -Be 1
            $err[0].FullyQualifiedErrorId | Should -BeLike "$ErrorId,*"
            $err[0].CategoryInfo.Category | Should -BeIn @('InvalidArgument', 'ObjectNotFound')
            Get-FileSha $files.Credentials, $files.Config | Should -Be $before
            $env:AWS_PROFILE | Should -BeNullOrEmpty
        }

        It 'names the offending value as the target' {
            Set-AwsProfile x -RoleArn 'arn:aws:iam::123456789012:user/bob' -ErrorVariable err -ErrorAction SilentlyContinue
            $err[0].TargetObject | Should -Be 'arn:aws:iam::123456789012:user/bob'
        }

        It 'warns about a key id that does not look like AKIA/ASIA, and still writes it' {
            Set-AwsProfile odd -AccessKey 'NOTAKEYID1234567' -SecretKey $secret -NoActivate -WarningVariable warnings -WarningAction SilentlyContinue
            ($warnings -join ' ') | Should -Match 'does not look like an AWS key id'
            Invoke-AwsCli configure get aws_access_key_id --profile odd | Should -Be 'NOTAKEYID1234567'
        }

        It 'warns about a region the SDK does not know, and still writes it' {
            Set-AwsProfile odd -Region 'mars-north-1' -NoActivate -WarningVariable warnings -WarningAction SilentlyContinue
            ($warnings -join ' ') | Should -Match "mars-north-1"
            Invoke-AwsCli configure get region --profile odd | Should -Be 'mars-north-1'
        }
    }

    Describe 'Remove-AwsProfile' {
        It 'removes the profile from both files and leaves the others' {
            Set-AwsProfile gone -AccessKey AKIAIOSFODNN7EXAMPLE -SecretKey $secret -Region us-east-1 -NoActivate
            Set-AwsProfile kept -AccessKey AKIAIOSFODNN7EXAMPLF -SecretKey $secret -Region us-west-2 -NoActivate
            Remove-AwsProfile gone -Confirm:$false
            (Get-AwsProfile).ProfileName | Should -Be @('kept')
            (Get-Content $files.Credentials) | Should -Not -Contain '[gone]'
            (Get-Content $files.Config) | Should -Not -Contain '[profile gone]'
            Invoke-AwsCli configure get region --profile kept | Should -Be 'us-west-2'
        }

        It 'takes profiles from Get-AwsProfile through the pipeline' {
            foreach ($n in 'tmp-1', 'tmp-2', 'stay') { Invoke-AwsCli configure set region us-east-1 --profile $n }
            Get-AwsProfile tmp-* | Remove-AwsProfile -Confirm:$false
            (Get-AwsProfile).ProfileName | Should -Be @('stay')
        }

        It 'is high impact: it asks by default, and -WhatIf changes nothing' {
            (Get-Command Remove-AwsProfile).ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0].ConfirmImpact |
                Should -Be 'High'
            Invoke-AwsCli configure set region us-east-1 --profile keep
            $before = Get-FileSha $files.Config
            Remove-AwsProfile keep -WhatIf
            Get-FileSha $files.Config | Should -Be $before
        }

        It 'clears AWS_PROFILE when it removes the active profile' {
            Set-AwsProfile active -AccessKey AKIAIOSFODNN7EXAMPLE -SecretKey $secret
            Remove-AwsProfile active -Confirm:$false -WarningAction SilentlyContinue
            $env:AWS_PROFILE | Should -BeNullOrEmpty
        }

        It 'reports a profile that does not exist' {
            Remove-AwsProfile nothere -Confirm:$false -ErrorVariable err -ErrorAction SilentlyContinue
            $err[0].FullyQualifiedErrorId | Should -BeLike 'ProfileNotFound,*'
        }
    }

    Describe 'Concurrent writers' {
        It 'loses no update with 12 processes writing at once' {
            $pwsh = @('pwsh', 'pwsh.exe') | ForEach-Object { Join-Path $PSHOME $_ } | Where-Object { Test-Path $_ } | Select-Object -First 1
            $writers = 1..12 | ForEach-Object {
                $script = "Import-Module '$env:AWSWIKI_MODULE'; Set-AwsProfile 'writer$_' -AccessKey AKIAIOSFODNN7EXAMPL$('{0:D1}' -f ($_ % 10)) -SecretKey 'secret$_' -Region us-east-1 -NoActivate"
                Start-Process -FilePath $pwsh -ArgumentList @('-NoProfile', '-NonInteractive', '-Command', $script) -PassThru
            }
            $writers | Wait-Process -Timeout 240
            $writers | ForEach-Object { $_.ExitCode | Should -Be 0 }
            $names = (Get-AwsProfile writer*).ProfileName
            $names.Count | Should -Be 12
            foreach ($i in 1..12) {
                Invoke-AwsCli configure get aws_secret_access_key --profile "writer$i" | Should -Be "secret$i"
                Invoke-AwsCli configure get region --profile "writer$i" | Should -Be 'us-east-1'
            }
        }
    }

    Describe 'Secrets never leak' {
        It 'no stream, error, warning, verbose, debug or -WhatIf text shows the secret or token' {
            $credentials = $files.Credentials; $config = $files.Config
            $script = @"
    `$env:AWS_SHARED_CREDENTIALS_FILE = '$credentials'; `$env:AWS_CONFIG_FILE = '$config'
    `$VerbosePreference = 'Continue'; `$DebugPreference = 'Continue'; `$InformationPreference = 'Continue'
    Set-AwsProfile leak -AccessKey AKIAIOSFODNN7EXAMPLE -SecretKey '$secret' -SessionToken '$token' -Region us-east-1 -WhatIf -Verbose -Debug
    Set-AwsProfile leak -AccessKey AKIAIOSFODNN7EXAMPLE -SecretKey '$secret' -SessionToken '$token' -Region us-east-1 -Verbose -Debug -PassThru | Format-List * -Force
    Set-AwsProfile 'bad[name' -AccessKey AKIAIOSFODNN7EXAMPLE -SecretKey '$secret' -Verbose
    Set-AwsProfile leak2 -AccessKey 'weird-id' -SecretKey '$secret' -Verbose
    Set-AwsProfile leak3 -SecretKey '$secret' -Verbose
    `$Error | ForEach-Object { `$_ | Format-List * -Force; `$_.Exception | Format-List * -Force }
    Get-AwsProfile | Format-List * -Force
    Get-AwsCallerIdentity -AccessKey AKIAIOSFODNN7EXAMPLE -SecretKey '$secret' -SessionToken '$token' -Verbose -Debug | Format-List *
    Get-AwsCallerIdentity -AccessKey AKIAIOSFODNN7EXAMPLE -SecretKey '$secret' -EndpointUrl http://127.0.0.1:9 -Verbose -Debug
    `$Error[0] | Format-List * -Force
    Remove-AwsProfile leak -WhatIf -Verbose
"@
            $out = Invoke-ChildPwsh $script
            $out | Should -Match 'What if'
            $out | Should -Match 'ProfileNameHasBracket'
            $out | Should -Match '123456789012' -Because 'the identity call ran'
            $out | Should -Not -Match ([regex]::Escape($secret))
            $out | Should -Not -Match ([regex]::Escape($token))
            Invoke-AwsCli configure get aws_secret_access_key --profile leak | Should -Be $secret -Because 'the real write did happen'
        }
    }

    Describe 'Tab completion' {
        It 'completes -ProfileName from both files' {
            Invoke-AwsCli configure set region us-east-1 --profile comp-config
            Set-AwsProfile comp-creds -AccessKey AKIAIOSFODNN7EXAMPLE -SecretKey $secret -NoActivate
            $line = 'Set-AwsProfile -ProfileName comp-'
            $names = (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText
            $names | Should -Be @('comp-config', 'comp-creds')
            $line = 'Get-AwsCallerIdentity -ProfileName comp-co'
            (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText | Should -Be @('comp-config')
        }

        It 'completes -Region from the SDK''s region list' {
            $line = 'Set-AwsProfile x -Region ap-northeast-'
            $regions = (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText
            $regions | Should -Contain 'ap-northeast-2'
            $regions | Should -Not -Contain 'us-east-1'
        }
    }
}
