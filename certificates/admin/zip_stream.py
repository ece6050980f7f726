"""The streamed ZIP of the filtered certificate listing: ``zipfile`` writes into a
small buffer whose bytes are yielded after each PDF, so one PDF at a time is in
memory; every certificate in it is audit-logged under one batch id. Used by the
``certificates_admin:zip`` view and the benchmark.
"""

import uuid
import zipfile

from django.http import StreamingHttpResponse
from django.utils import timezone
from wagtail.log_actions import log

from certificates.admin.filters import filtered_certificates
from certificates.admin.permissions import require_manage
from certificates.services import render_certificate_file


class _ChunkStream:
    """A write-only file for zipfile that hands its bytes to a generator."""

    def __init__(self):
        self.chunks: list[bytes] = []

    def write(self, data) -> int:
        self.chunks.append(bytes(data))
        return len(data)

    def flush(self) -> None:
        pass

    def drain(self) -> bytes:
        data, self.chunks = b"".join(self.chunks), []
        return data


def stream_certificates_zip(certificates, *, user, query: str):
    """Yield a ZIP of the certificates, one PDF in memory at a time."""
    stream = _ChunkStream()
    batch = uuid.uuid4()
    with zipfile.ZipFile(stream, "w", compression=zipfile.ZIP_STORED) as archive:
        for certificate in certificates.iterator(chunk_size=100):
            data = render_certificate_file(certificate)
            info = zipfile.ZipInfo(
                f"{certificate.serial}.pdf",
                date_time=certificate.issued_at.timetuple()[:6],
            )
            archive.writestr(info, data)
            log(
                certificate,
                "certificates.bulk_download",
                user=user,
                uuid=batch,
                data={"filters": query},
            )
            yield stream.drain()
    yield stream.drain()


def download_zip(request):
    require_manage(request)
    certificates = filtered_certificates(request).order_by("serial")
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    response = StreamingHttpResponse(
        stream_certificates_zip(
            certificates, user=request.user, query=request.GET.urlencode()
        ),
        content_type="application/zip",
    )
    response["Content-Disposition"] = f'attachment; filename="certificates-{stamp}.zip"'
    return response
