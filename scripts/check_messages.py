"""Fail when the Spanish catalogue misses a string the code uses.

With GNU gettext present (CI installs it), re-extracts messages into the catalogue
first (``makemessages``), so a new ``_()`` or ``{% translate %}`` without Spanish fails.
Without gettext, checks the committed catalogue only and says so.
"""

import re
import shutil
import subprocess
import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
PO = ROOT / "locale" / "es" / "LC_MESSAGES" / "django.po"


def main() -> int:
    if shutil.which("xgettext"):
        subprocess.run(
            [
                sys.executable,
                "manage.py",
                "makemessages",
                "-l",
                "es",
                "--no-location",
                "--no-obsolete",
                "--ignore=.venv/*",
                "--ignore=node_modules/*",
                "--ignore=staticfiles/*",
                "--ignore=tests/*",
                "--ignore=scripts/*",
            ],
            cwd=ROOT,
            check=True,
            stdout=subprocess.DEVNULL,
        )
    else:
        print(
            "check_messages: GNU gettext not found; checking the committed "
            "catalogue only (install gettext to re-extract)."
        )
    catalogue = polib.pofile(str(PO))
    # Every plural form the header declares (Spanish has three since CLDR 42: one,
    # many for millions, other); polib counts only the forms present, and a missing
    # "other" form shows English for 2, 3, 4… (n = 3 picks form 2).
    forms = int(re.search(r"nplurals=(\d+)", catalogue.metadata["Plural-Forms"])[1])
    missing = [
        e
        for e in catalogue
        if not e.obsolete
        and (
            not e.translated()
            or e.fuzzy
            or (
                e.msgid_plural and not all(e.msgstr_plural.get(i) for i in range(forms))
            )
        )
    ]
    for entry in missing:
        print(f"  untranslated: {entry.msgid!r}")
    if missing:
        print(
            f"check_messages: {len(missing)} string(s) lack Spanish in "
            f"{PO.relative_to(ROOT)}"
        )
        return 1
    print(
        f"check_messages: {len(catalogue.translated_entries())} strings, all translated"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
