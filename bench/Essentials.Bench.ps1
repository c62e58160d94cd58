<#
.SYNOPSIS
    Install-AmazonLinuxEssentials at fleet size against moto and the SSM stand-in: by tag (SSM
    Targets, 1,000 and 10,000 instances): SendCommand calls, SSM calls per poll round and wall time;
    by explicit ids (batches of 50): wall time and SSM calls; and the essentials script's own run time
    under the fake package managers.
.DESCRIPTION
    Run by build.ps1 -Task Bench (after a build). Starts its own moto_server and
    tests/stubs/ssm_proxy.py on loopback ports, with dummy keys and throwaway profile files.
    The stand-in paces invocations in poll rounds (see tests/stubs/ssm_proxy.py); the times measure
    this module's fan-out and polling against a loopback stand-in, not real instances or real SSM
    latency and throttling.
#>
param([int[]] $FleetSize = @(1, 50, 200), [int[]] $TagFleetSize = @(1000, 10000))

$ErrorActionPreference = 'Stop'
$root = Split-Path $PSScriptRoot -Parent
$work = Join-Path ([IO.Path]::GetTempPath()) ('awswiki-bench-' + [Guid]::NewGuid().ToString('N').Substring(0, 8))
New-Item -ItemType Directory -Path $work | Out-Null
$env:AWS_ACCESS_KEY_ID = 'testing'; $env:AWS_SECRET_ACCESS_KEY = 'testing'; $env:AWS_REGION = 'us-east-1'; $env:AWS_DEFAULT_REGION = 'us-east-1'
$env:AWS_SHARED_CREDENTIALS_FILE = Join-Path $work 'credentials'; $env:AWS_CONFIG_FILE = Join-Path $work 'config'
Remove-Item Env:AWS_PROFILE -ErrorAction SilentlyContinue

Import-Module (Join-Path $root 'tests/TestHelpers.psm1')
$moto = Start-MotoServer -LogFolder $work
$motoUrl = $moto.Url
$proxy = $null
try {
    $proxy = Start-TestStub -Name ssm_proxy -ArgumentList $motoUrl
    $proxyUrl = $proxy.Url
    $env:AWS_ENDPOINT_URL = $motoUrl
    $env:AWS_ENDPOINT_URL_SSM = $proxyUrl
    Import-Module (Join-Path $root 'AwsWiki.psd1') -Force

    # By tag (SSM Targets): a stand-in-side fleet, one command; the default poll backoff. The proxy
    # lists nothing in round 1, runs every invocation in round 2 (MaxConcurrency 100%) and ends them in
    # round 3. Calls per poll round = (ListCommandInvocations + ListCommands) / rounds, rounds after the first.
    foreach ($size in $TagFleetSize) {
        Invoke-RestMethod -Method Post "$proxyUrl/_proxy/reset-all" | Out-Null
        Invoke-RestMethod -Method Post "$proxyUrl/_proxy/config" -Body '{"hold_polls": 1}' | Out-Null
        $body = @{ count = $size; tags = @{ Bench = "n$size" } } | ConvertTo-Json
        Invoke-RestMethod -Method Post "$proxyUrl/_proxy/fleet" -Body $body | Out-Null
        $clock = [Diagnostics.Stopwatch]::StartNew()
        $results = @(Install-AmazonLinuxEssentials -Tag @{ Bench = "n$size" } -MaxConcurrency 100% -MaxErrors 0)
        $clock.Stop()
        $log = Invoke-RestMethod "$proxyUrl/_proxy/requests"
        $rounds = @($log.rounds.PSObject.Properties.Value)[0]
        $listed = $log.counts.ListCommandInvocations - 1   # round 1 is one empty page
        $perRound = ($listed + $log.counts.ListCommands - 1) / ($rounds - 1)
        $ok = @($results | Where-Object Status -eq 'Success').Count
        Write-Host ('essentials by tag N={0,6}: {1,6:n1} s wall, {2}/{0} Success, SendCommand={3}, poll rounds={4}, SSM calls per poll round={5:n0} (instances/50={6:n0}), DescribeInstanceInformation={7}, GetCommandInvocation={8}' -f `
                $size, $clock.Elapsed.TotalSeconds, $ok, $log.counts.SendCommand, $rounds, $perRound, ($size / 50), $log.counts.DescribeInstanceInformation, [int] $log.counts.GetCommandInvocation)
    }

    foreach ($size in $FleetSize) {
        Invoke-RestMethod -Method Post "$motoUrl/moto-api/reset" | Out-Null
        $ids = (& aws ec2 run-instances --endpoint-url $motoUrl --image-id ami-12c6146b --count $size --output json | ConvertFrom-Json).Instances.InstanceId
        Invoke-RestMethod -Method Post "$proxyUrl/_proxy/reset" | Out-Null
        $clock = [Diagnostics.Stopwatch]::StartNew()
        $results = @($ids | Install-AmazonLinuxEssentials -MaxConcurrency 50)
        $clock.Stop()
        $counts = (Invoke-RestMethod "$proxyUrl/_proxy/requests").counts
        $ok = @($results | Where-Object Status -eq 'Success').Count
        $calls = ($counts.PSObject.Properties | ForEach-Object { "$($_.Name)=$($_.Value)" }) -join ' '
        Write-Host ('essentials fleet N={0,4}: {1,6:n1} s wall, {2}/{0} Success, SSM calls: {3}' -f $size, $clock.Elapsed.TotalSeconds, $ok, $calls)
    }

    # The script itself under the fake package managers (tests/fixtures/essentials): first and second run.
    $fixtures = Join-Path $root 'tests/fixtures/essentials'
    $scriptPath = Join-Path $work 'essentials.sh'
    [IO.File]::WriteAllText($scriptPath, (Get-AmazonLinuxEssentialsScript))
    New-Item -ItemType Directory -Path (Join-Path $work 'state') | Out-Null
    $env:PATH = "$(Join-Path $fixtures 'bin'):$env:PATH"; $env:AWSWIKI_SHIM_STATE = Join-Path $work 'state'
    $env:AWSWIKI_OS_RELEASE = Join-Path $fixtures 'os-release-amzn2023'; $env:AWSWIKI_ESSENTIALS_LOG = Join-Path $work 'essentials.log'
    foreach ($run in 'first', 'second') {
        $clock = [Diagnostics.Stopwatch]::StartNew()
        & bash $scriptPath > $null 2>&1
        $clock.Stop()
        Write-Host ('essentials script ({0} run, fake dnf): {1:n0} ms, exit {2}' -f $run, $clock.Elapsed.TotalMilliseconds, $LASTEXITCODE)
    }
}
finally {
    Stop-TestStub $proxy
    Stop-MotoServer $moto
    Remove-Item $work -Recurse -Force -ErrorAction SilentlyContinue
}
