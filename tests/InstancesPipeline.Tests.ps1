# Get-AwsInstance | Install-AmazonLinuxEssentials across accounts and regions (issue 10's pipeline):
# instances made with the AWS CLI in two accounts (moto keeps one per AssumeRole account) and two
# regions; the SSM stand-in in front of moto counts what each (account, region) group is sent.
BeforeAll {
    Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force; Import-AwsWikiUnderTest
    Reset-Moto
    $script:proxy = Start-TestStub -Name ssm_proxy -ArgumentList (Get-MotoUrl)
    $env:AWS_ENDPOINT_URL_SSM = $proxy.Url
    $env:AWSWIKI_SSM_POLL_INTERVAL_MS = '20'
    Invoke-RestMethod -Method Post "$($proxy.Url)/_proxy/reset-all" | Out-Null
    Invoke-RestMethod -Method Post "$($proxy.Url)/_proxy/config" -Body (@{ hold_polls = 1 } | ConvertTo-Json) | Out-Null

    $files = Use-TestProfileFiles
    Set-Content -Path $files.Credentials -Value "[home]`naws_access_key_id = testing`naws_secret_access_key = testing`n"
    Set-Content -Path $files.Config -Value (@(
            '[profile home]', 'region = us-east-1',
            '[profile member]', 'role_arn = arn:aws:iam::111111111111:role/admin', 'source_profile = home', 'region = us-east-1') -join "`n")
    Remove-Item Env:AWS_ACCESS_KEY_ID, Env:AWS_SECRET_ACCESS_KEY -ErrorAction SilentlyContinue

    function script:New-Instances([string] $Profile, [string] $Region, [int] $Count) {
        $ami = (Invoke-AwsCli ec2 describe-images --owners amazon --region $Region --profile $Profile).Images[0].ImageId
        @((Invoke-AwsCli ec2 run-instances --image-id $ami --count $Count --instance-type t3.micro --region $Region --profile $Profile).Instances.InstanceId)
    }
    $script:homeEast = @(New-Instances home us-east-1 2)
    $script:memberEast = @(New-Instances member us-east-1 1)
    $script:memberWest = @(New-Instances member eu-west-1 2)
    # A stopped one is listed by Get-AwsInstance but filtered out by -State running.
    $stopped = @(New-Instances member eu-west-1 1)
    Invoke-AwsCli ec2 stop-instances --instance-ids $stopped[0] --region eu-west-1 --profile member | Out-Null
}

AfterAll {
    Remove-Item Env:AWS_ENDPOINT_URL_SSM, Env:AWSWIKI_SSM_POLL_INTERVAL_MS -ErrorAction SilentlyContinue
    $env:AWS_ACCESS_KEY_ID = 'testing'; $env:AWS_SECRET_ACCESS_KEY = 'testing'
    Stop-TestStub $proxy
}

Describe 'Get-AwsInstance | Install-AmazonLinuxEssentials' {
    It 'sends each (account, region) group its own running instances, with that profile''s credentials' {
        $instances = @(Get-AwsInstance -ProfileName home, member -Region us-east-1, eu-west-1 -State running)
        ($instances.InstanceId | Sort-Object) | Should -Be (@($homeEast + $memberEast + $memberWest) | Sort-Object)

        $results = @($instances | Install-AmazonLinuxEssentials -Confirm:$false)

        $sent = @((Invoke-RestMethod "$($proxy.Url)/_proxy/requests").requests | Where-Object Operation -eq 'SendCommand')
        $groups = $sent | ForEach-Object { "$($_.Account)/$($_.Region)=$((@($_.Body.InstanceIds) | Sort-Object) -join ',')" } | Sort-Object
        $groups | Should -Be (@(
                "111111111111/eu-west-1=$((@($memberWest) | Sort-Object) -join ',')"
                "111111111111/us-east-1=$($memberEast[0])"
                "123456789012/us-east-1=$((@($homeEast) | Sort-Object) -join ',')") | Sort-Object)
        $results.Count | Should -Be 5
        $results.Status | Sort-Object -Unique | Should -Be 'Success'
        ($results | Where-Object InstanceId -in $memberWest).ProfileName | Sort-Object -Unique | Should -Be 'member'
        ($results | Where-Object InstanceId -in $memberWest).Region | Sort-Object -Unique | Should -Be 'eu-west-1'
    }

    It 'reaches organization member accounts through the role they were listed with (RoleArn), not the management profile' {
        $python = (Get-Command python3, python -CommandType Application | Select-Object -First 1).Source
        $org = & $python (Join-Path $PSScriptRoot 'fixtures/instances/fleet.py') (Get-MotoUrl) org | ConvertFrom-Json
        Invoke-RestMethod -Method Post "$($proxy.Url)/_proxy/reset" | Out-Null
        Invoke-RestMethod -Method Post "$($proxy.Url)/_proxy/config" -Body (@{ hold_polls = 1 } | ConvertTo-Json) | Out-Null

        $member = @(Get-AwsInstance -ProfileName home -OrganizationRoleName OrganizationAccountAccessRole -Region us-east-1 -State running |
                Where-Object InstanceId -eq $org.instance)
        $member.Count | Should -Be 1
        $member[0].ProfileName | Should -Be 'home'
        $result = @($member | Install-AmazonLinuxEssentials -Confirm:$false)

        $sent = @((Invoke-RestMethod "$($proxy.Url)/_proxy/requests").requests | Where-Object Operation -eq 'SendCommand')
        $sent.Count | Should -Be 1
        $sent[0].Account | Should -Be $org.members[0]
        @($sent[0].Body.InstanceIds) | Should -Be @($org.instance)
        $result.Status | Should -Be 'Success'
    }
}
