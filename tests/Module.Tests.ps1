# The module as a whole: manifest, exports, help, and the cost of importing it.
BeforeAll {
    Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force
    Import-AwsWikiUnderTest
    $script:manifest = Test-ModuleManifest $env:AWSWIKI_MODULE
}

Describe 'Module manifest' {
    It 'lists every exported cmdlet explicitly, and exports nothing else' {
        $declared = (Import-PowerShellDataFile $env:AWSWIKI_MODULE).CmdletsToExport | Sort-Object
        $exported = (Get-Command -Module AwsWiki).Name | Sort-Object
        $declared | Should -Not -Contain '*'
        $exported | Should -Be $declared
    }

    It 'carries version, editions, PowerShell version, description and tags' {
        $data = Import-PowerShellDataFile $env:AWSWIKI_MODULE
        $data.ModuleVersion | Should -Match '^\d+\.\d+\.\d+$'
        $data.CompatiblePSEditions | Should -Be @('Core', 'Desktop')
        $data.PowerShellVersion | Should -Be '5.1'
        $data.Description | Should -Not -BeNullOrEmpty
        $data.PrivateData.PSData.Tags | Should -Contain 'AWS'
    }

    It 'has the same version as the assembly it loads' {
        $assembly = (Get-Command Get-AwsProfile).ImplementingType.Assembly.GetName().Version
        "$($assembly.Major).$($assembly.Minor).$($assembly.Build)" | Should -Be $manifest.Version.ToString()
    }
}

Describe 'Help for <_>' -ForEach @((Import-PowerShellDataFile $env:AWSWIKI_MODULE).CmdletsToExport) {
    BeforeAll {
        $script:help = Get-Help $_ -Full
        $script:command = Get-Command $_
    }

    It 'has a synopsis and a description' {
        $help.Synopsis | Should -Not -BeNullOrEmpty
        $help.Synopsis | Should -Not -Match "^\s*$_\s"
        ($help.Description | Out-String).Trim() | Should -Not -BeNullOrEmpty
    }

    It 'has at least two examples with code' {
        @($help.Examples.Example).Count | Should -BeGreaterOrEqual 2
        foreach ($example in $help.Examples.Example) { $example.Code | Should -Not -BeNullOrEmpty }
    }

    It 'shows sample output under at least one example' {
        # The help generator joins an example's command and its ```output block with a blank line.
        $withOutput = @($help.Examples.Example | Where-Object { $_.Code -match '\S\r?\n[ \t]*\r?\n[ \t]*\S' })
        $withOutput.Count | Should -BeGreaterOrEqual 1 -Because "docs/en-US/$_.md needs an ``````output block after an example's command"
    }

    It 'SYNTAX shows real type names, switches without a value, and -WhatIf/-Confirm where the cmdlet has them' {
        $syntax = (Get-Help $_).Syntax | Out-String -Width 400
        $syntax | Should -Not -Match 'Nullable|`1|<SwitchParameter>'
        foreach ($switch in $command.Parameters.Values | Where-Object { $_.SwitchParameter -and $_.Name -notin [System.Management.Automation.PSCmdlet]::CommonParameters + [System.Management.Automation.PSCmdlet]::OptionalCommonParameters }) {
            # [-Name] where optional, -Name where a parameter set requires it; never -Name <SwitchParameter>.
            $syntax | Should -Match "-$($switch.Name)(\]|\s|$)" -Because "-$($switch.Name) is a switch"
            $syntax | Should -Not -Match "-$($switch.Name) <" -Because "-$($switch.Name) is a switch"
        }
        if ($command.Parameters.ContainsKey('WhatIf')) {
            $syntax | Should -Match '\[-WhatIf\] \[-Confirm\]'
        }
        else {
            $syntax | Should -Not -Match 'WhatIf'
        }
    }

    It 'INPUTS names what the pipeline takes, OUTPUTS the real types' {
        $full = Get-Help $_ -Full
        @($full.inputTypes.inputType).Count | Should -BeGreaterOrEqual 1
        $pipelined = @($command.Parameters.Values | Where-Object { $_.Attributes.ValueFromPipeline -contains $true -or $_.Attributes.ValueFromPipelineByPropertyName -contains $true })
        $inputs = ($full.inputTypes.inputType | ForEach-Object { $_.type.name }) -join ' '
        if ($pipelined) { $inputs | Should -Not -Be 'None' } else { $inputs | Should -Be 'None' }
        $outputs = @($full.returnValues.returnValue | ForEach-Object { $_.type.name })
        $outputs | Should -Be @($command.OutputType.Name)
    }

    It 'describes every parameter' {
        $common = [System.Management.Automation.PSCmdlet]::CommonParameters + [System.Management.Automation.PSCmdlet]::OptionalCommonParameters
        foreach ($name in $command.Parameters.Keys | Where-Object { $_ -notin $common }) {
            $parameterHelp = $help.Parameters.Parameter | Where-Object Name -eq $name
            ($parameterHelp.Description | Out-String).Trim() | Should -Not -BeNullOrEmpty -Because "-$name needs a description"
        }
    }
}

Describe 'Importing the module' {
    It 'does not load the AWS SDK until a cmdlet needs it' {
        $out = Invoke-ChildPwsh '[AppDomain]::CurrentDomain.GetAssemblies().GetName().Name -join ","'
        $out | Should -Not -Match 'AWSSDK\.'
        $out | Should -Match 'AwsWiki'
    }
}
