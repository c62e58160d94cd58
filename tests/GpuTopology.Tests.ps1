# Get-GpuTopology against real `nvidia-smi topo -m` outputs from public sources (tests/fixtures/gpu-topology,
# PROVENANCE.md says where each came from) and variants derived from them; -Local against a fake
# nvidia-smi on PATH; -InstanceId against moto and tests/stubs/ssm_proxy.py, which returns fixture text
# as the command output for some instances and fails others.
BeforeAll {
    Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force
    Import-AwsWikiUnderTest
    $script:fixtures = Join-Path $PSScriptRoot 'fixtures/gpu-topology'
    function Fixture([string] $Name) { Join-Path $fixtures $Name }
    function Get-Pair($Topology, [int] $A, [int] $B) { $Topology.Links | Where-Object { $_.GpuA -eq $A -and $_.GpuB -eq $B } }
}

Describe 'Get-GpuTopology on real outputs' {
    It 'reads the DGX-1 V100 hybrid cube-mesh (tabs, mlx5 columns, CPU Affinity only) and finds p3.16xlarge healthy' {
        $t = Get-GpuTopology -Path (Fixture dgx1-v100-hybrid-cube-mesh.txt) -InstanceType p3.16xlarge
        $t | Should -BeOfType ([AwsWiki.Gpu.Topology.GpuTopology])
        $t.GpuCount | Should -Be 8
        $t.NicCount | Should -Be 4
        $t.Nics | Should -Be 'mlx5_0,mlx5_2,mlx5_1,mlx5_3'
        $t.Links.Count | Should -Be 28
        $t.Shape | Should -Be 'HybridCubeMesh'
        $t.AllPairsNvLink | Should -BeFalse
        $t.MinNvLinks | Should -Be 0
        $t.MaxNvLinks | Should -Be 2
        (Get-Pair $t 0 3).NvLinkCount | Should -Be 2
        (Get-Pair $t 0 1).NvLinkCount | Should -Be 1
        (Get-Pair $t 0 5).Link | Should -Be 'SYS'
        (Get-Pair $t 0 5).NvLinkCount | Should -Be 0
        @($t.Links | Where-Object Link -eq 'NVLink').Count | Should -Be 16
        $t.Gpus[0].CpuAffinity | Should -Be '0-19,40-59'
        $t.Gpus[4].CpuAffinity | Should -Be '20-39,60-79'
        $t.Gpus[0].NumaAffinity | Should -BeNullOrEmpty
        $t.Gpus[2].NearestNic | Should -Be 'mlx5_1'
        $t.Gpus[2].NearestNicLink | Should -Be 'PIX'
        $t.Expected | Should -Match 'HybridCubeMesh, 8 GPUs'
        $t.Verdict | Should -Be 'Healthy'
        $t.Reasons | Should -Be ''
    }

    It 'recognises a second, independently published V100 cube-mesh (other GPU order, hand-altered whitespace) as the p3.16xlarge layout' {
        $t = Get-GpuTopology -Path (Fixture v100-8x-cube-mesh-other-numbering.txt) -InstanceType p3.16xlarge
        $t.GpuCount | Should -Be 8
        $t.Nics | Should -Be 'mlx5_0,mlx5_1'
        $t.Shape | Should -Be 'HybridCubeMesh'
        (Get-Pair $t 0 2).NvLinkCount | Should -Be 2
        (Get-Pair $t 0 7).NvLinkCount | Should -Be 2
        $t.Gpus[5].NumaAffinity | Should -Be '1'
        $t.Gpus[2].NearestNic | Should -Be 'mlx5_0'
        $t.Verdict | Should -Be 'Healthy'
        $t.Reasons | Should -Be 'the expected layout with the GPUs numbered in another order'
        @($t.Links | Where-Object { $_.NvLinkCount -ne $_.ExpectedNvLinkCount }).Count | Should -Be 0
    }

    It 'finds a real p4d.24xlarge (8 A100, NV12 every pair) healthy, and a real g6e.12xlarge (4 L40S, NODE) healthy' {
        $p4d = Get-GpuTopology -Path (Fixture aws-p4d.24xlarge-nv12.txt) -InstanceType p4d.24xlarge
        $p4d.Shape | Should -Be 'AllToAll'
        $p4d.AllPairsNvLink | Should -BeTrue
        $p4d.MinNvLinks | Should -Be 12
        $p4d.Links.Count | Should -Be 28
        $p4d.Gpus[4].CpuAffinity | Should -Be '24-47,72-95'
        $p4d.Gpus[4].NumaAffinity | Should -Be '1'
        $p4d.Verdict | Should -Be 'Healthy'
        $p4d.Reasons | Should -Be ''
        (Get-GpuTopology -Path (Fixture aws-p4d.24xlarge-nv12.txt) -InstanceType p5.48xlarge).Verdict | Should -Be 'Degraded'

        $g6e = Get-GpuTopology -Path (Fixture aws-g6e.12xlarge-node.txt) -InstanceType g6e.12xlarge
        $g6e.Shape | Should -Be 'PcieOnly'
        @($g6e.Links | Where-Object Link -eq 'NODE').Count | Should -Be 6
        $g6e.Expected | Should -Be 'PcieOnly, 4 GPUs'
        $g6e.Verdict | Should -Be 'Healthy'
    }

    It 'reads a single Tesla P4 with N/A NUMA columns' {
        $t = Get-GpuTopology -Path (Fixture single-tesla-p4.txt) -InstanceType g4dn.xlarge
        $t.GpuCount | Should -Be 1
        $t.NicCount | Should -Be 0
        $t.Links.Count | Should -Be 0
        $t.Shape | Should -Be 'SingleGpu'
        $t.MinNvLinks | Should -BeNullOrEmpty
        $t.Gpus[0].CpuAffinity | Should -Be '0-7'
        $t.Gpus[0].NumaAffinity | Should -BeNullOrEmpty
        $t.Gpus[0].GpuNumaId | Should -BeNullOrEmpty
        $t.Verdict | Should -Be 'Healthy'
    }

    It 'reads PCIe-only boxes: PHB between two GPUs, SYS everywhere with two NICs' {
        $two = Get-GpuTopology -Path (Fixture pcie-2x-rtx5090-phb.txt)
        $two.Shape | Should -Be 'PcieOnly'
        (Get-Pair $two 0 1).Link | Should -Be 'PHB'
        $two.Gpus[1].NumaAffinity | Should -Be '0'
        $two.Verdict | Should -Be 'Unknown'
        $two.Reasons | Should -Match '-InstanceType'

        $eight = Get-GpuTopology -Path (Fixture pcie-8x-rtx4090-sys-2nic.txt) -InstanceType g6e.48xlarge
        $eight.GpuCount | Should -Be 8
        $eight.Nics | Should -Be 'NIC0,NIC1'
        @($eight.Links | Where-Object Link -ne 'SYS').Count | Should -Be 0
        $eight.Gpus[6].NearestNic | Should -Be 'NIC0'
        $eight.Gpus[6].NearestNicLink | Should -Be 'PHB'
        $eight.Gpus[0].NearestNicLink | Should -Be 'SYS'
        $eight.Gpus[5].CpuAffinity | Should -Be '56-111,168-223'
        $eight.Verdict | Should -Be 'Healthy'
    }

    It 'reads an old output with SOC (two sockets, CPU Affinity only) as SYS' {
        $t = Get-GpuTopology -Path (Fixture old-soc-2x-p100.txt)
        $t.GpuCount | Should -Be 2
        $t.NicCount | Should -Be 0
        (Get-Pair $t 0 1).Link | Should -Be 'SYS'
        (Get-Pair $t 0 1).Cell | Should -Be 'SOC'
        $t.Shape | Should -Be 'PcieOnly'
        $t.Gpus.CpuAffinity | Should -Be @('0-5', '6-11')
    }

    It 'reads 4-GPU PCIe hosts with PIX/PHB and PHB/SYS, with and without a legend' {
        $dual = Get-GpuTopology -Path (Fixture pcie-4x-titanx-phb-sys.txt)
        (Get-Pair $dual 0 1).Link | Should -Be 'PHB'
        (Get-Pair $dual 1 2).Link | Should -Be 'SYS'
        (Get-Pair $dual 2 3).Link | Should -Be 'PHB'
        $dual.Gpus[3].CpuAffinity | Should -Be '4-7,12-15'
        $single = Get-GpuTopology -Path (Fixture pcie-4x-titanx-pix-phb.txt) -InstanceType g4dn.12xlarge
        ($single.Links | ForEach-Object Link) | Should -Be @('PIX', 'PHB', 'PHB', 'PHB', 'PHB', 'PIX')
        $single.Shape | Should -Be 'PcieOnly'
        $single.Expected | Should -Be 'PcieOnly, 4 GPUs'
        $single.Verdict | Should -Be 'Healthy'
    }

    It 'reads space-separated newest-driver output: 4 H100 with NV6, NIC0..3 and GPU NUMA ID' {
        $t = Get-GpuTopology -Path (Fixture h100-4x-nv6-4nic.txt)
        $t.Shape | Should -Be 'AllToAll'
        $t.AllPairsNvLink | Should -BeTrue
        $t.MinNvLinks | Should -Be 6
        $t.MaxNvLinks | Should -Be 6
        $t.Nics | Should -Be 'NIC0,NIC1,NIC2,NIC3'
        $t.Gpus[1].NearestNic | Should -Be 'NIC1'
        $t.Gpus[2].NumaAffinity | Should -Be '7'
        $t.Gpus[2].CpuAffinity | Should -Be '7,15,23,31'
        $t.Gpus[2].GpuNumaId | Should -BeNullOrEmpty
    }

    It 'applies a NIC Legend block to the NIC names (derived: the H100 output with a legend appended)' {
        $t = Get-GpuTopology -Path (Fixture derived-h100-4x-nic-legend.txt)
        $t.Nics | Should -Be 'mlx5_0,mlx5_3,mlx5_4,mlx5_5'
        $t.Gpus[1].NearestNic | Should -Be 'mlx5_3'
    }

    It 'finds GB200 (4 GPUs, NV18) healthy for p6e-gb200.36xlarge and names the reduced pair of a derived NV17 copy' {
        $good = Get-GpuTopology -Path (Fixture gb200-4x-nv18.txt) -InstanceType p6e-gb200.36xlarge
        $good.Verdict | Should -Be 'Healthy'
        $good.MinNvLinks | Should -Be 18
        $bad = Get-GpuTopology -Path (Fixture derived-gb200-gpu0-gpu2-nv17.txt) -InstanceType p6e-gb200.36xlarge
        $bad.Verdict | Should -Be 'Degraded'
        $bad.Reasons | Should -Be 'GPU0-GPU2: NV17, expected NV18'
        (Get-Pair $bad 0 2).NvLinkCount | Should -Be 17
        (Get-Pair $bad 0 2).ExpectedNvLinkCount | Should -Be 18
    }

    It 'reports a 2-GPU slice of an A100 node (NV12, ten NICs, NIC rows cut short) as Degraded for p4d.24xlarge' {
        $t = Get-GpuTopology -Path (Fixture a100-2x-nv12-10nic.txt) -InstanceType p4d.24xlarge
        $t.GpuCount | Should -Be 2
        $t.NicCount | Should -Be 10
        (Get-Pair $t 0 1).NvLinkCount | Should -Be 12
        $t.Gpus[0].NearestNic | Should -Be 'NIC0'
        $t.Gpus[0].NearestNicLink | Should -Be 'PXB'
        $t.Verdict | Should -Be 'Degraded'
        $t.Reasons | Should -Be '2 GPU(s) visible, 8 expected'
    }

    It 'gives NoNvLink for a DGX A100 whose matrix shows no NVLink at all, checked as p4d.24xlarge' {
        $t = Get-GpuTopology -Path (Fixture dgx-a100-no-nvlink-12nic.txt) -InstanceType p4d.24xlarge
        $t.NicCount | Should -Be 12
        $t.Gpus[7].NumaAffinity | Should -Be '6-7'
        $t.Shape | Should -Be 'PcieOnly'
        $t.Verdict | Should -Be 'NoNvLink'
        $t.Reasons | Should -Match '^no GPU pair has NVLink; AllToAll, 8 GPUs, NV12 every pair expected$'
    }
}

Describe 'Get-GpuTopology on degraded and broken variants' {
    It 'names the pair whose NV2 dropped to NV1' {
        $t = Get-GpuTopology -Path (Fixture derived-dgx1-gpu0-gpu3-nv1.txt) -InstanceType p3.16xlarge
        $t.Verdict | Should -Be 'Degraded'
        $t.Reasons | Should -Be 'GPU0-GPU3: NV1, expected NV2'
    }

    It 'names the pair that fell back to SYS' {
        $t = Get-GpuTopology -Path (Fixture derived-dgx1-gpu4-gpu5-sys.txt) -InstanceType p3dn.24xlarge
        $t.Verdict | Should -Be 'Degraded'
        $t.Shape | Should -Be 'Partial'
        $t.Reasons | Should -Be 'GPU4-GPU5: SYS, expected NV1'
    }

    It 'accepts the cube-mesh with the GPUs numbered in another order, and still names a reduced pair in it' {
        # Renumber the DGX-1 output: GPU i of the new text is GPU order[i] of the original.
        $order = 3, 6, 0, 5, 1, 7, 2, 4
        $lines = Get-Content (Fixture dgx1-v100-hybrid-cube-mesh.txt)
        $rows = foreach ($i in 0..7) { , ($lines[1 + $i] -split "`t") }
        $text = @($lines[0]) + @(foreach ($i in 0..7) {
            $row = $rows[$order[$i]]
            $cells = foreach ($j in 0..7) { $row[1 + $order[$j]] }
            (@("GPU$i") + $cells + $row[9..13]) -join "`t"
        }) -join "`n"
        $t = $text | Get-GpuTopology -InstanceType p3.16xlarge
        $t.Verdict | Should -Be 'Healthy'
        $t.Reasons | Should -Be 'the expected layout with the GPUs numbered in another order'
        @($t.Links | Where-Object { $_.NvLinkCount -ne $_.ExpectedNvLinkCount }).Count | Should -Be 0

        # GPU2 and GPU0 of the new text are GPU0 and GPU3 of the original: NV2 there, reduced to NV1.
        $degraded = $text -replace "(?m)^(GPU0\t X \t[^\t]+\t)NV2", '$1NV1' -replace "(?m)^(GPU2\t)NV2", '$1NV1'
        $d = $degraded | Get-GpuTopology -InstanceType p3.16xlarge
        $d.Verdict | Should -Be 'Degraded'
        $d.Reasons | Should -Be 'GPU0-GPU2: NV1, expected NV2; pairs compared with the expected layout under the closest GPU numbering'
    }

    It 'reads the old SOC legend as SYS' {
        $t = Get-GpuTopology -Path (Fixture derived-dgx1-soc-legend.txt) -InstanceType p3.16xlarge
        $t.Verdict | Should -Be 'Healthy'
        (Get-Pair $t 0 5).Link | Should -Be 'SYS'
        (Get-Pair $t 0 5).Cell | Should -Be 'SOC'
    }

    It 'quotes the offending line of a truncated matrix and writes nothing' {
        $out = Get-GpuTopology -Path (Fixture derived-dgx1-truncated.txt) -ErrorVariable failures -ErrorAction SilentlyContinue
        $out | Should -BeNullOrEmpty
        $failures.Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -Match '^GpuTopologyUnparseable,'
        $failures[0].CategoryInfo.Category | Should -Be 'InvalidData'
        $failures[0].TargetObject | Should -Match 'derived-dgx1-truncated.txt$'
        $failures[0].Exception.Message | Should -Match "'GPU5 SYS NV2 SYS'"
    }

    It 'refuses text that is not a topo matrix, an unknown cell and an asymmetric matrix, quoting the line' {
        $dgx1 = Get-Content (Fixture dgx1-v100-hybrid-cube-mesh.txt) -Raw
        $cases = @(
            @{ Text = "nvidia-smi: command not found`n"; Pattern = "First line: 'nvidia-smi: command not found'" }
            @{ Text = $dgx1.Replace("GPU1`tNV1`t X `tNV2", "GPU1`tNV1`t X `tNV9X"); Pattern = "Unknown connection 'NV9X'.*'GPU1 NV1 X NV9X" }
            @{ Text = $dgx1.Replace("GPU1`tNV1`t X ", "GPU1`tNV2`t X "); Pattern = 'not symmetric: GPU0-GPU1 is NV1 but GPU1-GPU0 is NV2' }
        )
        foreach ($case in $cases) {
            $out = $case.Text | Get-GpuTopology -ErrorVariable failures -ErrorAction SilentlyContinue
            $out | Should -BeNullOrEmpty
            $failures[0].FullyQualifiedErrorId | Should -Match '^GpuTopologyUnparseable,'
            $failures[0].Exception.Message | Should -Match $case.Pattern
        }
    }
}

Describe 'Get-GpuTopology input and output' {
    It 'gives the same result from -Path, whole text and line-by-line pipeline input' {
        $path = Fixture dgx1-v100-hybrid-cube-mesh.txt
        $fromPath = Get-GpuTopology -Path $path
        $raw = Get-Content $path -Raw | Get-GpuTopology
        $lines = Get-Content $path | Get-GpuTopology
        $raw.Source | Should -Be 'pipeline'
        foreach ($other in $raw, $lines) {
            ($other.Links | ConvertTo-Csv -NoTypeInformation | Select-Object -Skip 1) -replace '^"[^"]*",' |
                Should -Be (($fromPath.Links | ConvertTo-Csv -NoTypeInformation | Select-Object -Skip 1) -replace '^"[^"]*",')
        }
    }

    It 'parses each whole text of the pipeline on its own, and files from Get-ChildItem by FullName' {
        $two = Get-Content (Fixture gb200-4x-nv18.txt), (Fixture single-tesla-p4.txt) -Raw | Get-GpuTopology
        $two.GpuCount | Should -Be @(4, 1)
        $files = Get-ChildItem $fixtures -Filter 'pcie-*.txt' | Get-GpuTopology
        $files.Count | Should -Be @(Get-ChildItem $fixtures -Filter 'pcie-*.txt').Count
        $files.Count | Should -Be 4
        $files.Source | ForEach-Object { $_ | Should -Exist }
    }

    It 'refuses two outputs joined line by line instead of reading only the first' {
        $out = Get-Content (Fixture gb200-4x-nv18.txt), (Fixture single-tesla-p4.txt) | Get-GpuTopology -ErrorVariable failures -ErrorAction SilentlyContinue
        $out | Should -BeNullOrEmpty
        $failures[0].FullyQualifiedErrorId | Should -Match '^GpuTopologyUnparseable,'
        $failures[0].Exception.Message | Should -Match "A second topo matrix starts at 'GPU0 CPU Affinity NUMA Affinity GPU NUMA ID'"
    }

    It 'writes PathNotFound for a missing file and goes on' {
        $out = Get-GpuTopology -Path (Fixture no-such.txt), (Fixture gb200-4x-nv18.txt) -ErrorVariable failures -ErrorAction SilentlyContinue
        $out.GpuCount | Should -Be 4
        $failures[0].FullyQualifiedErrorId | Should -Match '^PathNotFound,'
    }

    It 'counts active and inactive links from nvlink -s after the matrix' {
        $status = (0..7 | ForEach-Object {
            "GPU ${_}: Tesla V100-SXM2-32GB (UUID: GPU-0000000$_)"
            0..5 | ForEach-Object -Begin { $gpu = $_ } -Process {
                if ($gpu -eq 3 -and $_ -eq 5) { "`t Link ${_}: <inactive>" } else { "`t Link ${_}: 25.781 GB/s" }
            }
        }) -join "`n"
        $text = (Get-Content (Fixture dgx1-v100-hybrid-cube-mesh.txt) -Raw) + "`n" + $status + "`n"
        $t = $text | Get-GpuTopology -InstanceType p3.16xlarge
        $t.HasNvLinkStatus | Should -BeTrue
        $t.Gpus[0].ActiveNvLinks | Should -Be 6
        $t.Gpus[0].NvLinkSpeed | Should -Be '25.781 GB/s'
        $t.Gpus[3].ActiveNvLinks | Should -Be 5
        $t.Gpus[3].InactiveNvLinks | Should -Be 1
        $t.Verdict | Should -Be 'Degraded'
        $t.Reasons | Should -Be 'GPU3: 1 NVLink(s) inactive (nvlink -s)'
    }

    It 'exports the pairs as scalar CSV columns and fits the default table in 80 columns' {
        $t = Get-GpuTopology -Path (Fixture dgx1-v100-hybrid-cube-mesh.txt), (Fixture derived-dgx1-gpu0-gpu3-nv1.txt) -InstanceType p3.16xlarge
        $csv = $t | Select-Object -ExpandProperty Links | ConvertTo-Csv -NoTypeInformation
        $csv.Count | Should -Be 57
        $csv[0] | Should -Be '"Source","GpuA","GpuB","Link","NvLinkCount","ExpectedNvLinkCount","Cell"'
        $csv | Should -Not -Match 'System\.'
        $top = $t | Select-Object -Property * -ExcludeProperty Links, Gpus | ConvertTo-Csv -NoTypeInformation
        $top | Should -Not -Match 'System\.'
        # At 80 columns every column of each default view is still shown (none dropped for lack of room).
        $views = @(
            @{ Objects = $t; Labels = 'Source', 'InstanceType', 'GPUs', 'Shape', 'NV', 'Verdict', 'Reasons' }
            @{ Objects = $t.Links; Labels = 'Source', 'GpuA', 'GpuB', 'Link', 'NvLinks', 'Expected', 'Cell' }
            @{ Objects = $t.Gpus; Labels = 'Index', 'CpuAffinity', 'Numa', 'GpuNuma', 'NearestNic', 'NicLink', 'Active', 'Inactive' }
        )
        foreach ($view in $views) {
            $lines = ($view.Objects | Format-Table | Out-String -Width 80) -split "`n" | Where-Object { $_.Trim() }
            $header = $lines[0]
            foreach ($label in $view.Labels) { $header | Should -Match "\b$label\b" }
            foreach ($line in $lines) { $line.TrimEnd().Length | Should -BeLessOrEqual 80 }
        }
        ($t | Format-Table | Out-String -Width 80) | Should -Match 'derived-dgx1-gpu0-… p3.16xlarge       8 HybridCubeMesh 0-2   Degraded GPU0-GPU3…'
    }
}

Describe 'Get-GpuTopology -Local' {
    BeforeAll {
        $script:fakeBin = Join-Path $TestDrive 'bin'
        New-Item -ItemType Directory $fakeBin | Out-Null
        $script:savedPath = $env:PATH
        function Set-FakeNvidiaSmi([string] $Topo, [int] $TopoExit = 0, [int] $LinkExit = 0) {
            $script = @"
#!/bin/sh
case "`$1" in
  topo) /bin/cat '$Topo'; exit $TopoExit ;;
  nvlink) if [ $LinkExit -ne 0 ]; then echo 'NVLink not supported' >&2; exit $LinkExit; fi
          printf 'GPU 0: NVIDIA GB200 (UUID: GPU-0)\n\t Link 0: 50 GB/s\n\t Link 1: <inactive>\n' ;;
esac
"@
            $file = Join-Path $fakeBin 'nvidia-smi'
            Set-Content -Path $file -Value $script -NoNewline
            chmod +x $file
        }
    }
    AfterEach { $env:PATH = $savedPath }

    It 'runs nvidia-smi topo -m and nvlink -s from PATH' {
        Set-FakeNvidiaSmi -Topo (Fixture gb200-4x-nv18.txt)
        $env:PATH = "$fakeBin$([IO.Path]::PathSeparator)$savedPath"
        $t = Get-GpuTopology -Local -InstanceType p6e-gb200.36xlarge
        $t.Source | Should -Be 'local'
        $t.GpuCount | Should -Be 4
        $t.HasNvLinkStatus | Should -BeTrue
        $t.Gpus[0].InactiveNvLinks | Should -Be 1
        $t.Verdict | Should -Be 'Degraded'
        $t.Reasons | Should -Be 'GPU0: 1 NVLink(s) inactive (nvlink -s)'
    }

    It 'leaves the link status out when nvlink -s fails' {
        Set-FakeNvidiaSmi -Topo (Fixture gb200-4x-nv18.txt) -LinkExit 6
        $env:PATH = "$fakeBin$([IO.Path]::PathSeparator)$savedPath"
        $t = Get-GpuTopology -Local -InstanceType p6e-gb200.36xlarge
        $t.HasNvLinkStatus | Should -BeFalse
        $t.Verdict | Should -Be 'Healthy'
    }

    It 'says clearly when nvidia-smi is missing or fails' {
        $env:PATH = (Join-Path $TestDrive 'empty')
        $out = Get-GpuTopology -Local -ErrorVariable failures -ErrorAction SilentlyContinue
        $out | Should -BeNullOrEmpty
        $failures[0].FullyQualifiedErrorId | Should -Match '^NvidiaSmiNotFound,'
        $failures[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $failures[0].Exception.Message | Should -Match 'not on the PATH'

        $env:PATH = $savedPath
        Set-FakeNvidiaSmi -Topo (Fixture gb200-4x-nv18.txt) -TopoExit 9
        $env:PATH = "$fakeBin$([IO.Path]::PathSeparator)$savedPath"
        $null = Get-GpuTopology -Local -ErrorVariable failures -ErrorAction SilentlyContinue
        $failures[0].FullyQualifiedErrorId | Should -Match '^NvidiaSmiFailed,'
        $failures[0].Exception.Message | Should -Match 'exited with code 9'
    }
}

Describe 'Get-GpuTopology -InstanceId through SSM Run Command' {
    BeforeAll {
        Reset-Moto
        $script:proxy = Start-TestStub -Name ssm_proxy -ArgumentList (Get-MotoUrl)
        $env:AWS_ENDPOINT_URL_SSM = $proxy.Url
        function New-TestInstance([string] $Type, [hashtable] $Tags = @{}) {
            $arguments = @('ec2', 'run-instances', '--image-id', 'ami-12c6146b', '--instance-type', $Type, '--count', '1')
            $tagText = ($Tags.GetEnumerator() | ForEach-Object { "{Key=$($_.Key),Value=$($_.Value)}" }) -join ','
            if ($tagText) { $arguments += @('--tag-specifications', "ResourceType=instance,Tags=[$tagText]") }
            (Invoke-AwsCli @arguments).Instances[0].InstanceId
        }
        $script:healthy = New-TestInstance p4d.24xlarge
        $script:nvlinkless = New-TestInstance p4d.24xlarge
        $script:single = New-TestInstance g5.xlarge
        $script:missing = New-TestInstance p5.48xlarge
        $script:garbled = New-TestInstance p5.48xlarge
        $script:unmanaged = New-TestInstance p4d.24xlarge @{ 'AwsWikiTest:Ssm' = 'unmanaged' }
        $script:slice = New-TestInstance p4d.24xlarge
        $output = @{
            $healthy    = @{ stdout = (Get-Content (Fixture aws-p4d.24xlarge-nv12.txt) -Raw) }
            $nvlinkless = @{ stdout = (Get-Content (Fixture dgx-a100-no-nvlink-12nic.txt) -Raw) }
            $single     = @{ stdout = (Get-Content (Fixture single-tesla-p4.txt) -Raw) }
            $missing    = @{ status = 'Failed'; code = 127; stderr = "nvidia-smi not found on this instance`n" }
            $garbled    = @{ stdout = "NVIDIA-SMI has failed because it couldn't communicate with the NVIDIA driver.`n" }
            $slice      = @{ stdout = (Get-Content (Fixture a100-2x-nv12-10nic.txt) -Raw) }
        }
        $script:config = @{ hold_polls = 1; instance_output = $output } | ConvertTo-Json -Depth 5
        Invoke-RestMethod -Method Post "$($proxy.Url)/_proxy/config" -Body $config -ContentType 'application/json' | Out-Null

        $ids = $healthy, $nvlinkless, $single, $missing, $garbled, $unmanaged
        $script:results = @(Get-GpuTopology -InstanceId $ids -ErrorVariable fleetErrors -ErrorAction SilentlyContinue)
        $script:fleetErrors = $fleetErrors
        $script:log = Invoke-RestMethod "$($proxy.Url)/_proxy/requests"
    }
    AfterAll {
        Remove-Item Env:AWS_ENDPOINT_URL_SSM -ErrorAction SilentlyContinue
        Stop-TestStub $proxy
    }

    It 'returns one topology per instance that answered, judged against its EC2 instance type' {
        $results.Source | Should -Be @($healthy, $nvlinkless, $single)
        $results[0].InstanceType | Should -Be 'p4d.24xlarge'
        $results[0].Verdict | Should -Be 'Healthy'
        $results[0].MinNvLinks | Should -Be 12
        $results[1].InstanceType | Should -Be 'p4d.24xlarge'
        $results[1].Verdict | Should -Be 'NoNvLink'
        $results[2].InstanceType | Should -Be 'g5.xlarge'
        $results[2].Shape | Should -Be 'SingleGpu'
        $results[2].Verdict | Should -Be 'Healthy'
    }

    It 'writes one specific error per instance that did not' {
        $byTarget = @{}
        foreach ($e in $fleetErrors) { $byTarget[[string]$e.TargetObject] = $e }
        $byTarget.Count | Should -Be 3
        $byTarget[$missing].FullyQualifiedErrorId | Should -Match '^NvidiaSmiNotFound,'
        $byTarget[$missing].Exception.Message | Should -Match 'exit code 127: nvidia-smi not found'
        $byTarget[$garbled].FullyQualifiedErrorId | Should -Match '^GpuTopologyUnparseable,'
        $byTarget[$garbled].Exception.Message | Should -Match "NVIDIA-SMI has failed"
        $byTarget[$unmanaged].FullyQualifiedErrorId | Should -Match '^InstanceNotManaged,'
    }

    It 'sends AWS-RunShellScript with nvidia-smi to the managed instances only, visible to the AWS CLI' {
        $sent = @($log.requests | Where-Object Operation -eq 'SendCommand')
        $sent.Count | Should -Be 1
        $sent[0].Body.DocumentName | Should -Be 'AWS-RunShellScript'
        $sent[0].Body.InstanceIds | Should -Be @($healthy, $nvlinkless, $single, $missing, $garbled)
        ($sent[0].Body.Parameters.commands -join "`n") | Should -Match 'nvidia-smi topo -m'
        ($sent[0].Body.Parameters.commands -join "`n") | Should -Match 'nvidia-smi nvlink -s'
        $listed = Invoke-AwsCli ssm list-commands --command-id $sent[0].CommandId
        $listed.Commands[0].DocumentName | Should -Be 'AWS-RunShellScript'
    }

    It 'binds InstanceId and Region by property name and lets -InstanceType override EC2' {
        $t = [pscustomobject]@{ InstanceId = $slice; Region = 'us-east-1' } | Get-GpuTopology
        $t.InstanceType | Should -Be 'p4d.24xlarge'
        $t.Verdict | Should -Be 'Degraded'
        $t.Reasons | Should -Be '2 GPU(s) visible, 8 expected'
        $override = Get-GpuTopology -InstanceId $slice -InstanceType p5.48xlarge
        $override.InstanceType | Should -Be 'p5.48xlarge'
        $override.Reasons | Should -Match 'GPU0-GPU1: NV12, expected NV18'
    }

    It 'stops before sending anything when an instance id is malformed' {
        Invoke-RestMethod -Method Post "$($proxy.Url)/_proxy/reset" | Out-Null
        { Get-GpuTopology -InstanceId $single, 'web-1' -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidInstanceId,*'
        @((Invoke-RestMethod "$($proxy.Url)/_proxy/requests").requests | Where-Object Operation -eq 'SendCommand').Count | Should -Be 0
    }
}
