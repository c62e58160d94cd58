# Shared setup for the Pester suite. Every test file starts with:
#     BeforeAll { Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force; Import-AwsWikiUnderTest }

function Import-AwsWikiUnderTest {
    # The built module: the suite tests the artifact, not the sources.
    Import-Module $env:AWSWIKI_MODULE -Force -Global
    Register-AwsWikiCoreTypeName
}

function Register-AwsWikiCoreTypeName {
    <#
    .SYNOPSIS
        Lets tests name the core library's types ([AwsWiki.Essentials.FleetCommandRunner]).
    .DESCRIPTION
        The core library loads into the module's own AssemblyLoadContext, and PowerShell does not
        resolve type names from custom load contexts (by design, to avoid type identity clashes), so
        users cannot name these types. Tests that call the core library directly register its public
        types as type accelerators, in the test session only.
    #>
    $core = [System.Reflection.Assembly]::Load('AwsWiki.Core')   # resolved through the module's handler
    $accelerators = [psobject].Assembly.GetType('System.Management.Automation.TypeAccelerators')
    $known = $accelerators::Get
    foreach ($type in $core.GetExportedTypes()) {
        if (-not $known.ContainsKey($type.FullName)) { $accelerators::Add($type.FullName, $type) }
    }
}

function Get-AwsWikiCorePath {
    # For Add-Type -ReferencedAssemblies: compile test doubles against the core library as shipped.
    Join-Path (Split-Path $env:AWSWIKI_MODULE) 'bin/Dependencies/AwsWiki.Core.dll'
}

function Get-MotoUrl { $env:AWSWIKI_TEST_MOTO_URL }

function Reset-Moto {
    # Drops every resource in every service: tests that count resources start from nothing.
    Invoke-RestMethod -Method Post -Uri "$(Get-MotoUrl)/moto-api/reset" | Out-Null
    Clear-AssumedRoleCache
}

function Clear-AssumedRoleCache {
    # Role sessions cached as the AWS CLI caches them (~/.aws/cli/cache) outlive a moto reset, but
    # moto forgets their keys and would take them for its default account: forget them too.
    Remove-Item (Join-Path $env:HOME '.aws/cli/cache') -Recurse -Force -ErrorAction SilentlyContinue
}

function Use-TestProfileFiles {
    <#
    .SYNOPSIS
        Points AWS_SHARED_CREDENTIALS_FILE and AWS_CONFIG_FILE at a fresh empty folder; returns the paths.
    #>
    param([switch] $NoDirectory)
    $folder = Join-Path $env:AWSWIKI_TEST_RUN_ROOT ("aws-" + [Guid]::NewGuid().ToString('N').Substring(0, 8))
    if (-not $NoDirectory) { New-Item -ItemType Directory -Path $folder | Out-Null }
    $env:AWS_SHARED_CREDENTIALS_FILE = Join-Path $folder 'credentials'
    $env:AWS_CONFIG_FILE = Join-Path $folder 'config'
    Clear-AssumedRoleCache
    [pscustomobject]@{ Folder = $folder; Credentials = $env:AWS_SHARED_CREDENTIALS_FILE; Config = $env:AWS_CONFIG_FILE }
}

function Invoke-AwsCli {
    <#
    .SYNOPSIS
        Runs the real AWS CLI, the independent client the suite checks results with.
    .DESCRIPTION
        Service calls go to moto (--endpoint-url) and come back parsed from JSON; `configure`
        calls return their text. A non-zero exit throws with the CLI's stderr.
    #>
    param([Parameter(ValueFromRemainingArguments)] [string[]] $Arguments)
    $isConfigure = $Arguments[0] -eq 'configure'
    $all = if ($isConfigure) { $Arguments } else { @($Arguments) + @('--endpoint-url', (Get-MotoUrl), '--output', 'json') }
    $errFile = New-TemporaryFile
    try {
        $out = & aws @all 2> $errFile.FullName
        if ($LASTEXITCODE -ne 0) { throw "aws $($Arguments -join ' ') failed ($LASTEXITCODE): $(Get-Content $errFile.FullName -Raw)" }
    }
    finally { Remove-Item $errFile.FullName -ErrorAction SilentlyContinue }
    $text = ($out -join "`n")
    if ($isConfigure -or -not $text.Trim()) { return $text.Trim() }
    $text | ConvertFrom-Json -Depth 50
}

function Invoke-CapturingAllStreams {
    <#
    .SYNOPSIS
        Runs a script block with every stream (output, error, warning, verbose, debug, information,
        progress) turned on and captured; returns all of it as text, for secret-leak checks.
    #>
    param([scriptblock] $ScriptBlock)
    $VerbosePreference = 'Continue'; $DebugPreference = 'Continue'; $InformationPreference = 'Continue'
    $WarningPreference = 'Continue'; $ErrorActionPreference = 'Continue'
    $records = & $ScriptBlock *>&1
    ($records | ForEach-Object {
            if ($_ -is [System.Management.Automation.ErrorRecord]) { "$_ $($_.Exception) $($_.TargetObject) $($_.CategoryInfo)" }
            elseif ($_ -is [System.Management.Automation.InformationalRecord]) { $_.Message }
            else { $_ | Format-List * -Force | Out-String -Width 400 }
        }) -join "`n"
}



function Invoke-ChildPwsh {
    <#
    .SYNOPSIS
        Runs a script in a fresh pwsh with the module imported and returns everything it printed
        (all streams and host output, -WhatIf messages included) as one string.
    #>
    param([string] $Script)
    $pwsh = @('pwsh', 'pwsh.exe') | ForEach-Object { Join-Path $PSHOME $_ } | Where-Object { Test-Path $_ } | Select-Object -First 1
    $full = "`$ErrorActionPreference = 'Continue'; Import-Module '$($env:AWSWIKI_MODULE)'; $Script"
    $encoded = [Convert]::ToBase64String([Text.Encoding]::Unicode.GetBytes($full))
    (& $pwsh -NoProfile -NonInteractive -EncodedCommand $encoded *>&1 | Out-String -Width 500)
}

function Get-Sha1Hex {
    # The SSO token cache's file name: the SHA-1 of the session name (or the start URL) in hex, as the AWS CLI computes it.
    param([string] $Text)
    -join ([Security.Cryptography.SHA1]::HashData([Text.Encoding]::UTF8.GetBytes($Text)) | ForEach-Object { $_.ToString('x2') })
}

function Get-FileSha {
    param([string[]] $Path)
    foreach ($p in $Path) { if (Test-Path $p) { (Get-FileHash $p -Algorithm SHA256).Hash } else { 'absent' } }
}
function Start-TestStub {
    <#
    .SYNOPSIS
        Starts a stand-in server from tests/stubs (stdlib Python) on 127.0.0.1; it prints its port
        on its first stdout line. Returns the process and its base URL; stop it with Stop-TestStub.
    #>
    param([string] $Name, [string[]] $ArgumentList = @())
    $python = (Get-Command python3, python -CommandType Application -ErrorAction Stop | Select-Object -First 1).Source
    $info = [System.Diagnostics.ProcessStartInfo]::new($python)
    $info.ArgumentList.Add((Join-Path $PSScriptRoot "stubs/$Name.py"))
    foreach ($argument in $ArgumentList) { $info.ArgumentList.Add($argument) }
    $info.RedirectStandardOutput = $true
    $info.UseShellExecute = $false
    $process = [System.Diagnostics.Process]::Start($info)
    $read = $process.StandardOutput.ReadLineAsync()
    if (-not $read.Wait([TimeSpan]::FromSeconds(30)) -or -not $read.Result) {
        if (-not $process.HasExited) { $process.Kill() }
        throw "Stub $Name did not report its port."
    }
    [pscustomobject]@{ Process = $process; Url = "http://127.0.0.1:$($read.Result.Trim())" }
}

function Stop-TestStub {
    param($Stub)
    if ($Stub -and -not $Stub.Process.HasExited) { $Stub.Process.Kill(); $Stub.Process.WaitForExit() }
}
function Start-MotoServer {
    <#
    .SYNOPSIS
        Starts moto_server on 127.0.0.1 on a free port and waits until it answers; returns its
        process and URL. Logs go to LogFolder. Stop it with Stop-MotoServer. Environment
        variables moto reads at start (MOTO_ACM_VALIDATION_WAIT) must be set before the call.
    #>
    param([Parameter(Mandatory)] [string] $LogFolder)
    $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
    $listener.Start(); $port = $listener.LocalEndpoint.Port; $listener.Stop()
    $url = "http://127.0.0.1:$port"
    $errorLog = Join-Path $LogFolder 'moto.err.log'
    $process = Start-Process -FilePath (Get-Command moto_server -CommandType Application -ErrorAction Stop)[0].Source `
        -ArgumentList @('-H', '127.0.0.1', '-p', "$port") -PassThru `
        -RedirectStandardOutput (Join-Path $LogFolder 'moto.out.log') -RedirectStandardError $errorLog
    $deadline = [DateTime]::UtcNow.AddSeconds(60)
    while ($true) {
        try { Invoke-RestMethod "$url/moto-api/data.json" -TimeoutSec 2 | Out-Null; break }
        catch {
            if ($process.HasExited -or [DateTime]::UtcNow -gt $deadline) {
                if (-not $process.HasExited) { $process.Kill($true) }
                throw "moto_server did not start on $url. Its log:`n$(Get-Content $errorLog -Raw -ErrorAction SilentlyContinue)"
            }
            Start-Sleep -Milliseconds 200
        }
    }
    [pscustomobject]@{ Process = $process; Url = $url }
}

function Stop-MotoServer {
    param($Server)
    if ($Server -and -not $Server.Process.HasExited) { $Server.Process.Kill($true) }
    if ($Server) { $Server.Process.WaitForExit() }
}
Export-ModuleMember -Function *
