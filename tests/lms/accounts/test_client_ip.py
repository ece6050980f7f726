"""The one client-IP policy (lms.accounts.client_ip): REMOTE_ADDR unless our proxies
are trusted, never a 500 for a header that did not come through them."""

import pytest
from django.test import RequestFactory

from lms.accounts.client_ip import get_client_ip, get_rate_limit_ip


def request_from(remote="192.0.2.5", **headers):
    return RequestFactory().get("/", REMOTE_ADDR=remote, **headers)


def test_without_trusted_proxies_the_forwarded_header_is_ignored(settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 0
    request = request_from(HTTP_X_FORWARDED_FOR="203.0.113.9")
    assert get_client_ip(request) == "192.0.2.5"


def test_with_one_trusted_proxy_the_address_it_saw_counts(settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    request = request_from(HTTP_X_FORWARDED_FOR="203.0.113.9, 198.51.100.7")
    assert get_client_ip(request) == "198.51.100.7"
    # A request without the header reached us directly: its own address counts.
    assert get_client_ip(request_from()) == "192.0.2.5"


def test_a_header_shorter_than_the_proxy_chain_gives_no_address(settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 2
    assert get_client_ip(request_from(HTTP_X_FORWARDED_FOR="203.0.113.9")) is None


def test_a_trusted_client_ip_header_is_read(settings):
    settings.ALLAUTH_TRUSTED_CLIENT_IP_HEADER = "X-Real-IP"
    request = request_from(HTTP_X_REAL_IP="198.51.100.8")
    assert get_client_ip(request) == "198.51.100.8"


@pytest.mark.parametrize("remote", ["", "not-an-address"])
def test_no_usable_address_is_none(remote):
    assert get_client_ip(request_from(remote)) is None
    assert get_rate_limit_ip(request_from(remote)) is None
    assert get_client_ip(None) is None


def test_rate_limits_count_an_ipv6_allocation_as_one_client(settings):
    settings.ALLAUTH_RATE_LIMIT_IPV6_PREFIX = 64
    one = get_rate_limit_ip(request_from("2001:db8:1:2::7"))
    same = get_rate_limit_ip(request_from("2001:db8:1:2:ffff::1"))
    other = get_rate_limit_ip(request_from("2001:db8:1:3::7"))
    assert one == same == "2001:db8:1:2::"
    assert other != one
    assert get_rate_limit_ip(request_from("192.0.2.5")) == "192.0.2.5"
