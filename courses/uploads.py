"""Upload hardening for the admin's image and document forms.

Images are re-encoded through Pillow before they are stored, keeping the pixels
(turned upright) and dropping every metadata block: EXIF with its GPS position,
camera serial and time, XMP, comments. A photo taken during a case must not say
where. Documents get a size limit with a clear message; their allowed extensions
and download-only serving are settings (``WAGTAILDOCS_EXTENSIONS``,
``WAGTAILDOCS_INLINE_CONTENT_TYPES``). Wired in by ``WAGTAILIMAGES_IMAGE_FORM_BASE``
and ``WAGTAILDOCS_DOCUMENT_FORM_BASE`` (lms/settings/base.py), so every admin upload
path (single, multiple, replace) goes through them. Pictures over a megapixel limit
(``WAGTAILIMAGES_MAX_IMAGE_PIXELS``) are refused with their size and the limit.
"""

from io import BytesIO

from django import forms
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps
from wagtail.documents.forms import BaseDocumentForm
from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm

# What an image keeps of Pillow's ``info``: how to draw it, nothing about who,
# where or when.
KEPT_INFO = frozenset({"transparency", "duration", "loop", "background", "dpi"})
JPEG_MODES = frozenset({"1", "L", "RGB", "CMYK"})
# How Pillow says a file is not a picture it can decode. ``SyntaxError`` is its
# "broken file" signal from inside the pixel data (a garbled PNG chunk), which the
# upload field, reading only the header, lets through.
UNREADABLE = (OSError, SyntaxError, ValueError, Image.DecompressionBombError)


def document_max_upload_size() -> int:
    """Largest document accepted, in bytes: ``PUENTE_DOCUMENT_MAX_UPLOAD_SIZE``."""
    return int(getattr(settings, "PUENTE_DOCUMENT_MAX_UPLOAD_SIZE", 50 * 1024 * 1024))


def reencode_image(upload) -> ContentFile:
    """The upload's pixels in its own format, without any metadata."""
    upload.seek(0)
    with Image.open(upload) as original:
        image_format = original.format
        frames = getattr(original, "n_frames", 1)
        original.load()
        image = original if frames > 1 else ImageOps.exif_transpose(original)
        image.info = {k: v for k, v in original.info.items() if k in KEPT_INFO}
        options = {}
        if frames > 1:
            options["save_all"] = True
        if image_format == "JPEG":
            if image.mode not in JPEG_MODES:
                image = image.convert("RGB")
            options.update(quality=92, optimize=True)
        elif image_format == "WEBP":
            options.update(quality=90)
        out = BytesIO()
        image.save(out, format=image_format, **options)
    return ContentFile(out.getvalue(), name=upload.name)


class ImageField(WagtailImageField):
    """Wagtail's image field, refusing with its message what Pillow cannot decode.

    Wagtail reads the pixel size through Willow, which decodes the whole picture,
    and lets Pillow's errors for a picture broken inside its pixels escape (a 500).
    """

    def check_image_pixel_size(self, f):
        self.check_megapixels(f)
        try:
            super().check_image_pixel_size(f)
        except UNREADABLE as error:
            raise forms.ValidationError(
                self.error_messages["invalid_image"], code="invalid_image"
            ) from error

    def check_megapixels(self, f):
        """Refuse, with its size and the limit, a picture over
        ``WAGTAILIMAGES_MAX_IMAGE_PIXELS`` (every frame counts): its renditions
        would cost minutes of a server. Reads the header only."""
        limit = self.max_image_pixels
        if not limit:
            return
        try:
            width, height = f.image.get_size()
            pixels = width * height * max(1, f.image.get_frame_count())
        except UNREADABLE:
            return  # Wagtail's own check says it cannot be read
        if pixels > limit:
            raise forms.ValidationError(
                _(
                    "This image is %(width)s × %(height)s pixels (%(megapixels)s "
                    "megapixels); images can be at most %(limit)s megapixels. "
                    "Please make it smaller and upload it again."
                )
                % {
                    "width": width,
                    "height": height,
                    "megapixels": number_format(pixels / 1_000_000, 1),
                    "limit": number_format(limit / 1_000_000, 0),
                },
                code="file_too_many_pixels",
            )


class ImageForm(BaseImageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Wagtail builds the field (formfield_for_dbfield) with its settings, label
        # and widget; only its pixel-size check changes.
        file_field = self.fields.get("file")
        if type(file_field) is WagtailImageField:
            file_field.__class__ = ImageField

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if isinstance(upload, UploadedFile):
            try:
                return reencode_image(upload)
            except UNREADABLE as error:
                raise forms.ValidationError(
                    _(
                        "This image could not be read. Please upload a JPEG, PNG, "
                        "GIF or WebP file."
                    ),
                    code="invalid_image",
                ) from error
        return upload


class DocumentForm(BaseDocumentForm):
    def clean_file(self):
        upload = self.cleaned_data.get("file")
        limit = document_max_upload_size()
        if isinstance(upload, UploadedFile) and upload.size > limit:
            raise forms.ValidationError(
                _("This file is %(size)s; documents can be at most %(limit)s.")
                % {
                    "size": filesizeformat(upload.size),
                    "limit": filesizeformat(limit),
                },
                code="file_too_large",
            )
        return upload
