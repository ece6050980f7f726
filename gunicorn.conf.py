"""gunicorn configuration for Puente's app servers (`make serve-prod`).

gunicorn loads this file from the working directory. It reads its own GUNICORN_*
variables (the Django settings never see them); see docs/deployment.md.
"""

import os


def _cores() -> int:
    # Cores this process may use (respects taskset/cgroup CPU pinning where visible).
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0)) or 1
    return os.cpu_count() or 1


def default_workers(cores: int, cap: int) -> int:
    """2 × cores + 1 synchronous workers, never more than ``cap`` nor fewer than 1."""
    return max(1, min(2 * cores + 1, cap))


wsgi_app = "lms.wsgi:application"
bind = [os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")]
workers = int(
    os.environ.get("GUNICORN_WORKERS")
    or default_workers(_cores(), int(os.environ.get("GUNICORN_MAX_WORKERS", "8")))
)
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 30
keepalive = 5
# Recycle workers now and then so a slow leak cannot grow for ever.
max_requests = 2000
max_requests_jitter = 200
# Heartbeat files on tmpfs: a slow disk must not make the arbiter kill workers.
_SHM = "/dev/shm"  # noqa: S108 (gunicorn's documented choice for heartbeats)
worker_tmp_dir = _SHM if os.path.isdir(_SHM) else None
# Django's SECURE_PROXY_SSL_HEADER decides on X-Forwarded-Proto; gunicorn's own
# forwarded-IP trust stays at its default (127.0.0.1) unless this is set.
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")
# Several instances may share a host: only open the control socket when asked.
control_socket_disable = not os.environ.get("GUNICORN_CONTROL_SOCKET")
if os.environ.get("GUNICORN_CONTROL_SOCKET"):
    control_socket = os.environ["GUNICORN_CONTROL_SOCKET"]
accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
capture_output = False
