"""Loopback SSM stand-in in front of moto for Install-/Register-AmazonLinuxEssentials.

moto keeps documents (CreateDocument, UpdateDocument, DescribeDocument, ...), EC2 and S3; they are
forwarded. This proxy answers what moto lacks or cannot pace, from moto's state plus a stand-in-side
fleet, per account (from the caller's access key, asked of moto's STS once) and region:

  * Managed instances: moto's running EC2 instances (Online, Amazon Linux 2023) plus the fleet made
    with POST /_proxy/fleet. Tags steer them: AwsWikiTest:Ssm=unmanaged (not managed),
    AwsWikiTest:Ssm=offline (ConnectionLost; invocations end TimedOut/DeliveryTimedOut),
    AwsWikiTest:Platform=<name>, AwsWikiTest:Result=Failed|Undeliverable (how invocations end).
  * DescribeInstanceInformation: Filters InstanceIds (at most 50), tag:Key, tag-key, PingStatus;
    MaxResults at most 50, paged.
  * SendCommand: forwarded to moto (without Targets, so moto keeps a record and the command id),
    then simulated here. InstanceIds or Targets (tag:Key, tag-key, resource-groups:Name,
    InstanceIds; entries ANDed, values ORed). Fleet-wide pacing as SSM documents it: at most
    MaxConcurrency invocations InProgress at once (a count, or a percentage of the targets rounded
    up, at least 1); once the failures (Failed or ExecutionTimedOut) exceed MaxErrors no further
    invocation starts and the pending ones end Cancelled, the command Failed.
  * Time is poll rounds, not seconds: the first page of a ListCommandInvocations call is one round.
    With missing_first the first round lists nothing (SSM has not resolved the targets yet); each
    later round runs steps_per_round steps; a step first finishes invocations that have been
    InProgress for hold_polls steps, then starts pending ones up to MaxConcurrency.
  * ListCommandInvocations: MaxResults at most 50, paged; Details=true adds CommandPlugins with the
    Output as SSM joins it (stdout, "----------ERROR-------", stderr; cut at inline_limit) and, for
    a command with OutputS3BucketName, the S3 bucket, key prefix and URLs. On finishing, such an
    invocation's stdout/stderr are PUT into moto's S3 at <prefix>/<commandId>/<instanceId>/
    awsrunShellScript/<step>/stdout|stderr, as the agent does.
  * ListCommands (one command id): Status, TargetCount, CompletedCount, ErrorCount from the
    simulation. GetCommandInvocation: InvocationDoesNotExist before the invocation exists and on the
    first call for one not yet finished (missing_first), else the simulated status and output
    (24,000 characters).
  * State Manager: CreateAssociation, UpdateAssociation, DescribeAssociation, ListAssociations,
    DeleteAssociation, DescribeAssociationExecutions, DescribeAssociationExecutionTargets. The
    document (and version) must exist in moto. Creating or updating runs an execution on every
    matching managed instance (unless ApplyOnlyAtCronInterval); every association call first
    applies the association to matching instances that no execution covered yet (new instances),
    as one new execution. Targets end Success, or Failed for AwsWikiTest:Result=Failed.

Per-instance output (Get-GpuTopology): the setting "instance_output", {instance id: {"stdout", "stderr",
"status" (default Success), "code" (exit code)}}, replaces the output and final status of those
instances' invocations; set it with POST /_proxy/config.

Control (plain HTTP on the same port): GET /_proxy/requests (recorded SendCommand and
DescribeInstanceInformation requests, call counts, poll rounds per command), GET /_proxy/commands
(per command: status counts), POST /_proxy/config (JSON merged into the settings), POST
/_proxy/fleet ({"count", "tags", "groups", "region", "account"}; returns the ids), POST
/_proxy/reset (requests, counts, commands, settings; the fleet and associations stay), POST
/_proxy/reset-all. Usage: python3 ssm_proxy.py MOTO_URL. Prints the port on its first line; exits
when idle for IDLE_SECONDS or after MAX_LIFETIME_SECONDS.
"""
import json
import math
import re
import sys
import threading
import time
import urllib.error
import urllib.request
import uuid
import xml.etree.ElementTree as ET
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

IDLE_SECONDS = 600
MAX_LIFETIME_SECONDS = 3600
DEFAULT_ACCOUNT = "123456789012"
ERROR_SEPARATOR = "\n----------ERROR-------\n"

SUCCESS_STDOUT = (
    "awswiki-essentials on amzn2023\n"
    "Installing with dnf: git tmux htop jq tree wget unzip gcc make python3-pip\n"
    "AWSWIKI_ESSENTIALS_SUMMARY platform=amzn2023 result=ok installed=git,tmux,htop,jq,tree,wget,unzip,gcc,make,python3-pip,docker "
    "already_present=python3 failed=\n"
)
FAILURE_STDOUT = (
    "awswiki-essentials on amzn2023\n"
    "AWSWIKI_ESSENTIALS_SUMMARY platform=amzn2023 result=failed installed=git,tmux already_present=python3 failed=jq\n"
)
FAILURE_STDERR = "Error: Unable to find a match: jq\nERROR: could not install jq\nERROR: failed: jq\n"

DEFAULT_SETTINGS = {
    "hold_polls": 2,
    "missing_first": True,
    "steps_per_round": 1,
    "inline_limit": 2500,
    "success_stdout": SUCCESS_STDOUT,
    "failure_stdout": FAILURE_STDOUT,
    "failure_stderr": FAILURE_STDERR,
}

TERMINAL = ("Success", "Failed", "TimedOut", "Cancelled")


class State:
    def __init__(self):
        self.lock = threading.RLock()
        self.fleet = {}          # (account, region) -> {instance_id: {"tags": {}, "groups": []}}
        self.associations = {}   # association id -> dict
        self.accounts = {}       # access key -> account id
        self.reset()

    def reset(self):
        self.settings = dict(DEFAULT_SETTINGS)
        self.requests = []
        self.counts = {}
        self.commands = {}       # command id -> Simulation
        self.get_calls = {}


STATE = State()
MOTO_URL = ""
LAST_ACTIVITY = [time.monotonic()]


def access_key_of(headers):
    match = re.search(r"Credential=([^/]+)/", headers.get("Authorization", ""))
    return match.group(1) if match else "testing"


def region_of(headers):
    match = re.search(r"Credential=[^/]+/\d+/([^/]+)/", headers.get("Authorization", ""))
    return match.group(1) if match else "us-east-1"


def moto_call(access_key, region, service, body, path="/", method="POST", data=None, content_type="application/x-www-form-urlencoded"):
    request = urllib.request.Request(MOTO_URL + path, data=data if data is not None else body.encode(), method=method, headers={
        "Content-Type": content_type,
        "Authorization": f"AWS4-HMAC-SHA256 Credential={access_key}/20260101/{region}/{service}/aws4_request, SignedHeaders=host, Signature=0",
    })
    with urllib.request.urlopen(request, timeout=30) as response:
        return response.read()


def account_of(headers):
    """The caller's account as moto sees it (AssumeRole keys map to the role's account)."""
    key = access_key_of(headers)
    with STATE.lock:
        if key in STATE.accounts:
            return STATE.accounts[key]
    try:
        root = ET.fromstring(moto_call(key, "us-east-1", "sts", "Action=GetCallerIdentity&Version=2011-06-15"))
        account = next((e.text for e in root.iter() if e.tag.endswith("Account")), DEFAULT_ACCOUNT)
    except (urllib.error.URLError, ET.ParseError):
        account = DEFAULT_ACCOUNT
    with STATE.lock:
        STATE.accounts[key] = account
    return account


def ec2_instances(headers):
    """moto's EC2 instances for the caller's account and region: {id: {"state": name, "tags": {}}}."""
    root = ET.fromstring(moto_call(access_key_of(headers), region_of(headers), "ec2", "Action=DescribeInstances&Version=2016-11-15"))
    found = {}
    for element in root.iter():
        if element.tag.endswith("instancesSet"):
            for item in element:
                instance_id = state = None
                tags = {}
                for child in item:
                    name = child.tag.split("}")[-1]
                    if name == "instanceId":
                        instance_id = child.text
                    elif name == "instanceState":
                        state = next((c.text for c in child if c.tag.endswith("name")), None)
                    elif name == "tagSet":
                        for tag in child:
                            key = next((c.text for c in tag if c.tag.endswith("key")), None)
                            value = next((c.text for c in tag if c.tag.endswith("value")), "")
                            tags[key] = value or ""
                if instance_id:
                    found[instance_id] = {"state": state, "tags": tags, "groups": []}
    return found


def managed_instances(headers):
    """Every instance SSM manages for the caller: {id: info}, moto's first, then the fleet, in id order."""
    instances = {i: v for i, v in ec2_instances(headers).items()
                 if v["state"] == "running" and v["tags"].get("AwsWikiTest:Ssm") != "unmanaged"}
    with STATE.lock:
        fleet = STATE.fleet.get((account_of(headers), region_of(headers)), {})
        instances.update(fleet)
    return dict(sorted(instances.items()))


def matches(instance_id, info, targets):
    for target in targets:
        key, values = target.get("Key", ""), target.get("Values") or []
        if key.startswith("tag:"):
            if info["tags"].get(key[4:]) not in values:
                return False
        elif key == "tag-key":
            if not any(v in info["tags"] for v in values):
                return False
        elif key == "resource-groups:Name":
            if not any(v in info.get("groups", []) for v in values):
                return False
        elif key in ("InstanceIds", "InstanceId"):
            if instance_id not in values:
                return False
        else:
            return False
    return True


def ping_of(info):
    return "ConnectionLost" if info["tags"].get("AwsWikiTest:Ssm") == "offline" else "Online"


def outcome_of(info, instance_id=None):
    """How an invocation on this instance ends: (Status, StatusDetails)."""
    override = STATE.settings.get("instance_output", {}).get(instance_id)
    if override:
        return override.get("status", "Success"), override.get("status", "Success")
    if ping_of(info) != "Online":
        return "TimedOut", "DeliveryTimedOut"
    result = info["tags"].get("AwsWikiTest:Result")
    if result == "Failed":
        return "Failed", "Failed"
    if result == "Undeliverable":
        return "Failed", "Undeliverable"
    return "Success", "Success"


def output_for(instance_id, info, details, settings):
    """(stdout, stderr, response code) of a finished invocation; the one place output is chosen."""
    override = settings.get("instance_output", {}).get(instance_id)
    if override:
        status = override.get("status", "Success")
        return override.get("stdout", ""), override.get("stderr", ""), override.get("code", 0 if status == "Success" else 1)
    if details == "Failed":
        return settings["failure_stdout"], settings["failure_stderr"], 1
    if details in ("Undeliverable", "DeliveryTimedOut", "Cancelled"):
        return "", "", -1
    return settings["success_stdout"], "", 0


def resolve_rate(value, count, minimum):
    value = str(value or "")
    if value.endswith("%"):
        return max(minimum, math.ceil(int(value[:-1]) * count / 100))
    return int(value) if value else (count if minimum else 0)


def iso(ts):
    return time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(ts)) + ".000Z"


class Simulation:
    """One command's invocations, paced fleet-wide by MaxConcurrency and MaxErrors."""

    def __init__(self, command_id, body, instances, headers, account):
        self.command_id = command_id
        self.body = body
        self.account = account
        self.access_key = access_key_of(headers)
        self.region = region_of(headers)
        self.order = list(instances.keys())
        self.info = instances
        self.status = {i: ("Pending", "Pending") for i in self.order}
        self.started = {}
        self.times = {}
        self.rounds = 0
        self.tick = 0
        self.errors = 0
        self.max_concurrency = resolve_rate(body.get("MaxConcurrency") or "50", len(self.order), 1)
        self.max_errors = resolve_rate(body.get("MaxErrors") or "0", len(self.order), 0)
        self.requested = time.time()
        document = body.get("DocumentName", "")
        self.step = "aws:runShellScript" if document == "AWS-RunShellScript" else "installEssentials"
        self.s3_written = set()
        self.peak_running = 0

    @property
    def resolved(self):
        return self.rounds > (1 if STATE.settings["missing_first"] else 0)

    def advance(self):
        self.rounds += 1
        if not self.resolved:
            return
        for _ in range(max(1, int(STATE.settings["steps_per_round"]))):
            self.tick += 1
            running = [i for i in self.order if self.status[i][0] == "InProgress"]
            for i in running:
                if self.tick - self.started[i] >= STATE.settings["hold_polls"]:
                    status, details = outcome_of(self.info[i], i)
                    self.status[i] = (status, details)
                    # An invocation that never reached the agent has no start time.
                    never_ran = details in ("Undeliverable", "DeliveryTimedOut")
                    self.times[i] = (None if never_ran else self.times[i][0], time.time())
                    if details in ("Failed", "ExecutionTimedOut"):
                        self.errors += 1
            running = [i for i in self.order if self.status[i][0] == "InProgress"]
            pending = [i for i in self.order if self.status[i][0] == "Pending"]
            if self.errors > self.max_errors:
                for i in pending:
                    self.status[i] = ("Cancelled", "Cancelled")
                    self.times[i] = (None, time.time())
                continue
            for i in pending[:max(0, self.max_concurrency - len(running))]:
                self.status[i] = ("InProgress", "InProgress")
                self.started[i] = self.tick
                self.times[i] = (time.time(), None)
            self.peak_running = max(self.peak_running, sum(1 for s, _ in self.status.values() if s == "InProgress"))

    def command_status(self):
        if not self.resolved:
            return "Pending"
        statuses = [s for s, _ in self.status.values()]
        if any(s not in TERMINAL for s in statuses):
            return "InProgress"
        if self.errors > self.max_errors:
            return "Failed"
        return "Success" if all(s == "Success" for s in statuses) else "Failed"

    def s3_prefix(self, instance_id):
        bucket = self.body.get("OutputS3BucketName")
        if not bucket:
            return None, None
        prefix = (self.body.get("OutputS3KeyPrefix") or "").strip("/")
        step = "0.awsrunShellScript" if self.step == "aws:runShellScript" else self.step
        key = "/".join(p for p in (prefix, self.command_id, instance_id, "awsrunShellScript", step) if p)
        return bucket, key

    def write_s3(self, instance_id, stdout, stderr):
        bucket, key = self.s3_prefix(instance_id)
        if not bucket or instance_id in self.s3_written:
            return
        self.s3_written.add(instance_id)
        for name, text in (("stdout", stdout), ("stderr", stderr)):
            if text:
                try:
                    moto_call(self.access_key, self.region, "s3", "", path=f"/{bucket}/{key}/{name}", method="PUT",
                              data=text.encode(), content_type="text/plain")
                except urllib.error.URLError:
                    pass  # the agent only logs a failed upload; the invocation's status stays

    def invocation(self, instance_id, details_wanted, settings):
        status, details = self.status[instance_id]
        item = {"CommandId": self.command_id, "InstanceId": instance_id, "DocumentName": self.body.get("DocumentName"),
                "DocumentVersion": self.body.get("DocumentVersion", "$DEFAULT"), "Comment": self.body.get("Comment", ""),
                "Status": status, "StatusDetails": details, "RequestedDateTime": self.requested}
        if not details_wanted:
            return item
        plugin = {"Name": self.step, "Status": status, "StatusDetails": details, "ResponseCode": -1, "Output": ""}
        start, end = self.times.get(instance_id, (None, None))
        if start:
            plugin["ResponseStartDateTime"] = start
        if status in TERMINAL:
            stdout, stderr, code = output_for(instance_id, self.info[instance_id], details, settings)
            combined = stdout + (ERROR_SEPARATOR + stderr if stderr else "")
            plugin.update({"ResponseCode": code, "Output": combined[:settings["inline_limit"]]})
            if end:
                plugin["ResponseFinishDateTime"] = end
            bucket, key = self.s3_prefix(instance_id)
            if bucket:
                self.write_s3(instance_id, stdout, stderr)
                base = f"https://s3.{self.region}.amazonaws.com/{bucket}/{key}"
                plugin.update({"OutputS3BucketName": bucket, "OutputS3KeyPrefix": key, "OutputS3Region": self.region,
                               "StandardOutputUrl": base + "/stdout", "StandardErrorUrl": base + "/stderr"})
        item["CommandPlugins"] = [plugin]
        return item

    def summary(self):
        counts = {}
        for status, _ in self.status.values():
            counts[status] = counts.get(status, 0) + 1
        return {"CommandId": self.command_id, "Status": self.command_status(), "Rounds": self.rounds, "Counts": counts,
                "TargetCount": len(self.order), "Errors": self.errors, "PeakInProgress": self.peak_running, "MaxConcurrency": self.max_concurrency, "MaxErrors": self.max_errors}


def page(items, body, key, limit_default=50):
    start = int(body.get("NextToken") or 0)
    limit = int(body.get("MaxResults") or limit_default)
    result = {key: items[start:start + limit]}
    if start + limit < len(items):
        result["NextToken"] = str(start + limit)
    return result


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def reply(self, status, payload, content_type="application/x-amz-json-1.1"):
        data = payload if isinstance(payload, bytes) else json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("x-amzn-RequestId", "awswiki-proxy")
        self.end_headers()
        self.wfile.write(data)

    def error(self, code, message):
        self.reply(400, {"__type": code, "message": message})

    def read_body(self):
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length else b""

    def do_GET(self):
        LAST_ACTIVITY[0] = time.monotonic()
        if self.path == "/_proxy/requests":
            with STATE.lock:
                rounds = {cid: sim.rounds for cid, sim in STATE.commands.items()}
                self.reply(200, {"requests": STATE.requests, "counts": STATE.counts, "rounds": rounds}, "application/json")
            return
        if self.path == "/_proxy/commands":
            with STATE.lock:
                self.reply(200, {"commands": [sim.summary() for sim in STATE.commands.values()]}, "application/json")
            return
        self.forward(b"")

    def do_PUT(self):
        LAST_ACTIVITY[0] = time.monotonic()
        self.forward(self.read_body())

    def do_POST(self):
        LAST_ACTIVITY[0] = time.monotonic()
        raw = self.read_body()
        if self.path.startswith("/_proxy/"):
            return self.control(self.path, json.loads(raw or b"{}"))
        target = self.headers.get("X-Amz-Target", "")
        operation = target.split(".")[-1] if target.startswith("AmazonSSM.") else ""
        with STATE.lock:
            if operation:
                STATE.counts[operation] = STATE.counts.get(operation, 0) + 1
        body = json.loads(raw or b"{}") if operation else {}
        handler = getattr(self, "op_" + operation, None) if operation else None
        if handler:
            handler(body)
        else:
            self.forward(raw)

    def control(self, path, body):
        with STATE.lock:
            if path == "/_proxy/config":
                STATE.settings.update(body)
                return self.reply(200, STATE.settings, "application/json")
            if path == "/_proxy/reset":
                STATE.reset()
                return self.reply(200, {"reset": True}, "application/json")
            if path == "/_proxy/reset-all":
                STATE.reset()
                STATE.fleet.clear()
                STATE.associations.clear()
                return self.reply(200, {"reset": True}, "application/json")
            if path == "/_proxy/fleet":
                key = (body.get("account") or DEFAULT_ACCOUNT, body.get("region") or "us-east-1")
                fleet = STATE.fleet.setdefault(key, {})
                ids = []
                for _ in range(int(body.get("count") or 1)):
                    instance_id = "i-" + uuid.uuid4().hex[:17]
                    fleet[instance_id] = {"state": "running", "tags": dict(body.get("tags") or {}), "groups": list(body.get("groups") or [])}
                    ids.append(instance_id)
                return self.reply(200, {"InstanceIds": ids}, "application/json")
        self.reply(404, {"message": "unknown control path"}, "application/json")

    def forward(self, raw, capture=False, body_override=None):
        headers = {k: v for k, v in self.headers.items() if k.lower() not in ("host", "content-length", "connection")}
        data = body_override if body_override is not None else raw
        request = urllib.request.Request(MOTO_URL + self.path, data=data if self.command != "GET" else None,
                                         method=self.command, headers=headers)
        try:
            with urllib.request.urlopen(request, timeout=60) as response:
                status, data, content_type = response.status, response.read(), response.headers.get("Content-Type", "")
        except urllib.error.HTTPError as failure:
            status, data, content_type = failure.code, failure.read(), failure.headers.get("Content-Type", "")
        if capture:
            return status, data
        self.reply(status, data, content_type or "application/x-amz-json-1.1")
        return None

    def forward_ssm(self, operation, body):
        """An SSM call to moto with the caller's credentials: (status, parsed JSON)."""
        headers = {k: v for k, v in self.headers.items() if k.lower() not in ("host", "content-length", "connection")}
        headers["X-Amz-Target"] = "AmazonSSM." + operation
        request = urllib.request.Request(MOTO_URL + "/", data=json.dumps(body).encode(), method="POST", headers=headers)
        try:
            with urllib.request.urlopen(request, timeout=60) as response:
                return response.status, json.loads(response.read() or b"{}")
        except urllib.error.HTTPError as failure:
            return failure.code, json.loads(failure.read() or b"{}")

    # --- Run Command -------------------------------------------------------------------------

    def op_SendCommand(self, body):
        targets = body.get("Targets") or []
        instance_ids = body.get("InstanceIds") or []
        if bool(targets) == bool(instance_ids):
            return self.error("ValidationException", "Give either InstanceIds or Targets.")
        if len(targets) > 5:
            return self.error("ValidationException", "Member must have length less than or equal to 5 (Targets).")
        if len(instance_ids) > 50:
            return self.error("ValidationException", "Member must have length less than or equal to 50 (InstanceIds).")
        forwarded = {k: v for k, v in body.items() if k != "Targets"}
        status, data = self.forward(json.dumps(forwarded).encode(), capture=True)
        if status != 200:
            return self.reply(status, data)
        reply = json.loads(data)
        command_id = reply["Command"]["CommandId"]
        managed = managed_instances(self.headers)
        if targets:
            chosen = {i: v for i, v in managed.items() if matches(i, v, targets)}
        else:
            known = dict(managed)
            chosen = {i: known.get(i, {"tags": {}, "groups": [], "state": "unknown"}) for i in instance_ids}
        account = account_of(self.headers)
        with STATE.lock:
            STATE.commands[command_id] = Simulation(command_id, body, chosen, self.headers, account)
            STATE.requests.append({"Operation": "SendCommand", "Body": body if len(json.dumps(body)) < 200000 else {},
                                   "CommandId": command_id, "Account": account, "Region": region_of(self.headers)})
        reply["Command"].update({"Targets": targets, "TargetCount": 0, "Status": "Pending"})
        self.reply(200, reply)

    def op_DescribeInstanceInformation(self, body):
        with STATE.lock:
            STATE.requests.append({"Operation": "DescribeInstanceInformation", "Body": body, "Account": account_of(self.headers)})
        if int(body.get("MaxResults") or 50) > 50:
            return self.error("ValidationException", "MaxResults must be at most 50.")
        filters = (body.get("Filters") or []) + (body.get("InstanceInformationFilterList") or [])
        targets = []
        pings = None
        for flt in filters:
            key = flt.get("Key") or flt.get("key")
            values = flt.get("Values") or flt.get("valueSet") or []
            if key in ("InstanceIds", "instanceIds"):
                if len(values) > 50:
                    return self.error("InvalidFilterValue", "At most 50 instance ids per filter.")
                targets.append({"Key": "InstanceIds", "Values": values})
            elif key.startswith("tag:") or key == "tag-key":
                targets.append({"Key": key, "Values": values})
            elif key == "PingStatus":
                pings = set(values)
            else:
                return self.error("InvalidInstanceInformationFilterValue", f"The stand-in does not model filter {key}.")
        items = []
        for instance_id, info in managed_instances(self.headers).items():
            if targets and not matches(instance_id, info, targets):
                continue
            if pings is not None and ping_of(info) not in pings:
                continue
            items.append({
                "InstanceId": instance_id,
                "PingStatus": ping_of(info),
                "LastPingDateTime": time.time(),
                "AgentVersion": "3.3.1142.0",
                "IsLatestVersion": True,
                "PlatformType": "Linux",
                "PlatformName": info["tags"].get("AwsWikiTest:Platform", "Amazon Linux"),
                "PlatformVersion": "2023",
                "ResourceType": "EC2Instance",
            })
        self.reply(200, page(items, body, "InstanceInformationList"))

    def op_ListCommandInvocations(self, body):
        command_id = body.get("CommandId")
        if int(body.get("MaxResults") or 50) > 50:
            return self.error("ValidationException", "MaxResults must be at most 50.")
        with STATE.lock:
            sim = STATE.commands.get(command_id)
            if sim is None:
                return self.error("InvalidCommandId", "Invalid command id.")
            if not body.get("NextToken"):
                sim.advance()
            order = [i for i in sim.order if i == body.get("InstanceId")] if body.get("InstanceId") else sim.order
            if not sim.resolved:
                order = []
            settings = dict(STATE.settings)
            start = int(body.get("NextToken") or 0)
            limit = int(body.get("MaxResults") or 50)
            items = [sim.invocation(i, bool(body.get("Details")), settings) for i in order[start:start + limit]]
        result = {"CommandInvocations": items}
        if start + limit < len(order):
            result["NextToken"] = str(start + limit)
        self.reply(200, result)

    def op_ListCommands(self, body):
        command_id = body.get("CommandId")
        with STATE.lock:
            sim = STATE.commands.get(command_id) if command_id else None
            if sim is None:
                pass
            else:
                statuses = [s for s, _ in sim.status.values()] if sim.resolved else []
                command = {
                    "CommandId": command_id, "DocumentName": sim.body.get("DocumentName"), "DocumentVersion": sim.body.get("DocumentVersion", "$DEFAULT"),
                    "Comment": sim.body.get("Comment", ""), "Parameters": sim.body.get("Parameters", {}),
                    "InstanceIds": sim.body.get("InstanceIds") or [], "Targets": sim.body.get("Targets") or [],
                    "RequestedDateTime": sim.requested, "Status": sim.command_status(), "StatusDetails": sim.command_status(),
                    "MaxConcurrency": sim.body.get("MaxConcurrency", "50"), "MaxErrors": sim.body.get("MaxErrors", "0"),
                    "TargetCount": len(sim.order) if sim.resolved else 0,
                    "CompletedCount": sum(1 for s in statuses if s in TERMINAL), "ErrorCount": sim.errors,
                    "DeliveryTimedOutCount": sum(1 for _, d in sim.status.values() if d == "DeliveryTimedOut") if sim.resolved else 0,
                    "OutputS3BucketName": sim.body.get("OutputS3BucketName", ""), "OutputS3KeyPrefix": sim.body.get("OutputS3KeyPrefix", ""),
                }
                return self.reply(200, {"Commands": [command]})
        self.forward(json.dumps(body).encode())

    def op_GetCommandInvocation(self, body):
        command_id, instance_id = body.get("CommandId"), body.get("InstanceId")
        key = f"{command_id}/{instance_id}"
        with STATE.lock:
            STATE.get_calls[key] = STATE.get_calls.get(key, 0) + 1
            first = STATE.get_calls[key] == 1
            sim = STATE.commands.get(command_id)
            settings = dict(STATE.settings)
            # Right after sending SSM may not know the invocation yet; once it has ended, it always does.
            missing = (sim is None or instance_id not in sim.status or not sim.resolved
                       or (first and settings["missing_first"] and sim.status[instance_id][0] not in TERMINAL))
            if not missing:
                item = sim.invocation(instance_id, True, dict(settings, inline_limit=24000))
        if missing:
            return self.error("InvocationDoesNotExist", "An error occurred (InvocationDoesNotExist) when calling the GetCommandInvocation operation")
        plugin = item["CommandPlugins"][0]
        stdout, _, stderr = plugin["Output"].partition(ERROR_SEPARATOR)
        start, end = plugin.get("ResponseStartDateTime"), plugin.get("ResponseFinishDateTime")
        status = item["Status"] if item["Status"] in TERMINAL or item["Status"] == "Pending" else "InProgress"
        self.reply(200, {
            "CommandId": command_id, "InstanceId": instance_id, "Comment": item["Comment"], "DocumentName": item["DocumentName"],
            "DocumentVersion": item["DocumentVersion"], "PluginName": plugin["Name"], "ResponseCode": plugin["ResponseCode"],
            "ExecutionStartDateTime": iso(start) if start else "", "ExecutionElapsedTime": f"PT{max(0.001, end - start):.3f}S" if start and end else "",
            "ExecutionEndDateTime": iso(end) if end else "", "Status": status, "StatusDetails": item["StatusDetails"],
            "StandardOutputContent": stdout if item["Status"] in TERMINAL else "", "StandardOutputUrl": plugin.get("StandardOutputUrl", ""),
            "StandardErrorContent": stderr if item["Status"] in TERMINAL else "", "StandardErrorUrl": plugin.get("StandardErrorUrl", ""),
            "CloudWatchOutputConfig": {"CloudWatchLogGroupName": "", "CloudWatchOutputEnabled": False},
        })

    # --- State Manager -----------------------------------------------------------------------

    def scope(self):
        return account_of(self.headers), region_of(self.headers)

    def apply_new_instances(self, association, managed=None):
        """Runs the association on matching instances no execution has covered yet (SSM does this for new instances)."""
        managed = managed if managed is not None else managed_instances(self.headers)
        covered = set()
        for execution in association["executions"]:
            covered.update(execution["targets"].keys())
        fresh = {i: v for i, v in managed.items() if matches(i, v, association["Targets"]) and i not in covered}
        if fresh:
            self.run_execution(association, fresh)

    def run_execution(self, association, instances):
        now = time.time()
        targets = {}
        for instance_id, info in instances.items():
            status = "Failed" if info["tags"].get("AwsWikiTest:Result") == "Failed" else "Success"
            targets[instance_id] = {"Status": status, "DetailedStatus": status, "Date": now}
        association["executions"].insert(0, {"ExecutionId": str(uuid.uuid4()), "CreatedTime": now + len(association["executions"]) * 1e-3,
                                             "AssociationVersion": association["AssociationVersion"], "targets": targets})
        association["LastExecutionDate"] = now

    def latest_per_instance(self, association):
        latest = {}
        for execution in association["executions"]:
            for instance_id, target in execution["targets"].items():
                latest.setdefault(instance_id, target)
        return latest

    def description(self, association):
        latest = self.latest_per_instance(association)
        counts = {}
        for target in latest.values():
            counts[target["Status"]] = counts.get(target["Status"], 0) + 1
        status = "Pending" if not latest else ("Failed" if counts.get("Failed") else "Success")
        keys = ("AssociationId", "AssociationName", "Name", "DocumentVersion", "AssociationVersion", "Targets", "Parameters",
                "ScheduleExpression", "ApplyOnlyAtCronInterval", "MaxConcurrency", "MaxErrors", "Date", "LastUpdateAssociationDate",
                "LastExecutionDate")
        result = {k: association[k] for k in keys if association.get(k) not in (None, "")}
        result["Overview"] = {"Status": status, "DetailedStatus": status, "AssociationStatusAggregatedCount": counts}
        return result

    def find_association(self, association_id):
        association = STATE.associations.get(association_id)
        return association if association and association["scope"] == self.scope() else None

    def check_document(self, name, version):
        request = {"Name": name}
        if version and version not in ("$DEFAULT", "$LATEST"):
            request["DocumentVersion"] = version
        status, data = self.forward_ssm("DescribeDocument", request)
        return status == 200

    def op_CreateAssociation(self, body):
        if not self.check_document(body.get("Name"), body.get("DocumentVersion")):
            return self.error("InvalidDocument", "The specified document does not exist.")
        scope = self.scope()
        managed = managed_instances(self.headers)
        with STATE.lock:
            if any(a["scope"] == scope and a.get("AssociationName") and a["AssociationName"] == body.get("AssociationName")
                   for a in STATE.associations.values()):
                return self.error("AssociationAlreadyExists", "The specified association already exists.")
            now = time.time()
            association = {k: body.get(k) for k in ("AssociationName", "Name", "DocumentVersion", "Targets", "Parameters",
                                                     "ScheduleExpression", "MaxConcurrency", "MaxErrors")}
            association.update({"AssociationId": str(uuid.uuid4()), "AssociationVersion": "1", "Date": now, "LastUpdateAssociationDate": now,
                                "ApplyOnlyAtCronInterval": bool(body.get("ApplyOnlyAtCronInterval")), "scope": scope, "executions": []})
            STATE.associations[association["AssociationId"]] = association
            if not association["ApplyOnlyAtCronInterval"]:
                self.run_execution(association, {i: v for i, v in managed.items() if matches(i, v, association["Targets"] or [])})
            self.reply(200, {"AssociationDescription": self.description(association)})

    def op_UpdateAssociation(self, body):
        if body.get("Name") and not self.check_document(body.get("Name"), body.get("DocumentVersion")):
            return self.error("InvalidDocument", "The specified document does not exist.")
        managed = managed_instances(self.headers)
        with STATE.lock:
            association = self.find_association(body.get("AssociationId"))
            if association is None:
                return self.error("AssociationDoesNotExist", "The specified association does not exist.")
            for key in ("AssociationName", "Name", "DocumentVersion", "Targets", "Parameters", "ScheduleExpression", "MaxConcurrency", "MaxErrors"):
                if key in body:
                    association[key] = body[key]
            if "ApplyOnlyAtCronInterval" in body:
                association["ApplyOnlyAtCronInterval"] = bool(body["ApplyOnlyAtCronInterval"])
            association["AssociationVersion"] = str(int(association["AssociationVersion"]) + 1)
            association["LastUpdateAssociationDate"] = time.time()
            if not association["ApplyOnlyAtCronInterval"]:
                self.run_execution(association, {i: v for i, v in managed.items() if matches(i, v, association["Targets"] or [])})
            self.reply(200, {"AssociationDescription": self.description(association)})

    def op_DescribeAssociation(self, body):
        managed = managed_instances(self.headers)
        with STATE.lock:
            association = self.find_association(body.get("AssociationId"))
            if association is None:
                return self.error("AssociationDoesNotExist", "The specified association does not exist.")
            self.apply_new_instances(association, managed)
            self.reply(200, {"AssociationDescription": self.description(association)})

    def op_ListAssociations(self, body):
        managed = managed_instances(self.headers)
        with STATE.lock:
            found = []
            for association in STATE.associations.values():
                if association["scope"] != self.scope():
                    continue
                keep = True
                for flt in body.get("AssociationFilterList") or []:
                    field = {"Name": "Name", "AssociationName": "AssociationName", "AssociationId": "AssociationId"}.get(flt.get("key"))
                    if field is None or association.get(field) != flt.get("value"):
                        keep = False
                if keep:
                    self.apply_new_instances(association, managed)
                    description = self.description(association)
                    found.append({k: description[k] for k in ("Name", "AssociationId", "AssociationName", "AssociationVersion", "DocumentVersion",
                                                              "Targets", "ScheduleExpression", "LastExecutionDate", "Overview") if k in description})
        self.reply(200, page(found, body, "Associations"))

    def op_DeleteAssociation(self, body):
        with STATE.lock:
            association = self.find_association(body.get("AssociationId"))
            if association is None:
                return self.error("AssociationDoesNotExist", "The specified association does not exist.")
            del STATE.associations[association["AssociationId"]]
        self.reply(200, {})

    def op_DescribeAssociationExecutions(self, body):
        managed = managed_instances(self.headers)
        with STATE.lock:
            association = self.find_association(body.get("AssociationId"))
            if association is None:
                return self.error("AssociationDoesNotExist", "The specified association does not exist.")
            self.apply_new_instances(association, managed)
            items = []
            for execution in association["executions"]:
                counts = {}
                for target in execution["targets"].values():
                    counts[target["Status"]] = counts.get(target["Status"], 0) + 1
                status = "Failed" if counts.get("Failed") else "Success"
                items.append({"AssociationId": association["AssociationId"], "AssociationVersion": execution["AssociationVersion"],
                              "ExecutionId": execution["ExecutionId"], "Status": status, "DetailedStatus": status,
                              "CreatedTime": execution["CreatedTime"], "LastExecutionDate": execution["CreatedTime"],
                              "ResourceCountByStatus": json.dumps(counts)})
        self.reply(200, page(items, body, "AssociationExecutions"))

    def op_DescribeAssociationExecutionTargets(self, body):
        with STATE.lock:
            association = self.find_association(body.get("AssociationId"))
            if association is None:
                return self.error("AssociationDoesNotExist", "The specified association does not exist.")
            execution = next((e for e in association["executions"] if e["ExecutionId"] == body.get("ExecutionId")), None)
            if execution is None:
                return self.error("AssociationExecutionDoesNotExist", "The specified execution does not exist.")
            items = [{"AssociationId": association["AssociationId"], "AssociationVersion": execution["AssociationVersion"],
                      "ExecutionId": execution["ExecutionId"], "ResourceId": instance_id, "ResourceType": "ManagedInstance",
                      "Status": target["Status"], "DetailedStatus": target["DetailedStatus"], "LastExecutionDate": target["Date"],
                      "OutputSource": {"OutputSourceId": str(uuid.uuid5(uuid.NAMESPACE_URL, execution["ExecutionId"] + instance_id)),
                                       "OutputSourceType": "RunCommand"}}
                     for instance_id, target in sorted(execution["targets"].items())]
        self.reply(200, page(items, body, "AssociationExecutionTargets"))


def main():
    global MOTO_URL
    MOTO_URL = sys.argv[1].rstrip("/")
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    print(server.server_address[1], flush=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    started = time.monotonic()
    while time.monotonic() - LAST_ACTIVITY[0] < IDLE_SECONDS and time.monotonic() - started < MAX_LIFETIME_SECONDS:
        time.sleep(1)
    server.shutdown()


if __name__ == "__main__":
    main()
