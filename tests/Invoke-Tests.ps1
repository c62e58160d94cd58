<#
.SYNOPSIS
    Runs the Pester suite against the built module, with moto_server standing in for AWS.
.DESCRIPTION
    Started by build.ps1 -Task Test in a child pwsh. It starts one moto_server on 127.0.0.1 on a
    free port for the whole run, points AWS_ENDPOINT_URL at it with dummy credentials and a
    temporary HOME and profile files (no test can touch the real ~/.aws or reach real AWS), runs
    Pester, stops moto, and prints "N passed, N failed, N skipped" as its last line. build.ps1 -Task Test
    runs two of these side by side, each with its own moto, HOME and profile files.
#>
param(
    [string[]] $Path = @($PSScriptRoot)
)

$ErrorActionPreference = 'Stop'
$repoRoot = Split-Path $PSScriptRoot -Parent
# build.ps1 passes several paths as one comma-joined argument; relative paths are from the repo root.
$Path = @($Path -split ',' | Where-Object { $_ } | ForEach-Object {
        if ([IO.Path]::IsPathRooted($_)) { $_ } else { Join-Path $repoRoot $_ }
    })

$missing = @('moto_server', 'aws') | Where-Object { -not (Get-Command $_ -CommandType Application -ErrorAction SilentlyContinue) }
if ($missing) {
    [Console]::Error.WriteLine("The test suite needs $($missing -join ' and ') on PATH (pip install 'moto[server]' awscli). It does not skip without them.")
    exit 2
}

$packages = if ($env:NUGET_PACKAGES) { $env:NUGET_PACKAGES } else { Join-Path ([Environment]::GetFolderPath('UserProfile')) '.nuget/packages' }
$pester = Join-Path $packages 'pester/5.7.1/tools/Pester.psd1'
if (-not (Test-Path $pester)) {
    [Console]::Error.WriteLine("Pester 5.7.1 is not restored at $pester; run 'dotnet restore tests/TestTools.csproj' (build.ps1 -Task Test does).")
    exit 2
}

# pyenv shims find their Python through PYENV_ROOT, which defaults to ~/.pyenv: pin it before HOME moves.
if (-not $env:PYENV_ROOT -and (Test-Path (Join-Path $HOME '.pyenv'))) { $env:PYENV_ROOT = Join-Path $HOME '.pyenv' }

$runRoot = Join-Path ([IO.Path]::GetTempPath()) ("awswiki-tests-" + [Guid]::NewGuid().ToString('N').Substring(0, 8))
$testHome = New-Item -ItemType Directory -Force -Path (Join-Path $runRoot 'home')
$env:HOME = $testHome.FullName
# .NET answers LocalApplicationData only when the folder exists; without it PSResourceGet writes into the working folder.
New-Item -ItemType Directory -Force -Path (Join-Path $testHome '.local/share') | Out-Null
$env:USERPROFILE = $testHome.FullName
$env:AWS_SHARED_CREDENTIALS_FILE = Join-Path $testHome '.aws/credentials'
$env:AWS_CONFIG_FILE = Join-Path $testHome '.aws/config'
$env:AWS_ACCESS_KEY_ID = 'testing'
$env:AWS_SECRET_ACCESS_KEY = 'testing'
$env:AWS_REGION = 'us-east-1'
$env:AWS_DEFAULT_REGION = 'us-east-1'
$env:AWS_EC2_METADATA_DISABLED = 'true'
$env:AWS_PAGER = ''
foreach ($name in 'AWS_PROFILE', 'AWS_SESSION_TOKEN', 'AWS_DEFAULT_PROFILE', 'AWS_IGNORE_CONFIGURED_ENDPOINT_URLS') {
    Remove-Item "Env:$name" -ErrorAction SilentlyContinue
}
Get-ChildItem Env: | Where-Object Name -like 'AWS_ENDPOINT_URL*' | ForEach-Object { Remove-Item "Env:$($_.Name)" }
$env:AWSWIKI_TEST_RUN_ROOT = $runRoot
$env:AWSWIKI_MODULE = Join-Path $repoRoot 'AwsWiki.psd1'
# Restored NuGet packages (other AWS SDK versions, .NET Framework reference assemblies), found before HOME moved.
$env:AWSWIKI_TEST_NUGET_PACKAGES = $packages

# ACM certificates stay PENDING_VALIDATION this many seconds in moto, so certificate waits are exercised.
$env:MOTO_ACM_VALIDATION_WAIT = '3'

Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1')
$moto = $null
$result = $null
$runError = $null
try {
    $moto = Start-MotoServer -LogFolder $runRoot
    $motoUrl = $moto.Url
    $env:AWS_ENDPOINT_URL = $motoUrl
    $env:AWSWIKI_TEST_MOTO_URL = $motoUrl

    Import-Module $pester -Force
    $configuration = New-PesterConfiguration
    $configuration.Run.Path = $Path
    $configuration.Run.PassThru = $true
    $configuration.Output.Verbosity = 'Detailed'
    $configuration.Output.StackTraceVerbosity = 'Filtered'
    $result = Invoke-Pester -Configuration $configuration
}
catch {
    $runError = $_
    [Console]::Error.WriteLine("The test run itself failed: $_")
}
finally {
    Stop-MotoServer $moto
    Remove-Item $runRoot -Recurse -Force -ErrorAction SilentlyContinue
}

# Failed setup blocks and containers count as failures: a suite that could not run did not pass.
if (-not $result) {
    Write-Host "0 passed, 1 failed, 0 skipped"
    exit 1
}
$passed = [int]$result.PassedCount
$failed = [int]$result.FailedCount + [int]$result.FailedBlocksCount + [int]$result.FailedContainersCount
$skipped = [int]$result.SkippedCount
Write-Host "$passed passed, $failed failed, $skipped skipped"
exit $(if ($runError -or $failed -gt 0 -or $passed -eq 0) { 1 } else { 0 })
