<#
.SYNOPSIS
    How much the certificate wait overlapping the load balancer's creation saves, against moto.
.DESCRIPTION
    Starts its own moto_server with MOTO_ACM_VALIDATION_WAIT seconds of pending validation, then:
      1. network only: New-HttpsEntryPoint for a name an ISSUED wildcard certificate already covers;
      2. full run: New-HttpsEntryPoint for a name that needs a new certificate (request, CNAME, wait).
    Sequential work would take about (1) + the validation wait; the overlap makes (2) close to the
    longer of the two. Prints the timings; asserts nothing.
#>
param([int] $ValidationWaitSeconds = 8, [int] $Repeat = 3)
$ErrorActionPreference = 'Stop'
$root = Split-Path $PSScriptRoot -Parent
$work = Join-Path ([IO.Path]::GetTempPath()) ("awswiki-bench-" + [Guid]::NewGuid().ToString('N').Substring(0, 8))
New-Item -ItemType Directory -Path $work | Out-Null
$env:HOME = $work; $env:AWS_SHARED_CREDENTIALS_FILE = "$work/credentials"; $env:AWS_CONFIG_FILE = "$work/config"
$env:AWS_ACCESS_KEY_ID = 'testing'; $env:AWS_SECRET_ACCESS_KEY = 'testing'; $env:AWS_REGION = 'us-east-1'; $env:AWS_DEFAULT_REGION = 'us-east-1'
Remove-Item Env:AWS_PROFILE -ErrorAction SilentlyContinue
$env:MOTO_ACM_VALIDATION_WAIT = "$ValidationWaitSeconds"
Import-Module (Join-Path $root 'tests/TestHelpers.psm1')
$moto = Start-MotoServer -LogFolder $work
try {
    $env:AWS_ENDPOINT_URL = $moto.Url
    function Invoke-BenchCli { (& aws @args --output json | Out-String) | ConvertFrom-Json }
    Import-Module (Join-Path $root 'AwsWiki.psd1')
    Invoke-BenchCli route53 create-hosted-zone --name example.com --caller-reference bench | Out-Null
    $ami = (Invoke-BenchCli ec2 describe-images --owners amazon).Images[0].ImageId
    $instance = (Invoke-BenchCli ec2 run-instances --image-id $ami --count 1 --instance-type t3.micro).Instances[0].InstanceId
    $wildcard = (Invoke-BenchCli acm request-certificate --domain-name '*.covered.example.com' --validation-method DNS).CertificateArn
    while ((Invoke-BenchCli acm describe-certificate --certificate-arn $wildcard).Certificate.Status -ne 'ISSUED') { Start-Sleep -Seconds 1 }

    $rows = foreach ($i in 1..$Repeat) {
        $network = Measure-Command { New-HttpsEntryPoint -DomainName "n$i.covered.example.com" -InstanceId $instance | Out-Null }
        $full = Measure-Command { New-HttpsEntryPoint -DomainName "f$i.example.com" -InstanceId $instance | Out-Null }
        [pscustomobject]@{
            Run                  = $i
            NetworkOnlySeconds   = [math]::Round($network.TotalSeconds, 2)
            FullRunSeconds       = [math]::Round($full.TotalSeconds, 2)
            SequentialEstimate   = [math]::Round($network.TotalSeconds + $ValidationWaitSeconds, 2)
            ValidationWait       = $ValidationWaitSeconds
        }
    }
    $rows | Format-Table -AutoSize | Out-String | Write-Host
    $median = { param($values) ($values | Sort-Object)[[int][math]::Floor($values.Count / 2)] }
    Write-Host ("EntryPoint bench: median full run {0} s, median network only {1} s, validation wait {2} s, sequential estimate {3} s" -f `
        (& $median $rows.FullRunSeconds), (& $median $rows.NetworkOnlySeconds), $ValidationWaitSeconds, (& $median $rows.SequentialEstimate))
}
finally {
    Stop-MotoServer $moto
    Remove-Item $work -Recurse -Force -ErrorAction SilentlyContinue
}
