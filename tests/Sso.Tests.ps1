# IAM Identity Center from pwsh: Connect-AwsSso (OIDC device authorization), Sync-AwsSsoProfile
# (one profile per account and role), Disconnect-AwsSso, against a loopback stand-in of SSO OIDC
# and the SSO portal (tests/stubs/sso_oidc_stub.py). botocore is the independent client: it reads
# the token cache and the profiles the module writes, and writes a cache the module reads.
BeforeAll {
    Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force
    Import-AwsWikiUnderTest
    $script:savedEnvironment = @{}
    foreach ($name in 'HOME', 'AWS_PROFILE', 'AWS_ENDPOINT_URL', 'AWS_ENDPOINT_URL_SSO', 'AWS_ENDPOINT_URL_SSO_OIDC', 'AWS_SHARED_CREDENTIALS_FILE',
        'AWS_CONFIG_FILE', 'DISPLAY', 'WAYLAND_DISPLAY') {
        $savedEnvironment[$name] = [Environment]::GetEnvironmentVariable($name)
    }

    function Restore-Environment {
        # Remove-Item for variables that were not set: [Environment]::SetEnvironmentVariable(name, $null)
        # from PowerShell passes '' and leaves NAME= in child processes' environment.
        foreach ($name in $savedEnvironment.Keys) {
            if ($null -eq $savedEnvironment[$name]) { Remove-Item "Env:$name" -ErrorAction SilentlyContinue }
            else { Set-Item "Env:$name" $savedEnvironment[$name] }
        }
    }

    $script:stub = Start-TestStub sso_oidc_stub -ArgumentList @('--lifetime', '900')
    $script:python = (Get-Command python3, python -CommandType Application | Select-Object -First 1).Source
    $script:secrets = 'stub-sso-access-token', 'stub-sso-refresh-token', 'stub-client-secret'

    function Use-SsoHome {
        # A fresh HOME (empty ~/.aws/sso/cache) with an [sso-session corp] and one profile using it.
        $folder = Join-Path $env:AWSWIKI_TEST_RUN_ROOT ("sso-" + [Guid]::NewGuid().ToString('N').Substring(0, 8))
        New-Item -ItemType Directory -Path (Join-Path $folder '.aws') | Out-Null
        $env:HOME = $folder
        $env:AWS_SHARED_CREDENTIALS_FILE = Join-Path $folder '.aws/credentials'
        $env:AWS_CONFIG_FILE = Join-Path $folder '.aws/config'
        @"
# my notes stay
[profile dev]
sso_session = corp
sso_account_id = 111122223333
sso_role_name = ReadOnly
region = eu-west-1

[sso-session corp]
sso_start_url = https://corp.awsapps.com/start
sso_region = eu-west-1
sso_registration_scopes = sso:account:access
"@ | Set-Content $env:AWS_CONFIG_FILE
        $folder
    }

    function Set-Stub([hashtable] $Control) {
        $body = @{ plan = @('ok'); expiresIn = 600; interval = 1; refresh = $true }
        foreach ($key in $Control.Keys) { $body[$key] = $Control[$key] }
        Invoke-RestMethod -Method Post "$($stub.Url)/_control" -Body ($body | ConvertTo-Json) -ContentType 'application/json' | Out-Null
    }

    function Set-StubAccounts([object[]] $Accounts, [int] $PageSize = 2) {
        Invoke-RestMethod -Method Post "$($stub.Url)/_accounts" -ContentType 'application/json; charset=utf-8' `
            -Body ([Text.Encoding]::UTF8.GetBytes((@{ accounts = $Accounts; pageSize = $PageSize } | ConvertTo-Json -Depth 5))) | Out-Null
    }

    function Get-StubStats { Invoke-RestMethod "$($stub.Url)/_stats" }


    function Get-TokenPath([string] $Key = 'corp') { Join-Path $env:HOME ".aws/sso/cache/$(Get-Sha1Hex $Key).json" }

    function Invoke-Python([string] $Code) {
        # botocore as the independent client; prints JSON, which comes back parsed.
        $file = Join-Path $env:AWSWIKI_TEST_RUN_ROOT ("py-" + [Guid]::NewGuid().ToString('N') + '.py')
        Set-Content -Path $file -Value $Code
        try {
            $out = & $python $file 2>&1
            if ($LASTEXITCODE -ne 0) { throw "python failed: $($out -join "`n")" }
            ($out -join "`n") | ConvertFrom-Json -Depth 10
        }
        finally { Remove-Item $file -ErrorAction SilentlyContinue }
    }

    $script:accounts = @(
        @{ accountId = '111122223333'; accountName = 'Data Platform'; emailAddress = 'data@example.com'; roles = @('ReadOnly', 'Admin') }
        @{ accountId = '444455556666'; accountName = 'Équipe Überprüfung'; emailAddress = 'qa@example.com'; roles = @('ReadOnly') }
        @{ accountId = '777788889999'; accountName = 'Sandbox'; emailAddress = 'sb@example.com'; roles = @('Admin', 'Dev', 'ReadOnly') }
    )
}

AfterAll {
    Stop-TestStub $stub
    Restore-Environment
}

Describe 'IAM Identity Center' {
    BeforeEach {
        Restore-Environment
        Remove-Item Env:AWS_PROFILE, Env:DISPLAY, Env:WAYLAND_DISPLAY -ErrorAction SilentlyContinue
        $script:ssoHome = Use-SsoHome
        $env:AWS_ENDPOINT_URL = 'http://127.0.0.1:9'
        $env:AWS_ENDPOINT_URL_SSO = $stub.Url
        $env:AWS_ENDPOINT_URL_SSO_OIDC = $stub.Url
        Set-Stub @{}
        Set-StubAccounts $accounts
    }

    Context 'the stand-in' {
        It 'answers botocore as SSO OIDC and the SSO portal do (device flow, paged accounts and roles, logout)' {
            $result = Invoke-Python @"
import json, boto3
from botocore import UNSIGNED
from botocore.config import Config
c = dict(region_name='eu-west-1', endpoint_url='$($stub.Url)', config=Config(signature_version=UNSIGNED))
oidc, sso = boto3.client('sso-oidc', **c), boto3.client('sso', **c)
r = oidc.register_client(clientName='t', clientType='public', scopes=['sso:account:access'])
d = oidc.start_device_authorization(clientId=r['clientId'], clientSecret=r['clientSecret'], startUrl='https://corp.awsapps.com/start')
t = oidc.create_token(clientId=r['clientId'], clientSecret=r['clientSecret'], grantType='urn:ietf:params:oauth:grant-type:device_code', deviceCode=d['deviceCode'])
pages = list(sso.get_paginator('list_accounts').paginate(accessToken=t['accessToken']))
roles = [x['roleName'] for p in sso.get_paginator('list_account_roles').paginate(accessToken=t['accessToken'], accountId='777788889999') for x in p['roleList']]
sso.logout(accessToken=t['accessToken'])
print(json.dumps({'interval': d['interval'], 'pages': len(pages), 'names': [a['accountName'] for p in pages for a in p['accountList']], 'roles': roles, 'refresh': 'refreshToken' in t}))
"@
            $result.pages | Should -Be 2
            $result.names | Should -Be @('Data Platform', 'Équipe Überprüfung', 'Sandbox')
            $result.roles | Should -Be @('Admin', 'Dev', 'ReadOnly')
            $result.refresh | Should -BeTrue
        }
    }

    Context 'Connect-AwsSso' {
        It 'signs in by device code after pending answers and caches the token where and as the AWS CLI does' {
            Set-Stub @{ plan = @('pending', 'pending', 'ok') }
            $before = Get-StubStats
            $result = Connect-AwsSso -SsoSession corp -NoBrowser -InformationVariable info
            $result.SsoSession | Should -Be 'corp'
            $result.StartUrl | Should -Be 'https://corp.awsapps.com/start'
            $result.Method | Should -Be 'DeviceCode'
            $result.ExpiresAt | Should -BeGreaterThan ([DateTime]::Now.AddHours(7))
            $after = Get-StubStats
            @($after.tokens).Count - @($before.tokens).Count | Should -Be 3
            ($after.registrations | Select-Object -Last 1).scopes | Should -Be @('sso:account:access')
            $shown = $info | Where-Object { $_.Tags -contains 'SsoDeviceAuthorization' }
            $shown.MessageData.UserCode | Should -Match '^ABCD-'
            ($info | Where-Object { $_.Tags -contains 'PSHOST' }).MessageData.Message | Should -Match ([regex]::Escape($shown.MessageData.UserCode))

            $path = Get-TokenPath 'corp'
            Test-Path $path | Should -BeTrue
            if (-not $IsWindows) { [int] (Get-Item $path).UnixFileMode | Should -Be 384 -Because 'mode 0600' }
            $cached = Get-Content $path -Raw | ConvertFrom-Json -AsHashtable
            @($cached.Keys | Sort-Object) | Should -Be @('accessToken', 'clientId', 'clientSecret', 'expiresAt', 'refreshToken', 'region', 'registrationExpiresAt', 'startUrl')
            $cached.startUrl | Should -Be 'https://corp.awsapps.com/start'
            $cached.region | Should -Be 'eu-west-1'
            (Get-Content $path -Raw) | Should -Match '"expiresAt":"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ"'
            # The registration, in the file the AWS CLI v2 names it (its json.dumps of the arguments, keys sorted).
            $key = Invoke-Python @"
import json, hashlib
args = {'tool': 'botocore', 'startUrl': 'https://corp.awsapps.com/start', 'region': 'eu-west-1', 'scopes': ['sso:account:access'], 'session_name': 'corp'}
print(json.dumps(hashlib.sha1(json.dumps(args, sort_keys=True).encode('utf-8')).hexdigest()))
"@
            $registration = Get-Content (Join-Path $env:HOME ".aws/sso/cache/$key.json") -Raw | ConvertFrom-Json
            $registration.clientId | Should -Be $cached.clientId
        }

        It 'uses the refresh token before asking again, and reuses the cached registration when it must ask' {
            Connect-AwsSso -SsoSession corp -NoBrowser -InformationAction Ignore | Out-Null
            $before = Get-StubStats
            (Connect-AwsSso -SsoSession corp -NoBrowser).Method | Should -Be 'RefreshToken'
            $middle = Get-StubStats
            $middle.authorizations | Should -Be $before.authorizations
            @($middle.tokens)[-1].grantType | Should -Be 'refresh_token'

            Set-Stub @{ refresh = $false }
            (Connect-AwsSso -SsoSession corp -NoBrowser -InformationAction Ignore).Method | Should -Be 'DeviceCode'
            $after = Get-StubStats
            @($after.registrations).Count | Should -Be @($middle.registrations).Count -Because 'the cached registration is reused'
            $after.authorizations | Should -Be ($middle.authorizations + 1)
        }

        It 'polls 5 s more slowly after slow_down' {
            Set-Stub @{ plan = @('slow_down', 'ok'); interval = 1 }
            $before = @((Get-StubStats).tokens).Count
            Connect-AwsSso -SsoSession corp -NoBrowser -InformationAction Ignore | Out-Null
            $calls = @((Get-StubStats).tokens) | Select-Object -Skip $before
            $calls.Count | Should -Be 2
            ($calls[1].at - $calls[0].at) | Should -BeGreaterOrEqual 5.5
        }

        It 'fails with <Id> when the <Case>, and caches nothing' -ForEach @(
            @{ Case = 'service says the device code expired'; Control = @{ plan = @('pending', 'expired') }; Id = 'SsoDeviceCodeExpired' }
            @{ Case = 'code lifetime runs out while pending'; Control = @{ plan = @('pending'); expiresIn = 2 }; Id = 'SsoDeviceCodeExpired' }
            @{ Case = 'user denies the sign-in'; Control = @{ plan = @('pending', 'denied') }; Id = 'SsoSignInDenied' }
        ) {
            Set-Stub $Control
            $thrown = { Connect-AwsSso -SsoSession corp -NoBrowser -InformationAction Ignore } | Should -Throw -PassThru
            $thrown.FullyQualifiedErrorId | Should -BeLike "$Id,*"
            $thrown.Exception.Message | Should -Not -Match 'at AwsWiki\.|   at '
            Test-Path (Get-TokenPath 'corp') | Should -BeFalse
        }

        It 'stops at once on Ctrl+C while polling' {
            Set-Stub @{ plan = @('pending'); interval = 1 }
            $before = @((Get-StubStats).tokens).Count
            $ps = [powershell]::Create()
            try {
                [void] $ps.AddScript("Import-Module '$env:AWSWIKI_MODULE'; Connect-AwsSso -SsoSession corp -NoBrowser")
                $async = $ps.BeginInvoke()
                $deadline = [DateTime]::UtcNow.AddSeconds(60)
                while (@((Get-StubStats).tokens).Count -lt $before + 2 -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 100 }
                @((Get-StubStats).tokens).Count | Should -BeGreaterOrEqual ($before + 2) -Because 'it should be polling'
                $watch = [Diagnostics.Stopwatch]::StartNew()
                $ps.Stop()
                $watch.Elapsed.TotalSeconds | Should -BeLessThan 5
                $async.IsCompleted | Should -BeTrue
                $ps.InvocationStateInfo.State | Should -Be 'Stopped'
            }
            finally { $ps.Dispose() }
            Test-Path (Get-TokenPath 'corp') | Should -BeFalse
        }

        It 'signs in for a legacy profile into the start URL''s cache file' {
            Add-Content $env:AWS_CONFIG_FILE "`n[profile old]`nsso_start_url = https://legacy.awsapps.com/start`nsso_region = us-east-1`nsso_account_id = 111122223333`nsso_role_name = Admin`n"
            $result = Connect-AwsSso -ProfileName old -NoBrowser -InformationAction Ignore
            $result.SsoSession | Should -BeNullOrEmpty
            (Get-Content (Get-TokenPath 'https://legacy.awsapps.com/start') -Raw | ConvertFrom-Json).startUrl | Should -Be 'https://legacy.awsapps.com/start'
        }

        It 'botocore reads the token the module cached and gets role credentials for a profile' {
            Connect-AwsSso -SsoSession corp -NoBrowser -InformationAction Ignore | Out-Null
            $keys = Invoke-Python @"
import json, botocore.session
c = botocore.session.Session(profile='dev').get_credentials().get_frozen_credentials()
print(json.dumps({'key': c.access_key, 'token': c.token}))
"@
            $keys.key | Should -Be 'ASIASSOSTUBREADONLY'
            $keys.token | Should -BeLike '*ReadOnly-111122223333'
        }

        It 'reads a cache botocore''s own writer wrote (botocore refreshing the token)' {
            Connect-AwsSso -SsoSession corp -NoBrowser -InformationAction Ignore | Out-Null
            # Within botocore's 15-minute refresh window: botocore renews it and writes the cache itself.
            $path = Get-TokenPath 'corp'
            $entry = Get-Content $path -Raw | ConvertFrom-Json
            $entry.expiresAt = [DateTime]::UtcNow.AddMinutes(5).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'")
            $entry.accessToken = 'stale-token-botocore-must-replace'
            $entry | ConvertTo-Json | Set-Content $path
            $before = @((Get-StubStats).tokens).Count
            Invoke-Python @"
import json, botocore.session
from botocore.tokens import SSOTokenProvider
token = SSOTokenProvider(botocore.session.Session(profile='dev')).load_token().get_frozen_token()
print(json.dumps({'ok': True}))
"@ | Out-Null
            @((Get-StubStats).tokens).Count | Should -Be ($before + 1) -Because 'botocore refreshed the token'
            (Get-Content $path -Raw) | Should -Not -Match 'stale-token'
            # The module reads botocore's file: the sync authenticates with its token.
            (Sync-AwsSsoProfile -SsoSession corp | Where-Object Action -eq 'Added').Count | Should -Be 6
        }
    }

    Context 'Sync-AwsSsoProfile' {
        BeforeEach { Connect-AwsSso -SsoSession corp -NoBrowser -InformationAction Ignore | Out-Null }

        It 'writes one profile per account and role, named safely; botocore reads each with the right account and role' {
            $changes = Sync-AwsSsoProfile -SsoSession corp
            $changes.Count | Should -Be 6
            ($changes | Where-Object ProfileName -eq 'dev') | Should -BeNullOrEmpty
            @($changes.ProfileName | Sort-Object) | Should -Be @('Data-Platform.Admin', 'Data-Platform.ReadOnly', 'Sandbox.Admin', 'Sandbox.Dev', 'Sandbox.ReadOnly', 'Équipe-Überprüfung.ReadOnly' | Sort-Object)
            ($changes | Where-Object Action -ne 'Added') | Should -BeNullOrEmpty
            (Get-StubStats).listRoles | Should -Contain '777788889999'
            # botocore: every synced profile, its account and role, and role credentials through the portal.
            $seen = Invoke-Python @"
import json, botocore.session
s = botocore.session.Session()
out = {}
for name, p in s.full_config['profiles'].items():
    if p.get('sso_session') == 'corp' and name != 'dev':
        creds = botocore.session.Session(profile=name).get_credentials().get_frozen_credentials()
        out[name] = {'account': p['sso_account_id'], 'role': p['sso_role_name'], 'region': p['region'], 'token': creds.token}
print(json.dumps(out, ensure_ascii=False))
"@
            foreach ($change in $changes) {
                $entry = $seen.($change.ProfileName)
                $entry.account | Should -Be $change.AccountId
                $entry.role | Should -Be $change.RoleName
                $entry.region | Should -Be 'eu-west-1'
                $entry.token | Should -Be "sso-stub-session-token-$($change.RoleName)-$($change.AccountId)"
            }
            Get-Content $env:AWS_CONFIG_FILE -TotalCount 1 | Should -Be '# my notes stay'
        }

        It 'changes no byte on a second run' {
            Sync-AwsSsoProfile -SsoSession corp -Region us-east-2 | Out-Null
            $hash = Get-FileSha $env:AWS_CONFIG_FILE
            $second = Sync-AwsSsoProfile -SsoSession corp -Region us-east-2
            Get-FileSha $env:AWS_CONFIG_FILE | Should -Be $hash
            @($second | Where-Object Action -ne 'Unchanged').Count | Should -Be 0
        }

        It 'with -Prune -WhatIf lists what it would remove and changes nothing; -Prune removes only this session''s gone profiles' {
            Sync-AwsSsoProfile -SsoSession corp | Out-Null
            Add-Content $env:AWS_CONFIG_FILE "`n[profile mine]`nregion = us-east-1`n"
            Set-StubAccounts @($accounts[0], $accounts[1])
            $hash = Get-FileSha $env:AWS_CONFIG_FILE
            $text = Invoke-ChildPwsh 'Sync-AwsSsoProfile -SsoSession corp -Prune -WhatIf'
            Get-FileSha $env:AWS_CONFIG_FILE | Should -Be $hash
            foreach ($gone in 'Sandbox.Admin', 'Sandbox.Dev', 'Sandbox.ReadOnly') { $text | Should -Match ([regex]::Escape("Profile '$gone'")) }
            $text | Should -Not -Match "Profile 'mine'|Profile 'dev'|Profile 'Data-Platform"
            $removed = Sync-AwsSsoProfile -SsoSession corp -Prune -Confirm:$false | Where-Object Action -eq 'Removed'
            @($removed.ProfileName | Sort-Object) | Should -Be @('Sandbox.Admin', 'Sandbox.Dev', 'Sandbox.ReadOnly')
            $names = (Get-AwsProfile).ProfileName
            $names | Should -Contain 'mine'
            $names | Should -Contain 'Data-Platform.Admin'
            $names | Should -Not -Contain 'Sandbox.Dev'
        }

        It 'leaves a profile it did not make alone (SsoProfileNameTaken) and rejects an unknown placeholder' {
            Add-Content $env:AWS_CONFIG_FILE "`n[profile Sandbox.Dev]`nregion = ap-south-1`n"
            $hash = Get-FileSha $env:AWS_CONFIG_FILE
            Sync-AwsSsoProfile -SsoSession corp -ErrorVariable problems -ErrorAction SilentlyContinue | Out-Null
            $problems.FullyQualifiedErrorId | Should -BeLike 'SsoProfileNameTaken,*'
            (Get-AwsProfile 'Sandbox.Dev').Region | Should -Be 'ap-south-1'
            { Sync-AwsSsoProfile -SsoSession corp -NameFormat '{Account}.{RoleName}' } | Should -Throw -ErrorId 'SsoNameFormatInvalid*'
        }

        It 'says to sign in when there is no token' {
            Remove-Item (Get-TokenPath 'corp')
            $thrown = { Sync-AwsSsoProfile -SsoSession corp } | Should -Throw -PassThru
            $thrown.FullyQualifiedErrorId | Should -BeLike 'SsoNotSignedIn,*'
            $thrown.Exception.Message | Should -Match 'Connect-AwsSso -SsoSession corp'
        }
    }

    Context 'Disconnect-AwsSso, Set-AwsProfile and the sign-in error' {
        It 'logs out at the portal, then removes the cached token' {
            Connect-AwsSso -SsoSession corp -NoBrowser -InformationAction Ignore | Out-Null
            $before = (Get-StubStats).logouts
            Disconnect-AwsSso -SsoSession corp
            (Get-StubStats).logouts | Should -Be ($before + 1)
            Test-Path (Get-TokenPath 'corp') | Should -BeFalse
            { Sync-AwsSsoProfile -SsoSession corp } | Should -Throw -ErrorId 'SsoNotSignedIn*'
        }

        It 'Set-AwsProfile writes only an [sso-session] section, which botocore reads' {
            $hash = Get-FileSha $env:AWS_CONFIG_FILE
            Set-AwsProfile -SsoSession lab -SsoStartUrl https://lab.awsapps.com/start -SsoRegion us-west-2 -SsoRegistrationScopes sso:account:access
            $env:AWS_PROFILE | Should -BeNullOrEmpty
            $seen = Invoke-Python "import json, botocore.session; print(json.dumps(botocore.session.Session().full_config['sso_sessions']['lab']))"
            $seen.sso_start_url | Should -Be 'https://lab.awsapps.com/start'
            $seen.sso_region | Should -Be 'us-west-2'
            $seen.sso_registration_scopes | Should -Be 'sso:account:access'
            { Set-AwsProfile -SsoSession lab -Region us-east-1 } | Should -Throw -ErrorId 'SsoSessionSettingsOnly*'
        }

        It 'SsoLoginRequired names Connect-AwsSso and still aws sso login' {
            $thrown = { Get-AwsCallerIdentity -ProfileName dev -ErrorAction Stop } | Should -Throw -PassThru
            $thrown.FullyQualifiedErrorId | Should -BeLike 'SsoLoginRequired,*'
            $thrown.Exception.Message | Should -Match ([regex]::Escape("Connect-AwsSso -SsoSession corp"))
            $thrown.Exception.Message | Should -Match ([regex]::Escape("aws sso login --profile dev"))
        }

        It 'never shows the token, refresh token or client secret in any stream' {
            Set-Stub @{ plan = @('pending', 'slow_down', 'ok'); interval = 1 }
            $text = Invoke-CapturingAllStreams {
                Connect-AwsSso -SsoSession corp -NoBrowser -Verbose -Debug
                Connect-AwsSso -SsoSession corp -NoBrowser -Verbose -Debug
                Sync-AwsSsoProfile -SsoSession corp -Prune -Verbose -Debug -WhatIf
                Sync-AwsSsoProfile -SsoSession corp -Verbose -Debug
                Disconnect-AwsSso -SsoSession corp -Verbose -Debug
                try { Sync-AwsSsoProfile -SsoSession corp -Verbose } catch { $_ }
            }
            $text | Should -Match 'Added'
            foreach ($secret in $secrets) { $text | Should -Not -Match ([regex]::Escape($secret)) }
        }
    }

    Context 'the README flow: sign in, sync, list every account''s instances' {
        It 'Get-AwsInstance -ProfileName over the synced profiles lists each with role credentials from the portal' {
            Connect-AwsSso -SsoSession corp -NoBrowser -InformationAction Ignore | Out-Null
            $synced = @(Sync-AwsSsoProfile -SsoSession corp -Region eu-west-1).ProfileName
            $env:AWS_ENDPOINT_URL = Get-MotoUrl
            Reset-Moto
            $instance = (Invoke-AwsCli ec2 run-instances --image-id ami-12c6146b --instance-type t3.micro --region eu-west-1).Instances[0].InstanceId
            $before = @((Get-StubStats).portal).Count
            $rows = @(Get-AwsInstance -ProfileName 'Sandbox.*', 'Data-Platform.*' -Region eu-west-1 -ErrorVariable failures -ErrorAction SilentlyContinue)
            $failures | Should -BeNullOrEmpty
            # moto puts every portal session in its default account, so each profile sees the one instance.
            @($rows.ProfileName | Sort-Object) | Should -Be @($synced | Where-Object { $_ -like 'Sandbox.*' -or $_ -like 'Data-Platform.*' } | Sort-Object)
            $rows.InstanceId | Select-Object -Unique | Should -Be $instance
            @($rows.Region | Select-Object -Unique) | Should -Be 'eu-west-1'
            @((Get-StubStats).portal).Count - $before | Should -Be 5 -Because 'one GetRoleCredentials per synced profile'
        }
    }
}
