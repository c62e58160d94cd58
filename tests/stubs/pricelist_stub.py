"""Loopback stand-in for the AWS Price List Query API (GetProducts, JSON 1.1), for the GPU tests.

Serves the documented wire format: POST / with X-Amz-Target AWSPriceListService.GetProducts,
request {"ServiceCode","Filters":[{"Type":"TERM_MATCH","Field","Value"}],"FormatVersion","NextToken","MaxResults"},
response {"FormatVersion","NextToken","PriceList":["<price list document as a JSON string>"]}.
It checks the request shape (target, content type, SigV4 scope, filters) and answers 400 for a
wrong one, so a client that sends something else fails the tests. Every query is split over two
pages (the first one empty, as the real API sometimes does) to exercise NextToken.
Failure injection: regionCode eu-west-3 always answers 500; eu-west-1 is throttled once per type.
c6i.large in ap-northeast-2 answers as the real API does for a loose query: the Linux shared-tenancy
document (0.096 USD an hour) between Windows, dedicated-tenancy and RHEL documents of the same type and
region, which a client must ignore (seoul_c6i_documents, the shape of a real GetProducts answer).
GET /_stats returns counters for assertions. Usage: pricelist_stub.py [--delay SECONDS] [--lifetime SECONDS]
"""
import base64
import json
import threading
import time

from stub_server import JsonHandler, serve

# USD on-demand per hour in us-east-1; other regions scale by REGION_FACTOR.
ON_DEMAND = {"t3.micro": 0.0104, "m5.large": 0.096, "p4d.24xlarge": 21.957642, "g4dn.xlarge": 0.526, "p3dn.24xlarge": 31.212, "p5.48xlarge": 55.04, "g5.xlarge": 1.006}
REGION_FACTOR = {"us-east-1": 1.0, "ap-northeast-2": 1.3, "eu-west-1": 1.1}
REQUIRED = {"operatingSystem": "Linux", "tenancy": "Shared", "preInstalledSw": "NA", "capacitystatus": "Used"}
PUBLICATION_DATE = "2026-10-01T12:00:00Z"

stats = {"requests": 0, "pages_with_token": 0, "throttled": 0, "failed": 0, "violations": [], "regions": {}}
lock = threading.Lock()
throttled_once = set()


def price_document(instance_type, region, on_demand):
    sku = "SKU" + base64.b32encode(f"{instance_type}{region}".encode()).decode()[:12]

    def term(code, dimensions, attributes):
        return {"offerTermCode": code, "sku": sku, "effectiveDate": "2026-09-01T00:00:00Z",
                "priceDimensions": {f"{sku}.{code}.{i}": d for i, d in enumerate(dimensions)}, "termAttributes": attributes}

    def hourly(usd):
        return {"unit": "Hrs", "pricePerUnit": {"USD": f"{usd:.10f}"}, "description": "per hour", "beginRange": "0", "endRange": "Inf"}

    def upfront(usd):
        return {"unit": "Quantity", "pricePerUnit": {"USD": f"{usd:.2f}"}, "description": "Upfront Fee"}

    reserved = {}
    for lease, hours, factor in (("1yr", 8760, 0.6), ("3yr", 26280, 0.4)):
        rate = on_demand * factor
        reserved[f"{sku}.{lease}NU"] = term(f"{lease}NU", [hourly(rate)], {"LeaseContractLength": lease, "OfferingClass": "standard", "PurchaseOption": "No Upfront"})
        reserved[f"{sku}.{lease}AU"] = term(f"{lease}AU", [upfront(rate * hours * 0.9), hourly(0)], {"LeaseContractLength": lease, "OfferingClass": "standard", "PurchaseOption": "All Upfront"})
        reserved[f"{sku}.{lease}CNU"] = term(f"{lease}CNU", [hourly(rate * 1.2)], {"LeaseContractLength": lease, "OfferingClass": "convertible", "PurchaseOption": "No Upfront"})
    return {
        "product": {"productFamily": "Compute Instance", "sku": sku, "attributes": {
            "instanceType": instance_type, "regionCode": region, "operatingSystem": "Linux", "tenancy": "Shared",
            "preInstalledSw": "NA", "capacitystatus": "Used", "servicecode": "AmazonEC2", "location": region}},
        "serviceCode": "AmazonEC2",
        "terms": {"OnDemand": {f"{sku}.JRTCKXETXF": term("JRTCKXETXF", [hourly(on_demand)], {})}, "Reserved": reserved},
        "version": "20261001120000",
        "publicationDate": PUBLICATION_DATE,
    }


def seoul_c6i_documents():
    """c6i.large in Seoul as GetProducts returns it (attributes and term layout of the real answer; SKUs made up).
    Only the first is Linux, shared tenancy, no pre-installed software, capacity Used."""
    def document(sku, operating_system, tenancy, usd, license_model="No License required", usage="APN2-BoxUsage:c6i.large", software="NA"):
        return {
            "product": {"productFamily": "Compute Instance", "sku": sku, "attributes": {
                "enhancedNetworkingSupported": "Yes", "intelTurboAvailable": "Yes", "memory": "4 GiB", "dedicatedEbsThroughput": "Up to 10000 Mbps",
                "vcpu": "2", "classicnetworkingsupport": "false", "capacitystatus": "Used", "locationType": "AWS Region",
                "storage": "EBS only", "instanceFamily": "Compute optimized", "operatingSystem": operating_system,
                "intelAvx2Available": "Yes", "regionCode": "ap-northeast-2", "physicalProcessor": "Intel Xeon 8375C (Ice Lake)",
                "clockSpeed": "3.5 GHz", "ecu": "NA", "networkPerformance": "Up to 12500 Megabit", "servicename": "Amazon Elastic Compute Cloud",
                "gpuMemory": "NA", "vpcnetworkingsupport": "true", "instanceType": "c6i.large", "tenancy": tenancy, "usagetype": usage,
                "normalizationSizeFactor": "4", "intelAvxAvailable": "Yes", "processorFeatures": "Intel AVX; Intel AVX2; Intel AVX512; Intel Turbo",
                "servicecode": "AmazonEC2", "licenseModel": license_model, "currentGeneration": "Yes", "preInstalledSw": software,
                "location": "Asia Pacific (Seoul)", "processorArchitecture": "64-bit", "marketoption": "OnDemand", "operation": "RunInstances",
                "availabilityzone": "NA"}},
            "serviceCode": "AmazonEC2",
            "terms": {"OnDemand": {f"{sku}.JRTCKXETXF": {
                "priceDimensions": {f"{sku}.JRTCKXETXF.6YS6EN2CT7": {
                    "unit": "Hrs", "endRange": "Inf", "description": f"${usd} per On Demand {operating_system} c6i.large Instance Hour",
                    "appliesTo": [], "rateCode": f"{sku}.JRTCKXETXF.6YS6EN2CT7", "beginRange": "0", "pricePerUnit": {"USD": f"{usd:.10f}"}}},
                "sku": sku, "effectiveDate": "2026-10-01T00:00:00Z", "offerTermCode": "JRTCKXETXF", "termAttributes": {}}}},
            "version": "20261001120000",
            "publicationDate": PUBLICATION_DATE,
        }
    return [
        document("WINDOWSSHARED1", "Windows", "Shared", 0.188, usage="APN2-BoxUsage:c6i.large"),
        document("LINUXDEDICATED", "Linux", "Dedicated", 0.106, usage="APN2-DedicatedUsage:c6i.large"),
        document("LINUXSHARED001", "Linux", "Shared", 0.096),
        document("RHELSHARED0001", "RHEL", "Shared", 0.1536),
        document("LINUXSQLWEB001", "Linux", "Shared", 0.221, software="SQL Web"),
    ]


class Handler(JsonHandler):
    content_type = "application/x-amz-json-1.1"
    extra_headers = {"x-amzn-RequestId": "stub-request"}

    def violation(self, message):
        with lock:
            stats["violations"].append(message)
        self.reply(400, {"__type": "ValidationException", "message": message})

    def do_GET(self):
        if self.path == "/_stats":
            with lock:
                self.reply(200, stats)
        else:
            self.reply(404, {"__type": "NotFound", "message": self.path})

    def do_POST(self):
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length)
        with lock:
            stats["requests"] += 1
        if Handler.delay:
            time.sleep(Handler.delay)
        if self.headers.get("X-Amz-Target") != "AWSPriceListService.GetProducts":
            return self.violation(f"X-Amz-Target was {self.headers.get('X-Amz-Target')!r}")
        if self.headers.get("Content-Type") != "application/x-amz-json-1.1":
            return self.violation(f"Content-Type was {self.headers.get('Content-Type')!r}")
        auth = self.headers.get("Authorization") or ""
        if not auth.startswith("AWS4-HMAC-SHA256 Credential=") or "/us-east-1/pricing/aws4_request" not in auth:
            return self.violation(f"Authorization is not SigV4 for pricing in us-east-1: {auth[:80]!r}")
        try:
            body = json.loads(raw)
        except ValueError:
            return self.violation("body is not JSON")
        if body.get("ServiceCode") != "AmazonEC2" or body.get("FormatVersion") != "aws_v1":
            return self.violation(f"ServiceCode/FormatVersion were {body.get('ServiceCode')!r}/{body.get('FormatVersion')!r}")
        filters = {}
        for f in body.get("Filters") or []:
            if set(f) != {"Type", "Field", "Value"} or f["Type"] != "TERM_MATCH":
                return self.violation(f"bad filter {f!r}")
            filters[f["Field"]] = f["Value"]
        for field, value in REQUIRED.items():
            if filters.get(field) != value:
                return self.violation(f"filter {field} was {filters.get(field)!r}, expected {value!r}")
        instance_type, region = filters.get("instanceType"), filters.get("regionCode")
        if not instance_type or not region:
            return self.violation("instanceType and regionCode filters are required")
        with lock:
            stats["regions"][region] = stats["regions"].get(region, 0) + 1
        if region == "eu-west-3":
            with lock:
                stats["failed"] += 1
            return self.reply(500, {"__type": "InternalFailure", "message": "injected failure"})
        if region == "eu-west-1" and (instance_type, region) not in throttled_once:
            with lock:
                throttled_once.add((instance_type, region))
                stats["throttled"] += 1
            return self.reply(400, {"__type": "ThrottlingException", "message": "Rate exceeded"})
        expected_token = base64.b64encode(f"page2|{instance_type}|{region}".encode()).decode()
        token = body.get("NextToken")
        if token is None:
            return self.reply(200, {"FormatVersion": "aws_v1", "NextToken": expected_token, "PriceList": []})
        if token != expected_token:
            return self.reply(400, {"__type": "InvalidNextTokenException", "message": "unknown NextToken"})
        with lock:
            stats["pages_with_token"] += 1
        documents = []
        if (instance_type, region) == ("c6i.large", "ap-northeast-2"):
            documents.extend(json.dumps(d) for d in seoul_c6i_documents())
        elif instance_type in ON_DEMAND and region in REGION_FACTOR:
            documents.append(json.dumps(price_document(instance_type, region, round(ON_DEMAND[instance_type] * REGION_FACTOR[region], 6))))
        return self.reply(200, {"FormatVersion": "aws_v1", "PriceList": documents})


if __name__ == "__main__":
    serve(Handler)
