# Installing as PowerShell users do: build.ps1 -Task Package (run by -Task Test before the suite)
# leaves out/AwsWiki.<version>.nupkg; PSResourceGet installs it by name from a local repository into
# the test HOME's user module path, and a fresh pwsh imports it by name and runs cmdlets.
BeforeAll {
    Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force
    $script:out = Join-Path (Split-Path $env:AWSWIKI_MODULE) 'out'
    $script:version = (Import-PowerShellDataFile $env:AWSWIKI_MODULE).ModuleVersion
    $script:repository = 'AwsWikiTest' + [Guid]::NewGuid().ToString('N').Substring(0, 6)
    # HOME is the test run's own folder, so the repository list and the CurrentUser module path are temporary.
    $script:userModules = Join-Path $env:HOME '.local/share/powershell/Modules'
}

AfterAll {
    Unregister-PSResourceRepository -Name $repository -ErrorAction SilentlyContinue
}

Describe 'The package' {
    It 'is in out/, named for the manifest version' {
        Join-Path $out "AwsWiki.$version.nupkg" | Should -Exist
    }

    It 'installs by name with Install-PSResource from a local repository, imports by name and runs' {
        Register-PSResourceRepository -Name $repository -Uri $out -Trusted
        Install-PSResource -Name AwsWiki -Repository $repository -Scope CurrentUser -TrustRepository -Quiet
        $installed = Join-Path $userModules "AwsWiki/$version"
        Join-Path $installed 'AwsWiki.psd1' | Should -Exist
        Join-Path $installed 'bin/AwsWiki.dll' | Should -Exist
        Join-Path $installed 'bin/Dependencies/AWSSDK.Core.dll' | Should -Exist
        Join-Path $installed 'en-US/AwsWiki.dll-Help.xml' | Should -Exist

        # A fresh pwsh that knows nothing of this repository: PSModulePath's user folder finds it.
        $pwsh = @('pwsh', 'pwsh.exe') | ForEach-Object { Join-Path $PSHOME $_ } | Where-Object { Test-Path $_ } | Select-Object -First 1
        $script = @'
Import-Module AwsWiki -ErrorAction Stop
"base=$((Get-Module AwsWiki).ModuleBase)"
"offers=$(@(Get-GpuInstanceOffering -GpuModel V100 -Region us-east-1).Count)"
"account=$((Get-AwsCallerIdentity).Account)"
"help=$((Get-Help Get-AwsProfile).Synopsis)"
'@
        $text = & $pwsh -NoProfile -NonInteractive -Command $script 2>&1 | Out-String
        $text | Should -Match ([regex]::Escape("base=$installed"))
        $text | Should -Match 'offers=[1-9]'
        $text | Should -Match 'account=123456789012'
        $text | Should -Match 'help=\w+'
    }
}
