"""Print a bench JSON (artifacts/bench/*.json) as the Markdown tables in
docs/performance.md: ``python scripts/bench/to_markdown.py artifacts/bench/X.json``."""

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from run import LABELS  # noqa: E402


def cell(value, spec=""):
    return "—" if value is None else format(value, spec)


def table(kind: str, result: dict) -> str:
    counts = result["counts"]
    lines = [
        f"**{kind}** — {counts['learners']} learners, {counts['courses']} courses, "
        f"{counts['enrollments']} enrollments, {counts['lesson_progress']} progress "
        f"rows, {counts['certificates']} certificates",
        "",
        "| measurement | req/s | p50 ms | p95 ms | × ceiling | × stock | queries "
        "| target | result |",
        "|---|---:|---:|---:|---:|---:|---:|---|---|",
    ]
    for row in result["rows"]:
        name = row["name"]
        verdict = {True: "pass", False: "**fail**", None: ""}[row["pass"]]
        if name == "zip":
            verdict += f" ({row['seconds']} s, +{row['mb']} MB, {row['note']})"
        elif name == "csv":
            verdict += (
                f" (first byte {row['first_byte_s']} s, {row['seconds']} s, "
                f"+{row['mb']} MB; {row['note']})"
            )
        elif name == "bulk_approval":
            verdict += f" ({row['seconds']} s; {row['note']})"
        elif row.get("note"):
            verdict += f" ({row['note']})"
        lines.append(
            f"| {LABELS[name]} | {cell(row.get('rps'), '.0f')} | "
            f"{cell(row.get('p50_ms'), '.1f')} | {cell(row.get('p95_ms'), '.1f')} | "
            f"{cell(row.get('ratio'), '.2f')} | {cell(row.get('x_stock'), '.2f')} | "
            f"{cell(row.get('queries'))} | "
            f"{row['target']} | {verdict} |"
        )
    return "\n".join(lines)


def main():
    report = json.loads(Path(sys.argv[1]).read_text())
    print(f"Run `{report['label']}`, {report['started']}\n")
    for kind, result in report["databases"].items():
        print(table(kind, result) + "\n")


if __name__ == "__main__":
    main()
