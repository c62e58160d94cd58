"""Loopback stand-in for the AWS SSO portal API (IAM Identity Center), for the credential tests.

GetRoleCredentials, as the service model (botocore data/sso/2019-06-10, rest-json) defines it:
GET /federation/credentials?role_name=R&account_id=A with the access token in the
x-amz-sso_bearer_token header; no SigV4 (auth: noAuth). The answer is
{"roleCredentials": {"accessKeyId", "secretAccessKey", "sessionToken", "expiration"}} with the
expiration in epoch milliseconds. Only the token 'stub-sso-access-token' is accepted: any other
gets 401 UnauthorizedException, as the portal answers a token it does not know.
The credentials handed out are ASIA... keys named after the role, valid for an hour.
GET /_stats returns the requests seen (role, account, whether the token was accepted).
Usage: sso_portal_stub.py [--lifetime SECONDS]
"""
import threading
import time
from urllib.parse import parse_qs, urlsplit

from stub_server import JsonHandler, serve

VALID_TOKEN = "stub-sso-access-token"
stats = {"requests": []}
lock = threading.Lock()


class Handler(JsonHandler):
    def do_GET(self):
        split = urlsplit(self.path)
        if split.path == "/_stats":
            with lock:
                return self.reply(200, stats)
        if split.path != "/federation/credentials":
            return self.reply(404, {"message": f"no route {split.path}"})
        query = parse_qs(split.query)
        role = query.get("role_name", [None])[0]
        account = query.get("account_id", [None])[0]
        token = self.headers.get("x-amz-sso_bearer_token")
        accepted = token == VALID_TOKEN
        with lock:
            stats["requests"].append({"roleName": role, "accountId": account, "tokenAccepted": accepted,
                                      "signed": "Authorization" in self.headers})
        if not role or not account or not token:
            self.extra_headers = {"x-amzn-ErrorType": "InvalidRequestException"}
            return self.reply(400, {"message": "role_name, account_id and x-amz-sso_bearer_token are required"})
        if not accepted:
            self.extra_headers = {"x-amzn-ErrorType": "UnauthorizedException"}
            return self.reply(401, {"message": "Session token not found or invalid"})
        self.extra_headers = {}
        suffix = "".join(c for c in role.upper() if c.isalnum())[:8].ljust(8, "X")
        return self.reply(200, {"roleCredentials": {
            "accessKeyId": "ASIASSOSTUB" + suffix[:9],
            "secretAccessKey": "sso-stub-secret-" + role,
            "sessionToken": "sso-stub-session-token-" + role + "-" + account,
            "expiration": int((time.time() + 3600) * 1000),
        }})


if __name__ == "__main__":
    serve(Handler)
