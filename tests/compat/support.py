"""What a compat test says when an upgrade breaks a private API we rely on: the
version requirements.txt pins, the one installed, and which wrapper to mend."""

from importlib.metadata import version
from pathlib import Path

REQUIREMENTS = Path(__file__).resolve().parents[2] / "requirements.txt"


def pinned(distribution: str) -> str:
    """The version requirements.txt pins for ``distribution`` (extras ignored)."""
    for line in REQUIREMENTS.read_text().splitlines():
        name, separator, pin = line.split("#")[0].partition("==")
        if separator and name.split("[")[0].strip().lower() == distribution.lower():
            return pin.strip()
    raise LookupError(f"{distribution} is not pinned in requirements.txt")


def relied_on(distribution: str, wrapper: str, what: str) -> str:
    return (
        f"{what}: {wrapper} relies on this as {distribution}=={pinned(distribution)} "
        f"(requirements.txt) has it; installed {distribution} is "
        f"{version(distribution)}. The upgrade changed it: mend {wrapper}, "
        "then this test."
    )
