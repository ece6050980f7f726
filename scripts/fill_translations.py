"""Fill empty Spanish entries of the catalogue from a Python dict file (msgid → msgstr).

Used while writing translations in bulk: ``python scripts/fill_translations.py FILE``
where FILE defines ``T = {...}``. Entries already translated are left alone.
"""

import runpy
import sys
from pathlib import Path

import polib

PO = (
    Path(__file__).resolve().parent.parent
    / "locale"
    / "es"
    / "LC_MESSAGES"
    / "django.po"
)


def main(path: str) -> int:
    table = runpy.run_path(path)["T"]
    catalogue = polib.pofile(str(PO))
    filled = 0
    for entry in catalogue:
        if entry.msgid in table and (not entry.msgstr or entry.fuzzy):
            entry.msgstr = table[entry.msgid]
            if entry.fuzzy:
                entry.flags.remove("fuzzy")
            filled += 1
    catalogue.save()
    left = [e.msgid for e in catalogue if not e.translated()]
    print(f"filled {filled}; still untranslated: {len(left)}")
    for msgid in left:
        print(f"  {msgid!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
