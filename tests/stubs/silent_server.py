"""An endpoint that accepts connections and reads requests but never answers: what a firewall
that swallows packets after the handshake, or a hung service, looks like to a client. It counts
the connections it accepted, so a test can tell retries apart. Stdlib only.

Usage: python3 silent_server.py [LIFETIME_SECONDS]
Prints the port it listens on (127.0.0.1) as its first line, then one line per accepted
connection ("accepted N"). Stops by itself after its lifetime (default 300 s).
"""
import socket
import sys
import threading
import time

LIFETIME = float(sys.argv[1]) if len(sys.argv) > 1 else 300.0


def hold(connection):
    # Read whatever comes and never write: the client waits for an answer that never comes.
    try:
        while connection.recv(65536):
            pass
    except OSError:
        pass
    finally:
        connection.close()


def main():
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", 0))
    listener.listen(64)
    listener.settimeout(0.5)
    print(listener.getsockname()[1], flush=True)
    deadline = time.monotonic() + LIFETIME
    accepted = 0
    while time.monotonic() < deadline:
        try:
            connection, _ = listener.accept()
        except socket.timeout:
            continue
        accepted += 1
        print(f"accepted {accepted}", flush=True)
        threading.Thread(target=hold, args=(connection,), daemon=True).start()
    listener.close()


if __name__ == "__main__":
    main()
