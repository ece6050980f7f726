"""The programme's letterhead as the PDFs print it: its name and second line in
each language and its seal image, from ``CertificateSettings``. Read by the
certificate and transcript drawings; kept in the cache until the settings change.
"""

# Why the cache: the settings row would otherwise be one more query per PDF. The
# entry is dropped when the settings are saved (CertificateSettings.save) and
# expires after five minutes, so a seal image replaced in place is seen too.

from __future__ import annotations

from dataclasses import dataclass

from django.core.cache import cache

from certificates.models import LETTERHEAD_CACHE_KEY, CertificateSettings

DEFAULT_NAME = "Puente"


@dataclass(frozen=True)
class Letterhead:
    name_en: str = DEFAULT_NAME
    name_es: str = DEFAULT_NAME
    line_en: str = ""
    line_es: str = ""
    seal_file: str = ""  # the seal image's file name in storage, or "" (drawn seal)
    seal_hash: str = ""
    logo_file: str = ""  # the settings' logo today (certificates print their snapshot)
    logo_hash: str = ""

    def name(self, language: str) -> str:
        return self.name_es if language == "es" else self.name_en

    def line(self, language: str) -> str:
        return self.line_es if language == "es" else self.line_en

    def names(self, language: str) -> list[str]:
        """The name in the variant's language, or English then Spanish (once if
        they are the same)."""
        if language != "both":
            return [self.name(language)]
        return list(dict.fromkeys([self.name_en, self.name_es]))

    def lines(self, language: str) -> list[str]:
        found = (
            [self.line_en, self.line_es]
            if language == "both"
            else [self.line(language)]
        )
        return [line for line in dict.fromkeys(found) if line]


def from_settings(settings: CertificateSettings) -> Letterhead:
    name_en = settings.programme_name_en.strip()
    name_es = settings.programme_name_es.strip()
    seal, logo = settings.seal, settings.logo
    return Letterhead(
        name_en=name_en or name_es or DEFAULT_NAME,
        name_es=name_es or name_en or DEFAULT_NAME,
        line_en=settings.letterhead_line_en.strip()
        or settings.letterhead_line_es.strip(),
        line_es=settings.letterhead_line_es.strip()
        or settings.letterhead_line_en.strip(),
        seal_file=seal.file.name if seal else "",
        seal_hash=(seal.file_hash or "") if seal else "",
        logo_file=logo.file.name if logo else "",
        logo_hash=(logo.file_hash or "") if logo else "",
    )


def current_letterhead() -> Letterhead:
    letterhead = cache.get(LETTERHEAD_CACHE_KEY)
    if not isinstance(letterhead, Letterhead):
        letterhead = from_settings(
            CertificateSettings.objects.select_related("seal", "logo").first()
            or CertificateSettings()
        )
        cache.set(LETTERHEAD_CACHE_KEY, letterhead, 300)
    return letterhead
