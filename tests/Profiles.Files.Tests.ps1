# Hand-written cases for issue 9's "Why": files real users have, checked against the real AWS CLI.
BeforeAll {
    Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force
    Import-AwsWikiUnderTest
    $script:secret = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYzSECRETzKEY'
    function Write-Bytes($path, [string] $text) { [IO.File]::WriteAllBytes($path, [Text.Encoding]::UTF8.GetBytes($text)) }
}

Describe 'Profile files as users have them' {
    BeforeEach {
        $script:files = Use-TestProfileFiles
        Remove-Item Env:AWS_PROFILE -ErrorAction SilentlyContinue
    }

    It 'reads a quoted [profile "personal"] and writes into it, not into a second section' {
        Write-Bytes $files.Config "[profile `"personal`"]`nregion = eu-west-1`n"
        (Get-AwsProfile personal).Region | Should -Be 'eu-west-1'
        Set-AwsProfile personal -Output text -NoActivate
        [IO.File]::ReadAllText($files.Config) | Should -BeExactly "[profile `"personal`"]`nregion = eu-west-1`noutput = text`n"
        Invoke-AwsCli configure get region --profile personal | Should -Be 'eu-west-1'
        Invoke-AwsCli configure get output --profile personal | Should -Be 'text'
    }

    It 'quotes a name with spaces as the CLI does, and finds it again quoted either way' {
        Set-AwsProfile 'my profile' -Region ap-northeast-2 -NoActivate
        (Get-Content $files.Config) | Should -Contain "[profile 'my profile']"
        Invoke-AwsCli configure get region --profile 'my profile' | Should -Be 'ap-northeast-2'
        Write-Bytes $files.Config "[profile `"my profile`"]`nregion = us-east-1`n"
        Set-AwsProfile 'my profile' -Output json -NoActivate
        (Get-Content $files.Config | Where-Object { $_ -like '`[*' }).Count | Should -Be 1
        Invoke-AwsCli configure get output --profile 'my profile' | Should -Be 'json'
    }

    It 'writes into the section botocore reads when a name is there quoted and unquoted' {
        Write-Bytes $files.Config "[profile a]`nregion = us-east-1`n`n[profile `"a`"]`noutput = json`n"
        (Get-AwsProfile a).Region | Should -BeNullOrEmpty -Because 'botocore reads only the later section'
        Set-AwsProfile a -Region eu-central-1 -NoActivate
        [IO.File]::ReadAllText($files.Config) | Should -BeExactly "[profile a]`nregion = us-east-1`n`n[profile `"a`"]`noutput = json`nregion = eu-central-1`n"
        Invoke-AwsCli configure get region --profile a | Should -Be 'eu-central-1'
    }

    It 'takes indented keys as keys, replaces them in place and keeps the file loadable' {
        Write-Bytes $files.Config "[profile x]`n  output = json`n`tregion = eu-west-1`n"
        $x = Get-AwsProfile x
        $x.Output | Should -Be 'json'
        Set-AwsProfile x -Output table -NoActivate
        [IO.File]::ReadAllText($files.Config) | Should -BeExactly "[profile x]`n  output = table`n`tregion = eu-west-1`n"
        Invoke-AwsCli configure get output --profile x | Should -Be 'table'
    }

    It 'sees [default] with a comment after the header, and adds no second [default]' {
        Write-Bytes $files.Config "[default]  # main account`nregion = us-east-1`n"
        (Get-AwsProfile default).Region | Should -Be 'us-east-1'
        Set-AwsProfile default -Output text -NoActivate
        [IO.File]::ReadAllText($files.Config) | Should -BeExactly "[default]  # main account`nregion = us-east-1`noutput = text`n"
        Invoke-AwsCli configure get output | Should -Be 'text'
    }

    It 'keeps bytes that are not UTF-8 (Latin-1, CP949, 64 KB of binary) exactly, and warns that the CLI here cannot read them' {
        $random = [Random]::new(7)
        $garbage = [byte[]]::new(65536); $random.NextBytes($garbage)
        $garbage = [byte[]]($garbage | ForEach-Object { if ($_ -in 10, 13) { 32 } else { $_ } })
        $head = [Text.Encoding]::UTF8.GetBytes("[profile x]`nregion = us-east-1`n")
        $before = [byte[]]($head + [byte[]](0x23, 0x20, 0xE9, 0x0A) + [byte[]](0x3B, 0xC7, 0xD1, 0xB1, 0xDB, 0x0A) + [byte[]](0x23) + $garbage + [byte[]](0x0A))
        [IO.File]::WriteAllBytes($files.Config, $before)
        $warnings = @()
        Set-AwsProfile x -Region eu-west-3 -NoActivate -WarningVariable warnings -WarningAction SilentlyContinue
        $after = [IO.File]::ReadAllBytes($files.Config)
        $after.Length | Should -Be ($before.Length)
        $expected = [byte[]]([Text.Encoding]::UTF8.GetBytes("[profile x]`nregion = eu-west-3`n") + $before[$head.Length..($before.Length - 1)])
        [Convert]::ToBase64String($after) | Should -BeExactly ([Convert]::ToBase64String($expected))
        ($warnings -join "`n") | Should -Match 'line 3: bytes that are not UTF-8'
    }

    It 'keeps a BOM and a file''s CR line endings' {
        [IO.File]::WriteAllBytes($files.Config, [byte[]](0xEF, 0xBB, 0xBF) + [Text.Encoding]::UTF8.GetBytes("[profile x]`rregion = us-east-1`r"))
        Set-AwsProfile x -Output json -NoActivate -WarningAction SilentlyContinue
        $bytes = [IO.File]::ReadAllBytes($files.Config)
        $bytes[0..2] | Should -Be @(0xEF, 0xBB, 0xBF)
        [Text.Encoding]::UTF8.GetString($bytes, 3, $bytes.Length - 3) | Should -BeExactly "[profile x]`rregion = us-east-1`routput = json`r"
    }

    It 'follows a symlinked credentials file: replaces the target, keeps the link and the target''s mode' -Skip:$IsWindows {
        $dotfiles = Join-Path $files.Folder 'dotfiles'
        New-Item -ItemType Directory $dotfiles | Out-Null
        $target = Join-Path $dotfiles 'aws-credentials'
        Write-Bytes $target "[old]`naws_access_key_id = AKIAIOSFODNN7EXAMPLE`naws_secret_access_key = x`n"
        chmod 640 $target
        $isRoot = (id -u) -eq '0'
        if ($isRoot) { chown 1234:1234 $target }
        New-Item -ItemType SymbolicLink -Path $files.Credentials -Target 'dotfiles/aws-credentials' | Out-Null
        Set-AwsProfile new -AccessKey AKIAIOSFODNN7EXAMPLE -SecretKey $secret -NoActivate
        (Get-Item $files.Credentials).LinkType | Should -Be 'SymbolicLink'
        [IO.File]::ReadAllText($target) | Should -Match '\[new\]'
        [int](Get-Item $target).UnixFileMode | Should -Be ([Convert]::ToInt32('640', 8))
        if ($isRoot) { stat -c '%u:%g' $target | Should -Be '1234:1234' -Because 'an administrator editing another user''s file keeps its owner' }
        Invoke-AwsCli configure get aws_secret_access_key --profile new | Should -Be $secret
        Get-ChildItem -Force $files.Folder, $dotfiles | Where-Object Name -like '*.tmp' | Should -BeNullOrEmpty
    }

    It 'reports the credential type botocore would use: <Case>' -ForEach @(
        @{ Case = 'aws_security_token is a session token'; Credentials = "[p]`naws_access_key_id = AKIAIOSFODNN7EXAMPLE`naws_secret_access_key = x`naws_security_token = t`n"; Config = ''; Type = 'Session'; Method = 'shared-credentials-file' }
        @{ Case = 'credentials-file keys win over credential_process'; Credentials = "[p]`naws_access_key_id = AKIAIOSFODNN7EXAMPLE`naws_secret_access_key = x`n"; Config = "[profile p]`ncredential_process = /bin/false`n"; Type = 'Static'; Method = 'shared-credentials-file' }
        @{ Case = 'credential_process wins over config-file keys'; Credentials = ''; Config = "[profile p]`naws_access_key_id = AKIAIOSFODNN7EXAMPLE`naws_secret_access_key = x`ncredential_process = /bin/false`n"; Type = 'Process'; Method = $null }
        @{ Case = 'only sso_session gives no credentials'; Credentials = ''; Config = "[profile p]`nsso_session = corp`n`n[sso-session corp]`nsso_start_url = https://corp.awsapps.com/start`nsso_region = us-east-1`n"; Type = 'None'; Method = $null }
        @{ Case = 'role_arn without a source fails'; Credentials = ''; Config = "[profile p]`nrole_arn = arn:aws:iam::123456789012:role/R`n"; Type = 'Incomplete'; Method = $null }
    ) {
        if ($Credentials) { Write-Bytes $files.Credentials $Credentials }
        if ($Config) { Write-Bytes $files.Config $Config }
        (Get-AwsProfile p).CredentialType | Should -Be $Type
        if ($Method) { (Invoke-AwsCli configure list --profile p) | Should -Match $Method }
    }

    It 'merges region and output from the credentials file, as botocore does' {
        Write-Bytes $files.Credentials "[c]`naws_access_key_id = AKIAIOSFODNN7EXAMPLE`naws_secret_access_key = x`nregion = sa-east-1`n"
        (Get-AwsProfile c).Region | Should -Be 'sa-east-1'
        Invoke-AwsCli configure get region --profile c | Should -Be 'sa-east-1'
    }

    It 'reads the later of [default] and [profile default], and writes there' {
        Write-Bytes $files.Config "[default]`nregion = us-east-1`n`n[profile default]`nregion = eu-west-1`n"
        (Get-AwsProfile default).Region | Should -Be 'eu-west-1'
        Set-AwsProfile default -Region eu-north-1 -NoActivate
        [IO.File]::ReadAllText($files.Config) | Should -BeExactly "[default]`nregion = us-east-1`n`n[profile default]`nregion = eu-north-1`n"
        Invoke-AwsCli configure get region | Should -Be 'eu-north-1'
    }

    It 'refuses a secret with outer white space, naming the key but not the secret, and writes nothing' {
        Set-AwsProfile w -AccessKey AKIAIOSFODNN7EXAMPLE -SecretKey " $secret" -NoActivate -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -BeLike 'SecretHasOuterWhitespace,*'
        $err[0].TargetObject | Should -Be 'aws_secret_access_key'
        ($err | Out-String) | Should -Not -Match ([regex]::Escape($secret))
        Test-Path $files.Credentials | Should -BeFalse
    }

    It 'refuses a file with a duplicate section and changes nothing (the CLI refuses it too)' {
        $text = "[profile a]`nregion = us-east-1`n[profile a]`noutput = json`n"
        Write-Bytes $files.Config $text
        Set-AwsProfile a -Region eu-west-1 -NoActivate -ErrorVariable err -ErrorAction SilentlyContinue -WarningAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -BeLike 'ProfileFileInvalid,*'
        [IO.File]::ReadAllText($files.Config) | Should -BeExactly $text
        Remove-AwsProfile a -Confirm:$false -ErrorVariable err2 -ErrorAction SilentlyContinue -WarningAction SilentlyContinue
        $err2[0].FullyQualifiedErrorId | Should -BeLike 'ProfileFileInvalid,*'
        [IO.File]::ReadAllText($files.Config) | Should -BeExactly $text
    }

    It 'caps parse warnings: the first five, then a count' {
        Write-Bytes $files.Config ("[profile a]`n" + (1..12 | ForEach-Object { "broken line $_`n" }) -join '')
        $warnings = @()
        Get-AwsProfile -WarningVariable warnings -WarningAction SilentlyContinue | Out-Null
        $warnings.Count | Should -Be 6
        $warnings[0] | Should -Match 'line 2:'
        $warnings[5] | Should -Match '7 more problems'
    }

    It 'Remove-AwsProfile takes several names and wildcards, asking per profile' {
        foreach ($name in 'a1', 'a2', 'b1', 'keep') { Set-AwsProfile $name -Region us-east-1 -NoActivate }
        $whatIf = Invoke-ChildPwsh 'Remove-AwsProfile a*, b1 -WhatIf'
        ([regex]::Matches($whatIf, 'What if')).Count | Should -Be 3
        Remove-AwsProfile a1, a2 -Confirm:$false
        Remove-AwsProfile b* -Confirm:$false
        (Get-AwsProfile).ProfileName | Should -Be @('keep')
        Remove-AwsProfile nope, keep -Confirm:$false -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -BeLike 'ProfileNotFound,*'
        Get-AwsProfile | Should -BeNullOrEmpty
    }

    It 'finds ~/.aws through HOME (USERPROFILE is for Windows), as os.path.expanduser does' -Skip:$IsWindows {
        $homeDir = Join-Path $files.Folder 'home'
        New-Item -ItemType Directory (Join-Path $homeDir '.aws') -Force | Out-Null
        Write-Bytes (Join-Path $homeDir '.aws/config') "[profile from-home]`nregion = us-east-1`n"
        $out = Invoke-ChildPwsh "Remove-Item Env:AWS_CONFIG_FILE, Env:AWS_SHARED_CREDENTIALS_FILE -ErrorAction SilentlyContinue; `$env:HOME = '$homeDir'; `$env:USERPROFILE = '/nonexistent'; (Get-AwsProfile).ProfileName"
        $out | Should -Match 'from-home'
    }
}
