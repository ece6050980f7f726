"""The signed credential inside a certificate's PDF: attached as an embedded file
(``<serial>-credential.json``, the enveloped credential) after the page is drawn,
byte for byte the same for the same input; and read back by the verifier. Called by
``certificates.services.files`` and ``certificates.credentials.reading``.
"""

from __future__ import annotations

import io

from pypdf import PdfReader, PdfWriter
from pypdf.errors import PdfReadError, PyPdfError

ATTACHMENT_SUFFIX = "-credential.json"


def attach_credential(pdf: bytes, filename: str, content: bytes) -> bytes:
    """``pdf`` with ``content`` embedded as ``filename``. The writer keeps the
    drawn file's fixed /ID and adds no dates, so the result is deterministic."""
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    writer.add_attachment(filename, content)
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()


def credential_attachments(pdf: bytes) -> list[bytes]:
    """The embedded credential files of a PDF (empty when it carries none);
    ValueError when ``pdf`` is not a readable PDF."""
    try:
        attachments = PdfReader(io.BytesIO(pdf)).attachments
        return [
            data
            for name in sorted(attachments)
            if name.endswith(ATTACHMENT_SUFFIX)
            for data in attachments[name]
        ]
    except (
        PdfReadError,
        PyPdfError,
        OSError,
        ValueError,
        KeyError,
        TypeError,
    ) as error:
        raise ValueError("not a readable PDF") from error
