"""Loopback stand-in for the Azure Retail Prices API, for the GPU tests.

GET /api/retail/prices?currencyCode='XXX'&$filter=... answers the documented shape
{"BillingCurrency","CustomerEntityId","CustomerEntityType","Items":[{currencyCode, retailPrice,
unitPrice, armRegionName, location, effectiveStartDate, meterId, meterName, productId, skuId,
productName, skuName, serviceName, serviceId, serviceFamily, unitOfMeasure, type,
isPrimaryMeterRegion, armSkuName, reservationTerm?}],"NextPageLink","Count"}, two items per page
with a NextPageLink carrying $skip, as the real API pages. It checks that the filter names
serviceName 'Virtual Machines', a priceType and armSkuName values, and answers 400 otherwise.
Each SKU has Linux, Windows, Spot and Low Priority meters and 1/3-year reservations (whole-term
prices), so a client that picks the wrong meter gets a wrong number.
Failure injection: westus3 always answers 503; westus2 is throttled (429) once.
GET /_stats returns counters. Usage: azure_prices_stub.py [--delay SECONDS] [--lifetime SECONDS]
"""
import json
import re
import threading
import time
from urllib.parse import parse_qs, quote, urlsplit

from stub_server import JsonHandler, serve

# USD per hour for Linux pay-as-you-go.
BASE = {
    ("Standard_NC24s_v3", "eastus"): 12.24, ("Standard_NC24s_v3", "koreacentral"): 6531.64 / 1400, ("Standard_NC24s_v3", "westus2"): 12.24,
    ("Standard_NC6s_v3", "eastus"): 3.06, ("Standard_NC6s_v3", "koreacentral"): 1632.91 / 1400, ("Standard_NC6s_v3", "westus2"): 3.06,
    ("Standard_NC24s_v3", "westus3"): 12.24,
}
RATES = {"USD": 1.0, "KRW": 1400.0, "EUR": 0.92}
PAGE_SIZE = 2

stats = {"requests": 0, "pages": 0, "throttled": 0, "violations": [], "currencies": []}
lock = threading.Lock()
throttled = set()


def items_for(sku, region, currency):
    usd = BASE[(sku, region)]
    rate = RATES[currency]
    short = sku.replace("Standard_", "").replace("_", " ")
    common = {"currencyCode": currency, "tierMinimumUnits": 0.0, "armRegionName": region, "location": region,
              "effectiveStartDate": "2026-08-01T00:00:00Z", "meterId": f"meter-{sku}-{region}", "productId": "DZH318Z0BQ4L",
              "skuId": "DZH318Z0BQ4L/00TG", "serviceName": "Virtual Machines", "serviceId": "DZH313Z7MMC8",
              "serviceFamily": "Compute", "unitOfMeasure": "1 Hour", "isPrimaryMeterRegion": True, "armSkuName": sku}

    def item(price, **fields):
        value = round(price * rate, 6)
        return dict(common, retailPrice=value, unitPrice=value, **fields)

    return [
        item(usd * 1.9, meterName=short, productName="Virtual Machines NCSv3 Series Windows", skuName=short, type="Consumption"),
        item(usd * 0.1, meterName=f"{short} Spot", productName="Virtual Machines NCSv3 Series", skuName=f"{short} Spot", type="Consumption"),
        item(usd, meterName=short, productName="Virtual Machines NCSv3 Series", skuName=short, type="Consumption"),
        item(usd * 0.2, meterName=f"{short} Low Priority", productName="Virtual Machines NCSv3 Series", skuName=f"{short} Low Priority", type="Consumption"),
        item(usd * 8760 * 0.62, meterName=short, productName="Virtual Machines NCSv3 Series", skuName=short, type="Reservation", reservationTerm="1 Year"),
        item(usd * 26280 * 0.4, meterName=short, productName="Virtual Machines NCSv3 Series", skuName=short, type="Reservation", reservationTerm="3 Years"),
    ]


class Handler(JsonHandler):
    content_type = "application/json; charset=utf-8"

    def violation(self, message):
        with lock:
            stats["violations"].append(message)
        self.reply(400, {"Error": {"Code": "BadRequest", "Message": message}})

    def do_GET(self):
        url = urlsplit(self.path)
        if url.path == "/_stats":
            with lock:
                return self.reply(200, stats)
        if url.path != "/api/retail/prices":
            return self.reply(404, {"Error": {"Code": "NotFound", "Message": url.path}})
        with lock:
            stats["requests"] += 1
        if Handler.delay:
            time.sleep(Handler.delay)
        query = parse_qs(url.query)
        currency = (query.get("currencyCode") or ["'USD'"])[0]
        if not re.fullmatch(r"'[A-Z]{3}'", currency):
            return self.violation(f"currencyCode must be quoted, was {currency!r}")
        currency = currency.strip("'")
        if currency not in RATES:
            return self.violation(f"currency {currency} not served by the stub")
        text = (query.get("$filter") or [""])[0]
        if "serviceName eq 'Virtual Machines'" not in text:
            return self.violation(f"filter lacks serviceName eq 'Virtual Machines': {text!r}")
        price_type = re.search(r"priceType eq '(\w+)'", text)
        if not price_type or price_type.group(1) not in ("Consumption", "Reservation"):
            return self.violation(f"filter lacks priceType Consumption/Reservation: {text!r}")
        skus = re.findall(r"armSkuName eq '([^']+)'", text)
        if not skus:
            return self.violation(f"filter lacks armSkuName: {text!r}")
        region = re.search(r"armRegionName eq '([^']+)'", text)
        region = region.group(1) if region else None
        if region == "westus3":
            return self.reply(503, {"Error": {"Code": "ServiceUnavailable", "Message": "injected failure"}})
        if region == "westus2" and text not in throttled:
            with lock:
                throttled.add(text)
                stats["throttled"] += 1
            return self.reply(429, {"Error": {"Code": "TooManyRequests", "Message": "slow down"}})
        with lock:
            stats["pages"] += 1
            stats["currencies"].append(currency)
        matches = []
        for (sku, where) in sorted(BASE):
            if sku in skus and (region is None or where == region):
                matches += [i for i in items_for(sku, where, currency) if i["type"] == price_type.group(1)]
        skip = int((query.get("$skip") or ["0"])[0])
        page = matches[skip:skip + PAGE_SIZE]
        next_link = None
        if skip + PAGE_SIZE < len(matches):
            host, port = self.server.server_address[:2]
            next_link = (f"http://{host}:{port}/api/retail/prices?currencyCode='{currency}'"
                         f"&$filter={quote(text)}&$skip={skip + PAGE_SIZE}")
        self.reply(200, {"BillingCurrency": currency, "CustomerEntityId": "Default", "CustomerEntityType": "Retail",
                         "Items": page, "NextPageLink": next_link, "Count": len(page)})


if __name__ == "__main__":
    serve(Handler)
