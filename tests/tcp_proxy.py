"""A small TCP proxy that a test controls, to take a real database away from a real server:
`cut()` drops every connection and refuses new ones, `restore()` listens again, and
`cut_when(marker)` cuts as soon as a client sends bytes containing the marker (for example
the first query on a table, after authentication has already used the database)."""

from __future__ import annotations

import contextlib
import random
import socket
import threading
from pathlib import Path


def _port_outside_the_ephemeral_range() -> int:
    """While the proxy is cut, the server keeps dialling its port; a port the kernel may also
    pick as a source port can connect to itself (TCP self-connect) and then block restore()."""
    low = int(Path("/proc/sys/net/ipv4/ip_local_port_range").read_text().split()[0])
    for port in random.sample(range(10_000, min(low, 30_000)), 200):
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError("no free port below the ephemeral range")


class TcpProxy:
    def __init__(self, target_host: str, target_port: int) -> None:
        self.target = (target_host, target_port)
        self.port = _port_outside_the_ephemeral_range()
        self.cuts = 0
        self._lock = threading.Lock()
        self._sockets: set[socket.socket] = set()
        self._listener: socket.socket | None = None
        self._marker: bytes | None = None

    def __enter__(self) -> TcpProxy:
        self.restore()
        return self

    def __exit__(self, *_exc: object) -> None:
        self.cut()

    def restore(self) -> None:
        """Listen (again) on the same port; new connections reach the target."""
        with self._lock:
            if self._listener is not None:
                return
            listener = socket.create_server(("127.0.0.1", self.port))
            listener.settimeout(0.1)
            self._listener = listener
        threading.Thread(target=self._accept, args=(listener,), daemon=True).start()

    def cut(self) -> None:
        """Stop listening (connections are refused) and close every open connection."""
        with self._lock:
            listener, self._listener = self._listener, None
            open_sockets, self._sockets = self._sockets, set()
            self._marker = None
            if listener is not None:
                self.cuts += 1
        if listener is not None:
            # shutdown() takes the socket out of LISTEN at once; close() alone waits for the
            # accepting thread's poll to return, and restore() could not bind in the meantime.
            _close(listener)
        for sock in open_sockets:
            _close(sock)

    def cut_when(self, marker: bytes) -> None:
        self._marker = marker

    def _accept(self, listener: socket.socket) -> None:
        while True:
            with self._lock:
                if self._listener is not listener:
                    return
            try:
                client, _ = listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            try:
                upstream = socket.create_connection(self.target, timeout=5)
            except OSError:
                _close(client)
                continue
            upstream.settimeout(None)
            client.settimeout(None)
            with self._lock:
                if self._listener is not listener:  # cut while connecting
                    _close(client)
                    _close(upstream)
                    return
                self._sockets |= {client, upstream}
            for source, target, outbound in ((client, upstream, True), (upstream, client, False)):
                threading.Thread(
                    target=self._pump, args=(source, target, outbound), daemon=True
                ).start()

    def _pump(self, source: socket.socket, target: socket.socket, outbound: bool) -> None:
        try:
            while data := source.recv(65536):
                marker = self._marker
                if outbound and marker is not None and marker in data:
                    self.cut()
                    return
                target.sendall(data)
        except OSError:
            pass
        finally:
            _close(source)
            _close(target)


def _close(sock: socket.socket) -> None:
    with contextlib.suppress(OSError):
        sock.shutdown(socket.SHUT_RDWR)
    sock.close()
