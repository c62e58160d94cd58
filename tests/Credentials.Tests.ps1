# Credentials from every source an admin's session has: AWS Tools' credential objects (AWS SDK
# for .NET v3 and v4), SSO profiles (against a loopback stand-in of the SSO portal API), assume-role
# with MFA (moto), resolved once per call; and the root-user check. Requests go through the
# recording proxy (tests/stubs/aws_fault_proxy.py), which logs each request's operation and the
# access key id it was signed with, so the tests see which credentials were really used.
BeforeAll {
    Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force
    Import-AwsWikiUnderTest
    $script:savedEnvironment = @{}
    foreach ($name in 'HOME', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_ENDPOINT_URL', 'AWS_ENDPOINT_URL_SSO', 'AWS_ENDPOINT_URL_SSO_OIDC',
        'AWS_SHARED_CREDENTIALS_FILE', 'AWS_CONFIG_FILE') {
        $savedEnvironment[$name] = [Environment]::GetEnvironmentVariable($name)
    }

    $script:proxy = Start-TestStub aws_fault_proxy -ArgumentList @((Get-MotoUrl), '600')
    $script:portal = Start-TestStub sso_portal_stub -ArgumentList @('--lifetime', '600')
    $script:rootSts = Start-TestStub sts_root_stub -ArgumentList @('--lifetime', '600')
    # Where NuGet restored the other SDKs (tests/TestTools.csproj).
    $script:packages = $env:AWSWIKI_TEST_NUGET_PACKAGES
    $script:pwsh = @('pwsh', 'pwsh.exe') | ForEach-Object { Join-Path $PSHOME $_ } | Where-Object { Test-Path $_ } | Select-Object -First 1

    function Use-CredentialHome {
        # A fresh HOME (so ~/.aws/cli/cache and ~/.aws/sso/cache start empty) with profile files in it.
        $folder = Join-Path $env:AWSWIKI_TEST_RUN_ROOT ("creds-" + [Guid]::NewGuid().ToString('N').Substring(0, 8))
        New-Item -ItemType Directory -Path (Join-Path $folder '.aws') | Out-Null
        $env:HOME = $folder
        $env:AWS_SHARED_CREDENTIALS_FILE = Join-Path $folder '.aws/credentials'
        $env:AWS_CONFIG_FILE = Join-Path $folder '.aws/config'
        $folder
    }

    # Invoke-RestMethod hands a JSON array on as one object: enumerate it, so filters see entries.
    function Get-ProxyLog { foreach ($entry in (Invoke-RestMethod "$($proxy.Url)/__proxy/log")) { $entry } }
    function Clear-ProxyLog { Invoke-RestMethod -Method Post "$($proxy.Url)/__proxy/clear" | Out-Null }
    function Get-PortalRequests { foreach ($entry in (Invoke-RestMethod "$($portal.Url)/_stats").requests) { $entry } }


    function Write-SsoToken {
        # The AWS CLI's token cache entry, as 'aws sso login' leaves it: ~/.aws/sso/cache/<sha1 of the
        # session name, or of the start URL for legacy profiles>.json.
        param([string] $Key, [string] $StartUrl, [string] $Region, [string] $AccessToken = 'stub-sso-access-token', [DateTime] $ExpiresAt)
        $folder = Join-Path $env:HOME '.aws/sso/cache'
        New-Item -ItemType Directory -Force -Path $folder | Out-Null
        [ordered]@{ startUrl = $StartUrl; region = $Region; accessToken = $AccessToken; expiresAt = $ExpiresAt.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'") } |
            ConvertTo-Json | Set-Content -Path (Join-Path $folder "$(Get-Sha1Hex $Key).json")
    }

    function Write-SsoProfiles {
        @"
[profile legacy]
sso_start_url = https://legacy.awsapps.com/start
sso_region = us-east-1
sso_account_id = 111122223333
sso_role_name = Admin

[profile modern]
sso_session = corp
sso_account_id = 111122223333
sso_role_name = ReadOnly

[sso-session corp]
sso_start_url = https://corp.awsapps.com/start
sso_region = eu-west-1
sso_registration_scopes = sso:account:access
"@ | Set-Content $env:AWS_CONFIG_FILE
    }

    function Write-RoleProfiles {
        "[base]`naws_access_key_id = AKIABASE000000000001`naws_secret_access_key = base-secret-value-5e2a`n" | Set-Content $env:AWS_SHARED_CREDENTIALS_FILE
        @"
[profile admin]
role_arn = arn:aws:iam::123456789012:role/Admin
source_profile = base
mfa_serial = arn:aws:iam::123456789012:mfa/me

[profile role]
role_arn = arn:aws:iam::123456789012:role/Ops
source_profile = base
"@ | Set-Content $env:AWS_CONFIG_FILE
    }

    function Get-ForeignSdk([string] $Version) {
        # A genuine AWSSDK.Core of another version, loaded beside ours in its own load context, as
        # AWS Tools' copy is foreign to AwsWiki's: its types are not ours, whatever their version.
        $context = [System.Runtime.Loader.AssemblyLoadContext]::new("aws-tools-sdk-$Version-$([Guid]::NewGuid().ToString('N'))", $false)
        $context.LoadFromAssemblyPath((Join-Path $packages "awssdk.core/$Version/lib/netstandard2.0/AWSSDK.Core.dll"))
    }

    function New-ForeignObject($Assembly, [string] $TypeName, [object[]] $Arguments = @()) {
        [Activator]::CreateInstance($Assembly.GetType($TypeName, $true), $Arguments)
    }

    # The shape of AWS Tools' AWSPSCredentials (Amazon.PowerShell.Common), what Set-AWSCredential
    # stores in $StoredAWSCredentials: AWS.Tools.* is not on this machine's NuGet source.
    if (-not ('AwsToolsShape.AWSPSCredentials' -as [type])) {
        Add-Type -TypeDefinition @'
namespace AwsToolsShape {
    public class AWSPSCredentials {
        public AWSPSCredentials(object credentials, string name) { Credentials = credentials; Name = name; }
        public object Credentials { get; private set; }
        public string Name { get; private set; }
    }
}
'@
    }
}

AfterAll {
    Stop-TestStub $proxy
    Stop-TestStub $portal
    Stop-TestStub $rootSts
    foreach ($name in $savedEnvironment.Keys) { [Environment]::SetEnvironmentVariable($name, $savedEnvironment[$name]) }
    Remove-Variable StoredAWSCredentials -Scope Global -ErrorAction SilentlyContinue
}

Describe 'Credentials' {
    BeforeEach {
        foreach ($name in $savedEnvironment.Keys) { [Environment]::SetEnvironmentVariable($name, $savedEnvironment[$name]) }
        Remove-Item Env:AWS_PROFILE -ErrorAction SilentlyContinue
        Remove-Variable StoredAWSCredentials -Scope Global -ErrorAction SilentlyContinue
        $script:credHome = Use-CredentialHome
        $env:AWS_ENDPOINT_URL = $proxy.Url
        $env:AWS_ENDPOINT_URL_SSO = $portal.Url
        # A dead port: nothing may try to refresh or create an SSO token (no browser, no device code).
        $env:AWS_ENDPOINT_URL_SSO_OIDC = 'http://127.0.0.1:9'
        Clear-ProxyLog
    }

    Describe 'AWS Tools credential objects' {
        It 'takes AWS SDK <Version> credentials through -Credential and signs with their keys' -ForEach @(
            @{ Version = '3.7.402'; AssemblyVersion = '3.3.0.0' }
            @{ Version = '4.0.102.19'; AssemblyVersion = '4.0.0.0' }
        ) {
            $sdk = Get-ForeignSdk $Version
            $sdk.GetName().Version.ToString() | Should -Be $AssemblyVersion
            $credential = New-ForeignObject $sdk 'Amazon.Runtime.BasicAWSCredentials' @('AKIAFOREIGN000000001', 'foreign-secret-value-77d1')
            [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext($credential.GetType().Assembly).Name | Should -BeLike 'aws-tools-sdk-*'

            $identity = Get-AwsCallerIdentity -Credential $credential
            $identity.Account | Should -Be '123456789012'
            $calls = Get-ProxyLog | Where-Object operation -eq 'GetCallerIdentity'
            @($calls).Count | Should -Be 1
            $calls[0].accessKeyId | Should -Be 'AKIAFOREIGN000000001'
        }

        It 'takes AWS SDK <Version> credentials from $StoredAWSCredentials, bare and in an AWSPSCredentials wrapper' -ForEach @(
            @{ Version = '3.7.402' }
            @{ Version = '4.0.102.19' }
        ) {
            $sdk = Get-ForeignSdk $Version
            $global:StoredAWSCredentials = New-ForeignObject $sdk 'Amazon.Runtime.SessionAWSCredentials' @('ASIASTORED0000000001', 'stored-secret-value-1b9c', 'stored-token')
            (Get-AwsCallerIdentity -Verbose 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }) -join ' ' |
                Should -Match 'StoredAWSCredentials'
            $global:StoredAWSCredentials = [AwsToolsShape.AWSPSCredentials]::new(
                (New-ForeignObject $sdk 'Amazon.Runtime.BasicAWSCredentials' @('AKIAWRAPPED000000001', 'wrapped-secret-value')), 'tools-profile')
            (Get-AwsCallerIdentity).Account | Should -Be '123456789012'
            (Get-ProxyLog | Where-Object operation -eq 'GetCallerIdentity').accessKeyId | Should -Be @('ASIASTORED0000000001', 'AKIAWRAPPED000000001')
        }

        It 'reads the current keys of a credentials object at each call, so refreshing credentials keep refreshing' {
            # The v3 SDK's EnvironmentVariablesAWSCredentials reads the variables whenever it is asked.
            $sdk = Get-ForeignSdk '3.7.402'
            $env:AWS_ACCESS_KEY_ID = 'AKIAREFRESH000000001'
            $global:StoredAWSCredentials = New-ForeignObject $sdk 'Amazon.Runtime.EnvironmentVariablesAWSCredentials'
            Get-AwsCallerIdentity | Out-Null
            $env:AWS_ACCESS_KEY_ID = 'AKIAREFRESH000000002'
            Get-AwsCallerIdentity | Out-Null
            (Get-ProxyLog | Where-Object operation -eq 'GetCallerIdentity').accessKeyId | Should -Be @('AKIAREFRESH000000001', 'AKIAREFRESH000000002')
        }

        It 'refuses a -Credential that is no credentials object when binding, naming what it takes' -ForEach @(
            @{ Value = 'AKIAIOSFODNN7EXAMPLE' }
            @{ Value = [datetime]::Now }
            @{ Value = [pscustomobject]@{ AccessKey = 'a'; SecretKey = 'b' } }
        ) {
            $thrown = { Get-AwsCallerIdentity -Credential $Value -ErrorAction Stop } | Should -Throw -PassThru
            $thrown.FullyQualifiedErrorId | Should -BeLike 'ParameterArgumentTransformationError,*'
            $thrown.Exception.Message | Should -Match 'AWSCredentials of the AWS SDK for \.NET v3 or v4'
            $thrown.Exception.Message | Should -Match 'Get-AWSCredential'
            Get-ProxyLog | Should -BeNullOrEmpty
        }

        It 'refuses a $StoredAWSCredentials that is no credentials object with CredentialNotSupported, sending nothing' {
            $global:StoredAWSCredentials = [datetime]::Now
            $thrown = { Get-AwsCallerIdentity -ErrorAction Stop } | Should -Throw -PassThru
            $thrown.FullyQualifiedErrorId | Should -BeLike 'CredentialNotSupported,*'
            $thrown.CategoryInfo.Category | Should -Be 'InvalidArgument'
            $thrown.TargetObject | Should -Be 'System.DateTime'
            $thrown.Exception.Message | Should -Match 'Set-AWSCredential'
            Get-ProxyLog | Should -BeNullOrEmpty
        }
    }

    # The v3 case passes only with the module-private AssemblyLoadContext (issue 8, item 1): until
    # then AwsWiki's AWSSDK.Core 4.0.0.0 cannot load beside the v3 SDK's 3.3.0.0.
    Describe 'AWS Tools loaded first in the same session (needs the module-private load context)' {
        It 'works with AWS SDK <Version> loaded by Add-Type before AwsWiki, for -Credential and $StoredAWSCredentials' -ForEach @(
            @{ Version = '3.7.402'; Sts = 'awssdk.securitytoken/3.7.202' }
            @{ Version = '4.0.102.19'; Sts = $null }
        ) {
            $core = Join-Path $packages "awssdk.core/$Version/lib/netstandard2.0/AWSSDK.Core.dll"
            $stsLine = if ($Sts) { "Add-Type -Path '$(Join-Path $packages "$Sts/lib/netstandard2.0/AWSSDK.SecurityToken.dll")'" } else { '' }
            $script = @"
`$ErrorActionPreference = 'Stop'
Add-Type -Path '$core'
$stsLine
`$credential = [Amazon.Runtime.BasicAWSCredentials]::new('AKIACHILD00000000001', 'child-secret-value')
'loaded=' + [Amazon.Runtime.AWSCredentials].Assembly.GetName().Version
Import-Module '$env:AWSWIKI_MODULE'
'first=' + (Get-AwsCallerIdentity -Credential `$credential).Account
`$global:StoredAWSCredentials = `$credential
'stored=' + (Get-AwsCallerIdentity).Account
"@
            $encoded = [Convert]::ToBase64String([Text.Encoding]::Unicode.GetBytes($script))
            $out = & $pwsh -NoProfile -NonInteractive -EncodedCommand $encoded *>&1 | Out-String -Width 300
            $out | Should -Match 'first=123456789012'
            $out | Should -Match 'stored=123456789012'
            (Get-ProxyLog | Where-Object operation -eq 'GetCallerIdentity').accessKeyId | Should -Be @('AKIACHILD00000000001', 'AKIACHILD00000000001')
        }
    }

    Describe 'SSO profiles' {
        BeforeEach { Write-SsoProfiles }

        It 'resolves an sso_session profile through the portal with the cached token, and signs with the role credentials' {
            Write-SsoToken -Key 'corp' -StartUrl 'https://corp.awsapps.com/start' -Region 'eu-west-1' -ExpiresAt ([DateTime]::UtcNow.AddHours(1))
            $before = (Get-PortalRequests).Count
            $identity = Get-AwsCallerIdentity -ProfileName modern
            $identity.ProfileName | Should -Be 'modern'
            $asked = Get-PortalRequests | Select-Object -Skip $before
            @($asked).Count | Should -Be 1
            $asked[0].roleName | Should -Be 'ReadOnly'
            $asked[0].accountId | Should -Be '111122223333'
            $asked[0].tokenAccepted | Should -BeTrue
            (Get-ProxyLog | Where-Object operation -eq 'GetCallerIdentity').accessKeyId | Should -Be 'ASIASSOSTUBREADONLY'
        }

        It 'resolves a legacy sso_start_url profile, as the AWS CLI does from the same token cache' {
            Write-SsoToken -Key 'https://legacy.awsapps.com/start' -StartUrl 'https://legacy.awsapps.com/start' -Region 'us-east-1' -ExpiresAt ([DateTime]::UtcNow.AddHours(1))
            $ours = Get-AwsCallerIdentity -ProfileName legacy
            # botocore reads the same cache entry and asks the same stand-in (AWS_ENDPOINT_URL_SSO).
            $cli = Invoke-AwsCli sts get-caller-identity --profile legacy --region us-east-1
            $ours.Arn | Should -Be $cli.Arn
            (Get-PortalRequests | Select-Object -Last 2).roleName | Should -Be @('Admin', 'Admin')
            (Get-ProxyLog | Where-Object operation -eq 'GetCallerIdentity').accessKeyId | Should -Contain 'ASIASSOSTUBADMINXXX'
        }

        It 'assumes a role with an SSO profile as its source, and names that profile when its sign-in lapsed' {
            Add-Content $env:AWS_CONFIG_FILE "`n[profile ssorole]`nrole_arn = arn:aws:iam::123456789012:role/FromSso`nsource_profile = modern`n"
            $thrown = { Get-AwsCallerIdentity -ProfileName ssorole -ErrorAction Stop } | Should -Throw -PassThru
            $thrown.FullyQualifiedErrorId | Should -BeLike 'SsoLoginRequired,*'
            $thrown.Exception.Message | Should -Match ([regex]::Escape('aws sso login --profile modern'))
            Write-SsoToken -Key 'corp' -StartUrl 'https://corp.awsapps.com/start' -Region 'eu-west-1' -ExpiresAt ([DateTime]::UtcNow.AddHours(1))
            (Get-AwsCallerIdentity -ProfileName ssorole).Arn | Should -Match 'assumed-role/FromSso/'
            (Get-ProxyLog | Where-Object operation -eq 'AssumeRole').accessKeyId | Should -Be 'ASIASSOSTUBREADONLY'
        }

        It 'says to run aws sso login when the token is <Case>, and starts no sign-in' -ForEach @(
            @{ Case = 'missing'; Token = $null; Expires = $null }
            @{ Case = 'expired'; Token = 'stub-sso-access-token'; Expires = -1 }
            @{ Case = 'refused by the portal'; Token = 'revoked-token'; Expires = 1 }
        ) {
            if ($Token) { Write-SsoToken -Key 'corp' -StartUrl 'https://corp.awsapps.com/start' -Region 'eu-west-1' -AccessToken $Token -ExpiresAt ([DateTime]::UtcNow.AddHours($Expires)) }
            $before = Get-ChildItem (Join-Path $credHome '.aws') -Recurse -File | ForEach-Object { "$($_.FullName) $((Get-FileHash $_.FullName).Hash)" }
            $thrown = { Get-GpuInstanceOffering -Source Live -Provider AWS -Region us-east-1 -ProfileName modern -ErrorAction Stop } | Should -Throw -PassThru
            $thrown.FullyQualifiedErrorId | Should -BeLike 'SsoLoginRequired,*'
            $thrown.CategoryInfo.Category | Should -Be 'AuthenticationError'
            $thrown.TargetObject | Should -Be 'modern'
            $thrown.Exception.Message | Should -Match ([regex]::Escape("aws sso login --profile modern"))
            Get-ProxyLog | Should -BeNullOrEmpty -Because 'nothing is sent without credentials'
            Get-ChildItem (Join-Path $credHome '.aws') -Recurse -File | ForEach-Object { "$($_.FullName) $((Get-FileHash $_.FullName).Hash)" } |
                Should -Be $before -Because 'no token is created or changed'
        }
    }

    Describe 'Assume-role with MFA' {
        BeforeEach { Write-RoleProfiles }

        It 'sends the -MfaTokenCode code with the device serial, and signs with the assumed role' {
            $identity = Get-AwsCallerIdentity -ProfileName admin -MfaTokenCode 123456
            $identity.Arn | Should -Match '^arn:aws:sts::123456789012:assumed-role/Admin/'
            $log = Get-ProxyLog
            $assume = @($log | Where-Object operation -eq 'AssumeRole')
            $assume.Count | Should -Be 1
            $request = $assume[0].canonical | ConvertFrom-Json
            $request.TokenCode | Should -Be '123456'
            $request.SerialNumber | Should -Be 'arn:aws:iam::123456789012:mfa/me'
            $request.RoleArn | Should -Be 'arn:aws:iam::123456789012:role/Admin'
            $assume[0].accessKeyId | Should -Be 'AKIABASE000000000001'
            ($log | Where-Object operation -eq 'GetCallerIdentity').accessKeyId | Should -Match '^ASIA'
        }

        It 'caches the session where and as the AWS CLI does, so neither AwsWiki nor the CLI asks again' {
            $first = Get-AwsCallerIdentity -ProfileName admin -MfaTokenCode 123456
            # botocore computes the cache key itself: the oracle for ours.
            $key = & python3 -c "from botocore.credentials import AssumeRoleCredentialFetcher as F; print(F(None, None, 'arn:aws:iam::123456789012:role/Admin', extra_args={'SerialNumber': 'arn:aws:iam::123456789012:mfa/me'})._cache_key)"
            $entry = Join-Path $credHome ".aws/cli/cache/$key.json"
            Test-Path $entry | Should -BeTrue
            if ($IsLinux -or $IsMacOS) { (Get-Item $entry).UnixFileMode | Should -Be ([System.IO.UnixFileMode]'UserRead, UserWrite') }

            # No code and no host to ask: only the cached session can answer.
            $again = Get-AwsCallerIdentity -ProfileName admin
            $again.Arn | Should -Be $first.Arn
            $cli = '' | & aws sts get-caller-identity --profile admin --output json 2>&1 | Out-String
            ($cli | ConvertFrom-Json).Arn | Should -Be $first.Arn
            @(Get-ProxyLog | Where-Object operation -eq 'AssumeRole').Count | Should -Be 1
        }

        It 'gives the code to the SDK''s own assume-role too (credential_source profiles)' {
            Add-Content $env:AWS_CONFIG_FILE "`n[profile envrole]`nrole_arn = arn:aws:iam::123456789012:role/Env`ncredential_source = Environment`nmfa_serial = arn:aws:iam::123456789012:mfa/env`n"
            (Get-AwsCallerIdentity -ProfileName envrole -MfaTokenCode 246810).Arn | Should -Match 'assumed-role/Env/'
            $assume = @(Get-ProxyLog | Where-Object operation -eq 'AssumeRole')
            $assume.Count | Should -Be 1
            ($assume[0].canonical | ConvertFrom-Json).TokenCode | Should -Be '246810'
            ($assume[0].canonical | ConvertFrom-Json).SerialNumber | Should -Be 'arn:aws:iam::123456789012:mfa/env'
        }

        It 'uses a session the AWS CLI assumed and cached, without calling AssumeRole' {
            $cli = Invoke-AwsCli sts get-caller-identity --profile role
            $cli.Arn | Should -Match 'assumed-role/Ops/botocore-session-'
            Clear-ProxyLog
            (Get-AwsCallerIdentity -ProfileName role).Arn | Should -Be $cli.Arn
            @(Get-ProxyLog | Where-Object operation -eq 'AssumeRole').Count | Should -Be 0
        }

        It 'asks through the host for the code when none is given (scripted prompt in a child pwsh)' {
            $script = Join-Path $credHome 'prompt.ps1'
            "Import-Module '$env:AWSWIKI_MODULE'; (Get-AwsCallerIdentity -ProfileName admin).Arn" | Set-Content $script
            # Without -NonInteractive, the console host reads the prompt's answer from standard input.
            $out = '654321' | & $pwsh -NoProfile -File $script 2>&1 | Out-String
            $out | Should -Match "MFA code for profile 'admin'"
            $out | Should -Match 'assumed-role/Admin/'
            $assume = @(Get-ProxyLog | Where-Object operation -eq 'AssumeRole')
            $assume.Count | Should -Be 1
            ($assume[0].canonical | ConvertFrom-Json).TokenCode | Should -Be '654321'
        }

        It 'fails with MfaTokenCodeRequired where no one can be asked, sending nothing' {
            $out = Invoke-ChildPwsh "try { Get-AwsCallerIdentity -ProfileName admin -ErrorAction Stop } catch { 'id=' + `$_.FullyQualifiedErrorId; 'msg=' + `$_.Exception.Message }"
            $out | Should -Match 'id=MfaTokenCodeRequired,'
            $out | Should -Match '-MfaTokenCode'
            Get-ProxyLog | Should -BeNullOrEmpty
        }

        It 'refuses an -MfaTokenCode that is not 6 digits when binding' {
            { Get-AwsCallerIdentity -ProfileName admin -MfaTokenCode 12345x -ErrorAction Stop } | Should -Throw -ErrorId 'ParameterArgumentValidationError,*'
            Get-ProxyLog | Should -BeNullOrEmpty
        }
    }

    Describe 'Credentials resolved once per call' {
        It 'assumes the role once for a live query of three regions' {
            Write-RoleProfiles
            # A file where the CLI's cache folder would be: the session cache cannot help, so the
            # count below is the number of times the call resolved its credentials.
            New-Item -ItemType Directory -Path (Join-Path $credHome '.aws/cli') | Out-Null
            Set-Content (Join-Path $credHome '.aws/cli/cache') 'not a folder'
            $offers = Get-GpuInstanceOffering -Source Live -Provider AWS -Region us-east-1, eu-west-3, ap-northeast-2 -InstanceType g4dn.xlarge -PricingModel Spot -ProfileName role
            ($offers.Region | Sort-Object -Unique) | Should -Be @('ap-northeast-2', 'eu-west-3', 'us-east-1')
            $log = Get-ProxyLog
            @($log | Where-Object operation -eq 'AssumeRole').Count | Should -Be 1
            $ec2 = @($log | Where-Object operation -like 'Describe*')
            $ec2.Count | Should -BeGreaterOrEqual 3
            @($ec2.accessKeyId | Sort-Object -Unique).Count | Should -Be 1 -Because 'every region shares the one assumed-role session'
            $ec2[0].accessKeyId | Should -Match '^ASIA'
        }
    }

    Describe 'Root user' {
        It 'reports IsRoot and warns when the credentials are the account root user' {
            $identity = Get-AwsCallerIdentity -EndpointUrl $rootSts.Url -WarningVariable warnings -WarningAction SilentlyContinue
            $identity.Arn | Should -Be 'arn:aws:iam::210987654321:root'
            $identity.IsRoot | Should -BeTrue
            @($warnings).Count | Should -Be 1
            "$($warnings[0])" | Should -Match 'root user'
            "$($warnings[0])" | Should -Match 'IAM user or role'
        }

        It 'reports IsRoot false, without a warning, for an IAM user or a role' {
            Write-RoleProfiles
            foreach ($identity in (Get-AwsCallerIdentity -WarningVariable warnings), (Get-AwsCallerIdentity -ProfileName role -WarningVariable +warnings)) {
                $identity.IsRoot | Should -BeFalse
            }
            $warnings | Should -BeNullOrEmpty
        }
    }

    Describe 'Secrets' {
        It 'keeps every secret out of every stream, errors included' {
            Write-RoleProfiles
            Add-Content $env:AWS_CONFIG_FILE "`n[profile sso]`nsso_start_url = https://legacy.awsapps.com/start`nsso_region = us-east-1`nsso_account_id = 111122223333`nsso_role_name = Admin`n"
            Write-SsoToken -Key 'https://legacy.awsapps.com/start' -StartUrl 'https://legacy.awsapps.com/start' -Region 'us-east-1' -ExpiresAt ([DateTime]::UtcNow.AddHours(1))
            $sdk = Get-ForeignSdk '3.7.402'
            $foreign = New-ForeignObject $sdk 'Amazon.Runtime.SessionAWSCredentials' @('ASIAFOREIGN000000002', 'foreign-secret-value-3c0e', 'foreign-session-token-9a7b')
            $text = Invoke-CapturingAllStreams {
                Get-AwsCallerIdentity -ProfileName admin -MfaTokenCode 123456 -Verbose -Debug
                Get-AwsCallerIdentity -ProfileName admin -Verbose -Debug
                Get-AwsCallerIdentity -ProfileName sso -Verbose -Debug
                Get-AwsCallerIdentity -Credential $foreign -Verbose -Debug
                Remove-Item (Join-Path $env:HOME '.aws/sso/cache/*')
                # Terminating errors are caught, so the capture goes on and records them.
                try { Get-AwsCallerIdentity -ProfileName sso -Verbose -Debug } catch { $_ }
                try { Get-AwsCallerIdentity -Credential $foreign -EndpointUrl 'http://127.0.0.1:9' -Verbose -Debug } catch { $_ }
            }
            $text | Should -Match 'assumed-role/Admin'
            $text | Should -Match 'SsoLoginRequired|aws sso login'
            $assumed = Get-Content (Get-ChildItem (Join-Path $credHome '.aws/cli/cache') -File)[0].FullName -Raw | ConvertFrom-Json
            foreach ($secret in 'base-secret-value-5e2a', 'stub-sso-access-token', 'sso-stub-secret-Admin', 'sso-stub-session-token',
                'foreign-secret-value-3c0e', 'foreign-session-token-9a7b', $assumed.Credentials.SecretAccessKey, $assumed.Credentials.SessionToken) {
                $text | Should -Not -Match ([regex]::Escape($secret))
            }
        }
    }
}
