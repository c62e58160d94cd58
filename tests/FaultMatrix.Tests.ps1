# The fault matrix of issue 17: every AWS cmdlet against every way AWS or the credentials can fail
# (an endpoint that never answers, HTTP 500 every time, AccessDenied, throttling past the retries,
# a credential_process that fails, an expired SSO token). Each case must end within its bound with
# a specific ErrorId and category, no .NET stack trace or exception type in the message, and never
# the credential process's output. Fan-out cmdlets must still list the pairs that work.
BeforeDiscovery {
    $script:commands = [ordered]@{
        'Get-AwsCallerIdentity'                = { param($c) Get-AwsCallerIdentity @c }
        'Get-AwsInstance'                      = { param($c) Get-AwsInstance @c }
        'Get-GpuInstanceOffering -Source Live' = { param($c) Get-GpuInstanceOffering -Source Live -Provider AWS -InstanceType p3.2xlarge @c }
        'Get-InstanceOffering -Source Live'    = { param($c) Get-InstanceOffering -Source Live -InstanceType c6i.large @c }
        'Find-GpuCapacity'                     = { param($c) Find-GpuCapacity p3.2xlarge @c }
        'Get-GpuQuota'                         = { param($c) Get-GpuQuota -Family P @c }
        'Request-GpuQuotaIncrease'             = { param($c) Request-GpuQuotaIncrease p4d.24xlarge 1 -Confirm:$false @c }
        'Get-GpuTopology -InstanceId'          = { param($c) Get-GpuTopology -InstanceId i-0123456789abcdef0 @c }
        'New-HttpsEntryPoint'                  = { param($c) New-HttpsEntryPoint -DomainName www.example.org -InstanceId i-0123456789abcdef0 -Confirm:$false @c }
        'Get-HttpsEntryPoint'                  = { param($c) Get-HttpsEntryPoint @c }
        'Remove-HttpsEntryPoint'               = { param($c) Remove-HttpsEntryPoint -DomainName www.example.org -Confirm:$false @c }
        'Install-AmazonLinuxEssentials'        = { param($c) Install-AmazonLinuxEssentials -InstanceId i-0123456789abcdef0 -Confirm:$false @c }
        'Register-AmazonLinuxEssentials'       = { param($c) Register-AmazonLinuxEssentials -Tag @{ Role = 'web' } -Confirm:$false @c }
        'Unregister-AmazonLinuxEssentials'     = { param($c) Unregister-AmazonLinuxEssentials -Tag @{ Role = 'web' } -Confirm:$false @c }
        'Get-AmazonLinuxEssentialsAssociation' = { param($c) Get-AmazonLinuxEssentialsAssociation @c }
    }

    $script:faults = [ordered]@{
        'endpoint never answers' = @{ Common = { @{ EndpointUrl = $silent.Url; TimeoutSec = 2; Region = 'us-east-1' } }; Rules = @(); ErrorId = 'RequestTimedOut'; Category = 'OperationTimeout'; Bound = 30 }
        'HTTP 500 every time'    = @{ Common = { @{ EndpointUrl = $proxy.Url; Region = 'us-east-1' } }; Rules = @(@{ match = '*'; kind = 'error500'; times = 100000 }); Category = 'ResourceUnavailable'; Bound = 30 }
        'AccessDenied'           = @{ Common = { @{ EndpointUrl = $proxy.Url; Region = 'us-east-1' } }; Rules = @(@{ match = '*'; kind = 'deny'; times = 100000 }); Category = 'PermissionDenied'; Bound = 20 }
        'throttled past retries' = @{ Common = { @{ EndpointUrl = $proxy.Url; Region = 'us-east-1' } }; Rules = @(@{ match = '*'; kind = 'throttle'; times = 100000 }); Category = 'LimitsExceeded'; Bound = 30 }
        'credential_process fails' = @{ Common = { @{ ProfileName = 'brokenprocess'; Region = 'us-east-1' } }; Rules = @(); ErrorId = 'CredentialProcessFailed'; Category = 'AuthenticationError'; Bound = 20 }
        'expired SSO token'      = @{ Common = { @{ ProfileName = 'expiredsso'; Region = 'us-east-1' } }; Rules = @(); ErrorId = 'SsoLoginRequired'; Category = 'AuthenticationError'; Bound = 20 }
    }

    $script:cases = foreach ($command in $commands.Keys) {
        foreach ($fault in $faults.Keys) { @{ Command = $command; CommandBlock = $commands[$command]; Fault = $fault; Faults = $faults } }
    }
}

BeforeAll {
    Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force; Import-AwsWikiUnderTest
    $script:silent = Start-TestStub -Name silent_server -ArgumentList @('900')
    $script:proxy = Start-TestStub -Name aws_fault_proxy -ArgumentList @((Get-MotoUrl), '900')
    $script:secret = 'stderr-secret-QX7'

    function script:Set-Faults([object[]] $Rules) {
        Invoke-RestMethod -Method Post -Uri "$($proxy.Url)/__proxy/clear" | Out-Null
        Invoke-RestMethod -Method Post -Uri "$($proxy.Url)/__proxy/faults" -Body (ConvertTo-Json @($Rules) -Depth 5) -ContentType 'application/json' | Out-Null
    }


    # Runs a cmdlet with the fault's parameters; returns its errors (terminating or not), all stream text and the time taken.
    function script:Invoke-Faulted([scriptblock] $Command, [hashtable] $Common) {
        $watch = [Diagnostics.Stopwatch]::StartNew()
        $records = @(& {
                $ErrorActionPreference = 'Continue'; $WarningPreference = 'Continue'; $VerbosePreference = 'Continue'; $InformationPreference = 'Continue'
                try { & $Command $Common } catch { $_ }
            } *>&1)
        $seconds = $watch.Elapsed.TotalSeconds
        $errors = @($records | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] })
        $text = ($records | ForEach-Object {
                if ($_ -is [System.Management.Automation.ErrorRecord]) { "$_ $($_.Exception) $($_.TargetObject) $($_.CategoryInfo)" }
                elseif ($_ -is [System.Management.Automation.InformationalRecord]) { $_.Message }
                else { $_ | Format-List * -Force | Out-String -Width 400 }
            }) -join "`n"
        [pscustomobject]@{ Errors = $errors; Text = $text; Seconds = $seconds }
    }
}

AfterAll {
    Stop-TestStub $silent
    Stop-TestStub $proxy
}

Describe 'Fault matrix: every AWS cmdlet x every way a call fails' {
    BeforeAll {
        $script:files = Use-TestProfileFiles
        @"
[profile brokenprocess]
credential_process = /bin/sh -c "echo $secret >&2; echo $secret; exit 3"

[profile expiredsso]
sso_session = corp
sso_account_id = 111122223333
sso_role_name = ReadOnly

[sso-session corp]
sso_start_url = https://corp.awsapps.com/start
sso_region = eu-west-1
"@ | Set-Content $env:AWS_CONFIG_FILE
        $cache = New-Item -ItemType Directory -Force -Path (Join-Path $env:HOME '.aws/sso/cache')
        [ordered]@{ startUrl = 'https://corp.awsapps.com/start'; region = 'eu-west-1'; accessToken = 'expired-token'; expiresAt = [DateTime]::UtcNow.AddHours(-1).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'") } |
            ConvertTo-Json | Set-Content (Join-Path $cache "$(Get-Sha1Hex 'corp').json")
        $script:savedAttempts = $env:AWS_MAX_ATTEMPTS
        # Two attempts keep the 500 and throttling rows quick; retry counts are tested in RetryTimeout.Tests.ps1.
        $env:AWS_MAX_ATTEMPTS = '2'
    }
    AfterAll {
        if ($savedAttempts) { $env:AWS_MAX_ATTEMPTS = $savedAttempts } else { Remove-Item Env:AWS_MAX_ATTEMPTS -ErrorAction SilentlyContinue }
    }

    It '<Command> with <Fault>: a specific error within the bound, no stack trace, no secret' -ForEach $cases {
        $spec = $Faults[$Fault]
        Set-Faults $spec.Rules
        $result = Invoke-Faulted $CommandBlock (& $spec.Common)
        $result.Seconds | Should -BeLessThan $spec.Bound
        $result.Errors.Count | Should -BeGreaterThan 0 -Because 'a failure must be reported, never silence'
        foreach ($e in $result.Errors) {
            $id = ($e.FullyQualifiedErrorId -split ',')[0]
            $id | Should -Not -BeIn @('UnexpectedError', 'OperationCanceled', 'AwsRequestFailed', 'AwsClientError')
            $e.CategoryInfo.Category | Should -Not -Be 'NotSpecified'
            if ($spec.ErrorId) { $id | Should -Be $spec.ErrorId }
            $e.CategoryInfo.Category | Should -Be $spec.Category
            $e.Exception.Message | Should -Not -Match '\bat [\w.]+\(|System\.[A-Za-z.]+Exception|inner exception'
            $e.Exception.Message.Length | Should -BeLessThan 1200
        }
        $result.Text | Should -Not -Match $secret
        # One line per cell for the README's table: the ErrorIds and categories as they came out.
        $ids = ($result.Errors | ForEach-Object { "$(($_.FullyQualifiedErrorId -split ',')[0]) ($($_.CategoryInfo.Category))" } | Select-Object -Unique) -join ' / '
        Write-Host ("FAULTCELL|{0}|{1}|{2}|{3:0.0} s" -f $Command, $Fault, $ids, $result.Seconds)
    }
}

Describe 'Fan-out: the pairs that work still come out' {
    BeforeAll {
        $script:files = Use-TestProfileFiles
        @"
[profile good]
region = us-east-1

[profile brokenprocess]
region = us-east-1
credential_process = /bin/sh -c "echo $secret >&2; exit 3"
"@ | Set-Content $env:AWS_CONFIG_FILE
        "[good]`naws_access_key_id = testing`naws_secret_access_key = testing`n" | Set-Content $env:AWS_SHARED_CREDENTIALS_FILE
        Reset-Moto
        Invoke-AwsCli ec2 run-instances --image-id ami-12c6146b --instance-type t3.micro --region us-east-1 | Out-Null
    }

    It 'Get-AwsInstance: a profile whose credential_process fails is one error; the other profile is listed' {
        $result = Invoke-Faulted { param($c) Get-AwsInstance -ProfileName good, brokenprocess @c } @{}
        $listed = @($result.Errors)
        $listed.Count | Should -Be 1
        ($listed[0].FullyQualifiedErrorId -split ',')[0] | Should -Be 'CredentialProcessFailed'
        $listed[0].TargetObject.ProfileName | Should -Be 'brokenprocess'
        $listed[0].Exception.Message | Should -Match 'exited with code 3'
        $result.Text | Should -Not -Match $secret
        @(Get-AwsInstance -ProfileName good, brokenprocess -ErrorAction SilentlyContinue).Count | Should -Be 1
    }

    It '<Command>: a denied region is one error; the other region still comes out' -ForEach @(
        @{ Command = 'Get-AwsInstance'; Run = { Get-AwsInstance -ProfileName good -Region us-east-1, eu-west-1 -EndpointUrl $proxy.Url -ErrorAction Continue } }
        @{ Command = 'Find-GpuCapacity'; Run = { Find-GpuCapacity p3.2xlarge -ProfileName good -Region us-east-1, eu-west-1 -EndpointUrl $proxy.Url -ErrorAction Continue -WarningAction SilentlyContinue } }
        @{ Command = 'Get-GpuInstanceOffering -Source Live'; Run = { Get-GpuInstanceOffering -Source Live -Provider AWS -IncludeUnpriced -InstanceType g5.xlarge -ProfileName good -Region us-east-1, eu-west-1 -EndpointUrl $proxy.Url -ErrorAction Continue -WarningAction SilentlyContinue } }
        @{ Command = 'Get-InstanceOffering -Source Live'; Run = { Get-InstanceOffering -Source Live -IncludeUnpriced -InstanceType c6i.large -ProfileName good -Region us-east-1, eu-west-1 -EndpointUrl $proxy.Url -ErrorAction Continue -WarningAction SilentlyContinue } }
    ) {
        Set-Faults @(@{ match = '*'; region = 'eu-west-1'; kind = 'deny'; times = 100000 })
        $all = @(& $Run 2>&1)
        $failed = @($all | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] })
        $rows = @($all | Where-Object { $_ -isnot [System.Management.Automation.ErrorRecord] })
        @($rows | Where-Object Region -eq 'us-east-1').Count | Should -BeGreaterThan 0
        @($rows | Where-Object Region -eq 'eu-west-1').Count | Should -Be 0
        $failed.Count | Should -Be 1
        $failed[0].CategoryInfo.Category | Should -Be 'PermissionDenied'
        $failed[0].Exception.Message | Should -Match 'eu-west-1'
    }
}

Describe 'A credential_process is bounded and never shown (issue 18)' {
    BeforeAll {
        $script:files = Use-TestProfileFiles
        $keys = '{\"Version\": 1, \"AccessKeyId\": \"testing\", \"SecretAccessKey\": \"testing\"}'
        @"
[profile hang]
credential_process = sleep 600

[profile printsandstays]
credential_process = /bin/sh -c 'echo "$keys"; sleep 600'

[profile brokenjson]
credential_process = /bin/sh -c 'echo "{not json $secret"'

[profile version2]
credential_process = /bin/sh -c 'echo "{\"Version\": 2, \"AccessKeyId\": \"a\", \"SecretAccessKey\": \"$secret\"}"'

[profile nokey]
credential_process = /bin/sh -c 'echo "{\"Version\": 1, \"SecretAccessKey\": \"$secret\"}"'

[profile badexpiration]
credential_process = /bin/sh -c 'echo "{\"Version\": 1, \"AccessKeyId\": \"a\", \"SecretAccessKey\": \"$secret\", \"Expiration\": \"soon\"}"'

[profile missing]
credential_process = /nonexistent/awswiki-credential-helper --profile x
"@ | Set-Content $env:AWS_CONFIG_FILE
    }

    It 'a process that <Case> ends at -TimeoutSec with CredentialProcessFailed, saying it timed out' -ForEach @(
        @{ Case = 'never exits'; Profile = 'hang' }
        @{ Case = 'prints keys and keeps running'; Profile = 'printsandstays' }
    ) {
        $result = Invoke-Faulted { param($c) Get-AwsCallerIdentity @c } @{ ProfileName = $Profile; Region = 'us-east-1'; TimeoutSec = 3 }
        $result.Seconds | Should -BeLessThan 15
        $result.Errors.Count | Should -Be 1
        ($result.Errors[0].FullyQualifiedErrorId -split ',')[0] | Should -Be 'CredentialProcessFailed'
        $result.Errors[0].CategoryInfo.Category | Should -Be 'AuthenticationError'
        $result.Errors[0].Exception.Message | Should -Match "profile '$Profile'.*timed out"
        @(Get-Process sleep -ErrorAction SilentlyContinue | Where-Object { $_.CommandLine -match 'sleep 600' -and $_.StartTime -gt (Get-Date).AddSeconds(-20) }).Count | Should -Be 0 -Because 'the process (and its children) are stopped'
    }

    It 'Ctrl+C stops a credential process at once' {
        $ps = [powershell]::Create()
        try {
            [void] $ps.AddScript("Import-Module '$env:AWSWIKI_MODULE'; Get-AwsCallerIdentity -ProfileName hang -Region us-east-1 -TimeoutSec 600")
            $async = $ps.BeginInvoke()
            Start-Sleep -Seconds 2
            $watch = [Diagnostics.Stopwatch]::StartNew()
            $ps.Stop()
            $watch.Elapsed.TotalSeconds | Should -BeLessThan 10
            $async.IsCompleted | Should -BeTrue
        }
        finally { $ps.Dispose() }
    }

    It 'a process whose output is <Case> gives CredentialProcessFailed saying why, never the output' -ForEach @(
        @{ Case = 'not JSON'; Profile = 'brokenjson'; Why = 'not JSON' }
        @{ Case = 'Version 2'; Profile = 'version2'; Why = 'Version' }
        @{ Case = 'without AccessKeyId'; Profile = 'nokey'; Why = 'AccessKeyId' }
        @{ Case = 'a bad Expiration'; Profile = 'badexpiration'; Why = 'Expiration' }
        @{ Case = 'from a missing program'; Profile = 'missing'; Why = 'could not be started' }
    ) {
        $result = Invoke-Faulted { param($c) Get-AwsCallerIdentity @c } @{ ProfileName = $Profile; Region = 'us-east-1' }
        $result.Errors.Count | Should -Be 1
        ($result.Errors[0].FullyQualifiedErrorId -split ',')[0] | Should -Be 'CredentialProcessFailed'
        $result.Errors[0].Exception.Message | Should -Match ([regex]::Escape($Why))
        $result.Text | Should -Not -Match $secret
    }
}

Describe 'Endpoints that fail before any AWS answer (issue 18)' {
    BeforeAll {
        $script:files = Use-TestProfileFiles
        $script:garbage = Start-TestStub -Name odd_server -ArgumentList @('garbage', '600')
        $script:plain = Start-TestStub -Name odd_server -ArgumentList @('plain', '600')
        $script:moto = [Uri] (Get-MotoUrl)
    }
    AfterAll {
        Stop-TestStub $garbage
        Stop-TestStub $plain
    }

    It '<Case>: <ErrorId> (<Category>) naming the endpoint and why' -ForEach @(
        @{ Case = 'connection refused'; Url = 'http://127.0.0.1:9'; ErrorId = 'ConnectionFailed'; Category = 'ConnectionError'; Why = 'refused' }
        @{ Case = 'a host name DNS does not know'; Url = 'http://no-such-host.invalid'; ErrorId = 'ConnectionFailed'; Category = 'ConnectionError'; Why = 'no-such-host.invalid' }
        @{ Case = 'TLS against a plain-HTTP port'; Url = 'https://127.0.0.1:{moto}'; ErrorId = 'ConnectionFailed'; Category = 'ConnectionError'; Why = 'TLS handshake failed' }
        @{ Case = 'an answer that is not HTTP (SDK client)'; Url = '{garbage}'; ErrorId = 'ConnectionFailed'; Category = 'ConnectionError'; Why = 'did not answer as an HTTP server does' }
        @{ Case = 'an answer that is not HTTP (hand-written client)'; Url = '{garbage}'; Command = 'Get-HttpsEntryPoint'; ErrorId = 'ConnectionFailed'; Category = 'ConnectionError'; Why = 'did not answer as an HTTP server does' }
        @{ Case = 'a 200 that is not XML (SDK client)'; Url = '{plain}'; ErrorId = 'ResponseUnreadable'; Category = 'InvalidData'; Why = 'not XML' }
        @{ Case = 'a 200 that is not JSON (hand-written client)'; Url = '{plain}'; Command = 'Get-HttpsEntryPoint'; ErrorId = 'ResponseUnreadable'; Category = 'InvalidData'; Why = 'not JSON' }
        @{ Case = 'an ftp:// endpoint'; Url = 'ftp://127.0.0.1/x'; ErrorId = 'InvalidEndpointUrl'; Category = 'InvalidArgument'; Why = 'http://' }
    ) {
        $endpoint = $Url.Replace('{moto}', $moto.Port).Replace('{garbage}', $garbage.Url).Replace('{plain}', $plain.Url)
        $run = if ($Command -eq 'Get-HttpsEntryPoint') { { param($c) Get-HttpsEntryPoint @c } } else { { param($c) Get-AwsCallerIdentity @c } }
        $result = Invoke-Faulted $run @{ EndpointUrl = $endpoint; Region = 'us-east-1'; TimeoutSec = 10 }
        $result.Seconds | Should -BeLessThan 20
        $result.Errors.Count | Should -Be 1
        ($result.Errors[0].FullyQualifiedErrorId -split ',')[0] | Should -Be $ErrorId
        $result.Errors[0].CategoryInfo.Category | Should -Be $Category
        $result.Errors[0].Exception.Message | Should -Match ([regex]::Escape($Why))
        if ($ErrorId -ne 'InvalidEndpointUrl') { $result.Errors[0].Exception.Message | Should -Match ([regex]::Escape($endpoint)) }
    }

    It 'a region that is no region name, from <Source>, is InvalidRegion naming where it came from' -ForEach @(
        @{ Source = '-Region'; Region = 'a b/../x'; Variable = $null }
        @{ Source = 'AWS_REGION'; Region = $null; Variable = 'garbage region!' }
    ) {
        $saved = $env:AWS_REGION
        try {
            if ($Variable) { $env:AWS_REGION = $Variable }
            $common = @{ EndpointUrl = 'http://127.0.0.1:9' }
            if ($Region) { $common.Region = $Region }
            $result = Invoke-Faulted { param($c) Get-AwsCallerIdentity @c } $common
        }
        finally { $env:AWS_REGION = $saved }
        $result.Errors.Count | Should -Be 1
        ($result.Errors[0].FullyQualifiedErrorId -split ',')[0] | Should -Be 'InvalidRegion'
        $result.Errors[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        $result.Errors[0].Exception.Message | Should -Match ([regex]::Escape("($Source)"))
    }
}
