@{
    RootModule           = 'bin/AwsWiki.dll'
    # Imported before the RootModule: makes the core library and the AWS SDK loadable from the
    # module's own load context before PowerShell scans the cmdlet assembly.
    NestedModules        = @('bin/AwsWiki.Loader.dll')
    ModuleVersion        = '0.1.0'
    GUID                 = '6f1f7b9e-3c1d-4a55-9d7e-2a8f0c5b4e71'
    Author               = 'AwsWiki developers'
    CompanyName          = 'AwsWiki'
    Copyright            = '(c) AwsWiki developers. All rights reserved.'
    Description          = 'Runbook notes for AWS as tested, pipeline-friendly cmdlets: named profiles in ~/.aws and session switching, GPU instance offerings and AWS/Azure cost comparison, an HTTPS entry point (Route 53, ACM, ALB) for an EC2 web server, and essential packages on Amazon Linux fleets through SSM.'
    PowerShellVersion    = '5.1'
    CompatiblePSEditions = @('Core', 'Desktop')
    FormatsToProcess     = @(
        'bin/Profiles.format.ps1xml'
        'bin/Essentials.format.ps1xml'
        'bin/Gpu.format.ps1xml'
        'bin/EntryPoint.format.ps1xml'
        'bin/Instances.format.ps1xml'
        'bin/GpuTopology.format.ps1xml'
        'bin/Sso.format.ps1xml'
        'bin/GpuQuota.format.ps1xml'
        'bin/InstanceOfferings.format.ps1xml'
    )
    CmdletsToExport      = @(
        'Set-AwsProfile'
        'Get-AwsProfile'
        'Remove-AwsProfile'
        'Get-AwsCallerIdentity'
        'Get-AmazonLinuxEssentialsScript'
        'Install-AmazonLinuxEssentials'
        'Get-GpuInstanceOffering'
        'Measure-GpuCost'
        'Get-InstanceOffering'
        'Measure-InstanceCost'
        'ConvertFrom-InstanceTypeName'
        'Get-GpuQuota'
        'Request-GpuQuotaIncrease'
        'New-HttpsEntryPoint'
        'Get-HttpsEntryPoint'
        'Remove-HttpsEntryPoint'
        'Get-AwsInstance'
        'Get-GpuTopology'
        'Register-AmazonLinuxEssentials'
        'Get-AmazonLinuxEssentialsAssociation'
        'Unregister-AmazonLinuxEssentials'
        'Find-GpuCapacity'
        'Connect-AwsSso'
        'Sync-AwsSsoProfile'
        'Disconnect-AwsSso'
    )
    FunctionsToExport    = @()
    AliasesToExport      = @()
    VariablesToExport    = @()
    PrivateData          = @{
        PSData = @{
            Tags         = @('AWS', 'Profiles', 'GPU', 'Pricing', 'Azure', 'ALB', 'ACM', 'Route53', 'SSM', 'AmazonLinux', 'PSEdition_Core', 'PSEdition_Desktop')
            ReleaseNotes = 'First release: profile management.'
        }
    }
}
