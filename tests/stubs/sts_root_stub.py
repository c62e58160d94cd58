"""Loopback stand-in for STS GetCallerIdentity answering as the account's root user.

moto never answers with a root ARN, so the IsRoot check needs this. The wire format is the
service model's (botocore data/sts/2011-06-15: protocol "query", resultWrapper
GetCallerIdentityResult, xmlNamespace https://sts.amazonaws.com/doc/2011-06-15/): a form POST
with Action=GetCallerIdentity, answered with the XML that real STS sends for root credentials,
whose Arn is arn:aws:iam::ACCOUNT:root and whose UserId is the account id.
Anything else gets 400 InvalidAction. Usage: sts_root_stub.py [--lifetime SECONDS]
"""
from urllib.parse import parse_qs

from stub_server import JsonHandler, serve

ACCOUNT = "210987654321"
NS = "https://sts.amazonaws.com/doc/2011-06-15/"


class Handler(JsonHandler):
    def _xml(self, status, text):
        data = text.encode()
        self.send_response(status)
        self.send_header("Content-Type", "text/xml")
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Connection", "close")  # as stub_server.JsonHandler.reply: HTTP/1.0, one answer per connection
        self.end_headers()
        self.wfile.write(data)

    def do_POST(self):
        length = int(self.headers.get("Content-Length") or 0)
        form = parse_qs(self.rfile.read(length).decode() if length else "")
        if form.get("Action", [None])[0] != "GetCallerIdentity" or "Authorization" not in self.headers:
            return self._xml(400, f'<ErrorResponse xmlns="{NS}"><Error><Type>Sender</Type><Code>InvalidAction</Code>'
                                  '<Message>Only a signed GetCallerIdentity is served here</Message></Error>'
                                  '<RequestId>00000000-0000-0000-0000-000000000000</RequestId></ErrorResponse>')
        return self._xml(200, f'<GetCallerIdentityResponse xmlns="{NS}"><GetCallerIdentityResult>'
                              f'<Arn>arn:aws:iam::{ACCOUNT}:root</Arn><UserId>{ACCOUNT}</UserId><Account>{ACCOUNT}</Account>'
                              '</GetCallerIdentityResult><ResponseMetadata><RequestId>11111111-2222-3333-4444-555555555555</RequestId>'
                              '</ResponseMetadata></GetCallerIdentityResponse>')


if __name__ == "__main__":
    serve(Handler)
