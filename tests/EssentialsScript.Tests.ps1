# The essentials script itself, run for real under bash with fake package managers (PATH shims
# that record their calls) and os-release stand-ins; shellcheck on it; Get-AmazonLinuxEssentialsScript.
BeforeAll {
    Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force
    Import-AwsWikiUnderTest
    $script:fixtures = Join-Path $PSScriptRoot 'fixtures/essentials'
    $script:defaultPackages = @('git', 'tmux', 'htop', 'jq', 'tree', 'wget', 'unzip', 'gcc', 'make', 'python3', 'python3-pip')
    # A checkout can drop the executable bit; the shims must run.
    & chmod +x (Join-Path $fixtures 'fake-system.sh') (Get-ChildItem (Join-Path $fixtures 'bin')).FullName

    function New-FakeSystem {
        param([string[]] $Preinstalled = @())
        $root = Join-Path $env:AWSWIKI_TEST_RUN_ROOT ('essentials-' + [Guid]::NewGuid().ToString('N').Substring(0, 8))
        New-Item -ItemType Directory -Path (Join-Path $root 'state') -Force | Out-Null
        Set-Content -Path (Join-Path $root 'state/packages') -Value $Preinstalled
        $root
    }

    function Invoke-EssentialsScript {
        # Runs the script as the module renders it, against the fake system in $Root.
        param([string] $Root, [string] $Platform, [string[]] $Package, [switch] $ExcludeDocker, [string] $FailPackages = '')
        $scriptPath = Join-Path $Root 'awswiki-essentials.sh'
        $text = Get-AmazonLinuxEssentialsScript -Package $Package -ExcludeDocker:$ExcludeDocker
        [IO.File]::WriteAllText($scriptPath, $text)
        $calls = Join-Path $Root 'state/calls.log'
        $callsBefore = if (Test-Path $calls) { @(Get-Content $calls).Count } else { 0 }
        $saved = @{ PATH = $env:PATH }
        $env:PATH = "$(Join-Path $fixtures 'bin'):$env:PATH"
        $env:AWSWIKI_SHIM_STATE = Join-Path $Root 'state'
        $env:AWSWIKI_SHIM_FAIL_PACKAGES = $FailPackages
        $env:AWSWIKI_OS_RELEASE = Join-Path $fixtures "os-release-$Platform"
        $env:AWSWIKI_ESSENTIALS_LOG = Join-Path $Root 'essentials.log'
        $errFile = Join-Path $Root 'stderr.txt'
        try {
            $out = & bash $scriptPath 2> $errFile
            $exit = $LASTEXITCODE
        }
        finally {
            $env:PATH = $saved.PATH
            'AWSWIKI_SHIM_STATE', 'AWSWIKI_SHIM_FAIL_PACKAGES', 'AWSWIKI_OS_RELEASE', 'AWSWIKI_ESSENTIALS_LOG' | ForEach-Object { Remove-Item "Env:$_" -ErrorAction SilentlyContinue }
        }
        $allCalls = if (Test-Path $calls) { @(Get-Content $calls) } else { @() }
        $summaryLine = @($out)[-1]
        $summary = @{}
        foreach ($field in ($summaryLine -split ' ' | Select-Object -Skip 1)) { $k, $v = $field -split '=', 2; $summary[$k] = @($v -split ',' | Where-Object { $_ }) }
        [pscustomobject]@{
            ExitCode = $exit
            Output   = @($out)
            Error    = (Get-Content $errFile -Raw) ?? ''
            Calls    = @($allCalls | Select-Object -Skip $callsBefore)
            Summary  = $summary
            Last     = $summaryLine
            Log      = (Get-Content (Join-Path $Root 'essentials.log') -Raw -ErrorAction SilentlyContinue) ?? ''
        }
    }
}

Describe 'shellcheck' {
    It 'is installed (the suite fails without it rather than skipping)' {
        $found = $null -ne (Get-Command shellcheck -CommandType Application -ErrorAction SilentlyContinue)
        $found | Should -BeTrue -Because 'the essentials script must be shellcheck-clean; install the Debian package shellcheck'
    }

    It 'finds nothing in the script as shipped and as rendered with extras and without docker' {
        $folder = New-FakeSystem
        $rendered = Join-Path $folder 'rendered.sh'
        [IO.File]::WriteAllText($rendered, (Get-AmazonLinuxEssentialsScript -Package nginx, amazon-efs-utils -ExcludeDocker))
        $shipped = Join-Path (Split-Path $PSScriptRoot -Parent) 'src/AwsWiki.Core/Essentials/awswiki-essentials.sh'
        foreach ($file in $shipped, $rendered) {
            $report = & shellcheck --shell=bash --severity=style $file 2>&1
            $LASTEXITCODE | Should -Be 0 -Because ($report -join "`n")
        }
    }
}

Describe 'The essentials script on Amazon Linux 2' {
    BeforeAll {
        $script:root = New-FakeSystem -Preinstalled python3
        $script:run = Invoke-EssentialsScript -Root $root -Platform amzn2
    }

    It 'installs the missing default packages with yum in one transaction and docker with amazon-linux-extras' {
        $run.ExitCode | Should -Be 0 -Because $run.Error
        $run.Calls | Should -Contain 'yum install -y git tmux htop jq tree wget unzip gcc make python3-pip'
        $run.Calls | Should -Contain 'amazon-linux-extras install -y docker'
        ($run.Calls -match '^dnf ') | Should -BeNullOrEmpty
    }

    It 'enables and starts docker and puts ec2-user in the docker group' {
        $run.Calls | Should -Contain 'systemctl enable --now docker'
        $run.Calls | Should -Contain 'usermod -aG docker ec2-user'
        Get-Content (Join-Path $root 'state/groups') | Should -Contain 'ec2-user docker'
    }

    It 'warns that Amazon Linux 2 is out of support' {
        $run.Error | Should -Match 'Amazon Linux 2 reached end of support on 2026-06-30'
    }

    It 'ends with a machine-readable summary line, also in the log' {
        $run.Last | Should -Match '^AWSWIKI_ESSENTIALS_SUMMARY platform=amzn2 result=ok '
        $run.Summary.installed | Should -Be @('git', 'tmux', 'htop', 'jq', 'tree', 'wget', 'unzip', 'gcc', 'make', 'python3-pip', 'docker')
        $run.Summary.already_present | Should -Be @('python3')
        $run.Summary.failed | Should -BeNullOrEmpty
        $run.Log | Should -Match ([regex]::Escape($run.Last))
    }

    It 'installs nothing on a second run, and still succeeds' {
        $second = Invoke-EssentialsScript -Root $root -Platform amzn2
        $second.ExitCode | Should -Be 0
        ($second.Calls -match ' install |^systemctl enable|^usermod') | Should -BeNullOrEmpty
        $second.Summary.installed | Should -BeNullOrEmpty
        $second.Summary.already_present | Should -Be ($defaultPackages + 'docker')
        $second.Last | Should -Match 'result=ok'
    }
}

Describe 'The essentials script on Amazon Linux 2023' {
    It 'installs everything with dnf, docker included, and no yum or extras' {
        $root = New-FakeSystem
        $run = Invoke-EssentialsScript -Root $root -Platform amzn2023
        $run.ExitCode | Should -Be 0 -Because $run.Error
        $run.Calls | Should -Contain "dnf install -y $($defaultPackages -join ' ')"
        $run.Calls | Should -Contain 'dnf install -y docker'
        $run.Calls | Should -Contain 'systemctl enable --now docker'
        ($run.Calls -match '^(yum|amazon-linux-extras) ') | Should -BeNullOrEmpty
        $run.Error | Should -Not -Match 'end of support'
        $run.Summary.platform | Should -Be 'amzn2023'
    }

    It 'adds extra packages and leaves docker out when asked' {
        $root = New-FakeSystem
        $run = Invoke-EssentialsScript -Root $root -Platform amzn2023 -Package nginx, amazon-efs-utils -ExcludeDocker
        $run.ExitCode | Should -Be 0 -Because $run.Error
        $run.Calls | Should -Contain "dnf install -y $($defaultPackages -join ' ') nginx amazon-efs-utils"
        ($run.Calls -match 'docker') | Should -BeNullOrEmpty
        $run.Summary.installed | Should -Contain 'nginx'
        $run.Summary.installed | Should -Not -Contain 'docker'
    }

    It 'exits non-zero naming the package that failed, after installing the others one by one' {
        $root = New-FakeSystem
        $run = Invoke-EssentialsScript -Root $root -Platform amzn2023 -FailPackages jq
        $run.ExitCode | Should -Be 1
        $run.Error | Should -Match 'could not install jq'
        $run.Summary.failed | Should -Be @('jq')
        $run.Summary.result | Should -Be 'failed'
        $run.Calls | Should -Contain 'dnf install -y jq'
        $run.Summary.installed | Should -Contain 'git'
        Get-Content (Join-Path $root 'state/packages') | Should -Not -Contain 'jq'
    }
}

Describe 'The essentials script on another system' {
    It 'refuses Debian with a clear message, a non-zero exit and no package manager call' {
        $root = New-FakeSystem
        $run = Invoke-EssentialsScript -Root $root -Platform debian
        $run.ExitCode | Should -Not -Be 0
        $run.Error | Should -Match "unsupported system 'debian 12'.*Amazon Linux 2 \(yum\) and Amazon Linux 2023 \(dnf\) only"
        $run.Calls | Should -BeNullOrEmpty
        $run.Last | Should -Be 'AWSWIKI_ESSENTIALS_SUMMARY platform=debian-12 result=unsupported installed= already_present= failed='
    }
}

Describe 'Get-AmazonLinuxEssentialsScript' {
    It 'returns cloud-init ready user data: a #! script with LF line endings, within 16 KB' {
        $userData = Get-AmazonLinuxEssentialsScript -AsUserData -Package nginx
        $userData | Should -BeOfType [string]
        $userData | Should -Match '^#!/bin/bash\n'
        $userData | Should -Not -Match "`r"
        [Text.Encoding]::UTF8.GetByteCount($userData) | Should -BeLessOrEqual 16384
        $userData | Should -Match '(?m)^EXTRA_PACKAGES=\(nginx\)$'
        $userData | Should -Match '(?m)^INSTALL_DOCKER=yes$'
    }

    It 'refuses a package name a shell would interpret, with a specific error' {
        $failure = { Get-AmazonLinuxEssentialsScript -Package 'git;curl evil|sh' } | Should -Throw -PassThru
        $failure.FullyQualifiedErrorId | Should -BeLike 'InvalidPackageName,*'
        $failure.CategoryInfo.Category | Should -Be 'InvalidArgument'
        $failure.TargetObject | Should -Be 'git;curl evil|sh'
    }

    It 'refuses user data over 16 KB' {
        $many = 1..1200 | ForEach-Object { "package-number-$_" }
        $failure = { Get-AmazonLinuxEssentialsScript -Package $many -AsUserData } | Should -Throw -PassThru
        $failure.FullyQualifiedErrorId | Should -BeLike 'UserDataTooLarge,*'
        # Without -AsUserData the same script is returned for review.
        (Get-AmazonLinuxEssentialsScript -Package $many).Length | Should -BeGreaterThan 16384
    }
}
