<#
.SYNOPSIS
    How much the certificate wait overlapping the load balancer's creation saves, against moto.
.DESCRIPTION
    Starts its own moto_server with MOTO_ACM_VALIDATION_WAIT seconds of pending validation, then:
      1. network only: New-HttpsEntryPoint for a name an ISSUED wildcard certificate already covers;
      2. full run: New-HttpsEntryPoint for a name that needs a new certificate (request, CNAME, wait).
    Sequential work would take about (1) + the validation wait; the overlap makes (2) close to the
    longer of the two.
    Then the busy region: -Certificates unrelated certificates and -LoadBalancers unrelated load
    balancers (with target groups) next to one entry point; Get-HttpsEntryPoint and a repeated
    New-HttpsEntryPoint run through the recording proxy (tests/stubs/aws_fault_proxy.py), which
    counts their requests; Get's wall time is the median of -Repeat runs. Prints; asserts nothing.
#>
param([int] $ValidationWaitSeconds = 8, [int] $Repeat = 3, [int] $Certificates = 200, [int] $LoadBalancers = 50,
    [ValidateSet('All', 'Overlap', 'BusyRegion')] [string] $Scenario = 'All')
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

    $median = { param($values) ($values | Sort-Object)[[int][math]::Floor(@($values).Count / 2)] }
    if ($Scenario -in 'All', 'Overlap') {
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
    Write-Host ("EntryPoint bench: median full run {0} s, median network only {1} s, validation wait {2} s, sequential estimate {3} s" -f `
        (& $median $rows.FullRunSeconds), (& $median $rows.NetworkOnlySeconds), $ValidationWaitSeconds, (& $median $rows.SequentialEstimate))
    }

    if ($Scenario -in 'All', 'BusyRegion') {
        $entry = New-HttpsEntryPoint -DomainName busy.covered.example.com -InstanceId $instance
        & (Get-Command python3 -CommandType Application)[0].Source (Join-Path $root 'tests/fixtures/entrypoint/busy_region.py') $moto.Url $Certificates $LoadBalancers | Write-Host
        $proxy = Start-TestStub -Name aws_fault_proxy -ArgumentList @($moto.Url, '1800')
        try {
            function Measure-Requests([scriptblock] $Script) {
                Invoke-RestMethod -Method Post -Uri "$($proxy.Url)/__proxy/clear" | Out-Null
                $time = Measure-Command { & $Script | Out-Null }
                $log = @(foreach ($e in (Invoke-RestMethod -Uri "$($proxy.Url)/__proxy/log")) { $e })
                [pscustomobject]@{ Seconds = $time.TotalSeconds; Requests = $log.Count
                    ByOperation = ($log | Group-Object operation | Sort-Object Count -Descending | ForEach-Object { "$($_.Name)=$($_.Count)" }) -join ' ' }
            }
            $gets = foreach ($i in 1..$Repeat) { Measure-Requests { Get-HttpsEntryPoint -EndpointUrl $proxy.Url } }
            $new = Measure-Requests { New-HttpsEntryPoint -DomainName busy.covered.example.com -InstanceId $instance -EndpointUrl $proxy.Url }
            Write-Host "Get-HttpsEntryPoint requests: $($gets[0].ByOperation)"
            Write-Host "New-HttpsEntryPoint (all exists) requests: $($new.ByOperation)"
            Write-Host ("EntryPoint busy region ({0} certificates, {1} load balancers): Get-HttpsEntryPoint {2} requests, median {3:0.00} s of {4}; repeated New-HttpsEntryPoint {5} requests, {6:0.00} s" -f `
                $Certificates, $LoadBalancers, $gets[0].Requests, (& $median $gets.Seconds), $Repeat, $new.Requests, $new.Seconds)
        }
        finally { Stop-TestStub $proxy }
    }
}
finally {
    Stop-MotoServer $moto
    Remove-Item $work -Recurse -Force -ErrorAction SilentlyContinue
}
