<#
.SYNOPSIS
    Get-AwsInstance fan-out: 4 profiles x 8 regions against one pair, with a fixed latency per request.
.DESCRIPTION
    Run by build.ps1 -Task Bench (after a build), or directly. Starts its own moto_server, the SSM
    stand-in (tests/stubs/ssm_proxy.py, for DescribeInstanceInformation) and in front of both the
    recording proxy (tests/stubs/aws_fault_proxy.py) that delays every AWS request by -LatencyMs.
    Four profiles assume a role each into their own moto account (one instance per region there).
    Measures one pair (one profile, one region: AssumeRole, GetCallerIdentity, DescribeInstances,
    DescribeInstanceInformation) and all 32 pairs at -ThrottleLimit 8 and 16; medians of -Runs after
    a warm-up. Goal: 32 pairs in at most 1.5 x (32 / ThrottleLimit) x one pair, AssumeRole once per
    profile (counted at the proxy).
#>
param([int] $LatencyMs = 100, [int] $Runs = 3)

$ErrorActionPreference = 'Stop'
$root = Split-Path $PSScriptRoot -Parent
$work = Join-Path ([IO.Path]::GetTempPath()) ('awswiki-bench-' + [Guid]::NewGuid().ToString('N').Substring(0, 8))
New-Item -ItemType Directory -Path $work | Out-Null
$env:AWS_ACCESS_KEY_ID = 'testing'; $env:AWS_SECRET_ACCESS_KEY = 'testing'; $env:AWS_REGION = 'us-east-1'; $env:AWS_DEFAULT_REGION = 'us-east-1'
$env:AWS_SHARED_CREDENTIALS_FILE = Join-Path $work 'credentials'; $env:AWS_CONFIG_FILE = Join-Path $work 'config'
$env:AWS_EC2_METADATA_DISABLED = 'true'
Remove-Item Env:AWS_PROFILE -ErrorAction SilentlyContinue

$regions = 'us-east-1', 'us-east-2', 'us-west-1', 'us-west-2', 'eu-west-1', 'eu-central-1', 'ap-northeast-1', 'ap-northeast-2'
$accounts = '100000000001', '100000000002', '100000000003', '100000000004'
Set-Content $env:AWS_SHARED_CREDENTIALS_FILE "[base]`naws_access_key_id = testing`naws_secret_access_key = testing`n"
Set-Content $env:AWS_CONFIG_FILE ((1..4 | ForEach-Object { "[profile bench$_]`nrole_arn = arn:aws:iam::$($accounts[$_ - 1]):role/bench`nsource_profile = base`nregion = us-east-1" }) -join "`n")

Import-Module (Join-Path $root 'tests/TestHelpers.psm1')
$moto = Start-MotoServer -LogFolder $work
$ssm = $null; $proxy = $null
function Get-Median([double[]] $Values) { $sorted = $Values | Sort-Object; $sorted[[int][Math]::Floor(($sorted.Count - 1) / 2)] }
try {
    $ssm = Start-TestStub -Name ssm_proxy -ArgumentList $moto.Url
    $proxy = Start-TestStub -Name aws_fault_proxy -ArgumentList @($ssm.Url, '1800')
    foreach ($account in $accounts) {
        & python3 (Join-Path $root 'tests/fixtures/instances/fleet.py') $moto.Url spread $account @regions | Out-Null
        if ($LASTEXITCODE -ne 0) { throw "fleet.py spread $account failed" }
    }
    Invoke-RestMethod -Method Post "$($proxy.Url)/__proxy/latency" -Body (@{ ms = $LatencyMs } | ConvertTo-Json) -ContentType 'application/json' | Out-Null
    $env:AWS_ENDPOINT_URL = $proxy.Url
    Import-Module (Join-Path $root 'AwsWiki.psd1') -Force

    function Measure-Listing([scriptblock] $Listing) {
        Invoke-RestMethod -Method Post "$($proxy.Url)/__proxy/clear" | Out-Null
        $clock = [Diagnostics.Stopwatch]::StartNew()
        $found = @(& $Listing)
        $clock.Stop()
        $log = @(foreach ($entry in (Invoke-RestMethod "$($proxy.Url)/__proxy/log")) { $entry })
        [pscustomobject]@{
            Ms          = $clock.Elapsed.TotalMilliseconds
            Instances   = $found.Count
            AssumeRole  = @($log | Where-Object operation -eq 'AssumeRole').Count
            Requests    = $log.Count
        }
    }

    $onePair = { Get-AwsInstance -ProfileName bench1 -Region us-east-1 }
    $null = Measure-Listing $onePair  # warm-up: JIT, SDK start-up, moto's first touch
    $null = Measure-Listing { Get-AwsInstance -ProfileName bench* -Region $regions }
    $pair = @(1..$Runs | ForEach-Object { Measure-Listing $onePair })
    $pairMs = Get-Median $pair.Ms
    Write-Host ('one pair: {0,6:n0} ms median of {1} ({2} requests, {3} instance)' -f $pairMs, $Runs, $pair[0].Requests, $pair[0].Instances)
    foreach ($limit in 8, 16) {
        $all = @(1..$Runs | ForEach-Object { Measure-Listing { Get-AwsInstance -ProfileName bench* -Region $regions -ThrottleLimit $limit } })
        $allMs = Get-Median $all.Ms
        $goal = 1.5 * (32 / $limit) * $pairMs
        Write-Host ('4 profiles x 8 regions, ThrottleLimit {0,2}: {1,6:n0} ms median of {2} = {3:n2}x one pair (goal <= {4:n1}x: {5}); {6} instances, {7} requests, AssumeRole {8} per run' -f `
                $limit, $allMs, $Runs, ($allMs / $pairMs), (1.5 * 32 / $limit), $(if ($allMs -le $goal) { 'met' } else { 'NOT met' }), $all[0].Instances, $all[0].Requests, (($all.AssumeRole | Sort-Object -Unique) -join '/'))
    }
}
finally {
    Remove-Item Env:AWS_ENDPOINT_URL -ErrorAction SilentlyContinue
    Stop-TestStub $proxy
    Stop-TestStub $ssm
    Stop-MotoServer $moto
    Remove-Item $work -Recurse -Force -ErrorAction SilentlyContinue
}
