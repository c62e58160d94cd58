<#
.SYNOPSIS
    How Get-AwsProfile, a single-name lookup, Set-AwsProfile and -ProfileName completion scale with
    the number of profiles (1,000 / 16,000 / 100,000 by default).
.DESCRIPTION
    Writes a config file with N [profile NAME] sections (region, output, role_arn, source_profile;
    every tenth name quoted with a space) and a credentials file with keys for a third of them,
    then times, in this process after one warm-up call, the median of -Repeat runs of:
      Get-AwsProfile (all, into a list), Get-AwsProfile NAME (one profile from the middle),
      Set-AwsProfile NAME -Region (one key changed, file rewritten atomically), and
      TabExpansion2 on 'Get-AwsProfile -ProfileName p0001' (completion).
    Prints the timings; asserts nothing.
#>
param([int[]] $Count = @(1000, 16000, 100000), [int] $Repeat = 3)
$ErrorActionPreference = 'Stop'
$root = Split-Path $PSScriptRoot -Parent
$work = Join-Path ([IO.Path]::GetTempPath()) ("awswiki-bench-" + [Guid]::NewGuid().ToString('N').Substring(0, 8))
New-Item -ItemType Directory -Path $work | Out-Null
Remove-Item Env:AWS_PROFILE -ErrorAction SilentlyContinue
Import-Module (Join-Path $root 'AwsWiki.psd1')

function Measure-Median([scriptblock] $Action) {
    & $Action | Out-Null  # warm-up
    $times = foreach ($i in 1..$Repeat) { (Measure-Command { & $Action | Out-Null }).TotalMilliseconds }
    [math]::Round(($times | Sort-Object)[[int][math]::Floor($times.Count / 2)], 1)
}

try {
    foreach ($n in $Count) {
        $env:AWS_CONFIG_FILE = Join-Path $work "config-$n"
        $env:AWS_SHARED_CREDENTIALS_FILE = Join-Path $work "credentials-$n"
        $config = [Text.StringBuilder]::new()
        $credentials = [Text.StringBuilder]::new()
        foreach ($i in 0..($n - 1)) {
            $name = if ($i % 10 -eq 9) { "p{0:D6} team" -f $i } else { 'p{0:D6}' -f $i }
            $header = if ($i % 10 -eq 9) { "[profile '$name']" } else { "[profile $name]" }
            [void] $config.Append("$header`nregion = us-east-1`noutput = json`nrole_arn = arn:aws:iam::123456789012:role/R$i`nsource_profile = base`n`n")
            if ($i % 3 -eq 0) {
                [void] $credentials.Append("[$name]`naws_access_key_id = AKIAIOSFODNN7EXAMPLE`naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY`n`n")
            }
        }
        [void] $credentials.Append("[base]`naws_access_key_id = AKIAIOSFODNN7EXAMPLE`naws_secret_access_key = x`n")
        [IO.File]::WriteAllText($env:AWS_CONFIG_FILE, $config.ToString())
        [IO.File]::WriteAllText($env:AWS_SHARED_CREDENTIALS_FILE, $credentials.ToString())
        $middle = 'p{0:D6}' -f [int]($n / 2)
        $line = 'Get-AwsProfile -ProfileName p0001'
        [pscustomobject]@{
            Profiles       = $n
            ConfigMB       = [math]::Round((Get-Item $env:AWS_CONFIG_FILE).Length / 1MB, 1)
            GetAllMs       = Measure-Median { $all = [Collections.Generic.List[object]]::new(); Get-AwsProfile | ForEach-Object { $all.Add($_) }; $all.Count }
            GetOneMs       = Measure-Median { Get-AwsProfile $middle }
            SetOneKeyMs    = Measure-Median { Set-AwsProfile $middle -Region eu-west-1 -NoActivate }
            CompleteMs     = Measure-Median { TabExpansion2 -inputScript $line -cursorColumn $line.Length }
        }
    }
}
finally {
    Remove-Item $work -Recurse -Force -ErrorAction SilentlyContinue
    Remove-Item Env:AWS_CONFIG_FILE, Env:AWS_SHARED_CREDENTIALS_FILE -ErrorAction SilentlyContinue
}
