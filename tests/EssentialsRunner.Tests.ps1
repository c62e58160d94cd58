# The fan-out logic (AwsWiki.Core's FleetCommandRunner and result mapping) on its own, against a
# scripted fake SSM client: no cmdlet, no network. Covers what moto cannot stage: waits that outlast
# the limit, statuses changing across polls, non-Amazon Linux platforms.
BeforeAll {
    Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force
    Import-AwsWikiUnderTest
    # In C#, not a PowerShell class: the runner calls the fake from thread-pool threads, where a
    # PowerShell class method would wait for this (busy) runspace.
    if (-not ('AwsWikiTests.ScriptedFleetClient' -as [type])) {
        Add-Type -ReferencedAssemblies (Get-AwsWikiCorePath), netstandard, System.Collections, System.Linq, System.Runtime, System.Threading -TypeDefinition @'
using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AwsWiki;
using AwsWiki.Essentials;

namespace AwsWikiTests
{
    // Each instance follows a timeline: its status at the 1st, 2nd, ... ListCommandInvocations poll
    // (the last one repeats). GetCommandInvocation answers InvocationDoesNotExist (null) on the first
    // call per instance when MissingFirst is set.
    public sealed class ScriptedFleetClient : IFleetCommandClient
    {
        private readonly HashSet<string> _fetched = new HashSet<string>();
        public Dictionary<string, string[]> Timeline = new Dictionary<string, string[]>();
        public List<ManagedInstance> Managed = new List<ManagedInstance>();
        public bool MissingFirst = true;
        public bool TruncateInline;
        public string CommandStatus;
        public int Polls;
        public List<string> Calls = new List<string>();

        public Task<IReadOnlyList<ManagedInstance>> DescribeInstancesAsync(IReadOnlyList<string> ids, CancellationToken ct)
        {
            lock (Calls) { Calls.Add("Describe " + ids.Count); }
            return Task.FromResult<IReadOnlyList<ManagedInstance>>(Managed.ToList());
        }

        public Task<IReadOnlyList<ManagedInstance>> DescribeInstancesByTagAsync(IReadOnlyList<CommandTarget> targets, CancellationToken ct)
        {
            lock (Calls) { Calls.Add("DescribeByTag " + targets.Count); }
            return Task.FromResult<IReadOnlyList<ManagedInstance>>(Managed.ToList());
        }

        // ListCommandInvocations with details: each listed instance's status at this poll, with inline output.
        public async Task<IReadOnlyList<InvocationDetail>> ListInvocationDetailsAsync(string commandId, CancellationToken ct)
        {
            await Task.Yield();
            Polls++;
            lock (Calls) { Calls.Add("ListDetails"); }
            return Timeline.Keys.Select(id => new { id, status = StatusOf(id) })
                .Where(x => x.status != "NotCreated")
                .Select(x => new InvocationDetail(x.id, x.status, x.status, 0, "inline\nAWSWIKI_ESSENTIALS_SUMMARY platform=amzn2023 result=ok installed=git already_present= failed=", "", null,
                    null, null, TruncateInline)).ToList();
        }

        // ListCommands: finished once every instance's timeline has reached a final status (or as scripted).
        public Task<CommandProgress> GetCommandAsync(string commandId, CancellationToken ct)
        {
            var terminal = new[] { "Success", "Failed", "TimedOut", "Cancelled" };
            var done = Polls > 0 && Timeline.Keys.All(id => terminal.Contains(StatusOf(id)));
            return Task.FromResult(new CommandProgress(commandId, CommandStatus ?? (done ? "Success" : "InProgress"), Timeline.Count, 0, 0));
        }

        public Task<string> SendCommandAsync(FleetCommandRequest request, CancellationToken ct)
        {
            lock (Calls) { Calls.Add("Send " + request.InstanceIds.Count); }
            return Task.FromResult("cmd-" + Calls.Count);
        }

        private string StatusOf(string id)
        {
            var line = Timeline[id];
            return line[Math.Min(Polls, line.Length) - 1];
        }

        public async Task<IReadOnlyList<InvocationState>> ListInvocationsAsync(string commandId, CancellationToken ct)
        {
            await Task.Yield();
            Polls++;
            return Timeline.Keys.Select(id => new { id, status = StatusOf(id) })
                .Where(x => x.status != "NotCreated")
                .Select(x => new InvocationState(x.id, x.status, x.status)).ToList();
        }

        public async Task<InvocationDetail> GetInvocationAsync(string commandId, string instanceId, CancellationToken ct)
        {
            await Task.Yield();
            lock (Calls)
            {
                Calls.Add("Get " + instanceId);
                if (MissingFirst && _fetched.Add(instanceId)) { return null; }
            }
            var status = StatusOf(instanceId);
            var details = status == "TimedOut" ? "ExecutionTimedOut" : status;
            var output = "working\nAWSWIKI_ESSENTIALS_SUMMARY platform=amzn2 result=ok installed=jq already_present=git failed=";
            return new InvocationDetail(instanceId, status, details, 0, output, "", TimeSpan.FromSeconds(42));
        }
    }

    public sealed class RecordingReporter : IActivityReporter
    {
        public List<string> Records = new List<string>();
        public int Completed;
        public void Progress(int id, string activity, string status, int percent) { lock (Records) { Records.Add(percent + "|" + status); } }
        public void CompleteProgress(int id, string activity) { Completed++; }
        public void Verbose(string message) { }
        public void Warning(string message) { }
    }
}
'@
    }

    $script:fast = [AwsWiki.Essentials.PollSchedule]::new([TimeSpan]::FromMilliseconds(5), [TimeSpan]::FromMilliseconds(20), 2)
    function Invoke-Wait {
        param($Client, $Reporter, [string[]] $InstanceIds, [TimeSpan] $MaxWait = [TimeSpan]::FromMinutes(1))
        $runner = [AwsWiki.Essentials.FleetCommandRunner]::new($Client, $Reporter, $fast)
        $sent = [AwsWiki.Essentials.SentCommand]::new('cmd-1', $InstanceIds)
        $task = $runner.WaitAsync([AwsWiki.Essentials.SentCommand[]] @($sent), $MaxWait, [Threading.CancellationToken]::None)
        if (-not $task.Wait([TimeSpan]::FromSeconds(60))) { throw 'WaitAsync did not finish within 60 s.' }
        $task.Result
    }
}

Describe 'FleetCommandRunner' {
    It 'cuts a fleet into SendCommand batches of at most 50, in order' {
        $ids = 1..120 | ForEach-Object { 'i-{0:x8}' -f $_ }
        $batches = [AwsWiki.Essentials.FleetCommandRunner]::Batch([string[]] $ids)
        $batches.Count | Should -Be 3
        $batches | ForEach-Object { $_.Count } | Should -Be @(50, 50, 20)
        @($batches | ForEach-Object { $_ }) | Should -Be $ids
    }

    It 'refuses to send a command to more than 50 instances' {
        $client = [AwsWikiTests.ScriptedFleetClient]::new()
        $runner = [AwsWiki.Essentials.FleetCommandRunner]::new($client, [AwsWiki.NullActivityReporter]::Instance, $fast)
        $ids = [string[]] (1..51 | ForEach-Object { 'i-{0:x8}' -f $_ })
        $request = [AwsWiki.Essentials.FleetCommandRequest]::new($ids, 'AWS-RunShellScript', [string[]] @('true'), 60, '1', '0', 'test')
        { $runner.SendAsync($request, [Threading.CancellationToken]::None).GetAwaiter().GetResult() } | Should -Throw '*1 to 50 instances*'
        $client.Calls | Should -BeNullOrEmpty
    }

    It 'keeps online Amazon Linux instances and names why each other one is skipped' {
        $client = [AwsWikiTests.ScriptedFleetClient]::new()
        $client.Managed.Add([AwsWiki.Essentials.ManagedInstance]::new('i-00000001', 'Online', 'Amazon Linux', '2023'))
        $client.Managed.Add([AwsWiki.Essentials.ManagedInstance]::new('i-00000003', 'ConnectionLost', 'Amazon Linux', '2'))
        $client.Managed.Add([AwsWiki.Essentials.ManagedInstance]::new('i-00000004', 'Online', 'Ubuntu', '22.04'))
        $client.Managed.Add([AwsWiki.Essentials.ManagedInstance]::new('i-00000005', 'Online', 'Amazon Linux', '2'))
        $runner = [AwsWiki.Essentials.FleetCommandRunner]::new($client, [AwsWiki.NullActivityReporter]::Instance, $fast)
        $ids = [string[]] @('i-00000005', 'i-00000001', 'i-00000002', 'i-00000003', 'i-00000004')
        $task = $runner.CheckInstancesAsync($ids, [Threading.CancellationToken]::None)
        $task.Wait([TimeSpan]::FromSeconds(60)) | Should -BeTrue
        $check = $task.Result
        $check.Ready | Should -Be @('i-00000005', 'i-00000001')
        $check.Skipped | ForEach-Object { "$($_.Target)=$($_.ErrorId)" } |
            Should -Be @('i-00000002=InstanceNotManaged', 'i-00000003=InstanceNotOnline', 'i-00000004=UnsupportedPlatform')
        $check.Skipped[1].Message | Should -Match 'ConnectionLost'
    }

    It 'waits through not-yet-created and InProgress, reads output from the list, and counts statuses in its progress' {
        $client = [AwsWikiTests.ScriptedFleetClient]::new()
        $client.Timeline['i-00000001'] = @('NotCreated', 'InProgress', 'Success')
        $client.Timeline['i-00000002'] = @('NotCreated', 'Pending', 'InProgress', 'InProgress', 'Failed')
        $reporter = [AwsWikiTests.RecordingReporter]::new()
        $outcomes = @(Invoke-Wait -Client $client -Reporter $reporter -InstanceIds 'i-00000001', 'i-00000002')
        $outcomes.Count | Should -Be 2
        ($outcomes | ForEach-Object { "$($_.Item2.InstanceId)=$($_.Item2.Status)" }) | Should -Be @('i-00000001=Success', 'i-00000002=Failed')
        # Finished in that order: the first outcome was handed over two polls before the second.
        $outcomes[0].Item2.StandardOutput | Should -Match '^inline'
        # Details come with the list: one call per poll, none per instance.
        @($client.Calls | Where-Object { $_ -like 'Get *' }).Count | Should -Be 0
        @($client.Calls | Where-Object { $_ -eq 'ListDetails' }).Count | Should -Be 5
        $reporter.Records | Should -Contain '0|0 of 2 done: Pending 2'
        $reporter.Records | Should -Contain '0|0 of 2 done: InProgress 1, Pending 1'
        $reporter.Records | Should -Contain '50|1 of 2 done: InProgress 1, Success 1'
        $reporter.Records[-1] | Should -Be '100|2 of 2 done: Failed 1, Success 1'
        $reporter.Completed | Should -Be 1
    }

    It 'reads an instance''s full output with GetCommandInvocation only when the inline output was cut' {
        $client = [AwsWikiTests.ScriptedFleetClient]::new()
        $client.MissingFirst = $false
        $client.TruncateInline = $true
        $client.Timeline['i-00000001'] = @('InProgress', 'Success')
        $client.Timeline['i-00000002'] = @('InProgress', 'InProgress', 'Success')
        $outcomes = @(Invoke-Wait -Client $client -Reporter ([AwsWikiTests.RecordingReporter]::new()) -InstanceIds 'i-00000001', 'i-00000002')
        @($client.Calls | Where-Object { $_ -like 'Get *' }) | Should -Be @('Get i-00000001', 'Get i-00000002')
        $outcomes.Item2.StandardOutput | ForEach-Object { $_ | Should -Match '^working' }
        $outcomes.Item2.Duration | ForEach-Object { $_ | Should -Be ([TimeSpan]::FromSeconds(42)) }
    }

    It 'follows a command sent to Targets by what SSM lists, and ends explicit ids SSM never created as NotSent' {
        $client = [AwsWikiTests.ScriptedFleetClient]::new()
        $client.Timeline['i-00000001'] = @('NotCreated', 'Pending', 'Success')
        $client.Timeline['i-00000002'] = @('NotCreated', 'InProgress', 'Failed')
        $runner = [AwsWiki.Essentials.FleetCommandRunner]::new($client, [AwsWiki.NullActivityReporter]::Instance, $fast)
        $byTargets = [AwsWiki.Essentials.SentCommand]::new('cmd-t', [string[]] @(), $true)
        $task = $runner.WaitAsync([AwsWiki.Essentials.SentCommand[]] @($byTargets), [TimeSpan]::FromMinutes(1), [Threading.CancellationToken]::None)
        $task.Wait([TimeSpan]::FromSeconds(60)) | Should -BeTrue
        ($task.Result | ForEach-Object { "$($_.Item2.InstanceId)=$($_.Item2.Status)" }) | Sort-Object | Should -Be @('i-00000001=Success', 'i-00000002=Failed')

        $client = [AwsWikiTests.ScriptedFleetClient]::new()
        $client.Timeline['i-00000001'] = @('InProgress', 'Failed')
        $client.CommandStatus = 'Failed'
        $outcomes = @(Invoke-Wait -Client $client -Reporter ([AwsWikiTests.RecordingReporter]::new()) -InstanceIds 'i-00000001', 'i-00000009')
        ($outcomes | ForEach-Object { "$($_.Item2.InstanceId)=$($_.Item2.Status)" }) | Should -Be @('i-00000001=Failed', 'i-00000009=NotSent')
    }

    It 'sends to Targets without instance ids, and refuses a request with both' {
        $client = [AwsWikiTests.ScriptedFleetClient]::new()
        $runner = [AwsWiki.Essentials.FleetCommandRunner]::new($client, [AwsWiki.NullActivityReporter]::Instance, $fast)
        $targets = [AwsWiki.Essentials.CommandTarget[]] @([AwsWiki.Essentials.CommandTarget]::new('tag:Role', [string[]] @('web')))
        $request = [AwsWiki.Essentials.FleetCommandRequest]::new([string[]] @(), 'AWS-RunShellScript', [string[]] @('true'), 60, '10%', '1', 'test', $targets, $null, $null, $null, $null)
        $sent = $runner.SendAsync($request, [Threading.CancellationToken]::None).GetAwaiter().GetResult()
        $sent.ByTargets | Should -BeTrue
        $sent.InstanceIds.Count | Should -Be 0
        $both = [AwsWiki.Essentials.FleetCommandRequest]::new([string[]] @('i-00000001'), 'AWS-RunShellScript', [string[]] @('true'), 60, '1', '0', 'test', $targets, $null, $null, $null, $null)
        { $runner.SendAsync($both, [Threading.CancellationToken]::None).GetAwaiter().GetResult() } | Should -Throw '*1 to 50 instances or SSM Targets*'
    }

    It 'gives up after the longest wait and reports what is still running as WaitTimedOut' {
        $client = [AwsWikiTests.ScriptedFleetClient]::new()
        $client.Timeline['i-00000001'] = @('InProgress')
        $client.Timeline['i-00000002'] = @('Success')
        $outcomes = @(Invoke-Wait -Client $client -Reporter ([AwsWikiTests.RecordingReporter]::new()) -InstanceIds 'i-00000001', 'i-00000002' -MaxWait ([TimeSpan]::FromMilliseconds(300)))
        $stuck = ($outcomes | Where-Object { $_.Item2.InstanceId -eq 'i-00000001' }).Item2
        $stuck.Status | Should -Be 'WaitTimedOut'
        $stuck.StatusDetails | Should -Be 'InProgress'
        ($outcomes | Where-Object { $_.Item2.InstanceId -eq 'i-00000002' }).Item2.Status | Should -Be 'Success'
    }
}

Describe 'AmazonLinuxEssentialsResult' {
    It 'takes platform and package lists from the summary line and the specific status from StatusDetails' {
        $out = (1..40 | ForEach-Object { "line $_" }) -join "`n"
        $out += "`nAWSWIKI_ESSENTIALS_SUMMARY platform=amzn2 result=failed installed=git,jq already_present=make failed=htop,docker-service`n"
        $detail = [AwsWiki.Essentials.InvocationDetail]::new('i-00000001', 'TimedOut', 'ExecutionTimedOut', 124, $out, "boom`n", [TimeSpan]::FromMinutes(30))
        $result = [AwsWiki.Essentials.AmazonLinuxEssentialsResult]::From('cmd-9', $detail)
        $result.Status | Should -Be 'ExecutionTimedOut'
        $result.ResponseCode | Should -Be 124
        $result.Platform | Should -Be 'amzn2'
        $result.Installed | Should -Be 'git,jq'
        $result.AlreadyPresent | Should -Be 'make'
        $result.FailedPackages | Should -Be 'htop,docker-service'
        @($result.StandardOutputTail -split "`n").Count | Should -Be 15
        $result.StandardOutputTail | Should -Match 'AWSWIKI_ESSENTIALS_SUMMARY[^\n]*$'
        $result.DescribeFailure() | Should -Be 'Essentials on i-00000001 ended ExecutionTimedOut, exit code 124; failed: htop,docker-service; last error line: boom (SSM command cmd-9).'
    }

    It 'leaves the script fields empty when the script never reported' {
        $detail = [AwsWiki.Essentials.InvocationDetail]::new('i-00000001', 'Failed', 'Undeliverable', -1, '', '', $null)
        $result = [AwsWiki.Essentials.AmazonLinuxEssentialsResult]::From('cmd-9', $detail)
        $result.Status | Should -Be 'Undeliverable'
        $result.ResponseCode | Should -BeNullOrEmpty
        $result.Platform | Should -Be ''
        $result.Installed | Should -Be ''
    }
}
