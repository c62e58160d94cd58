"""Loopback stand-in for IAM Identity Center: SSO OIDC (device authorization) and the SSO portal,
in one server so a token the OIDC side issues is the one the portal accepts.

SSO OIDC, as botocore's sso-oidc model (2019-06-10, rest-json, noAuth) defines it:
  POST /client/register          {clientName, clientType, scopes} -> {clientId, clientSecret, clientIdIssuedAt, clientSecretExpiresAt}
  POST /device_authorization     {clientId, clientSecret, startUrl} -> {deviceCode, userCode, verificationUri,
                                  verificationUriComplete, expiresIn, interval}
  POST /token                    {clientId, clientSecret, grantType, deviceCode | refreshToken}
                                  -> {accessToken, tokenType, expiresIn, refreshToken}
  Errors are HTTP 400 with x-amzn-ErrorType (AuthorizationPendingException, SlowDownException,
  ExpiredTokenException, AccessDeniedException, InvalidGrantException) and {error, error_description}.
The SSO portal (botocore's sso model): GetRoleCredentials (sso_portal_stub.py), and
  GET  /assignment/accounts?max_result=&next_token=              -> {accountList, nextToken}
  GET  /assignment/roles?account_id=&max_result=&next_token=     -> {roleList, nextToken}
  POST /logout                                                   -> 200, the token forgotten
all with the token in x-amz-sso_bearer_token.

Test control (not AWS):
  POST /_control {"plan": ["pending", "slow_down", "ok"], "expiresIn": 600, "interval": 1,
                  "refresh": true, "registrationLifetime": 7776000}
      plan: what successive device-code CreateToken calls answer; the last entry repeats.
      Entries: ok, pending, slow_down, expired, denied.
  POST /_accounts {"accounts": [{"accountId", "accountName", "emailAddress", "roles": [...]}], "pageSize": 2}
  GET  /_stats   registrations, authorizations, token calls (grant type, time), portal calls, logouts.
Usage: sso_oidc_stub.py [--lifetime SECONDS]
"""
import json
import threading
import time
from urllib.parse import parse_qs, urlsplit

import sso_portal_stub
from stub_server import serve

VALID_TOKEN = sso_portal_stub.VALID_TOKEN
REFRESH_TOKEN = "stub-sso-refresh-token"
lock = threading.Lock()
state = {
    "plan": ["ok"], "planIndex": 0, "expiresIn": 600, "interval": 1, "refresh": True,
    "registrationLifetime": 90 * 24 * 3600, "pageSize": 2, "accounts": [], "revoked": False,
}
stats = {"registrations": [], "authorizations": 0, "tokens": [], "listAccounts": 0, "listRoles": [], "logouts": 0}


class Handler(sso_portal_stub.Handler):
    def _body(self):
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        return json.loads(raw) if raw else {}

    def _error(self, kind, code, message, status=400):
        self.extra_headers = {"x-amzn-ErrorType": kind}
        return self.reply(status, {"error": code, "error_description": message})

    def do_POST(self):
        path = urlsplit(self.path).path
        body = self._body()
        self.extra_headers = {}
        if path == "/_control":
            with lock:
                state.update(body)
                state["planIndex"] = 0
                state["revoked"] = False
            return self.reply(200, {})
        if path == "/_accounts":
            with lock:
                state["accounts"] = body.get("accounts", [])
                state["pageSize"] = body.get("pageSize", 2)
            return self.reply(200, {})
        if path == "/client/register":
            now = int(time.time())
            with lock:
                stats["registrations"].append(body)
                n = len(stats["registrations"])
                lifetime = state["registrationLifetime"]
            return self.reply(200, {"clientId": f"stub-client-{n}", "clientSecret": f"stub-client-secret-{n}",
                                    "clientIdIssuedAt": now, "clientSecretExpiresAt": now + lifetime})
        if path == "/device_authorization":
            if not body.get("clientId") or not body.get("startUrl"):
                return self._error("InvalidRequestException", "invalid_request", "clientId and startUrl are required")
            with lock:
                stats["authorizations"] += 1
                n = stats["authorizations"]
                expires, interval = state["expiresIn"], state["interval"]
            return self.reply(200, {"deviceCode": f"stub-device-code-{n}", "userCode": f"ABCD-{n:04d}",
                                    "verificationUri": "https://device.sso.example/",
                                    "verificationUriComplete": f"https://device.sso.example/?user_code=ABCD-{n:04d}",
                                    "expiresIn": expires, "interval": interval})
        if path == "/token":
            return self._token(body)
        if path == "/logout":
            token = self.headers.get("x-amz-sso_bearer_token")
            with lock:
                stats["logouts"] += 1
                if token == VALID_TOKEN:
                    state["revoked"] = True
            return self.reply(200, {})
        return self.reply(404, {"message": f"no route {path}"})

    def _token(self, body):
        grant = body.get("grantType")
        with lock:
            stats["tokens"].append({"grantType": grant, "at": time.time(), "clientId": body.get("clientId")})
            if grant == "refresh_token":
                outcome = "ok" if state["refresh"] and body.get("refreshToken") == REFRESH_TOKEN else "invalid_grant"
            else:
                plan = state["plan"]
                outcome = plan[min(state["planIndex"], len(plan) - 1)]
                state["planIndex"] += 1
        if outcome == "pending":
            return self._error("AuthorizationPendingException", "authorization_pending", "Authorization is still pending")
        if outcome == "slow_down":
            return self._error("SlowDownException", "slow_down", "Client is polling too quickly")
        if outcome == "expired":
            return self._error("ExpiredTokenException", "expired_token", "Device code has expired")
        if outcome == "denied":
            return self._error("AccessDeniedException", "access_denied", "The user denied the authorization")
        if outcome == "invalid_grant":
            return self._error("InvalidGrantException", "invalid_grant", "Invalid refresh token")
        with lock:
            state["revoked"] = False
        return self.reply(200, {"accessToken": VALID_TOKEN, "tokenType": "Bearer", "expiresIn": 28800,
                                "refreshToken": REFRESH_TOKEN})

    def do_GET(self):
        split = urlsplit(self.path)
        if split.path == "/_stats":
            with lock:
                return self.reply(200, {**stats, "portal": sso_portal_stub.stats["requests"]})
        if not split.path.startswith("/assignment/"):
            return super().do_GET()
        self.extra_headers = {}
        with lock:
            revoked = state["revoked"]
        if self.headers.get("x-amz-sso_bearer_token") != VALID_TOKEN or revoked:
            self.extra_headers = {"x-amzn-ErrorType": "UnauthorizedException"}
            return self.reply(401, {"message": "Session token not found or invalid"})
        query = {k: v[0] for k, v in parse_qs(split.query).items()}
        start = int(query.get("next_token", "0"))
        with lock:
            size = min(int(query.get("max_result", state["pageSize"])), state["pageSize"])
            accounts = list(state["accounts"])
        if split.path == "/assignment/accounts":
            with lock:
                stats["listAccounts"] += 1
            items = [{k: a[k] for k in ("accountId", "accountName", "emailAddress") if k in a} for a in accounts]
            key = "accountList"
        elif split.path == "/assignment/roles":
            account = query.get("account_id")
            with lock:
                stats["listRoles"].append(account)
            match = [a for a in accounts if a["accountId"] == account]
            if not match:
                self.extra_headers = {"x-amzn-ErrorType": "ResourceNotFoundException"}
                return self.reply(404, {"message": f"No account {account}"})
            items = [{"accountId": account, "roleName": r} for r in match[0].get("roles", [])]
            key = "roleList"
        else:
            return self.reply(404, {"message": f"no route {split.path}"})
        page = items[start:start + size]
        answer = {key: page}
        if start + size < len(items):
            answer["nextToken"] = str(start + size)
        return self.reply(200, answer)


if __name__ == "__main__":
    serve(Handler)
