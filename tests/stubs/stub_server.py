"""What the JSON stand-ins share: a handler that answers JSON, and the start-up contract every
stub in this folder keeps (bind 127.0.0.1:0, print the port as the first line, stop by itself
after --lifetime seconds so a forgotten stub never outlives the test run)."""
import argparse
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class JsonHandler(BaseHTTPRequestHandler):
    delay = 0.0
    content_type = "application/json"
    extra_headers = {}

    def log_message(self, *args):
        pass

    def reply(self, status, body):
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", self.content_type)
        for name, value in self.extra_headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(data)))
        # Said out loud: this HTTP/1.0 server closes after each answer, and without the header .NET's
        # HttpClient sometimes sends the next request on the closing connection ("response ended").
        self.send_header("Connection", "close")
        self.end_headers()
        self.wfile.write(data)


class QuietServer(ThreadingHTTPServer):
    request_queue_size = 128

    def handle_error(self, request, client_address):
        # A client that gives up on a slow answer, or a connection dropped on purpose, ends in a
        # broken pipe; nothing to report.
        pass


def run(handler, lifetime):
    """Binds 127.0.0.1:0, prints the port, and serves until stopped or `lifetime` seconds pass."""
    server = QuietServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    print(server.server_address[1], flush=True)
    threading.Timer(lifetime, server.shutdown).start()
    server.serve_forever()


def serve(handler):
    parser = argparse.ArgumentParser()
    parser.add_argument("--delay", type=float, default=0.0)
    parser.add_argument("--lifetime", type=float, default=900.0)
    args = parser.parse_args()
    handler.delay = args.delay
    run(handler, args.lifetime)
