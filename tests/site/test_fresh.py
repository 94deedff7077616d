"""Per-visitor values in cached pages: the fast CSRF token, cookie and gzip pieces agree with Django and zlib."""

import gzip
import os
import re
import zlib

import pytest
import time_machine
from django.http import HttpResponse
from django.middleware.csrf import (
    CSRF_ALLOWED_CHARS,
    CSRF_SECRET_LENGTH,
    CSRF_TOKEN_LENGTH,
    CsrfViewMiddleware,
    _unmask_cipher_token,
)
from django.test import RequestFactory

from core import fresh

TOKEN = re.compile(rf"[{re.escape(CSRF_ALLOWED_CHARS)}]{{{CSRF_TOKEN_LENGTH}}}")


@pytest.fixture
def request_without_cookie():
    return RequestFactory().get("/contact/")


def test_a_new_visitor_gets_a_new_secret_and_a_token_that_unmasks_to_it(request_without_cookie):
    token = fresh.csrf_token(request_without_cookie)
    secret = request_without_cookie.META["CSRF_COOKIE"]
    assert TOKEN.fullmatch(token)
    assert len(secret) == CSRF_SECRET_LENGTH
    assert set(secret) <= set(CSRF_ALLOWED_CHARS)
    assert _unmask_cipher_token(token) == secret
    assert request_without_cookie.META["CSRF_COOKIE_NEEDS_UPDATE"] is True


def test_a_returning_visitor_keeps_their_secret_under_a_new_mask():
    request = RequestFactory().get("/contact/")
    request.META["CSRF_COOKIE"] = secret = "aZ09" * 8
    tokens = {fresh.csrf_token(request) for _ in range(50)}
    assert len(tokens) == 50
    assert {_unmask_cipher_token(token) for token in tokens} == {secret}
    assert request.META["CSRF_COOKIE"] == secret


def test_tokens_are_accepted_by_djangos_csrf_middleware():
    request = RequestFactory().get("/contact/")
    token = fresh.csrf_token(request)
    post = RequestFactory().post("/contact/", {"csrfmiddlewaretoken": token})
    post.COOKIES["csrftoken"] = request.META["CSRF_COOKIE"]
    middleware = CsrfViewMiddleware(lambda request: HttpResponse())
    middleware.process_request(post)
    assert middleware.process_view(post, lambda request: None, (), {}) is None  # None: accepted


def test_random_characters_cover_the_whole_alphabet_evenly():
    counts = dict.fromkeys(CSRF_ALLOWED_CHARS.encode(), 0)
    for _ in range(2000):
        for char in fresh._random_indices(CSRF_SECRET_LENGTH).translate(fresh._SUM_TO_CHAR):
            counts[char] += 1
    expected = 2000 * CSRF_SECRET_LENGTH / len(CSRF_ALLOWED_CHARS)  # about 1032 each
    # Bytes 248-255 are dropped; were they kept, "a" to "h" would come about 1250 times each.
    assert all(0.85 * expected < count < 1.15 * expected for count in counts.values()), counts


def test_the_cookie_is_the_one_djangos_middleware_sets(settings):
    settings.CSRF_COOKIE_SECURE = True
    settings.CSRF_COOKIE_SAMESITE = "Strict"
    request = RequestFactory().get("/contact/")
    request.META.update(CSRF_COOKIE="s" * 32, CSRF_COOKIE_NEEDS_UPDATE=True)
    with time_machine.travel(1_800_000_000, tick=False):
        djangos = CsrfViewMiddleware(lambda request: None).process_response(request, HttpResponse())
        request.META["CSRF_COOKIE_NEEDS_UPDATE"] = True
        ours = HttpResponse()
        fresh.set_csrf_cookie(request, ours)
    assert ours.cookies.output() == djangos.cookies.output()
    assert dict(ours.cookies["csrftoken"]) == dict(djangos.cookies["csrftoken"])
    assert request.META["CSRF_COOKIE_NEEDS_UPDATE"] is False


def test_no_cookie_when_the_page_showed_no_token():
    response = HttpResponse()
    fresh.set_csrf_cookie(RequestFactory().get("/"), response)
    assert not response.cookies


@pytest.mark.parametrize("length", [0, 1, 7, 255, 4096, 70_000])
def test_crc_shift_tables_carry_a_running_crc_across_a_segment(length):
    segment = os.urandom(length)
    for running in (0, 1, 0xFFFFFFFF, zlib.crc32(b"prefix")):
        t0, t1, t2, t3 = fresh._crc_shift_tables(length)
        shifted = t0[running & 0xFF] ^ t1[(running >> 8) & 0xFF] ^ t2[(running >> 16) & 0xFF] ^ t3[running >> 24]
        assert zlib.crc32(segment) ^ shifted == zlib.crc32(segment, running)


PAGE = (
    b"<!DOCTYPE html><title>Form</title>" + b"<p>Unchanging text.</p>" * 500 + b'<form method="post">'
    b'<input type="hidden" name="csrfmiddlewaretoken" value="first-visitors-token">'
    b"<p>Between the inputs.</p>"
    b'<input type="hidden" name="started" value="first-visitors-time"></form>' + b"<p>Footer.</p>" * 300
)


@pytest.fixture
def started_input(monkeypatch):
    monkeypatch.setitem(fresh.FRESH_INPUTS, "started", lambda request: 'time-&-"of"-this-visitor')


def test_a_page_without_fresh_inputs_has_nothing_cut():
    assert fresh.cut_fresh_inputs(b"<p>No form here.</p>") == (b"<p>No form here.</p>", False)


def split(page, compress):
    cut, found = fresh.cut_fresh_inputs(page)
    assert found
    return fresh.split_page(cut, compress=compress)


@pytest.mark.parametrize("compress", [False, True])
def test_a_split_page_is_put_together_with_this_visitors_values(compress, started_input):
    page = split(PAGE, compress)
    request = RequestFactory().get("/")
    body = fresh.render_page(request, page, compress)
    html = gzip.decompress(body) if compress else body
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1).decode()
    assert _unmask_cipher_token(token) == request.META["CSRF_COOKIE"]
    assert b'name="started" value="time-&amp;-&quot;of&quot;-this-visitor"' in html  # escaped
    assert b"first-visitor" not in html
    expected = PAGE.replace(b"first-visitors-token", token.encode()).replace(
        b"first-visitors-time", b"time-&amp;-&quot;of&quot;-this-visitor"
    )
    assert html == expected
    if compress:
        assert len(body) < len(PAGE) / 10
        assert token.encode() in body  # stored, not compressed


def test_a_split_page_naming_an_unregistered_input_cannot_be_put_together(started_input, monkeypatch):
    page = split(PAGE, compress=True)
    monkeypatch.delitem(fresh.FRESH_INPUTS, "started")
    assert fresh.render_page(RequestFactory().get("/"), page, compress=True) is None


def test_values_longer_than_one_stored_block_are_split_across_blocks(monkeypatch):
    long_value = "x" * 70_000
    monkeypatch.setitem(fresh.FRESH_INPUTS, "started", lambda request: long_value)
    page = split(PAGE, compress=True)
    html = gzip.decompress(fresh.render_page(RequestFactory().get("/"), page, compress=True))
    assert f'name="started" value="{long_value}"'.encode() in html


def test_a_page_showing_the_secret_outside_the_cut_inputs_is_recognised():
    request = RequestFactory().get("/")
    token = fresh.csrf_token(request)
    secret = request.META["CSRF_COOKIE"]
    form = f'<input type="hidden" name="csrfmiddlewaretoken" value="{token}">'.encode()
    cut, _found = fresh.cut_fresh_inputs(form)
    assert not fresh.reveals_csrf_secret(cut, secret)
    assert fresh.reveals_csrf_secret(cut + f'<meta name="csrf-token" content="{token}">'.encode(), secret)
    assert fresh.reveals_csrf_secret(cut + f"<script>const csrf = '{secret}';</script>".encode(), secret)
    other = fresh.csrf_token(RequestFactory().get("/"))
    assert not fresh.reveals_csrf_secret(cut + f'<meta content="{other}">'.encode(), secret)
    assert _unmask_cipher_token(token) == fresh._unmask(token.encode()).decode()
