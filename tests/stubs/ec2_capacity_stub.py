"""Loopback stand-in for the EC2 capacity operations moto 5.2.1 lacks, in front of moto.

It answers GetSpotPlacementScores, DescribeCapacityBlockOfferings, DescribeCapacityReservations,
CreateCapacityReservation and CancelCapacityReservation in EC2's Query/XML wire format (member
names from botocore's data/ec2/2016-11-15/service-2.json) and forwards every other request to
moto unchanged. What it answers is set per test. Stdlib only.

Usage: python3 ec2_capacity_stub.py MOTO_URL [LIFETIME_SECONDS]
Prints its port (127.0.0.1) as the first line. Control endpoints:
  POST /__stub/config  {"spotScores": [{"region", "zoneId", "instanceType", "score"}],
                        "capacity": [{"zoneId", "instanceType", "count"}],   free on-demand instances;
                                     a reservation for more fails with InsufficientInstanceCapacity
                        "blockOffers": [{"region", "zone", "instanceType", "start", "durationHours",
                                         "upfrontFee"}],
                        "reservations": [{"zoneId", "zone", "instanceType", "total", "available",
                                          "state"}],   existing reservations (owner 123456789012)
                        "createDelay": seconds}     CreateCapacityReservation records the
                                     reservation at once and answers after the delay
  GET  /__stub/reservations  every reservation, created and cancelled ones included
  GET  /__stub/log           the operations received, in order
"""
import http.client
import json
import re
import sys
import threading
import time
import urllib.parse
import uuid
from http.server import BaseHTTPRequestHandler

from stub_server import run
from xml.sax.saxutils import escape

UPSTREAM = urllib.parse.urlsplit(sys.argv[1])
LIFETIME = float(sys.argv[2]) if len(sys.argv) > 2 else 900.0
XMLNS = "http://ec2.amazonaws.com/doc/2016-11-15/"
OWNER = "123456789012"
SERVED = {"GetSpotPlacementScores", "DescribeCapacityBlockOfferings", "DescribeCapacityReservations",
          "CreateCapacityReservation", "CancelCapacityReservation"}
SKIPPED_HEADERS = {"host", "content-length", "connection", "transfer-encoding", "accept-encoding"}
LOCK = threading.Lock()
STATE = {"config": {}, "reservations": [], "log": []}


def reset(config):
    STATE["config"] = config
    STATE["reservations"] = [dict(r, id=f"cr-{uuid.uuid4().hex[:17]}", tags=r.get("tags", {}), clientToken=None)
                             for r in config.get("reservations", [])]
    STATE["log"] = []


def values(form, prefix):
    """The members of a Query list, in order: Prefix.1, Prefix.2, ..."""
    found = []
    for key, value in form.items():
        match = re.fullmatch(re.escape(prefix) + r"\.(\d+)", key)
        if match:
            found.append((int(match.group(1)), value))
    return [v for _, v in sorted(found)]


def filters(form):
    result = {}
    for key, name in form.items():
        match = re.fullmatch(r"Filter\.(\d+)\.Name", key)
        if match:
            result[name] = values(form, f"Filter.{match.group(1)}.Value")
    return result


def tag_specifications(form):
    tags = {}
    for key, value in form.items():
        match = re.fullmatch(r"TagSpecifications?\.(\d+)\.Tags?\.(\d+)\.Key", key)
        if match:
            spec, tag = match.groups()
            prefix = key[: -len("Key")]
            tags[value] = form.get(prefix + "Value", "")
    return tags


def signing_region(headers):
    match = re.search(r"Credential=[^/]+/\d+/([^/]+)/", headers.get("Authorization", ""))
    return match.group(1) if match else "us-east-1"


class Ec2Error(Exception):
    def __init__(self, status, code, message):
        super().__init__(message)
        self.status, self.code, self.message = status, code, message


def element(name, value):
    if value is None:
        return ""
    if isinstance(value, bool):
        value = "true" if value else "false"
    return f"<{name}>{escape(str(value))}</{name}>"


def reservation_xml(r):
    tags = "".join(f"<item>{element('key', k)}{element('value', v)}</item>" for k, v in r["tags"].items())
    return ("<item>" + element("capacityReservationId", r["id"]) + element("ownerId", OWNER)
            + element("capacityReservationArn", f"arn:aws:ec2:{r.get('region', 'us-east-1')}:{OWNER}:capacity-reservation/{r['id']}")
            + element("availabilityZoneId", r["zoneId"]) + element("instanceType", r["instanceType"])
            + element("instancePlatform", r.get("platform", "Linux/UNIX")) + element("availabilityZone", r["zone"])
            + element("tenancy", "default") + element("totalInstanceCount", r["total"])
            + element("availableInstanceCount", r["available"]) + element("ebsOptimized", False)
            + element("ephemeralStorage", False) + element("state", r["state"])
            + element("startDate", "2026-11-01T00:00:00.000Z") + element("endDateType", "unlimited")
            + element("instanceMatchCriteria", r.get("matchCriteria", "open"))
            + element("createDate", "2026-11-01T00:00:00.000Z")
            + (f"<tagSet>{tags}</tagSet>" if tags else "") + element("reservationType", "default") + "</item>")


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def send(self, status, content_type, text):
        data = text.encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def send_xml(self, operation, inner):
        request_id = str(uuid.uuid4())
        self.send(200, "text/xml;charset=UTF-8",
                  f'<?xml version="1.0" encoding="UTF-8"?>\n<{operation}Response xmlns="{XMLNS}">'
                  f"<requestId>{request_id}</requestId>{inner}</{operation}Response>")

    def send_error_xml(self, error):
        self.send(error.status, "text/xml;charset=UTF-8",
                  '<?xml version="1.0" encoding="UTF-8"?>\n<Response><Errors><Error>'
                  f"{element('Code', error.code)}{element('Message', error.message)}</Error></Errors>"
                  f"<RequestID>{uuid.uuid4()}</RequestID></Response>")

    def upstream(self, body, headers=None):
        connection = http.client.HTTPConnection(UPSTREAM.hostname, UPSTREAM.port, timeout=60)
        try:
            sent = {k: v for k, v in (headers or self.headers).items() if k.lower() not in SKIPPED_HEADERS}
            connection.request(self.command, self.path, body=body if body else None, headers=sent)
            response = connection.getresponse()
            return response.status, response.read(), response.headers
        finally:
            connection.close()

    def do_GET(self):
        if self.path == "/__stub/reservations":
            with LOCK:
                return self.send(200, "application/json", json.dumps(STATE["reservations"]))
        if self.path == "/__stub/log":
            with LOCK:
                return self.send(200, "application/json", json.dumps(STATE["log"]))
        return self.forward(b"")

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        if self.path == "/__stub/config":
            with LOCK:
                reset(json.loads(body.decode("utf-8") or "{}"))
            return self.send(200, "application/json", "{}")
        form = {k: v[0] for k, v in urllib.parse.parse_qs(body.decode("utf-8"), keep_blank_values=True).items()}
        operation = form.get("Action", "")
        with LOCK:
            STATE["log"].append({"operation": operation, "params": form, "region": signing_region(self.headers)})
        if operation not in SERVED:
            return self.forward(body)
        try:
            inner = getattr(self, operation)(form, signing_region(self.headers))
        except Ec2Error as error:
            return self.send_error_xml(error)
        return self.send_xml(operation, inner)

    def forward(self, body):
        status, payload, headers = self.upstream(body)
        self.send_response(status)
        for name, value in headers.items():
            if name.lower() not in SKIPPED_HEADERS and name.lower() not in ("server", "date"):
                self.send_header(name, value)
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def zones(self, region):
        """Zone name -> zone ID in the signing region, as moto's DescribeAvailabilityZones says."""
        headers = {k: v for k, v in self.headers.items()}
        headers["Content-Type"] = "application/x-www-form-urlencoded; charset=utf-8"
        status, payload, _ = self.upstream(b"Action=DescribeAvailabilityZones&Version=2016-11-15", headers)
        text = payload.decode("utf-8")
        names = re.findall(r"<zoneName>([^<]+)</zoneName>", text)
        ids = re.findall(r"<zoneId>([^<]+)</zoneId>", text)
        return dict(zip(names, ids))

    # --- the operations moto lacks -------------------------------------------------------------

    def GetSpotPlacementScores(self, form, region):
        types = values(form, "InstanceType")
        regions = values(form, "RegionName")
        if "TargetCapacity" not in form:
            raise Ec2Error(400, "MissingParameter", "The request must contain the parameter TargetCapacity")
        single_az = form.get("SingleAvailabilityZone", "false") == "true"
        best = {}
        for score in STATE["config"].get("spotScores", []):
            if score["instanceType"] in types and (not regions or score["region"] in regions):
                key = (score["region"], score["zoneId"] if single_az else None)
                best[key] = max(best.get(key, 0), score["score"])
        items = "".join("<item>" + element("region", r) + element("availabilityZoneId", z) + element("score", s) + "</item>"
                        for (r, z), s in sorted(best.items(), key=lambda kv: -kv[1]))
        return f"<spotPlacementScoreSet>{items}</spotPlacementScoreSet>"

    def DescribeCapacityBlockOfferings(self, form, region):
        for required in ("InstanceType", "InstanceCount", "CapacityDurationHours"):
            if required not in form:
                raise Ec2Error(400, "MissingParameter", f"The request must contain the parameter {required}")
        count = int(form["InstanceCount"])
        hours = int(form["CapacityDurationHours"])
        items = ""
        for offer in STATE["config"].get("blockOffers", []):
            if offer["region"] != region or offer["instanceType"] != form["InstanceType"] or offer["durationHours"] != hours:
                continue
            start = offer["start"]
            end = time.strftime("%Y-%m-%dT%H:%M:%S.000Z", time.gmtime(
                time.mktime(time.strptime(start, "%Y-%m-%dT%H:%M:%S.000Z")) + hours * 3600))
            items += ("<item>" + element("capacityBlockOfferingId", f"cb-{uuid.uuid4().hex[:17]}")
                      + element("instanceType", offer["instanceType"]) + element("availabilityZone", offer["zone"])
                      + element("instanceCount", count) + element("startDate", start) + element("endDate", end)
                      + element("capacityBlockDurationHours", hours) + element("upfrontFee", offer["upfrontFee"])
                      + element("currencyCode", "USD") + element("tenancy", "default") + "</item>")
        return f"<capacityBlockOfferingSet>{items}</capacityBlockOfferingSet>"

    def DescribeCapacityReservations(self, form, region):
        wanted_ids = values(form, "CapacityReservationId")
        wanted = filters(form)
        with LOCK:
            matches = []
            for r in STATE["reservations"]:
                if r.get("region", region) != region or (wanted_ids and r["id"] not in wanted_ids):
                    continue
                fields = {"instance-type": r["instanceType"], "state": r["state"], "availability-zone": r["zone"],
                          "owner-id": OWNER, "instance-platform": r.get("platform", "Linux/UNIX")}
                fields.update({f"tag:{k}": v for k, v in r["tags"].items()})
                if all(fields.get(name) in accepted for name, accepted in wanted.items()):
                    matches.append(r)
        if wanted_ids and len({r["id"] for r in matches}) < len(wanted_ids) and not wanted:
            missing = sorted(set(wanted_ids) - {r["id"] for r in matches})[0]
            raise Ec2Error(400, "InvalidCapacityReservationId.NotFound", f"The capacity reservation ID '{missing}' does not exist")
        start = int(form.get("NextToken") or 0)
        size = int(form.get("MaxResults") or 1000)
        page = matches[start:start + size]
        token = element("nextToken", str(start + size)) if start + size < len(matches) else ""
        return f"<capacityReservationSet>{''.join(reservation_xml(r) for r in page)}</capacityReservationSet>{token}"

    def CreateCapacityReservation(self, form, region):
        for required in ("InstanceType", "InstancePlatform", "InstanceCount"):
            if required not in form:
                raise Ec2Error(400, "MissingParameter", f"The request must contain the parameter {required}")
        names = self.zones(region)
        zone_id = form.get("AvailabilityZoneId") or names.get(form.get("AvailabilityZone", ""))
        zone = next((n for n, i in names.items() if i == zone_id), None)
        if zone is None:
            raise Ec2Error(400, "InvalidParameterValue", "Invalid availability zone")
        count = int(form["InstanceCount"])
        token = form.get("ClientToken")
        with LOCK:
            same = next((r for r in STATE["reservations"] if token and r["clientToken"] == token), None)
            if same is None:
                free = sum(c["count"] for c in STATE["config"].get("capacity", [])
                           if c["zoneId"] == zone_id and c["instanceType"] == form["InstanceType"])
                taken = sum(r["total"] for r in STATE["reservations"] if r.get("created") and r["state"] == "active"
                            and r["zoneId"] == zone_id and r["instanceType"] == form["InstanceType"])
                if free - taken < count:
                    STATE["log"].append({"operation": "CreateCapacityReservation:InsufficientInstanceCapacity"})
                    # EC2 answers this capacity error with HTTP 500 (a server error code).
                    raise Ec2Error(500, "InsufficientInstanceCapacity", "Insufficient capacity.")
                same = {"id": f"cr-{uuid.uuid4().hex[:17]}", "region": region, "zoneId": zone_id, "zone": zone,
                        "instanceType": form["InstanceType"], "platform": form["InstancePlatform"], "total": count,
                        "available": count, "state": "active", "tags": tag_specifications(form), "clientToken": token,
                        "matchCriteria": form.get("InstanceMatchCriteria", "open"), "created": True}
                STATE["reservations"].append(same)
        delay = float(STATE["config"].get("createDelay", 0))
        if delay:
            time.sleep(delay)
        return f"<capacityReservation>{reservation_xml(same)[len('<item>'):-len('</item>')]}</capacityReservation>"

    def CancelCapacityReservation(self, form, region):
        wanted = form.get("CapacityReservationId", "")
        with LOCK:
            match = next((r for r in STATE["reservations"] if r["id"] == wanted), None)
            if match is None:
                raise Ec2Error(400, "InvalidCapacityReservationId.NotFound", f"The capacity reservation ID '{wanted}' does not exist")
            match["state"] = "cancelled"
            match["available"] = 0
        return element("return", True)


def main():
    run(Handler, LIFETIME)


if __name__ == "__main__":
    main()
