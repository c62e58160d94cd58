# The module beside other AWS SDKs: its core library and AWS SDK load into a module-private
# AssemblyLoadContext (PowerShell 7), so AWS Tools' SDK (v3, or an older v4 of the same assembly
# version) works before and after it in one session. Also what can be checked here of Windows
# PowerShell 5.1: the binding closure of everything shipped, read statically.
BeforeAll {
    Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force; Import-AwsWikiUnderTest
    $script:packages = $env:AWSWIKI_TEST_NUGET_PACKAGES
    $script:moduleRoot = Split-Path $env:AWSWIKI_MODULE -Parent
    $script:bin = Join-Path $moduleRoot 'bin'

    function script:Get-SdkAssembly([string] $Package, [string] $Version) {
        # The build AWS Tools would load on PowerShell 7: the newest .NET Core build in the package.
        $lib = Get-ChildItem (Join-Path $packages "$($Package.ToLowerInvariant())/$Version/lib") -Directory |
            Where-Object Name -in 'net8.0', 'netcoreapp3.1' | Sort-Object Name | Select-Object -First 1
        (Get-ChildItem $lib.FullName -Filter "$Package.dll").FullName
    }

    function script:Invoke-Coexistence([string] $Order, [string] $CoreVersion, [string] $StsVersion) {
        $pwsh = @('pwsh', 'pwsh.exe') | ForEach-Object { Join-Path $PSHOME $_ } | Where-Object { Test-Path $_ } | Select-Object -First 1
        $text = & $pwsh -NoProfile -NonInteractive -File (Join-Path $PSScriptRoot 'fixtures/isolation/Invoke-SdkCoexistence.ps1') `
            -Order $Order -SdkCorePath (Get-SdkAssembly 'AWSSDK.Core' $CoreVersion) -SdkStsPath (Get-SdkAssembly 'AWSSDK.SecurityToken' $StsVersion) `
            -ModulePath $env:AWSWIKI_MODULE -InstanceId $instanceId *>&1 | Out-String -Width 500
        $json = ($text -split "`n" | Where-Object { $_.Trim().StartsWith('{') } | Select-Object -Last 1)
        [pscustomobject]@{ Text = $text; Steps = $json | ConvertFrom-Json }
    }

    Reset-Moto
    $priceList = Start-TestStub pricelist_stub
    $env:AWS_ENDPOINT_URL_PRICING = $priceList.Url
    Invoke-AwsCli route53 create-hosted-zone --name example.com --caller-reference "iso-$([Guid]::NewGuid())" | Out-Null
    $ami = (Invoke-AwsCli ec2 describe-images --owners amazon).Images[0].ImageId
    $script:instanceId = (Invoke-AwsCli ec2 run-instances --image-id $ami --count 1 --instance-type t3.micro).Instances[0].InstanceId
    $script:account = (Invoke-AwsCli sts get-caller-identity).Account
}

AfterAll {
    Stop-TestStub $priceList
    Remove-Item Env:AWS_ENDPOINT_URL_PRICING -ErrorAction SilentlyContinue
}

Describe 'Another AWS SDK in the same session (<Name>)' -ForEach @(
    @{ Name = 'v3 (AWS Tools 4.x) loaded first'; Order = 'SdkFirst'; Core = '3.7.402'; Sts = '3.7.202'; Version = '3.3.0.0' }
    @{ Name = 'v3 (AWS Tools 4.x) loaded after'; Order = 'ModuleFirst'; Core = '3.7.402'; Sts = '3.7.202'; Version = '3.3.0.0' }
    @{ Name = 'older v4 (AWS Tools 5.x) loaded first'; Order = 'SdkFirst'; Core = '4.0.102.19'; Sts = '4.0.100.8'; Version = '4.0.0.0' }
    @{ Name = 'older v4 (AWS Tools 5.x) loaded after'; Order = 'ModuleFirst'; Core = '4.0.102.19'; Sts = '4.0.100.8'; Version = '4.0.0.0' }
) {
    BeforeAll { $script:run = Invoke-Coexistence $Order $Core $Sts }

    It 'the other SDK calls STS before and after AwsWiki ran' {
        if ($Order -eq 'SdkFirst') { $run.Steps.OtherSdkBefore | Should -Be $account }
        $run.Steps.LoadOtherSdk | Should -Be 'loaded'
        $run.Steps.OtherSdkAfter | Should -Be $account
    }

    It 'AwsWiki cmdlets that use the SDK work: caller identity, live GPU query, entry point plan' {
        $run.Steps.Import | Should -Be 'imported'
        $run.Steps.CallerIdentity | Should -Be $account
        $run.Steps.LiveOffering | Should -Be '1'
        $run.Steps.EntryPointWhatIf | Should -Be 'planned'
        $run.Text | Should -Match 'What if:'
    }

    It 'two copies of AWSSDK.Core are loaded: the other one in the default context, ours in the module''s own' {
        $copies = $run.Steps.SdkCopies -split ','
        $copies | Should -Contain "$Version@DefaultAssemblyLoadContext"
        $copies | Should -Contain '4.0.0.0@ModuleLoadContext'
        $copies.Count | Should -Be 2
    }
}

Describe 'What the cmdlet assembly exposes' {
    It 'references no AWS SDK assembly, and ships only itself, the loader and the format files beside the manifest' {
        $reader = [System.Reflection.Metadata.MetadataReader]
        $stream = [IO.File]::OpenRead((Join-Path $bin 'AwsWiki.dll'))
        try {
            $pe = [System.Reflection.PortableExecutable.PEReader]::new($stream)
            $md = [System.Reflection.Metadata.PEReaderExtensions]::GetMetadataReader($pe)
            $names = foreach ($handle in $md.AssemblyReferences) { $md.GetString($md.GetAssemblyReference($handle).Name) }
        }
        finally { $stream.Dispose() }
        $names | Should -Contain 'AwsWiki.Core'
        $names | Where-Object { $_ -like 'AWSSDK*' } | Should -BeNullOrEmpty
        (Get-ChildItem $bin -File).Name | Where-Object { $_ -notlike '*.ps1xml' } | Sort-Object |
            Should -Be @('AwsWiki.dll', 'AwsWiki.Loader.dll', 'AwsWiki.Loader.pdb', 'AwsWiki.pdb')
    }

    It 'no parameter or output property of any cmdlet has an AWS SDK type' {
        $offenders = foreach ($command in Get-Command -Module AwsWiki) {
            foreach ($parameter in $command.Parameters.Values) {
                if ($parameter.ParameterType.Assembly.GetName().Name -like 'AWSSDK*') { "$($command.Name) -$($parameter.Name)" }
            }
            foreach ($type in $command.OutputType.Type) {
                foreach ($property in $type.GetProperties()) {
                    if ($property.PropertyType.Assembly.GetName().Name -like 'AWSSDK*') { "$($command.Name) output $($type.Name).$($property.Name)" }
                }
            }
        }
        $offenders | Should -BeNullOrEmpty
    }

    It 'the AWS SDK is not loaded in the default context even after a cmdlet ran' {
        $out = Invoke-ChildPwsh 'Get-AwsCallerIdentity | Out-Null; [AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -like "AWSSDK*" -or $_.GetName().Name -eq "AwsWiki.Core" } | ForEach-Object { "$($_.GetName().Name)@$([System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext($_).GetType().Name)" }'
        $out | Should -Match 'AWSSDK.Core@ModuleLoadContext'
        $out | Should -Match 'AwsWiki.Core@ModuleLoadContext'
        $out | Should -Not -Match '@DefaultAssemblyLoadContext'
    }
}

Describe 'Windows PowerShell 5.1: the binding closure of what ships (read statically)' {
    BeforeAll {
        # .NET Framework 4.7.2's reference assemblies (and facades) stand for what powershell.exe's runtime has.
        $framework = Join-Path $packages 'microsoft.netframework.referenceassemblies.net472/1.0.3/build/.NETFramework/v4.7.2'
        $script:frameworkVersions = @{}
        foreach ($file in Get-ChildItem $framework, (Join-Path $framework 'Facades') -Filter *.dll) {
            # A few files there are native (no metadata): they are no assemblies to bind to.
            try { $frameworkVersions[$file.BaseName] = [System.Reflection.AssemblyName]::GetAssemblyName($file.FullName).Version } catch { }
        }
        # What the module's resolver answers for: any file shipped in bin/Dependencies, whatever its version.
        $script:shipped = @{}
        foreach ($file in Get-ChildItem $bin, (Join-Path $bin 'Dependencies') -Filter *.dll) { $shipped[$file.BaseName] = $file.FullName }

        function script:Get-References([string] $Path) {
            $stream = [IO.File]::OpenRead($Path)
            try {
                $pe = [System.Reflection.PortableExecutable.PEReader]::new($stream)
                $md = [System.Reflection.Metadata.PEReaderExtensions]::GetMetadataReader($pe)
                foreach ($handle in $md.AssemblyReferences) {
                    $reference = $md.GetAssemblyReference($handle)
                    [pscustomobject]@{ Name = $md.GetString($reference.Name); Version = $reference.Version }
                }
            }
            finally { $stream.Dispose() }
        }
    }

    It 'found the framework reference assemblies and the shipped files' {
        $frameworkVersions['mscorlib'] | Should -Be ([version]'4.0.0.0')
        $frameworkVersions['netstandard'] | Should -Be ([version]'2.0.0.0')
        $shipped.Keys | Should -Contain 'AWSSDK.Core'
    }

    It 'every reference of every shipped assembly resolves: a shipped file, PowerShell itself, or .NET Framework 4.7.2' {
        $unresolved = foreach ($assembly in $shipped.GetEnumerator()) {
            foreach ($reference in Get-References $assembly.Value) {
                $resolved = $shipped.ContainsKey($reference.Name) -or
                    $reference.Name -eq 'System.Management.Automation' -or
                    ($frameworkVersions.ContainsKey($reference.Name) -and $frameworkVersions[$reference.Name] -ge $reference.Version)
                if (-not $resolved) { "$($assembly.Key) -> $($reference.Name) $($reference.Version)" }
            }
        }
        $unresolved | Should -BeNullOrEmpty
    }

    It 'the references that need the resolver (version mismatches powershell.exe cannot redirect) are all shipped' {
        # Documents the real mismatches: a requested version that differs from the shipped file's.
        $mismatches = foreach ($assembly in $shipped.GetEnumerator()) {
            foreach ($reference in Get-References $assembly.Value) {
                if ($shipped.ContainsKey($reference.Name)) {
                    $actual = [System.Reflection.AssemblyName]::GetAssemblyName($shipped[$reference.Name]).Version
                    if ($actual -ne $reference.Version) { $reference.Name }
                }
            }
        }
        # AWSSDK.Core asks for versions of System.Memory and System.Text.Json that bin does not carry: the
        # reason the resolver exists. If this ever comes back empty, the resolver could go.
        @($mismatches | Sort-Object -Unique) | Should -Not -BeNullOrEmpty
    }
}
