# Bad input, the module surface: each case gets one specific ErrorId and category, a short message
# without control characters, and no file changes. No case needs AWS: every refusal happens before
# anything is sent (the suite points AWS_ENDPOINT_URL at moto anyway).
BeforeAll {
    Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force; Import-AwsWikiUnderTest

    # The first error a call raises, terminating or not ($null when there is none).
    function script:Get-Refusal([scriptblock] $Script) {
        $ErrorActionPreference = 'Stop'
        $WarningPreference = 'SilentlyContinue'
        try { $null = & $Script; $null } catch { $_ }
    }

    function script:Assert-Refusal($Refusal, [string] $ErrorId, [string] $Category) {
        $Refusal | Should -Not -BeNullOrEmpty -Because "the call must fail with $ErrorId"
        $Refusal.FullyQualifiedErrorId | Should -BeLike "$ErrorId,*"
        "$($Refusal.CategoryInfo.Category)" | Should -Be $Category
        $message = $Refusal.Exception.Message
        $message.Length | Should -BeLessThan 600
        $message | Should -Not -Match '[\x00-\x1f\x7f]'
    }

    $script:topologyFixture = Join-Path $PSScriptRoot 'fixtures/gpu-topology/aws-p4d.24xlarge-nv12.txt'
    $script:isRoot = (& id -u) -eq '0'
}

Describe 'Wildcard parameters' {
    It '<Name> refuses the pattern [ with InvalidWildcardPattern' -ForEach @(
        @{ Name = 'Get-AwsProfile'; Run = { Get-AwsProfile '[' } }
        @{ Name = 'Remove-AwsProfile'; Run = { Remove-AwsProfile '[' -Confirm:$false } }
        @{ Name = 'Get-GpuInstanceOffering -InstanceType'; Run = { Get-GpuInstanceOffering -InstanceType '[' } }
        @{ Name = 'Get-GpuInstanceOffering -GpuModel'; Run = { Get-GpuInstanceOffering -GpuModel 'A1[' } }
        @{ Name = 'Get-GpuInstanceOffering -Region'; Run = { Get-GpuInstanceOffering -Region 'us-[' } }
        @{ Name = 'Get-AwsInstance -InstanceType'; Run = { Get-AwsInstance -InstanceType '[' -Region us-east-1 } }
        @{ Name = 'Get-AwsInstance -Region'; Run = { Get-AwsInstance -Region 'us-[' } }
        @{ Name = 'Get-AwsInstance -ProfileName'; Run = { Get-AwsInstance -ProfileName '[' -Region us-east-1 } }
        @{ Name = 'Get-HttpsEntryPoint -DomainName'; Run = { Get-HttpsEntryPoint -DomainName '[' } }
        @{ Name = 'Find-GpuCapacity -Region'; Run = { Find-GpuCapacity g5.xlarge -Region 'us-[' } }
        @{ Name = 'Get-AmazonLinuxEssentialsAssociation'; Run = { Get-AmazonLinuxEssentialsAssociation -AssociationName '[' } }
        @{ Name = 'Get-GpuTopology -Path'; Run = { Get-GpuTopology -Path (Join-Path $TestDrive 'no[') } }
    ) {
        $refusal = Get-Refusal $Run
        Assert-Refusal $refusal 'InvalidWildcardPattern' 'InvalidArgument'
        $refusal.Exception.Message | Should -Match 'closing'
    }

    It 'still takes sets, ranges and escapes' {
        @(Get-GpuInstanceOffering -InstanceType 'p[34]d*.24xlarge' -Region us-east-1 -Provider AWS).InstanceType | Should -Contain 'p4d.24xlarge'
        @(Get-GpuInstanceOffering -InstanceType 'p[3-4]d.24xlarge' -Region us-east-1 -Provider AWS).Count | Should -BeGreaterThan 0
    }
}

Describe 'Numbers from user input' {
    It 'decodes the good names and refuses c99999999999i.large on its own' {
        $decoded = @(ConvertFrom-InstanceTypeName 'g5.xlarge', 'c99999999999i.large', 'p4d.24xlarge' -ErrorVariable errs -ErrorAction SilentlyContinue)
        $decoded.InstanceType | Should -Be @('g5.xlarge', 'p4d.24xlarge')
        $errs.Count | Should -Be 1
        Assert-Refusal $errs[0] 'InstanceTypeNameNotRecognized' 'InvalidArgument'
        $errs[0].Exception.Message | Should -Match 'generation'
    }

    It 'bounds and escapes a 10,000-character or binary name in the message' {
        Assert-Refusal (Get-Refusal { ConvertFrom-InstanceTypeName ('x' * 10000) }) 'InstanceTypeNameNotRecognized' 'InvalidArgument'
        Assert-Refusal (Get-Refusal { ConvertFrom-InstanceTypeName "g5`0`e[31m.xlarge`a" }) 'InstanceTypeNameNotRecognized' 'InvalidArgument'
    }

    It 'refuses schedule <Schedule> with InvalidSchedule' -ForEach @(
        @{ Schedule = 'rate(99999999999 days)' }
        @{ Schedule = 'rate(366 days)' }
        @{ Schedule = 'rate(29 minutes)' }
        @{ Schedule = 'rate(9000 hours)' }
    ) {
        Assert-Refusal (Get-Refusal { Register-AmazonLinuxEssentials -Tag @{ Role = 'x' } -Schedule $Schedule }) 'InvalidSchedule' 'InvalidArgument'
    }

    It 'refuses -ExchangeRate <Rate>' -ForEach @(@{ Rate = 1e308 }, @{ Rate = 1000001 }, @{ Rate = 0 }, @{ Rate = [double]::NaN }, @{ Rate = -1 }) {
        Assert-Refusal (Get-Refusal { Get-GpuInstanceOffering -Currency KRW -ExchangeRate $Rate }) 'InvalidExchangeRate' 'InvalidArgument'
    }

    It 'takes -ExchangeRate 1000000, the bound, with finite prices' {
        $offers = @(Get-GpuInstanceOffering -Currency KRW -ExchangeRate 1000000 -InstanceType p4d.24xlarge -Region us-east-1)
        $offers.Count | Should -BeGreaterThan 0
        $offers | ForEach-Object { [double]::IsInfinity($_.PricePerGpuHour) | Should -BeFalse }
    }

    It '<Name> is refused at its bound' -ForEach @(
        @{ Name = 'Find-GpuCapacity -CapacityBlockDurationHours 25'; ErrorId = 'InvalidCapacityBlockDuration'; Category = 'InvalidArgument'; Run = { Find-GpuCapacity g5.xlarge -Region us-east-1 -CapacityBlockDurationHours 25 } }
        @{ Name = 'Find-GpuCapacity -Count 0'; ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Run = { Find-GpuCapacity g5.xlarge -Region us-east-1 -Count 0 } }
        @{ Name = 'Find-GpuCapacity -Count 10001'; ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Run = { Find-GpuCapacity g5.xlarge -Region us-east-1 -Count 10001 } }
        @{ Name = 'Get-GpuInstanceOffering -MinGpuCount -1'; ErrorId = 'NegativeMinGpuCount'; Category = 'InvalidArgument'; Run = { Get-GpuInstanceOffering -MinGpuCount -1 } }
        @{ Name = 'Get-GpuInstanceOffering -MinGpuMemoryGiB NaN'; ErrorId = 'NegativeMinGpuMemory'; Category = 'InvalidArgument'; Run = { Get-GpuInstanceOffering -MinGpuMemoryGiB ([double]::NaN) } }
        @{ Name = 'Get-GpuInstanceOffering -MaxPricePerGpuHour -0.01'; ErrorId = 'NegativeMaxPrice'; Category = 'InvalidArgument'; Run = { Get-GpuInstanceOffering -MaxPricePerGpuHour -0.01 } }
        @{ Name = 'Set-AwsProfile -DurationSeconds 899'; ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Run = { Set-AwsProfile x -DurationSeconds 899 -NoActivate -WhatIf } }
    ) {
        Assert-Refusal (Get-Refusal $Run) $ErrorId $Category
    }

    It 'bounds the message for a 10,000-character <Name>' -ForEach @(
        @{ Name = 'region'; ErrorId = 'UnknownRegion'; Run = { Get-GpuInstanceOffering -Region ('x' * 10000) } }
        @{ Name = 'instance type'; ErrorId = 'InvalidInstanceType'; Run = { Find-GpuCapacity ('x' * 10000) -Region us-east-1 } }
        @{ Name = 'currency'; ErrorId = 'InvalidCurrency'; Run = { Get-GpuInstanceOffering -Currency ("K`e[31m" + 'x' * 10000) -ExchangeRate 2 } }
    ) {
        Assert-Refusal (Get-Refusal $Run) $ErrorId 'InvalidArgument'
    }

    It 'refuses Find-GpuCapacity c99999999999i.large before calling AWS' {
        Assert-Refusal (Get-Refusal { Find-GpuCapacity 'c99999999999i.large' -Region us-east-1 }) 'InvalidInstanceType' 'InvalidArgument'
    }
}

Describe 'Measure-GpuCost input' {
    BeforeAll {
        $script:offer = @{ Provider = 'AWS'; InstanceType = 'p3.8xlarge'; Region = 'us-east-1'; GpuModel = 'V100'; HourlyPrice = 12.24; GpuCount = 4; Currency = 'USD' }
    }

    It 'reads a hashtable by key' {
        $cost = $offer | Measure-GpuCost -GpuCount 4 -Hours 10
        $cost.TotalCost | Should -Be 122.4
        $cost.Instances | Should -Be 1
    }

    It 'reads a CSV row' {
        $row = 'Provider,InstanceType,Region,HourlyPrice,GpuCount,Currency', 'AWS,p3.8xlarge,us-east-1,12.24,4,USD' | ConvertFrom-Csv
        ($row | Measure-GpuCost -GpuCount 8 -Hours 1).Instances | Should -Be 2
    }

    It 'refuses the offering''s GpuCount <Value>' -ForEach @(@{ Value = [double]::NaN }, @{ Value = 1.5 }, @{ Value = 'NaN' }, @{ Value = -4 }, @{ Value = 'four' }) {
        $bad = $offer.Clone(); $bad.GpuCount = $Value
        Assert-Refusal (Get-Refusal { $bad | Measure-GpuCost -GpuCount 4 -Hours 1 }) 'InvalidOfferingProperty' 'InvalidData'
    }

    It 'refuses an empty Currency' {
        $bad = $offer.Clone(); $bad.Currency = ''
        Assert-Refusal (Get-Refusal { $bad | Measure-GpuCost -GpuCount 4 -Hours 1 }) 'OfferingCurrencyEmpty' 'InvalidData'
    }

    It 'refuses -GpuCount <Value>' -ForEach @(@{ Value = 0 }, @{ Value = 1.5 }, @{ Value = [double]::NaN }, @{ Value = 1000001 }, @{ Value = -1 }) {
        Assert-Refusal (Get-Refusal { $offer | Measure-GpuCost -GpuCount $Value -Hours 1 }) 'InvalidGpuCount' 'InvalidArgument'
    }

    It 'takes -GpuCount 1000000, the bound' {
        ($offer | Measure-GpuCost -GpuCount 1000000 -Hours 1).Instances | Should -Be 250000
    }

    It 'refuses a duration past what hours can hold' {
        Assert-Refusal (Get-Refusal { $offer | Measure-GpuCost -GpuCount 1 -Years 1e307 }) 'InvalidDuration' 'InvalidArgument'
    }
}

Describe 'Empty and mismatched values' {
    It 'Find-GpuCapacity -Region '''' is refused, not silent' {
        Assert-Refusal (Get-Refusal { Find-GpuCapacity g5.xlarge -Region '' }) 'EmptyRegion' 'InvalidArgument'
    }

    It 'Get-GpuInstanceOffering -Region '''' is refused, not silent' {
        Assert-Refusal (Get-Refusal { Get-GpuInstanceOffering -Region '' }) 'EmptyRegion' 'InvalidArgument'
    }

    It 'Find-GpuCapacity zz9.large says the type is unknown, with close names' {
        $refusal = Get-Refusal { Find-GpuCapacity zz9.large -Region us-east-1 }
        Assert-Refusal $refusal 'InvalidInstanceType' 'InvalidArgument'
        $refusal.Exception.Message | Should -Match "series 'zz'"
        $refusal.Exception.Message | Should -Match 'Did you mean'
    }

    It 'warns that Azure regions are named like eastus' {
        $rows = @(Get-GpuInstanceOffering -Provider Azure -Region us-east-1 -WarningVariable warned -WarningAction SilentlyContinue)
        $rows.Count | Should -Be 0
        "$warned" | Should -Match 'eastus'
    }

    It 'warns that AWS regions are named like us-east-1' {
        $null = Get-GpuInstanceOffering -Provider AWS -Region eastus -WarningVariable warned -WarningAction SilentlyContinue
        "$warned" | Should -Match 'us-east-1'
    }

    It 'refuses -AzurePricesUrl <Url> before anything is sent' -ForEach @(@{ Url = 'not a url' }, @{ Url = 'ftp://prices.example' }, @{ Url = '/relative/path' }) {
        $refusal = Get-Refusal { Get-GpuInstanceOffering -Source Live -Provider Azure -Region eastus -AzurePricesUrl $Url }
        Assert-Refusal $refusal 'InvalidAzurePricesUrl' 'InvalidArgument'
        $refusal.Exception.Message | Should -Match 'AzurePricesUrl'
    }

    It 'Get-AwsInstance -TagColumn <Columns> is refused: it would shadow a property' -ForEach @(
        @{ Columns = @('InstanceId', 'Region', 'State') }, @{ Columns = @('instanceid') }, @{ Columns = @('Team', 'team') }
    ) {
        Assert-Refusal (Get-Refusal { Get-AwsInstance -Region us-east-1 -TagColumn $Columns }) 'TagColumnShadowsProperty' 'InvalidArgument'
    }
}

Describe 'Get-GpuTopology input' {
    It 'refuses empty piped text' {
        Assert-Refusal (Get-Refusal { '' | Get-GpuTopology }) 'GpuTopologyUnparseable' 'InvalidData'
    }

    It 'reads a literal path with [ in its name' {
        $odd = Join-Path $TestDrive 'node[1].txt'
        [IO.File]::Copy($topologyFixture, $odd, $true)
        (Get-GpuTopology -Path $odd -InstanceType p4d.24xlarge).GpuCount | Should -Be 8
    }

    It 'says when a wildcard path matches nothing' {
        Assert-Refusal (Get-Refusal { Get-GpuTopology -Path (Join-Path $TestDrive 'none[12].txt') }) 'PathNotFound' 'ObjectNotFound'
        Assert-Refusal (Get-Refusal { Get-GpuTopology -Path (Join-Path $TestDrive 'missing.txt') }) 'PathNotFound' 'ObjectNotFound'
    }

    It 'says a directory is a directory' {
        $refusal = Get-Refusal { Get-GpuTopology -Path $TestDrive }
        Assert-Refusal $refusal 'PathIsDirectory' 'InvalidArgument'
        $refusal.Exception.Message | Should -Match 'directory'
    }

    It 'names a symlink loop' {
        $a = Join-Path $TestDrive 'loop-a'; $b = Join-Path $TestDrive 'loop-b'
        & ln -s $b $a; & ln -s $a $b
        Assert-Refusal (Get-Refusal { Get-GpuTopology -Path $a }) 'PathSymlinkLoop' 'InvalidArgument'
    }

    It 'refuses -InstanceType g5. instead of judging against nothing' {
        Assert-Refusal (Get-Refusal { Get-GpuTopology -Path $topologyFixture -InstanceType 'g5.' }) 'InvalidInstanceType' 'InvalidArgument'
    }

    It 'keeps the message short for a 10 MB one-line file' {
        $big = Join-Path $TestDrive 'big.txt'
        [IO.File]::WriteAllText($big, 'GPU0 ' + ('x' * 10MB))
        Assert-Refusal (Get-Refusal { Get-GpuTopology -Path $big }) 'GpuTopologyUnparseable' 'InvalidData'
    }

    It 'refuses a GPU number past any machine in nvlink -s output' {
        $text = (Get-Content $topologyFixture -Raw) + "`nGPU 99999999999: NVIDIA A100 (UUID: GPU-x)`n`t Link 0: 25 GB/s`n"
        Assert-Refusal (Get-Refusal { Get-GpuTopology -InputObject $text }) 'GpuTopologyUnparseable' 'InvalidData'
    }

    It 'escapes binary content' {
        $binary = Join-Path $TestDrive 'binary.txt'
        [IO.File]::WriteAllBytes($binary, [byte[]](0x1b, 0x5b, 0x33, 0x31, 0x6d, 0x00, 0x07, 0x41, 0x0a, 0x01, 0x02))
        Assert-Refusal (Get-Refusal { Get-GpuTopology -Path $binary }) 'GpuTopologyUnparseable' 'InvalidData'
    }
}

Describe 'Profile files by kind' {
    BeforeEach {
        $script:files = Use-TestProfileFiles
        Set-Content -Path $files.Credentials -Value "[keep]`naws_access_key_id = AKIAIOSFODNN7EXAMPLE`naws_secret_access_key = x`n"
        $script:before = Get-FileSha $files.Credentials
    }

    It '<Verb>-AwsProfile: a config path that is a directory' -ForEach @(
        @{ Verb = 'Get'; Run = { Get-AwsProfile } }
        @{ Verb = 'Set'; Run = { Set-AwsProfile keep -Region us-east-1 -NoActivate } }
        @{ Verb = 'Remove'; Run = { Remove-AwsProfile keep -Confirm:$false } }
    ) {
        $null = New-Item -ItemType Directory -Path $files.Config
        Assert-Refusal (Get-Refusal $Run) 'ProfileFileIsDirectory' 'InvalidArgument'
        Get-FileSha $files.Credentials | Should -Be $before
        Test-Path $files.Config -PathType Container | Should -BeTrue
    }

    It '<Verb>-AwsProfile: a credentials path that is a directory' -ForEach @(
        @{ Verb = 'Get'; Run = { Get-AwsProfile } }
        @{ Verb = 'Set'; Run = { Set-AwsProfile keep -Region us-east-1 -NoActivate } }
        @{ Verb = 'Remove'; Run = { Remove-AwsProfile keep -Confirm:$false } }
    ) {
        Set-Content -Path $files.Config -Value "[profile keep]`nregion = eu-west-1`n"
        $configBefore = Get-FileSha $files.Config
        Remove-Item $files.Credentials
        $null = New-Item -ItemType Directory -Path $files.Credentials
        Assert-Refusal (Get-Refusal $Run) 'ProfileFileIsDirectory' 'InvalidArgument'
        Get-FileSha $files.Config | Should -Be $configBefore
    }

    It '<Verb>-AwsProfile: a config path in a symlink loop' -ForEach @(
        @{ Verb = 'Get'; Run = { Get-AwsProfile } }
        @{ Verb = 'Set'; Run = { Set-AwsProfile keep -Region us-east-1 -NoActivate } }
        @{ Verb = 'Remove'; Run = { Remove-AwsProfile keep -Confirm:$false } }
    ) {
        $other = Join-Path $files.Folder 'other'
        & ln -s $other $files.Config; & ln -s $files.Config $other
        Assert-Refusal (Get-Refusal $Run) 'ProfileFileSymlinkLoop' 'InvalidArgument'
        Get-FileSha $files.Credentials | Should -Be $before
    }

    It 'a config file it may not read' {
        if ($isRoot) { Set-ItResult -Skipped -Because 'root reads any file'; return }
        Set-Content -Path $files.Config -Value "[profile keep]`nregion = eu-west-1`n"
        & chmod 000 $files.Config
        try { Assert-Refusal (Get-Refusal { Get-AwsProfile }) 'ProfileFileAccessDenied' 'PermissionDenied' }
        finally { & chmod 600 $files.Config }
    }

    It 'Set-AwsProfile <Parameter> '''' is refused and writes nothing' -ForEach @(
        @{ Parameter = 'Region' }, @{ Parameter = 'ExternalId' }, @{ Parameter = 'Output' }, @{ Parameter = 'RoleSessionName' }, @{ Parameter = 'CredentialProcess' }
    ) {
        Set-Content -Path $files.Config -Value "[profile keep]`nregion = eu-west-1`n"
        $configBefore = Get-FileSha $files.Config
        $arguments = @{ ProfileName = 'keep'; NoActivate = $true; $Parameter = '' }
        $refusal = Get-Refusal { Set-AwsProfile @arguments }
        if ($Parameter -eq 'Output') {
            # -Output has a ValidateSet: PowerShell refuses '' before the cmdlet runs.
            $refusal.FullyQualifiedErrorId | Should -BeLike 'ParameterArgumentValidationError,*'
        }
        else { Assert-Refusal $refusal 'SettingEmpty' 'InvalidArgument' }
        Get-FileSha $files.Config, $files.Credentials | Should -Be @($configBefore, $before)
    }
}
