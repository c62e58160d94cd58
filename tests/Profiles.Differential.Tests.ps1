# Get-AwsProfile and Set-AwsProfile against botocore, the AWS CLI's own parser, on generated files.
# tests/tools/profile_cases.py writes the files from a grammar with a fixed seed and botocore's
# reading of each; this file runs AwsWiki on all of them in this one process, and the script
# compares the two. Counts and the first mismatches show in the failure message.
BeforeAll {
    Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force
    Import-AwsWikiUnderTest
    $script:python = (Get-Command python3, python -CommandType Application -ErrorAction Stop | Select-Object -First 1).Source
    $script:tool = Join-Path $PSScriptRoot 'tools/profile_cases.py'
    $script:root = Join-Path $env:AWSWIKI_TEST_RUN_ROOT 'profile-cases'
    $script:caseCount = 520

    & $python $tool generate $root $caseCount 9
    if ($LASTEXITCODE -ne 0) { throw "profile_cases.py generate failed ($LASTEXITCODE)" }
    $cases = Get-Content (Join-Path $root 'cases.json') -Raw | ConvertFrom-Json -Depth 20 -AsHashtable

    function ConvertTo-Plain($values) {
        $plain = [System.Collections.Specialized.OrderedDictionary]::new([StringComparer]::Ordinal)
        foreach ($key in $values.Keys) {
            $value = $values[$key]
            if ($value -is [System.Collections.IDictionary]) {
                $nested = [System.Collections.Specialized.OrderedDictionary]::new([StringComparer]::Ordinal)
                foreach ($k in $value.Keys) { $nested[$k] = $value[$k] }
                $plain[$key] = $nested
            }
            else { $plain[$key] = $value }
        }
        $plain
    }

    $reports = foreach ($case in $cases) {
        $folder = $case['folder']
        $env:AWS_CONFIG_FILE = Join-Path $folder 'config'
        $env:AWS_SHARED_CREDENTIALS_FILE = Join-Path $folder 'credentials'
        $profiles = Get-AwsProfile -WarningAction SilentlyContinue
        $files = [AwsWiki.Profiles.ProfileStore]::new($env:AWS_SHARED_CREDENTIALS_FILE, $env:AWS_CONFIG_FILE).Load()
        $seen = [System.Collections.Specialized.OrderedDictionary]::new([StringComparer]::Ordinal)
        foreach ($p in $profiles) {
            $seen[$p.ProfileName] = [ordered]@{
                Settings = ConvertTo-Plain $files.MergedValues($p.ProfileName)
                Region = $p.Region; Output = $p.Output; RoleArn = $p.RoleArn; SourceProfile = $p.SourceProfile
                MfaSerial = $p.MfaSerial; SsoAccountId = $p.SsoAccountId; SsoRoleName = $p.SsoRoleName
                CredentialProcess = $p.CredentialProcess; SsoSession = $p.SsoSession; CredentialType = "$($p.CredentialType)"
            }
        }

        # The change: on a copy, so the originals stay for the comparison.
        $setFolder = "$folder-set"
        New-Item -ItemType Directory -Path $setFolder -Force | Out-Null
        Copy-Item (Join-Path $folder 'config'), (Join-Path $folder 'credentials') $setFolder
        $env:AWS_CONFIG_FILE = Join-Path $setFolder 'config'
        $env:AWS_SHARED_CREDENTIALS_FILE = Join-Path $setFolder 'credentials'
        $parameters = @{}
        foreach ($key in $case['change']['params'].Keys) { $parameters[$key] = $case['change']['params'][$key] }
        $setErrors = $null
        Set-AwsProfile -ProfileName $case['change']['name'] @parameters -NoActivate -ErrorVariable setErrors -ErrorAction SilentlyContinue -WarningAction SilentlyContinue

        [ordered]@{
            Folder = $folder
            SetFolder = $setFolder
            Profiles = $seen
            Rejected = $files.Config.IsRejected -or $files.Credentials.IsRejected
            EncodingProblem = [bool](@($files.Config.Problems) + @($files.Credentials.Problems) | Where-Object IsEncoding)
            ConfigProblemLines = @($files.Config.Problems | ForEach-Object LineNumber)
            CredentialsProblemLines = @($files.Credentials.Problems | ForEach-Object LineNumber)
            SetError = if ($setErrors) { ($setErrors[0].FullyQualifiedErrorId -split ',')[0] } else { $null }
        }
    }
    Remove-Item Env:AWS_CONFIG_FILE, Env:AWS_SHARED_CREDENTIALS_FILE -ErrorAction SilentlyContinue
    ConvertTo-Json -InputObject @($reports) -Depth 10 -Compress | Set-Content (Join-Path $root 'report.json') -Encoding utf8NoBOM
    $json = & $python $tool check $root
    if ($LASTEXITCODE -ne 0) { throw "profile_cases.py check failed ($LASTEXITCODE)" }
    $script:summary = $json | ConvertFrom-Json -Depth 20 -AsHashtable
    Write-Host ("profile differential: {0} cases ({1} accepted, {2} refused by botocore for their encoding only, {3} refused), {4} profiles compared, {5} changes written, {6} refused" -f
        $summary.cases, $summary.accepted, $summary.encoding_only, $summary.rejected, $summary.type_compared, $summary.set_written, $summary.set_refused)
}

Describe 'Profile files against botocore (generated, seed 9)' {
    It 'covers at least 500 file pairs of every kind' {
        $summary.cases | Should -BeGreaterOrEqual 500
        $summary.accepted | Should -BeGreaterThan 200
        $summary.encoding_only | Should -BeGreaterThan 20
        $summary.rejected | Should -BeGreaterThan 50
    }

    It 'refuses exactly the files botocore refuses, at the line botocore names' {
        $summary.verdict_mismatches_count | Should -Be 0 -Because ($summary.verdict_mismatches | ConvertTo-Json -Depth 5 -Compress)
    }

    It 'Get-AwsProfile reports the profiles and settings botocore reads' {
        $summary.get_mismatches_count | Should -Be 0 -Because ($summary.get_mismatches | ConvertTo-Json -Depth 5 -Compress)
    }

    It 'CredentialType is the provider botocore''s credential chain takes' {
        $summary.type_compared | Should -BeGreaterThan 500
        $summary.type_mismatches_count | Should -Be 0 -Because ($summary.type_mismatches | ConvertTo-Json -Depth 5 -Compress)
    }

    It 'Set-AwsProfile writes what botocore then reads, and refuses (changing nothing) what it cannot parse' {
        $summary.set_written | Should -BeGreaterThan 250
        $summary.set_mismatches_count | Should -Be 0 -Because ($summary.set_mismatches | ConvertTo-Json -Depth 5 -Compress)
    }

    It 'Set-AwsProfile keeps every untouched line byte for byte' {
        $summary.bytes_mismatches_count | Should -Be 0 -Because ($summary.bytes_mismatches | ConvertTo-Json -Depth 5 -Compress)
    }
}
