#!/usr/bin/env python3
"""The two network middlemen of crm's e2e tests (tests/e2e/network_test.cpp).

  relay.py tls CERT KEY TARGET_PORT PORT_FILE
      TLS in front of a plain HTTP server on 127.0.0.1:TARGET_PORT (the sandbox): what an
      HTTPS API behind a private CA looks like to crm.
  relay.py connect LOG PORT_FILE
      An HTTP CONNECT proxy (what HTTPS_PROXY names); each request line it gets is appended to
      LOG, so a test can tell that a request went through it.

Each listens on a free port of 127.0.0.1 and writes the port to PORT_FILE once it accepts
connections. It runs until SIGTERM, and never longer than LIFETIME_S, so a crashed test
leaves nothing behind for long.
"""
import os
import socket
import ssl
import sys
import threading

LIFETIME_S = 300


def pump(source, sink):
    """Copies one direction until it ends, then closes both: the other direction ends too."""
    try:
        while True:
            data = source.recv(65536)
            if not data:
                break
            sink.sendall(data)
    except OSError:
        pass
    finally:
        for s in (source, sink):
            try:
                s.close()
            except OSError:
                pass


def splice(a, b):
    threading.Thread(target=pump, args=(b, a), daemon=True).start()
    pump(a, b)


def serve_tls(conn, context, target_port):
    try:
        tls = context.wrap_socket(conn, server_side=True)
    except (ssl.SSLError, OSError):
        conn.close()  # the client refused our certificate: that is the test's point
        return
    splice(tls, socket.create_connection(("127.0.0.1", target_port)))


def serve_connect(conn, log):
    reader = conn.makefile("rb")
    request = reader.readline().decode("latin-1").strip()
    while reader.readline() not in (b"\r\n", b"\n", b""):
        pass  # the request's headers: nothing in them matters here
    with open(log, "a") as out:
        out.write(request + "\n")
    method, target = (request.split(" ") + ["", ""])[:2]
    if method != "CONNECT":
        conn.sendall(b"HTTP/1.1 405 Method Not Allowed\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
        conn.close()
        return
    host, port = target.rsplit(":", 1)
    upstream = socket.create_connection((host.strip("[]"), int(port)))
    conn.sendall(b"HTTP/1.1 200 Connection established\r\n\r\n")
    splice(conn, upstream)


def main(argv):
    if len(argv) == 6 and argv[1] == "tls":
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(argv[2], argv[3])
        target_port = int(argv[4])
        handle = lambda conn: serve_tls(conn, context, target_port)
    elif len(argv) == 4 and argv[1] == "connect":
        log = argv[2]
        handle = lambda conn: serve_connect(conn, log)
    else:
        sys.exit(__doc__)
    listener = socket.create_server(("127.0.0.1", 0))
    port_file = argv[-1]
    with open(port_file + ".tmp", "w") as out:
        out.write(str(listener.getsockname()[1]))
    os.replace(port_file + ".tmp", port_file)  # the reader never sees half a number
    threading.Timer(LIFETIME_S, lambda: os._exit(0)).start()
    while True:
        conn, _ = listener.accept()
        threading.Thread(target=handle, args=(conn,), daemon=True).start()


if __name__ == "__main__":
    main(sys.argv)
