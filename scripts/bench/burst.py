"""``make bench-burst``: a cohort of 300 learners starting a course at once, on the
production shape. See docs/performance.md, "Cohort-start burst".

A fresh PostgreSQL database (``puente_burst``, dropped and created), Redis db 13
(flushed) as the cache, migrate, ``seed_bench`` (one course) and
``burst_db.py setup`` (the cohort); two gunicorn app servers (2 workers each,
``lms.settings.bench``) on 127.0.0.1:8801 and :8802 behind ``balancer.py`` on :8800,
and one ``manage.py db_worker``. Locust, headless, ramps the learners over
``--ramp`` seconds (``burst_locustfile.py``: each signs in through the real form and
walks course, lessons and quiz once), within ``--run-time``. Then the worker drains
the queue, ``burst_db.py check`` reads the rows, and peak RSS per process (sampled
from /proc every 0.25 s) is reported. Prints one markdown table and writes it, the
JSON and the server logs under artifacts/bench-burst/.
"""

from __future__ import annotations

import argparse
import contextlib
import http.client
import json
import os
import signal
import subprocess
import sys
import threading
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HERE = ROOT / "scripts" / "bench"
OUT = ROOT / "artifacts" / "bench-burst"
BIN = ROOT / ".venv" / "bin"
PY = str(BIN / "python")
LB_PORT, APP_PORTS = 8800, (8801, 8802)
PG_DB = "puente_burst"
REDIS_DB = 13
DRAIN_LIMIT = 300  # seconds the worker may take to empty the queue after the load

_T0 = time.monotonic()


def log(message: str) -> None:
    print(
        f"burst [{time.monotonic() - _T0:6.1f}s]: {message}",
        file=sys.stderr,
        flush=True,
    )


def run(cmd: list[str], env: dict, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(cmd, env=env, cwd=ROOT, check=True, **kwargs)


def psql(user: str, sql: str, database: str = "postgres") -> str:
    return subprocess.run(
        ["psql", "-h", "127.0.0.1", "-qtAX", "-v", "ON_ERROR_STOP=1"]
        + ["-U", user, "-d", database, "-c", sql],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()


def fresh_environment() -> dict:
    """Environment of every process, on a newly created ``puente_burst`` and a
    flushed Redis db 13."""
    if subprocess.run(["pg_isready", "-h", "127.0.0.1", "-q"]).returncode != 0:
        raise SystemExit("PostgreSQL does not answer on 127.0.0.1:5432")
    if not psql("postgres", "SELECT 1 FROM pg_roles WHERE rolname = 'puente'"):
        psql("postgres", "CREATE ROLE puente LOGIN CREATEDB")  # as .ci/run does
    psql("puente", f"DROP DATABASE IF EXISTS {PG_DB} WITH (FORCE)")
    psql("puente", f"CREATE DATABASE {PG_DB} OWNER puente")
    flushed = subprocess.run(
        ["redis-cli", "-h", "127.0.0.1", "-n", str(REDIS_DB), "flushdb"],
        capture_output=True,
        text=True,
        check=False,
    )
    if flushed.stdout.strip() != "OK":
        raise SystemExit(f"Redis db {REDIS_DB} on 127.0.0.1:6379 did not flush")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "lms.settings.bench",
        "PYTHONPATH": str(ROOT),
        "DATABASE_URL": f"postgres://puente@127.0.0.1:5432/{PG_DB}",
        "REDIS_URL": f"redis://127.0.0.1:6379/{REDIS_DB}",
    }
    return env


# Processes -----------------------------------------------------------------------


def start(name: str, cmd: list[str], env: dict, logs: Path) -> subprocess.Popen:
    out = (logs / f"{name}.log").open("w")
    return subprocess.Popen(
        cmd,
        env=env,
        cwd=ROOT,
        stdout=out,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


def stop(process: subprocess.Popen, timeout: float = 30) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def healthy(port: int) -> bool:
    try:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
        connection.request("GET", "/healthz")
        status = connection.getresponse().status
        connection.close()
        return status == 200
    except OSError:
        return False


def wait_healthy(port: int, processes: list[subprocess.Popen]) -> None:
    for _ in range(120):
        if healthy(port):
            return
        if any(p.poll() is not None for p in processes):
            raise SystemExit(f"a server exited before :{port} answered; see logs")
        time.sleep(0.5)
    raise SystemExit(f":{port} did not answer /healthz")


class MemorySampler(threading.Thread):
    """Peak VmRSS of every process under each named root, every ``interval`` s."""

    def __init__(self, roots: dict[str, int], interval: float = 0.25):
        super().__init__(daemon=True)
        self.roots, self.interval = roots, interval
        self.peaks: dict[str, dict] = {}
        self.done = threading.Event()

    @staticmethod
    def _children(pid: int) -> list[int]:
        found = []
        for task in Path(f"/proc/{pid}/task").glob("*/children"):
            with contextlib.suppress(OSError):
                found += [int(c) for c in task.read_text().split()]
        return found

    @staticmethod
    def _cpu_s(pid: int) -> float:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            return 0.0
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    @staticmethod
    def _rss_kb(pid: int) -> int:
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
        except OSError:
            pass
        return 0

    def sample(self) -> None:
        for name, root in list(self.roots.items()):
            # gunicorn's root is its master, the master's children its workers.
            pending = [(root, name)]
            while pending:
                pid, label = pending.pop()
                rss = self._rss_kb(pid)
                if rss:
                    entry = self.peaks.setdefault(f"{label} (pid {pid})", {"kb": 0})
                    entry["kb"] = max(entry["kb"], rss)
                    entry["cpu"] = self._cpu_s(pid)
                for child in self._children(pid):
                    pending.append((child, f"{name} worker"))

    def run(self) -> None:
        while not self.done.is_set():
            self.sample()
            time.sleep(self.interval)

    def result(self) -> dict[str, dict]:
        """Peak RSS (MB) and CPU seconds used until last seen, per process."""
        return {
            k: {"rss_mb": round(v["kb"] / 1024, 1), "cpu_s": round(v["cpu"], 1)}
            for k, v in sorted(self.peaks.items())
        }


def queue_left() -> int:
    return int(
        psql(
            "puente",
            "SELECT count(*) FROM django_tasks_database_dbtaskresult "
            "WHERE status IN ('READY', 'RUNNING')",
            PG_DB,
        )
    )


# Results ------------------------------------------------------------------------


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return 0.0
    rank = max(0, min(len(ordered) - 1, round(share * len(ordered) + 0.5) - 1))
    return ordered[rank]


def summarise(load: dict) -> dict:
    """Per step: requests, errors, p50/p95/p99 ms (exact, from every request)."""
    steps: dict[str, dict] = {}
    starts = [r[0] for r in load["requests"]]
    for _start, name, ms, error in load["requests"]:
        step = steps.setdefault(name, {"ms": [], "errors": 0})
        step["ms"].append(ms)
        step["errors"] += error is not None
    rows = {}
    for name in sorted(steps):
        ms = steps[name]["ms"]
        rows[name] = {
            "requests": len(ms),
            "errors": steps[name]["errors"],
            "p50_ms": round(percentile(ms, 0.50), 1),
            "p95_ms": round(percentile(ms, 0.95), 1),
            "p99_ms": round(percentile(ms, 0.99), 1),
            "max_ms": round(max(ms), 1),
        }
    journeys = [j["seconds"] * 1000 for j in load["journeys"] if j["ok"]]
    span = (max(starts) - min(starts)) if starts else 0
    return {
        "steps": rows,
        "requests": len(load["requests"]),
        "errors": sum(r["errors"] for r in rows.values()),
        "span_s": round(span, 1),
        "rps": round(len(load["requests"]) / span, 1) if span else 0,
        "learners_started": sum(r[1] == "01 sign-in page" for r in load["requests"]),
        "journeys": len(load["journeys"]),
        "journeys_ok": len(journeys),
        "journey_failures": [
            (j["email"], j.get("error")) for j in load["journeys"] if not j["ok"]
        ],
        "journey_p50_s": round(percentile(journeys, 0.5) / 1000, 1)
        if journeys
        else "—",
        "journey_p95_s": round(percentile(journeys, 0.95) / 1000, 1)
        if journeys
        else "—",
    }


def markdown(report: dict) -> str:
    load, rows, memory = report["load"], report["rows"], report["memory_mb"]
    lines = [
        f"Cohort-start burst, {report['started']} (commit {report['commit']}): "
        f"{report['learners']} learners ramped over {report['ramp_s']} s "
        f"(client addresses: {report['addresses']}), {load['learners_started']} "
        f"started, {load['journeys_ok']} finished within the run (journey p50 "
        f"{load['journey_p50_s']} s, p95 {load['journey_p95_s']} s, reading pauses "
        f"included); {load['requests']} requests answered in {load['span_s']} s = "
        f"{load['rps']} req/s through the balancer; {load['errors']} error "
        f"responses. Load average {report['loadavg'][0]} before, "
        f"{report['loadavg'][1]} after.",
        "",
        "| step | requests | errors | p50 ms | p95 ms | p99 ms | max ms |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for name, row in load["steps"].items():
        lines.append(
            f"| {name} | {row['requests']} | {row['errors']} | {row['p50_ms']} | "
            f"{row['p95_ms']} | {row['p99_ms']} | {row['max_ms']} |"
        )
    tasks = ", ".join(
        f"{name}: " + " ".join(f"{s.lower()} {n}" for s, n in sorted(by.items()))
        for name, by in sorted(rows["tasks"].items())
    )
    lines += [
        "",
        "| row check | value |",
        "|---|---|",
        f"| attempts (graded / in progress) | {rows['attempts']} "
        f"({rows['attempts_graded']} / {rows['attempts_in_progress']}) |",
        f"| submits answered to the load ({rows['journeys_submitted']}) whose attempt "
        f"is not graded | {len(rows['submitted_not_graded_once'])} |",
        f"| graded attempts whose pass/fail is not what was answered | "
        f"{len(rows['graded_pass_not_as_answered'])} |",
        f"| enrollments with more than one attempt | "
        f"{rows['enrollments_with_several_attempts']} |",
        f"| graded attempts passed | {rows['attempts_passed']} |",
        f"| course completions (expected: one per pass) | {rows['completions']} "
        f"({rows['completions_expected']}) |",
        f"| completions without exactly one certificate | "
        f"{len(rows['completions_without_one_certificate'])} |",
        f"| certificates (without a completion) | {rows['certificates']} "
        f"({rows['certificates_without_completion']}) |",
        f"| worker queue drained after the load | {report['drain_s']} s |",
        f"| tasks | {tasks} |",
        f"| connections per app server (balancer) | {report['balancer']} |",
        "",
        "| process | peak RSS MB | CPU s |",
        "|---|---:|---:|",
    ]
    lines += [
        f"| {name} | {m['rss_mb']} | {m['cpu_s']} |" for name, m in memory.items()
    ]
    return "\n".join(lines)


# The run ------------------------------------------------------------------------


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--learners", type=int, default=300)
    parser.add_argument("--ramp", type=int, default=75, help="seconds (75)")
    parser.add_argument("--run-time", type=int, default=180, help="seconds (180)")
    parser.add_argument(
        "--one-address",
        action="store_true",
        help="every learner from 127.0.0.1 (a class behind one agency NAT), "
        "no X-Forwarded-For",
    )
    args = parser.parse_args()
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    logs = OUT / stamp
    logs.mkdir(parents=True, exist_ok=True)
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    ).stdout.strip()
    env = fresh_environment()
    if not args.one_address:
        # The balancer's X-Forwarded-For, as production configures one proxy.
        env["DJANGO_TRUSTED_PROXY_COUNT"] = "1"
    quiet = {"stdout": subprocess.DEVNULL}
    log(f"migrate {PG_DB}")
    run([PY, "manage.py", "migrate", "--noinput"], env, **quiet)
    run([PY, "manage.py", "update_translation_fields"], env, **quiet)
    if not (ROOT / "artifacts/bench/staticfiles/staticfiles.json").exists():
        run([PY, "manage.py", "collectstatic", "--noinput"], env, **quiet)
    log(f"seed one course, then {args.learners} cohort learners")
    run([PY, "manage.py", "seed_bench", "--learners=1", "--courses=1"], env, **quiet)
    setup_file = logs / "setup.json"
    setup = run(
        [PY, str(HERE / "burst_db.py"), "setup", f"--learners={args.learners}"],
        env,
        capture_output=True,
        text=True,
    ).stdout
    setup_file.write_text(setup)
    lessons = json.loads(setup)["lessons"]

    gunicorn = [str(BIN / "gunicorn"), "-c", str(HERE / "gunicorn_bench.py")]
    servers = {
        f"gunicorn :{port}": start(
            f"gunicorn-{port}",
            [*gunicorn, "lms.wsgi:application"],
            {**env, "BENCH_PORT": str(port)},
            logs,
        )
        for port in APP_PORTS
    }
    balancer_stats = logs / "balancer.json"
    balancer_cmd = [PY, str(HERE / "balancer.py"), "--listen", str(LB_PORT)]
    for port in APP_PORTS:
        balancer_cmd += ["--backend", str(port)]
    servers["balancer"] = start(
        "balancer", [*balancer_cmd, "--stats", str(balancer_stats)], env, logs
    )
    worker_cmd = [PY, "manage.py", "db_worker", "--no-startup-delay"]
    servers["db_worker"] = start("db_worker", worker_cmd, env, logs)
    sampler = MemorySampler({name: p.pid for name, p in servers.items()})
    load_file = logs / "load.json"
    try:
        for port in (*APP_PORTS, LB_PORT):
            wait_healthy(port, list(servers.values()))
        loadavg = [Path("/proc/loadavg").read_text().split()[0]]
        sampler.start()
        log(f"locust: {args.learners} learners over {args.ramp} s")
        locust = start(
            "locust",
            [
                str(BIN / "locust"),
                "-f",
                str(HERE / "burst_locustfile.py"),
                "--headless",
                "--only-summary",
                f"--users={args.learners}",
                f"--spawn-rate={args.learners / args.ramp:.3f}",
                f"--run-time={args.run_time}s",
                "--stop-timeout=10",
                f"--host=http://127.0.0.1:{LB_PORT}",
                f"--csv={logs / 'locust'}",
            ],
            {
                **env,
                "BURST_SETUP": str(setup_file),
                "BURST_OUT": str(load_file),
                "BURST_FORWARDED": "0" if args.one_address else "1",
            },
            logs,
        )
        sampler.roots["locust (load generator)"] = locust.pid
        locust.wait(timeout=args.run_time + 60)
        log("load done; waiting for the worker to drain the queue")
        drained = time.monotonic()
        while queue_left() and time.monotonic() - drained < DRAIN_LIMIT:
            time.sleep(1)
        drain_s = round(time.monotonic() - drained, 1)
        loadavg.append(Path("/proc/loadavg").read_text().split()[0])
        left = queue_left()
    finally:
        sampler.done.set()
        for process in servers.values():
            stop(process)
    load = json.loads(load_file.read_text())
    log("row checks")
    rows = json.loads(
        run(
            [PY, str(HERE / "burst_db.py"), "check", f"--journeys={load_file}"]
            + [f"--lessons={lessons}"],
            env,
            capture_output=True,
            text=True,
        ).stdout
    )
    report = {
        "started": stamp,
        "commit": commit,
        "learners": args.learners,
        "ramp_s": args.ramp,
        "loadavg": loadavg,
        "addresses": "one (127.0.0.1)" if args.one_address else "one per learner",
        "load": summarise(load),
        "rows": rows,
        "drain_s": drain_s if not left else f"not drained: {left} left",
        "balancer": json.loads(balancer_stats.read_text())
        if balancer_stats.exists()
        else None,
        "memory_mb": sampler.result(),
    }
    (OUT / f"{stamp}.json").write_text(json.dumps(report, indent=2))
    table = markdown(report)
    (OUT / f"{stamp}.md").write_text(table + "\n")
    print(table)
    print(f"\nJSON: {(OUT / f'{stamp}.json').relative_to(ROOT)}; logs: {logs}")
    ok = (
        report["load"]["errors"] == 0
        and report["load"]["journeys_ok"] == args.learners
        and not rows["submitted_not_graded_once"]
        and not rows["graded_pass_not_as_answered"]
        and not rows["enrollments_with_several_attempts"]
        and rows["completions"] == rows["completions_expected"]
        and not rows["completions_without_one_certificate"]
        and not left
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
