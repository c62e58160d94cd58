# One retry and timeout policy for every AWS call: -TimeoutSec against an endpoint that never
# answers (tests/stubs/silent_server.py), Ctrl+C, and attempts counted at the fault proxy for an
# SDK client (STS, Get-AwsCallerIdentity) and a hand-written client (ELBv2, Get-HttpsEntryPoint),
# with the AWS CLI (botocore) as the reference for what AWS_MAX_ATTEMPTS, AWS_RETRY_MODE and
# max_attempts mean.
BeforeAll {
    Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force; Import-AwsWikiUnderTest
    $script:silent = Start-TestStub -Name silent_server -ArgumentList @('600')
    $script:proxy = Start-TestStub -Name aws_fault_proxy -ArgumentList @((Get-MotoUrl), '600')
    $script:retryVariables = 'AWS_MAX_ATTEMPTS', 'AWS_RETRY_MODE', 'AWS_ENDPOINT_URL_ELASTIC_LOAD_BALANCING_V2', 'AWSWIKI_AZURE_PRICES_URL'

    function script:Set-Faults([object[]] $Rules) {
        Invoke-RestMethod -Method Post -Uri "$($proxy.Url)/__proxy/clear" | Out-Null
        Invoke-RestMethod -Method Post -Uri "$($proxy.Url)/__proxy/faults" -Body (ConvertTo-Json @($Rules) -Depth 5) -ContentType 'application/json' | Out-Null
    }

    function script:Get-Sent([string] $Operation) {
        @(Invoke-RestMethod -Uri "$($proxy.Url)/__proxy/log") | ForEach-Object { $_ } | Where-Object operation -eq $Operation
    }

    function script:Clear-RetryVariables {
        foreach ($name in $retryVariables) { Remove-Item "Env:$name" -ErrorAction SilentlyContinue }
    }

    function script:Get-ErrorOf([scriptblock] $Script) {
        try { & $Script | Out-Null; $null } catch { $_ }
    }

    # Get-HttpsEntryPoint's first request is the Resource Groups Tagging API's GetResources, sent by a hand-written client.
    function script:Invoke-HandWrittenCall([string] $Url, [int] $TimeoutSec = 60) {
        Get-HttpsEntryPoint -EndpointUrl $Url -TimeoutSec $TimeoutSec -ErrorAction Stop
    }

    # The AWS CLI as the reference client; it fails when every attempt is throttled, which is the point.
    # With no AWS_RETRY_MODE the CLI v1 uses its own legacy mode (5 attempts), so it is told the mode
    # AWS SDK for .NET v4 defaults to: standard.
    function script:Invoke-CliThroughProxy([string[]] $Arguments) {
        $mode = $env:AWS_RETRY_MODE
        if (-not $mode) { $env:AWS_RETRY_MODE = 'standard' }
        try { & aws @Arguments --output json 2>&1 | Out-Null }
        finally { if (-not $mode) { Remove-Item Env:AWS_RETRY_MODE } }
    }
}

AfterAll {
    Stop-TestStub $silent
    Stop-TestStub $proxy
}

Describe 'An endpoint that accepts the connection but never answers' {
    AfterEach { Clear-RetryVariables }

    It 'an SDK-client call (Get-AwsCallerIdentity) ends after -TimeoutSec with RequestTimedOut naming the endpoint' {
        $clock = [Diagnostics.Stopwatch]::StartNew()
        $failure = Get-ErrorOf { Get-AwsCallerIdentity -EndpointUrl $silent.Url -TimeoutSec 2 -ErrorAction Stop }
        $clock.Stop()
        $failure.FullyQualifiedErrorId | Should -BeLike 'RequestTimedOut,*'
        $failure.CategoryInfo.Category | Should -Be 'OperationTimeout'
        $failure.TargetObject | Should -Be $silent.Url
        $failure.Exception.Message | Should -BeLike "*request to $($silent.Url) timed out after 2 s*"
        # It waited for the limit, and ended long before the default limit (60 s) or the old 300 s.
        $clock.Elapsed.TotalSeconds | Should -BeGreaterOrEqual 1.9
        $clock.Elapsed.TotalSeconds | Should -BeLessThan 30
    }

    It 'a hand-written-client call (tagging API in Get-HttpsEntryPoint) ends after -TimeoutSec with the same error' {
        $clock = [Diagnostics.Stopwatch]::StartNew()
        $failure = Get-ErrorOf { Invoke-HandWrittenCall -Url $silent.Url -TimeoutSec 2 }
        $clock.Stop()
        $failure.FullyQualifiedErrorId | Should -BeLike 'RequestTimedOut,*'
        $failure.CategoryInfo.Category | Should -Be 'OperationTimeout'
        $failure.TargetObject | Should -Be $silent.Url
        $failure.Exception.Message | Should -BeLike "*RESOURCE GROUPS TAGGING API GetResources request to $($silent.Url) timed out after 2 s*"
        $clock.Elapsed.TotalSeconds | Should -BeGreaterOrEqual 1.9
        $clock.Elapsed.TotalSeconds | Should -BeLessThan 30
    }

    It 'a paged SDK call (EC2 paginator in a live query) has the same limit' {
        $failure = Get-ErrorOf { Get-GpuInstanceOffering -Source Live -Provider AWS -Region us-east-1 -EndpointUrl $silent.Url -TimeoutSec 2 -ErrorAction Stop }
        $failure.FullyQualifiedErrorId | Should -BeLike 'RequestTimedOut,*'
        $failure.CategoryInfo.Category | Should -Be 'OperationTimeout'
        $failure.Exception.Message | Should -BeLike "*EC2 DescribeInstanceTypeOfferings request to $($silent.Url) timed out after 2 s*"
    }

    It 'the Azure Retail Prices client (hand-written HTTP too) has the same limit' {
        $env:AWSWIKI_AZURE_PRICES_URL = "$($silent.Url)/api/retail/prices"
        $failure = Get-ErrorOf { Get-GpuInstanceOffering -Source Live -Provider Azure -Region eastus -TimeoutSec 2 -ErrorAction Stop }
        $failure.FullyQualifiedErrorId | Should -BeLike 'RequestTimedOut,*'
        $failure.Exception.Message | Should -BeLike "*Azure Retail Prices request to $($silent.Url)/api/retail/prices timed out after 2 s*"
    }

    It 'Ctrl+C (Stop) ends a waiting <Name> call long before the default limit' -ForEach @(
        @{ Name = 'SDK-client'; Script = 'Get-AwsCallerIdentity -EndpointUrl $args[0]' }
        @{ Name = 'hand-written-client'; Script = 'Get-HttpsEntryPoint -EndpointUrl $args[0]' }
        @{ Name = 'SDK-paginator'; Script = 'Get-GpuInstanceOffering -Source Live -Provider AWS -Region us-east-1 -EndpointUrl $args[0]' }
    ) {
        # A fresh silent endpoint: its "accepted" line says the call is now waiting on the network.
        $endpoint = Start-TestStub -Name silent_server -ArgumentList @('120')
        $shell = [PowerShell]::Create()
        try {
            $null = $shell.AddScript("Import-Module '$env:AWSWIKI_MODULE'; $Script").AddArgument($endpoint.Url)
            $handle = $shell.BeginInvoke()
            $accepted = $endpoint.Process.StandardOutput.ReadLineAsync()
            $accepted.Wait([TimeSpan]::FromSeconds(30)) | Should -BeTrue
            $accepted.Result | Should -Match '^accepted'
            $clock = [Diagnostics.Stopwatch]::StartNew()
            $shell.Stop()
            $clock.Stop()
            $handle.IsCompleted | Should -BeTrue
            $shell.InvocationStateInfo.State | Should -Be 'Stopped'
            $clock.Elapsed.TotalSeconds | Should -BeLessThan 30
        }
        finally {
            $shell.Dispose()
            Stop-TestStub $endpoint
        }
    }

    It 'rejects -TimeoutSec 0 before sending anything' {
        $failure = Get-ErrorOf { Get-AwsCallerIdentity -EndpointUrl $proxy.Url -TimeoutSec 0 -ErrorAction Stop }
        $failure.FullyQualifiedErrorId | Should -BeLike 'ParameterArgumentValidationError,*'
    }
}

Describe 'Attempts follow AWS_MAX_ATTEMPTS and AWS_RETRY_MODE, as the AWS CLI counts them' {
    AfterEach { Clear-RetryVariables }

    It '<Label>: the SDK client, the hand-written client and botocore make the same number of attempts' -ForEach @(
        @{ Label = 'defaults'; Mode = $null; MaxAttempts = $null; Expected = 3 }
        @{ Label = 'AWS_MAX_ATTEMPTS=2'; Mode = $null; MaxAttempts = '2'; Expected = 2 }
        @{ Label = 'standard, AWS_MAX_ATTEMPTS=1'; Mode = 'standard'; MaxAttempts = '1'; Expected = 1 }
        @{ Label = 'adaptive, AWS_MAX_ATTEMPTS=2'; Mode = 'adaptive'; MaxAttempts = '2'; Expected = 2 }
    ) {
        if ($Mode) { $env:AWS_RETRY_MODE = $Mode }
        if ($MaxAttempts) { $env:AWS_MAX_ATTEMPTS = $MaxAttempts }
        $always = @(
            @{ match = 'GetCallerIdentity'; kind = 'throttle'; times = 99 }
            @{ match = 'GetResources'; kind = 'throttle'; times = 99 }
        )

        Set-Faults $always
        $failure = Get-ErrorOf { Get-AwsCallerIdentity -EndpointUrl $proxy.Url -ErrorAction Stop }
        $failure.FullyQualifiedErrorId | Should -BeLike 'Throttling*,*'
        $failure.CategoryInfo.Category | Should -Be 'LimitsExceeded'
        $failure = Get-ErrorOf { Invoke-HandWrittenCall -Url $proxy.Url }
        $failure.FullyQualifiedErrorId | Should -BeLike 'Throttling*,*'
        $ours = "$(@(Get-Sent 'GetCallerIdentity').Count) $(@(Get-Sent 'GetResources').Count)"

        # botocore's count does not depend on the service: one CLI call is the reference.
        Set-Faults $always
        Invoke-CliThroughProxy @('sts', 'get-caller-identity', '--endpoint-url', $proxy.Url)
        $botocore = @(Get-Sent 'GetCallerIdentity').Count

        "$ours $botocore" | Should -Be "$Expected $Expected $Expected"
    }

    It 'legacy mode (which AWS SDK for .NET v4 lacks) runs as standard for both kinds of client' {
        $env:AWS_RETRY_MODE = 'legacy'
        Set-Faults @(
            @{ match = 'GetCallerIdentity'; kind = 'throttle'; times = 99 }
            @{ match = 'GetResources'; kind = 'throttle'; times = 99 }
        )
        Get-ErrorOf { Get-AwsCallerIdentity -EndpointUrl $proxy.Url -ErrorAction Stop } | Should -Not -BeNullOrEmpty
        Get-ErrorOf { Invoke-HandWrittenCall -Url $proxy.Url } | Should -Not -BeNullOrEmpty
        "$(@(Get-Sent 'GetCallerIdentity').Count) $(@(Get-Sent 'GetResources').Count)" | Should -Be '3 3'
    }

    It 'a request throttled or failing twice succeeds on the third attempt' {
        Set-Faults @(
            @{ match = 'GetCallerIdentity'; kind = 'throttle'; times = 2 }
            @{ match = 'GetResources'; kind = 'error500'; times = 2 }
        )
        (Get-AwsCallerIdentity -EndpointUrl $proxy.Url).Account | Should -Match '^\d{12}$'
        Get-ErrorOf { Invoke-HandWrittenCall -Url $proxy.Url } | Should -BeNullOrEmpty
        "$(@(Get-Sent 'GetCallerIdentity').Count) $(@(Get-Sent 'GetResources').Count)" | Should -Be '3 3'
    }

    It "the profile's max_attempts and retry_mode count when no variable is set, as in the AWS CLI" {
        $saved = $env:AWS_CONFIG_FILE, $env:AWS_SHARED_CREDENTIALS_FILE
        try {
            $files = Use-TestProfileFiles
            Set-Content -LiteralPath $files.Credentials -Value "[patient]`naws_access_key_id = testing`naws_secret_access_key = testing"
            Set-Content -LiteralPath $files.Config -Value "[profile patient]`nregion = us-east-1`nretry_mode = standard`nmax_attempts = 2"
            Set-Faults @(@{ match = 'GetCallerIdentity'; kind = 'throttle'; times = 99 })
            Get-ErrorOf { Get-AwsCallerIdentity -ProfileName patient -EndpointUrl $proxy.Url -ErrorAction Stop } | Should -Not -BeNullOrEmpty
            $ours = @(Get-Sent 'GetCallerIdentity').Count
            Set-Faults @(@{ match = 'GetCallerIdentity'; kind = 'throttle'; times = 99 })
            Invoke-CliThroughProxy @('sts', 'get-caller-identity', '--profile', 'patient', '--endpoint-url', $proxy.Url)
            "$ours $(@(Get-Sent 'GetCallerIdentity').Count)" | Should -Be '2 2'
        }
        finally { $env:AWS_CONFIG_FILE, $env:AWS_SHARED_CREDENTIALS_FILE = $saved }
    }

    It 'a bad AWS_MAX_ATTEMPTS or AWS_RETRY_MODE is a specific error and nothing is sent' -ForEach @(
        @{ Variable = 'AWS_MAX_ATTEMPTS'; Value = '0'; ErrorId = 'InvalidMaxAttempts' }
        @{ Variable = 'AWS_RETRY_MODE'; Value = 'eventually'; ErrorId = 'InvalidRetryMode' }
    ) {
        Set-Item "Env:$Variable" $Value
        Set-Faults @()
        $failure = Get-ErrorOf { Get-AwsCallerIdentity -EndpointUrl $proxy.Url -ErrorAction Stop }
        $failure.FullyQualifiedErrorId | Should -BeLike "$ErrorId,*"
        $failure.CategoryInfo.Category | Should -Be 'InvalidArgument'
        $failure.Exception.Message | Should -BeLike "*$Variable*"
        @(Get-Sent 'GetCallerIdentity').Count | Should -Be 0
    }
}

Describe 'Retry-After' {
    AfterEach { Clear-RetryVariables }

    It 'the hand-written client waits as long as a throttling answer asks before the next attempt' {
        Set-Faults @(@{ match = 'GetResources'; kind = 'throttle'; times = 1; retryAfter = 3 })
        Get-ErrorOf { Invoke-HandWrittenCall -Url $proxy.Url } | Should -BeNullOrEmpty
        $sent = @(Get-Sent 'GetResources')
        $sent.Count | Should -Be 2
        # Without Retry-After the first retry waits under 1 s (full jitter on a 1 s base).
        ($sent[1].time - $sent[0].time) | Should -BeGreaterOrEqual 2.9
    }
}
