"""Loopback proxy between a client and moto: records every AWS request and answers chosen ones
with faults (throttling, 5xx, a dropped connection, a hard error). Stdlib only.

Usage: python3 aws_fault_proxy.py UPSTREAM_URL [LIFETIME_SECONDS]
Prints the port it listens on (127.0.0.1) as its first line. Control endpoints:
  POST /__proxy/faults  body: [{"match": "CreateListener", "kind": "throttle|error500|drop|drop-after|hard", "times": 1}]
                        ("match": "*" matches every operation)
                        a rule may add "retryAfter": SECONDS, sent as a Retry-After header on its fault
  GET  /__proxy/log     the recorded requests, each with "operation", a "canonical" form, its "region"
                        "inFlight" (AWS requests in flight when it arrived, itself included)
                        and the signing "accessKeyId"
  POST /__proxy/clear   forgets the log and the faults
  POST /__proxy/latency body: {"ms": 100} delays every AWS request by that much (not cleared by /clear)
A fault rule may also name a "region" (from the request's SigV4 credential scope): it then fires
only there. Kind "deny" answers 403 with the service's access-denied code.
"""
import http.client
import json
import sys
import re
import threading
import time
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ET
from http.server import BaseHTTPRequestHandler

from stub_server import run

UPSTREAM = sys.argv[1].rstrip("/")
LIFETIME = float(sys.argv[2]) if len(sys.argv) > 2 else 1800.0
LOCK = threading.Lock()
LOG = []
FAULTS = []
LATENCY = [0.0]
IN_FLIGHT = [0]
SKIPPED_HEADERS = {"host", "content-length", "connection", "transfer-encoding", "accept-encoding"}


def operation_of(method, path, headers, body):
    target = headers.get("X-Amz-Target")
    if target:
        return target.split(".")[-1], "json"
    content_type = headers.get("Content-Type", "")
    if "x-www-form-urlencoded" in content_type:
        form = urllib.parse.parse_qs(body.decode("utf-8"), keep_blank_values=True)
        return form.get("Action", ["?"])[0], "query"
    return f"{method} {urllib.parse.urlsplit(path).path}", "rest-xml"


def canonical_xml(text):
    def walk(element):
        tag = element.tag.split("}")[-1]
        children = list(element)
        if not children:
            return {tag: (element.text or "").strip()}
        return {tag: [walk(child) for child in children]}
    return walk(ET.fromstring(text))


def canonical_of(method, path, protocol, body):
    if protocol == "query":
        form = urllib.parse.parse_qs(body.decode("utf-8"), keep_blank_values=True)
        return json.dumps({k: v[0] for k, v in sorted(form.items())}, sort_keys=True)
    if protocol == "json":
        return json.dumps(json.loads(body.decode("utf-8") or "{}"), sort_keys=True)
    split = urllib.parse.urlsplit(path)
    query = sorted(urllib.parse.parse_qsl(split.query, keep_blank_values=True))
    content = canonical_xml(body.decode("utf-8")) if body.strip() else None
    return json.dumps({"method": method, "path": urllib.parse.unquote(split.path).rstrip("/"), "query": query, "body": content}, sort_keys=True)


def region_of(headers):
    match = re.search(r"Credential=[^/]+/\d+/([^/]+)/", headers.get("Authorization", ""))
    return match.group(1) if match else None


def access_key_of(authorization):
    # SigV4: "AWS4-HMAC-SHA256 Credential=AKID/date/region/service/aws4_request, ..." (never the secret).
    if not authorization or "Credential=" not in authorization:
        return None
    return authorization.split("Credential=", 1)[1].split("/", 1)[0]


def take_rule(operation, protocol, region=None):
    with LOCK:
        for rule in FAULTS:
            matches = rule["match"] in ("*", operation) or (protocol == "rest-xml" and rule["match"] in operation)
            matches = matches and rule.get("region") in (None, region)
            if matches and rule.get("times", 1) > 0:
                rule["times"] = rule.get("times", 1) - 1
                return rule
    return None


def error_body(protocol, code, message):
    if protocol == "json":
        return "application/x-amz-json-1.1", json.dumps({"__type": code, "message": message})
    body = f"<ErrorResponse><Error><Type>Sender</Type><Code>{code}</Code><Message>{message}</Message></Error><RequestId>fault</RequestId></ErrorResponse>"
    return "text/xml", body


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def _send(self, status, content_type, text, extra_headers=None):
        data = text.encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        for name, value in (extra_headers or {}).items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def _handle(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        if self.path.startswith("/__proxy/"):
            return self._control(body)

        operation, protocol = operation_of(self.command, self.path, self.headers, body)
        region = region_of(self.headers)
        rule = take_rule(operation, protocol, region)
        kind = rule["kind"] if rule else None
        extra_headers = {"Retry-After": str(rule["retryAfter"])} if rule and "retryAfter" in rule else None
        with LOCK:
            LOG.append({
                "operation": operation,
                "protocol": protocol,
                "method": self.command,
                "path": self.path,
                "target": self.headers.get("X-Amz-Target"),
                "contentType": self.headers.get("Content-Type"),
                "canonical": canonical_of(self.command, self.path, protocol, body),
                "fault": kind,
                "time": time.time(),
                "region": region,
                "inFlight": getattr(self, "in_flight", None),
                "accessKeyId": access_key_of(self.headers.get("Authorization")),
            })
        # After logging: the log shows what is in flight while the latency holds it.
        if LATENCY[0] > 0:
            time.sleep(LATENCY[0])

        if kind == "drop":
            self.close_connection = True
            self.connection.shutdown(2)
            return
        if kind == "throttle":
            content_type, text = error_body(protocol, "ThrottlingException" if protocol == "json" else "Throttling", "Rate exceeded")
            return self._send(400, content_type, text, extra_headers)
        if kind == "error500":
            content_type, text = error_body(protocol, "InternalFailure", "Injected server error")
            return self._send(500, content_type, text, extra_headers)
        if kind == "deny":
            code = "AccessDeniedException" if protocol == "json" else ("UnauthorizedOperation" if "ec2" in self.headers.get("Authorization", "") else "AccessDenied")
            content_type, text = error_body(protocol, code, f"You are not authorized to perform {operation} in {region}.")
            return self._send(403, content_type, text)
        if kind == "hard":
            content_type, text = error_body(protocol, "InjectedHardFailure", f"Injected hard failure on {operation}")
            return self._send(400, content_type, text)

        # http.client, not urllib: urllib would add a form Content-Type to bodies that have none (REST-XML).
        headers = {k: v for k, v in self.headers.items() if k.lower() not in SKIPPED_HEADERS}
        upstream = urllib.parse.urlsplit(UPSTREAM)
        connection = http.client.HTTPConnection(upstream.hostname, upstream.port, timeout=60)
        try:
            connection.request(self.command, self.path, body=body if body else None, headers=headers)
            response = connection.getresponse()
            status, payload, reply_headers = response.status, response.read(), response.headers
        finally:
            connection.close()
        if kind == "drop-after":
            # The service did the work; the answer is lost on the way back.
            self.close_connection = True
            self.connection.shutdown(2)
            return
        self.send_response(status)
        for name, value in reply_headers.items():
            if name.lower() not in SKIPPED_HEADERS and name.lower() not in ("server", "date"):
                self.send_header(name, value)
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def _control(self, body):
        global FAULTS
        if self.path == "/__proxy/faults":
            with LOCK:
                FAULTS = json.loads(body.decode("utf-8") or "[]")
            return self._send(200, "application/json", "{}")
        if self.path == "/__proxy/log":
            with LOCK:
                return self._send(200, "application/json", json.dumps(LOG))
        if self.path == "/__proxy/latency":
            LATENCY[0] = float(json.loads(body.decode("utf-8") or "{}").get("ms", 0)) / 1000.0
            return self._send(200, "application/json", "{}")
        if self.path == "/__proxy/clear":
            with LOCK:
                LOG.clear()
                FAULTS = []
            return self._send(200, "application/json", "{}")
        return self._send(404, "text/plain", "unknown control path")

    def _counted(self):
        # Each logged request carries how many AWS requests were in flight when it arrived (itself included).
        if self.path.startswith("/__proxy/"):
            return self._handle()
        with LOCK:
            IN_FLIGHT[0] += 1
            self.in_flight = IN_FLIGHT[0]
        try:
            return self._handle()
        finally:
            with LOCK:
                IN_FLIGHT[0] -= 1

    do_GET = _counted
    do_POST = _counted
    do_PUT = _counted
    do_DELETE = _counted


def main():
    run(Handler, LIFETIME)


if __name__ == "__main__":
    main()
