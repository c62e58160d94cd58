"""Loopback stand-in for AWS Service Quotas (moto mocks only service code "vpc"). Stdlib only.

It answers GetServiceQuota, ListRequestedServiceQuotaChangeHistoryByQuota and
RequestServiceQuotaIncrease in the JSON 1.1 protocol (X-Amz-Target ServiceQuotasV20190624.*;
members and error codes from botocore's data/service-quotas/2019-06-24/service-2.json). The region
is read from the request's SigV4 credential scope, so one stand-in serves every region.

Usage: python3 service_quotas_stub.py [LIFETIME_SECONDS]
Prints its port (127.0.0.1) as the first line. Control endpoints:
  POST /__stub/config  {"quotas": [{"region", "quotaCode", "value"}],   applied values; a quota not
                                    listed has "defaultValue" (0 unless given)
                        "requests": [{"region", "quotaCode", "desiredValue", "status", "caseId"}],
                                    increase requests already made (history)
                        "deny": ["GetServiceQuota", ...] or "*",   answered 400 AccessDeniedException
                        "pageSize": N}                             history page size (default 100)
                       Replaces everything set before and clears the log.
  GET  /__stub/log     the operations received, in order: {"operation", "region", "body"}
  GET  /__stub/requests  every increase request, made before or through the API
"""
import json
import re
import sys
import threading
import time
import uuid

from stub_server import JsonHandler, run

LIFETIME = float(sys.argv[1]) if len(sys.argv) > 1 else 900.0
PREFIX = "ServiceQuotasV20190624."
LOCK = threading.Lock()
STATE = {"config": {}, "requests": [], "log": []}
ACCOUNT = "123456789012"
# Names as the Service Quotas console shows them for service code ec2 (names change; codes do not).
NAMES = {
    "L-417A185B": "Running On-Demand P instances",
    "L-DB2E81BA": "Running On-Demand G and VT instances",
    "L-6E869C2A": "Running On-Demand DL instances",
    "L-2C3B7624": "Running On-Demand Trn instances",
    "L-1945791B": "Running On-Demand Inf instances",
    "L-74FC7D96": "Running On-Demand F instances",
    "L-7212CCBC": "All P Spot Instance Requests",
    "L-3819A6DF": "All G and VT Spot Instance Requests",
    "L-85EED4F7": "All DL Spot Instance Requests",
    "L-6B0D517C": "All Trn Spot Instance Requests",
    "L-B5D1601B": "All Inf Spot Instance Requests",
    "L-88CF9481": "All F Spot Instance Requests",
}


def reset(config):
    STATE["config"] = config
    STATE["requests"] = [request_record(r["region"], r["quotaCode"], r.get("desiredValue", 0), r.get("status", "PENDING"), r.get("caseId"))
                         for r in config.get("requests", [])]
    STATE["log"] = []


def request_record(region, code, desired, status, case_id=None):
    now = time.time()
    return {"Id": uuid.uuid4().hex, "CaseId": case_id, "ServiceCode": "ec2", "ServiceName": "Amazon Elastic Compute Cloud (Amazon EC2)",
            "QuotaCode": code, "QuotaName": NAMES.get(code, code), "DesiredValue": float(desired), "Status": status,
            "Created": now, "LastUpdated": now, "Requester": f"arn:aws:iam::{ACCOUNT}:root",
            "QuotaArn": quota_arn(region, code), "GlobalQuota": False, "Unit": "None", "QuotaRequestedAtLevel": "ACCOUNT",
            "_region": region}


def quota_arn(region, code):
    return f"arn:aws:servicequotas:{region}:{ACCOUNT}:ec2/{code}"


def public(record):
    return {k: v for k, v in record.items() if not k.startswith("_") and v is not None}


def applied_value(region, code):
    for quota in STATE["config"].get("quotas", []):
        if quota.get("region") == region and quota.get("quotaCode") == code:
            return float(quota["value"])
    return float(STATE["config"].get("defaultValue", 0))


class Handler(JsonHandler):
    content_type = "application/x-amz-json-1.1"

    def body(self):
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length else b""

    def do_GET(self):
        with LOCK:
            if self.path == "/__stub/log":
                return self.reply(200, STATE["log"])
            if self.path == "/__stub/requests":
                return self.reply(200, [dict(public(r), Region=r["_region"]) for r in STATE["requests"]])
        self.reply(404, {"message": "unknown control endpoint"})

    def do_POST(self):
        raw = self.body()
        if self.path == "/__stub/config":
            with LOCK:
                reset(json.loads(raw or b"{}"))
            return self.reply(200, {})
        target = self.headers.get("X-Amz-Target", "")
        operation = target[len(PREFIX):] if target.startswith(PREFIX) else None
        match = re.search(r"Credential=[^/]+/\d+/([^/]+)/servicequotas/", self.headers.get("Authorization", ""))
        region = match.group(1) if match else "us-east-1"
        try:
            request = json.loads(raw or b"{}")
        except ValueError:
            return self.error(400, "SerializationException", "The body is not JSON.")
        with LOCK:
            STATE["log"].append({"operation": operation, "region": region, "body": request})
            deny = STATE["config"].get("deny", [])
            if operation and (deny == "*" or operation in deny):
                return self.error(400, "AccessDeniedException", f"User is not authorized to perform: servicequotas:{operation}")
            handler = {"GetServiceQuota": self.get_quota, "RequestServiceQuotaIncrease": self.request_increase,
                       "ListRequestedServiceQuotaChangeHistoryByQuota": self.history}.get(operation)
            if handler is None:
                return self.error(400, "UnknownOperationException", f"Operation {target} is not served by this stand-in.")
            for member in ("ServiceCode", "QuotaCode"):
                if not request.get(member):
                    return self.error(400, "ValidationException", f"1 validation error detected: Value null at '{member}' failed to satisfy constraint: Member must not be null")
            if request["ServiceCode"] != "ec2" or request["QuotaCode"] not in NAMES:
                return self.error(400, "NoSuchResourceException", f"The request failed because the specified quota {request['QuotaCode']} does not exist.")
            handler(region, request)

    def error(self, status, code, message):
        self.extra_headers = {"x-amzn-ErrorType": code}
        self.reply(status, {"__type": code, "message": message})

    def get_quota(self, region, request):
        code = request["QuotaCode"]
        self.reply(200, {"Quota": {"ServiceCode": "ec2", "ServiceName": "Amazon Elastic Compute Cloud (Amazon EC2)", "QuotaArn": quota_arn(region, code),
                                   "QuotaCode": code, "QuotaName": NAMES[code], "Value": applied_value(region, code), "Unit": "None",
                                   "Adjustable": True, "GlobalQuota": False, "QuotaAppliedAtLevel": "ACCOUNT"}})

    def history(self, region, request):
        found = [r for r in STATE["requests"] if r["_region"] == region and r["QuotaCode"] == request["QuotaCode"]
                 and (not request.get("Status") or r["Status"] == request["Status"])]
        found.sort(key=lambda r: r["Created"], reverse=True)
        size = int(request.get("MaxResults") or STATE["config"].get("pageSize", 100))
        try:
            start = int(request.get("NextToken") or 0)
        except ValueError:
            return self.error(400, "InvalidPaginationTokenException", "Invalid pagination token.")
        page = found[start:start + size]
        answer = {"RequestedQuotas": [public(r) for r in page]}
        if start + size < len(found):
            answer["NextToken"] = str(start + size)
        self.reply(200, answer)

    def request_increase(self, region, request):
        code = request["QuotaCode"]
        desired = request.get("DesiredValue")
        if not isinstance(desired, (int, float)):
            return self.error(400, "ValidationException", "DesiredValue must be a number.")
        if any(r["_region"] == region and r["QuotaCode"] == code and r["Status"] in ("PENDING", "CASE_OPENED") for r in STATE["requests"]):
            return self.error(400, "ResourceAlreadyExistsException", "Only one open service quota increase request is allowed per quota.")
        if desired <= applied_value(region, code):
            return self.error(400, "IllegalArgumentException", "The desired value must be greater than the current quota value.")
        record = request_record(region, code, desired, "PENDING")
        STATE["requests"].append(record)
        self.reply(200, {"RequestedQuota": public(record)})


if __name__ == "__main__":
    run(Handler, LIFETIME)
