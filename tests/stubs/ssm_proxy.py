"""Loopback proxy in front of moto for the SSM calls of Install-AmazonLinuxEssentials.

Forwards every request to moto except the SSM operations moto lacks, which it answers from moto's
own state:
  * DescribeInstanceInformation: moto's running EC2 instances, Online, Amazon Linux 2023. An instance
    tagged AwsWikiTest:Ssm=unmanaged is left out, AwsWikiTest:Ssm=offline is ConnectionLost, and
    AwsWikiTest:Platform=<name> changes its PlatformName.
  * ListCommandInvocations: the command's instances. The first poll of a command lists nothing (SSM
    has not created the invocations yet), the next `hold_polls` report InProgress, then each
    invocation finishes: Success, or Failed for an instance tagged AwsWikiTest:Result=Failed (the
    script's failure output) or AwsWikiTest:Result=Undeliverable (Failed/Undeliverable, no output).
GetCommandInvocation is forwarded to moto (which reports Success at once) but answers
InvocationDoesNotExist on the first call per invocation and InProgress while the command is held;
finished invocations get the configured script output. SendCommand and DescribeInstanceInformation
requests are recorded.

Per-instance output (Get-GpuTopology): the setting "instance_output", {instance id: {"stdout", "stderr",
"status" (default Success), "code" (exit code)}}, replaces the script output and final status of those
instances; set it with POST /_proxy/config.

Control (plain HTTP on the same port): GET /_proxy/requests, POST /_proxy/config (JSON merged into
the settings), POST /_proxy/reset. Usage: python3 ssm_proxy.py MOTO_URL. Prints the port on its
first line; exits when idle for IDLE_SECONDS or after MAX_LIFETIME_SECONDS.
"""
import json
import re
import sys
import threading
import time
import urllib.error
import urllib.request
import xml.etree.ElementTree as ET
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

IDLE_SECONDS = 600
MAX_LIFETIME_SECONDS = 3600

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
    "success_stdout": SUCCESS_STDOUT,
    "failure_stdout": FAILURE_STDOUT,
    "failure_stderr": FAILURE_STDERR,
}


class State:
    def __init__(self):
        self.lock = threading.Lock()
        self.reset()

    def reset(self):
        self.settings = dict(DEFAULT_SETTINGS)
        self.requests = []
        self.counts = {}
        self.list_polls = {}
        self.get_calls = {}
        self.command_instances = {}
        self.command_ec2 = {}


STATE = State()
MOTO_URL = ""
LAST_ACTIVITY = [time.monotonic()]


def ec2_instances(region):
    """moto's EC2 instances: {id: {"state": name, "tags": {key: value}}}."""
    body = b"Action=DescribeInstances&Version=2016-11-15"
    request = urllib.request.Request(MOTO_URL + "/", data=body, method="POST", headers={
        "Content-Type": "application/x-www-form-urlencoded",
        "Authorization": f"AWS4-HMAC-SHA256 Credential=testing/20260101/{region}/ec2/aws4_request, SignedHeaders=host, Signature=0",
    })
    with urllib.request.urlopen(request, timeout=30) as response:
        root = ET.fromstring(response.read())
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
                            tags[key] = value
                if instance_id:
                    found[instance_id] = {"state": state, "tags": tags}
    return found


def region_of(headers):
    match = re.search(r"Credential=[^/]+/\d+/([^/]+)/", headers.get("Authorization", ""))
    return match.group(1) if match else "us-east-1"


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
                self.reply(200, {"requests": STATE.requests, "counts": STATE.counts}, "application/json")
            return
        self.forward(b"")

    def do_POST(self):
        LAST_ACTIVITY[0] = time.monotonic()
        raw = self.read_body()
        if self.path == "/_proxy/config":
            with STATE.lock:
                STATE.settings.update(json.loads(raw or b"{}"))
                self.reply(200, STATE.settings, "application/json")
            return
        if self.path == "/_proxy/reset":
            with STATE.lock:
                STATE.reset()
            self.reply(200, {"reset": True}, "application/json")
            return
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

    def forward(self, raw, capture=False):
        headers = {k: v for k, v in self.headers.items() if k.lower() not in ("host", "content-length", "connection")}
        request = urllib.request.Request(MOTO_URL + self.path, data=raw if self.command != "GET" else None,
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

    def op_SendCommand(self, body):
        status, data = self.forward(json.dumps(body).encode(), capture=True)
        if status == 200:
            command = json.loads(data)["Command"]
            # The instances' tags decide how invocations end; they do not change while a command runs.
            snapshot = ec2_instances(region_of(self.headers))
            with STATE.lock:
                STATE.command_ec2[command["CommandId"]] = snapshot
                STATE.requests.append({"Operation": "SendCommand", "Body": body, "CommandId": command["CommandId"]})
                STATE.command_instances[command["CommandId"]] = list(body.get("InstanceIds") or [])
        self.reply(status, data)

    def op_DescribeInstanceInformation(self, body):
        with STATE.lock:
            STATE.requests.append({"Operation": "DescribeInstanceInformation", "Body": body})
        wanted = None
        for flt in (body.get("Filters") or []) + (body.get("InstanceInformationFilterList") or []):
            if flt.get("Key") in ("InstanceIds", "InstanceIds".lower()):
                if len(flt.get("Values") or flt.get("valueSet") or []) > 50:
                    return self.error("InvalidFilterValue", "At most 50 instance ids per filter.")
                wanted = set(flt.get("Values") or flt.get("valueSet") or [])
        items = []
        for instance_id, instance in sorted(ec2_instances(region_of(self.headers)).items()):
            tags = instance["tags"]
            if instance["state"] != "running" or tags.get("AwsWikiTest:Ssm") == "unmanaged":
                continue
            if wanted is not None and instance_id not in wanted:
                continue
            items.append({
                "InstanceId": instance_id,
                "PingStatus": "ConnectionLost" if tags.get("AwsWikiTest:Ssm") == "offline" else "Online",
                "LastPingDateTime": time.time(),
                "AgentVersion": "3.3.1142.0",
                "IsLatestVersion": True,
                "PlatformType": "Linux",
                "PlatformName": tags.get("AwsWikiTest:Platform", "Amazon Linux"),
                "PlatformVersion": "2023",
                "ResourceType": "EC2Instance",
            })
        self.reply(200, page(items, body, "InstanceInformationList"))

    def held(self, command_id):
        """0: not created yet, 1: in progress, 2: finished, as the list polls of this command have gone."""
        polls = STATE.list_polls.get(command_id, 0)
        missing = 1 if STATE.settings["missing_first"] else 0
        if polls <= missing:
            return 0
        return 1 if polls <= missing + STATE.settings["hold_polls"] else 2

    def final_status(self, instance_id, instances):
        """(Status, StatusDetails) an invocation finishes with."""
        override = STATE.settings.get("instance_output", {}).get(instance_id)
        if override:
            return override.get("status", "Success"), override.get("status", "Success")
        result = instances.get(instance_id, {}).get("tags", {}).get("AwsWikiTest:Result")
        if result == "Failed":
            return "Failed", "Failed"
        if result == "Undeliverable":
            return "Failed", "Undeliverable"
        return "Success", "Success"

    def op_ListCommandInvocations(self, body):
        command_id = body.get("CommandId")
        with STATE.lock:
            if command_id not in STATE.command_instances:
                return self.error("InvalidCommandId", "Invalid command id.")
            STATE.list_polls[command_id] = STATE.list_polls.get(command_id, 0) + 1
            phase = self.held(command_id)
            instance_ids = list(STATE.command_instances[command_id])
        items = []
        if phase > 0:
            instances = STATE.command_ec2.get(command_id, {})
            for instance_id in instance_ids:
                status, details = self.final_status(instance_id, instances) if phase == 2 else ("InProgress", "InProgress")
                items.append({"CommandId": command_id, "InstanceId": instance_id, "DocumentName": "AWS-RunShellScript",
                              "Status": status, "StatusDetails": details, "RequestedDateTime": time.time()})
        self.reply(200, page(items, body, "CommandInvocations"))

    def op_GetCommandInvocation(self, body):
        command_id, instance_id = body.get("CommandId"), body.get("InstanceId")
        key = f"{command_id}/{instance_id}"
        with STATE.lock:
            STATE.get_calls[key] = STATE.get_calls.get(key, 0) + 1
            first = STATE.get_calls[key] == 1
            phase = self.held(command_id) if command_id in STATE.command_instances else 2
            settings = dict(STATE.settings)
        if phase == 0 or (first and settings["missing_first"]):
            return self.error("InvocationDoesNotExist", "An error occurred (InvocationDoesNotExist) when calling the GetCommandInvocation operation")
        status, data = self.forward(json.dumps(body).encode(), capture=True)
        if status != 200:
            return self.reply(status, data)
        invocation = json.loads(data)
        if phase == 1:
            invocation.update({"Status": "InProgress", "StatusDetails": "InProgress", "ResponseCode": -1,
                               "StandardOutputContent": "", "StandardErrorContent": "", "ExecutionEndDateTime": ""})
            return self.reply(200, invocation)
        status, details = self.final_status(instance_id, STATE.command_ec2.get(command_id, {}))
        override = settings.get("instance_output", {}).get(instance_id)
        if override:
            invocation.update({"Status": status, "StatusDetails": details,
                               "ResponseCode": override.get("code", 0 if status == "Success" else 1),
                               "StandardOutputContent": override.get("stdout", ""), "StandardErrorContent": override.get("stderr", "")})
            return self.reply(200, invocation)
        if details == "Failed":
            invocation.update({"Status": "Failed", "StatusDetails": "Failed", "ResponseCode": 1,
                               "StandardOutputContent": settings["failure_stdout"], "StandardErrorContent": settings["failure_stderr"]})
        elif details == "Undeliverable":
            invocation.update({"Status": "Failed", "StatusDetails": "Undeliverable", "ResponseCode": -1, "ExecutionElapsedTime": "",
                               "ExecutionStartDateTime": "", "ExecutionEndDateTime": "",
                               "StandardOutputContent": "", "StandardErrorContent": ""})
        else:
            invocation.update({"StandardOutputContent": settings["success_stdout"], "StandardErrorContent": ""})
        self.reply(200, invocation)


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
