"""An endpoint that answers, but not as an AWS service does: "garbage" writes bytes that are not
HTTP at all; "plain" answers HTTP 200 with a text body that is neither XML nor JSON. Stdlib only.

Usage: python3 odd_server.py garbage|plain [LIFETIME_SECONDS]
Prints the port it listens on (127.0.0.1) as its first line; stops by itself after its lifetime.
"""
import socket
import sys
import threading

MODE = sys.argv[1]
LIFETIME = float(sys.argv[2]) if len(sys.argv) > 2 else 300.0


def answer(connection):
    try:
        connection.settimeout(5)
        try:
            connection.recv(65536)
        except OSError:
            pass
        if MODE == "garbage":
            connection.sendall(b"\x00\x01NOT-HTTP garbage\r\n\r\n")
        else:
            body = b"hello, this is not XML or JSON"
            connection.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nConnection: close\r\nContent-Length: "
                               + str(len(body)).encode() + b"\r\n\r\n" + body)
    finally:
        connection.close()


def main():
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", 0))
    listener.listen(64)
    print(listener.getsockname()[1], flush=True)
    threading.Timer(LIFETIME, lambda: listener.close()).start()
    while True:
        try:
            connection, _ = listener.accept()
        except OSError:
            return
        threading.Thread(target=answer, args=(connection,), daemon=True).start()


if __name__ == "__main__":
    main()
