"""The load balancer of ``make bench-burst``: a small asyncio TCP proxy that hands
each new client connection to the next app server in turn (round robin, as a
layer-4 balancer such as HAProxy's ``mode tcp`` does), then copies bytes both ways
until either side closes. Run by scripts/bench/burst.py, never imported.

``python balancer.py --listen 8800 --backend 8801 --backend 8802 --stats FILE``:
on SIGTERM it writes the connections handed to each backend, and any it could not
connect, to FILE as JSON.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import itertools
import json
import signal
import sys
from pathlib import Path

HOST = "127.0.0.1"
CHUNK = 64 * 1024


async def pipe(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    try:
        while data := await reader.read(CHUNK):
            writer.write(data)
            await writer.drain()
    except (ConnectionError, asyncio.CancelledError):
        pass
    finally:
        with contextlib.suppress(Exception):
            writer.close()


async def serve(listen: int, backends: list[int], stats_file: Path) -> None:
    turn = itertools.cycle(backends)
    stats = {"connections": {str(port): 0 for port in backends}, "refused": 0}

    async def handle(client_r, client_w) -> None:
        port = next(turn)
        try:
            server_r, server_w = await asyncio.open_connection(HOST, port)
        except OSError:
            stats["refused"] += 1
            client_w.close()
            return
        stats["connections"][str(port)] += 1
        await asyncio.gather(pipe(client_r, server_w), pipe(server_r, client_w))

    server = await asyncio.start_server(handle, HOST, listen, backlog=1024)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    async with server:
        await stop.wait()
    stats_file.write_text(json.dumps(stats))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--listen", type=int, default=8800)
    parser.add_argument("--backend", type=int, action="append", required=True)
    parser.add_argument("--stats", type=Path, required=True)
    args = parser.parse_args()
    asyncio.run(serve(args.listen, args.backend, args.stats))
    return 0


if __name__ == "__main__":
    sys.exit(main())
