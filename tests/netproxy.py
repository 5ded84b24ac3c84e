"""A TCP forwarder between tafdesk and its database server that a test can
cut, the way networks fail:

- `refuse()`: nothing listens any more (connections refused at once);
- `black_hole()`: nothing is forwarded or read in either direction, and new
  connections are accepted but never answered: a Wi-Fi or VPN that drops
  packets silently, with no error anywhere;
- `restore()`: forwarding again (connections cut meanwhile stay cut).

It runs an asyncio loop on a daemon thread; the tests' code stays synchronous.
Also run as a process by tests that cut the network under another process:
`python -m tests.netproxy HOST PORT` prints its port, then reads commands
(refuse, black_hole, restore) from stdin.
"""

from __future__ import annotations

import asyncio
import contextlib
import socket
import sys
import threading
from concurrent.futures import Future

CHUNK = 65536


class NetProxy:
    def __init__(self, target_host: str, target_port: int) -> None:
        self._target = (target_host, target_port)
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, name="netproxy", daemon=True)
        self._server: asyncio.AbstractServer | None = None
        self._tasks: set[asyncio.Task] = set()
        self._writers: set[asyncio.StreamWriter] = set()
        self._flowing = asyncio.Event()
        self.mode = "forward"
        probe = socket.socket()
        probe.bind(("127.0.0.1", 0))
        self.port = probe.getsockname()[1]
        probe.close()
        self._thread.start()
        self._call(self._listen())

    # -- the test's side ---------------------------------------------------

    def url(self, url):
        """A SQLAlchemy URL to the same database, through this proxy."""
        return url.set(host="127.0.0.1", port=self.port)

    def black_hole(self) -> None:
        self._call(self._set_mode("black_hole"))

    def refuse(self) -> None:
        self._call(self._set_mode("refuse"))

    def restore(self) -> None:
        self._call(self._set_mode("forward"))

    def close(self) -> None:
        with contextlib.suppress(Exception):
            self._call(self._set_mode("refuse"))
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(5)

    def _call(self, coroutine) -> object:
        future: Future = asyncio.run_coroutine_threadsafe(coroutine, self._loop)
        return future.result(10)

    # -- the loop's side ---------------------------------------------------

    async def _listen(self) -> None:
        if self._server is None:
            self._server = await asyncio.start_server(self._accepted, "127.0.0.1", self.port, reuse_address=True)
        if self.mode == "forward":
            self._flowing.set()

    async def _set_mode(self, mode: str) -> None:
        self.mode = mode
        if mode == "forward":
            await self._listen()
            return
        self._flowing.clear()  # pumps stop reading and writing where they are
        if mode == "refuse":
            if self._server is not None:
                self._server.close()
                self._server = None
            for writer in list(self._writers):  # a refusing network resets what was open
                writer.transport.abort()
            for task in list(self._tasks):
                task.cancel()

    async def _accepted(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self._writers.add(writer)
        try:
            await self._flowing.wait()  # a black hole: accepted, never answered
            up_reader, up_writer = await asyncio.open_connection(*self._target)
        except (OSError, asyncio.CancelledError):
            writer.transport.abort()
            self._writers.discard(writer)
            return
        self._writers.add(up_writer)
        for source, sink in ((reader, up_writer), (up_reader, writer)):
            task = asyncio.ensure_future(self._pump(source, sink))
            self._tasks.add(task)
            task.add_done_callback(self._tasks.discard)

    async def _pump(self, source: asyncio.StreamReader, sink: asyncio.StreamWriter) -> None:
        try:
            while True:
                await self._flowing.wait()
                data = await source.read(CHUNK)
                if not data:
                    break
                await self._flowing.wait()  # read while flowing, then cut: held, never delivered
                if self.mode != "forward":
                    continue
                sink.write(data)
                await sink.drain()
        except (OSError, asyncio.CancelledError):
            pass
        finally:
            if self.mode == "forward":
                sink.transport.abort()
            self._writers.discard(sink)


def _main() -> None:
    proxy = NetProxy(sys.argv[1], int(sys.argv[2]))
    print(proxy.port, flush=True)
    for line in sys.stdin:
        command = line.strip()
        if command in ("refuse", "black_hole", "restore"):
            getattr(proxy, command)()
            print("ok", command, flush=True)
    proxy.close()


if __name__ == "__main__":
    _main()
