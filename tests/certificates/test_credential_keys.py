"""The issuer's keys: ``manage.py issuer_keys generate|list|rotate`` writes an
owner-only key file, rotation keeps earlier credentials verifiable (old public keys
stay published, their private halves are dropped), and a site with no usable key
is refused by the system check (certificates.E001)."""

import json
import stat

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import override_settings

from certificates.credentials.checks import check_issuer_key
from certificates.credentials.keys import get_key_set
from certificates.credentials.signing import get_signed_credential
from certificates.credentials.verifying import verify_token
from certificates.models import Certificate

pytestmark = pytest.mark.django_db


def run(*args):
    from io import StringIO

    out = StringIO()
    call_command("issuer_keys", *args, stdout=out)
    return out.getvalue()


def test_generate_writes_an_owner_only_key_file(tmp_path):
    path = tmp_path / "keys" / "issuer-keys.json"
    output = run("generate", "--file", str(path))
    assert "Active key" in output
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    keys = json.loads(path.read_text())["keys"]
    assert len(keys) == 1 and keys[0]["status"] == "active" and keys[0]["d"]
    with pytest.raises(CommandError, match="rotate"):
        run("generate", "--file", str(path))


def test_rotation_keeps_earlier_credentials_verifiable(tmp_path, certificate, client):
    path = tmp_path / "issuer-keys.json"
    run("generate", "--file", str(path))
    with override_settings(
        PUENTE_ISSUER_KEYS_FILE=str(path), PUENTE_ISSUER_KEYS_EPHEMERAL=False
    ):
        before, _offline = get_signed_credential(certificate)
        old_kid = get_key_set().active.kid
        run("rotate", "--file", str(path))
        get_key_set.cache_clear()
        keys = json.loads(path.read_text())["keys"]
        assert [k["status"] for k in keys] == ["active", "retired"]
        assert "d" not in keys[1] and keys[1]["kid"] == old_kid
        assert get_key_set().active.kid != old_kid
        # The old credential still verifies; the published set has both keys.
        assert verify_token(before).valid
        published = client.get("/.well-known/jwks.json").json()["keys"]
        assert len(published) == 2
        Certificate.objects.filter(pk=certificate.pk).update(
            credential_jws="", offline_jws=""
        )
        certificate.refresh_from_db()
        after, _offline = get_signed_credential(certificate)
        assert verify_token(after).valid and after != before
        listing = run("list")
        assert (
            old_kid in listing and "retired" in listing and "public key only" in listing
        )


def test_rotate_and_generate_can_print_for_a_secret_store(tmp_path):
    printed = run("generate", "--stdout")
    data = json.loads(printed[: printed.rindex("}") + 1])
    assert data["keys"][0]["d"]
    assert not list(tmp_path.iterdir())


@override_settings(
    PUENTE_ISSUER_KEYS_EPHEMERAL=False,
    PUENTE_ISSUER_KEYS_FILE="",
    PUENTE_ISSUER_KEYS="",
)
def test_no_key_is_a_system_check_error():
    errors = check_issuer_key()
    assert [e.id for e in errors] == ["certificates.E001"]
    assert "issuer_keys generate" in errors[0].hint


def test_a_broken_key_file_is_a_system_check_error(tmp_path):
    path = tmp_path / "broken.json"
    path.write_text("{not json")
    with override_settings(
        PUENTE_ISSUER_KEYS_FILE=str(path), PUENTE_ISSUER_KEYS_EPHEMERAL=False
    ):
        assert [e.id for e in check_issuer_key()] == ["certificates.E001"]


def test_retired_keys_alone_cannot_sign(tmp_path):
    path = tmp_path / "issuer-keys.json"
    run("generate", "--file", str(path))
    data = json.loads(path.read_text())
    data["keys"][0].pop("d")
    with override_settings(PUENTE_ISSUER_KEYS=json.dumps(data)):
        assert [e.id for e in check_issuer_key()] == ["certificates.E001"]


def test_the_key_can_come_from_the_environment_variable(tmp_path):
    printed = run("generate", "--stdout")
    text = printed[: printed.rindex("}") + 1]
    with override_settings(PUENTE_ISSUER_KEYS=text, PUENTE_ISSUER_KEYS_EPHEMERAL=False):
        assert check_issuer_key() == []
        assert get_key_set().active.kid == json.loads(text)["keys"][0]["kid"]


def test_every_argument_has_help():
    from certificates.management.commands import issuer_keys, verify_credential

    keys = issuer_keys.Command().create_parser("manage.py", "issuer_keys")
    text = " ".join(keys.format_help().split())
    for phrase in (
        "Create a new key set",
        "Add a new active key",
        "Show the configured",
    ):
        assert phrase in text
    # Each action's own arguments.
    for action in ("generate", "rotate"):
        sub = " ".join(
            keys.parse_args([action]).__dict__.keys()
        )  # parses, so the subcommand exists
        assert "file" in sub and "to_stdout" in sub
    verify = verify_credential.Command().create_parser("manage.py", "verify_credential")
    text = " ".join(verify.format_help().split())
    for phrase in (
        "offline payload or PDF",
        "JWK set downloaded",
        "status list",
        "Language of the report",
    ):
        assert phrase in text
