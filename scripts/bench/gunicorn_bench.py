"""gunicorn settings for ``make bench``: the production file's choices (sync
workers, keep-alive 5 s, heartbeats on tmpfs) with 2 workers on a loopback port,
no access log and no worker recycling, so neither is part of what is measured.
``BENCH_ACCESS_LOG=path`` writes one line per request with the time the server spent
on it (microseconds), to tell a slow request from a slow connection."""

import os

bind = [f"127.0.0.1:{os.environ.get('BENCH_PORT', '8765')}"]
workers = 2
keepalive = 5
timeout = 60
max_requests = 0
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None  # noqa: S108
accesslog = os.environ.get("BENCH_ACCESS_LOG") or None
access_log_format = "%(m)s %(U)s %(s)s %(D)s"
errorlog = "-"
loglevel = "warning"
