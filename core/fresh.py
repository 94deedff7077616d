"""Per-visitor values in cached pages: a form page is cached once and still served with fresh tokens.

A page with a form is stored with the values that must differ between visitors cut out: the CSRF token
and any hidden input an app registers with :func:`fresh_input` (the contact form's signed start time).
Each hit fills them in anew and sets the CSRF cookie, as Django's CSRF middleware would.

For clients that accept gzip, the unchanging segments are stored compressed, and a hit joins them with
the fresh values in uncompressed ("stored") deflate blocks, followed by the gzip checksum. The visitor
gets a compressed page without the server compressing anything. On a hit the token is never compressed
next to other text, so the compressed length tells nothing about it (BREACH); like every page Django
renders, the one response that stores the page relies on the token's per-response mask and on
Django's gzip padding instead.

Everything here runs on every cached hit of such a page, where the rest of the work is a dictionary
lookup, so the CSRF token, the cookie and the checksum are made in a few C calls rather than with
Django's per-character loops; tests check the results against Django's own.
"""

import array
import functools
import os
import re
import struct
import time
import zlib

from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.http import HttpResponse
from django.middleware.csrf import CSRF_ALLOWED_CHARS, CSRF_SECRET_LENGTH
from django.utils.html import escape

CSRF_INPUT = "csrfmiddlewaretoken"


# The CSRF token ---------------------------------------------------------------------------------

_ALPHABET = CSRF_ALLOWED_CHARS.encode()
_SIZE = len(_ALPHABET)
# Random bytes from 248 up would make the first characters likelier: they are dropped.
_UNBIASED_LIMIT = 256 - 256 % _SIZE
_BIASED_BYTES = bytes(range(_UNBIASED_LIMIT, 256))
_RANDOM_TO_INDEX = bytes(byte % _SIZE for byte in range(_UNBIASED_LIMIT)).ljust(256, b"\0")
_CHAR_TO_INDEX = bytes(_ALPHABET.index(byte) if byte in _ALPHABET else 0 for byte in range(256))
# Index sums (0..122) back to characters, modulo the alphabet: Django's masking arithmetic.
_SUM_TO_CHAR = bytes(_ALPHABET[value % _SIZE] for value in range(256))


def _random_indices(count):
    """count uniform positions in the alphabet (one byte each), usually from one read of urandom."""
    indices = b""
    while len(indices) < count:
        indices += os.urandom(count + 16).translate(_RANDOM_TO_INDEX, _BIASED_BYTES)
    return indices[:count]


def csrf_token(request):
    """What ``django.middleware.csrf.get_token`` returns, made in C calls rather than per character.

    The visitor's secret (from a valid CSRF cookie, or a new one that is then set as the cookie),
    masked afresh in Django's token format (mask + cipher, cipher = secret + mask per character,
    modulo the alphabet), so that Django's CsrfViewMiddleware accepts it.
    """
    secret = request.META.get("CSRF_COOKIE")
    if secret is None:
        randomness = _random_indices(2 * CSRF_SECRET_LENGTH)
        secret_indices, mask = randomness[:CSRF_SECRET_LENGTH], randomness[CSRF_SECRET_LENGTH:]
        request.META["CSRF_COOKIE"] = secret_indices.translate(_SUM_TO_CHAR).decode()
    else:
        mask = _random_indices(CSRF_SECRET_LENGTH)
        secret_indices = secret.encode().translate(_CHAR_TO_INDEX)
    request.META["CSRF_COOKIE_NEEDS_UPDATE"] = True
    # Each index is below 62, so the byte-wise sums (below 124) never carry into the next byte.
    sums = int.from_bytes(secret_indices, "big") + int.from_bytes(mask, "big")
    cipher = sums.to_bytes(CSRF_SECRET_LENGTH, "big").translate(_SUM_TO_CHAR)
    return (mask.translate(_SUM_TO_CHAR) + cipher).decode()


_ALPHABET_SIZE_IN_EVERY_BYTE = int.from_bytes(bytes([_SIZE]) * CSRF_SECRET_LENGTH, "big")
_TOKEN_LIKE = re.compile(rb"(?<![A-Za-z0-9])[A-Za-z0-9]{%d}(?![A-Za-z0-9])" % (2 * CSRF_SECRET_LENGTH))


def _unmask(token):
    """The secret inside a masked token (Django's _unmask_cipher_token, in C calls)."""
    mask, cipher = token[:CSRF_SECRET_LENGTH], token[CSRF_SECRET_LENGTH:]
    # cipher - mask + 62 lies in 1..123 in every byte: nothing borrows from the next byte.
    difference = (
        int.from_bytes(cipher.translate(_CHAR_TO_INDEX), "big")
        + _ALPHABET_SIZE_IN_EVERY_BYTE
        - int.from_bytes(mask.translate(_CHAR_TO_INDEX), "big")
    )
    return difference.to_bytes(CSRF_SECRET_LENGTH, "big").translate(_SUM_TO_CHAR)


def reveals_csrf_secret(content, secret):
    """Whether the page still shows this CSRF secret, plain or as a token (outside the inputs cut out
    by cut_fresh_inputs, say in a meta tag): such a page must never be shared."""
    secret = secret.encode()
    return secret in content or any(_unmask(run.group()) == secret for run in _TOKEN_LIKE.finditer(content))


_cookie_template = (None, None)


@receiver(setting_changed)
def _forget_cookie_template(**kwargs):
    global _cookie_template
    _cookie_template = (None, None)


def _csrf_cookie(secret):
    """The CSRF cookie exactly as Django's CSRF middleware sets it, with this secret.

    Django's own ``set_cookie`` works out the attributes (expiry included) at most once a second;
    each visitor gets a copy with their secret.
    """
    global _cookie_template
    now = int(time.time())
    made, template = _cookie_template
    if made != now:
        probe = HttpResponse()
        probe.set_cookie(
            settings.CSRF_COOKIE_NAME,
            "",
            max_age=settings.CSRF_COOKIE_AGE,
            domain=settings.CSRF_COOKIE_DOMAIN,
            path=settings.CSRF_COOKIE_PATH,
            secure=settings.CSRF_COOKIE_SECURE,
            httponly=settings.CSRF_COOKIE_HTTPONLY,
            samesite=settings.CSRF_COOKIE_SAMESITE,
        )
        template = probe.cookies[settings.CSRF_COOKIE_NAME]
        _cookie_template = (now, template)
    cookie = template.copy()
    cookie.set(template.key, secret, secret)
    return cookie


def set_csrf_cookie(request, response):
    """(Re)set the CSRF cookie if the page showed a token, as Django's CSRF middleware does."""
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        cookie = _csrf_cookie(request.META["CSRF_COOKIE"])
        response.cookies[cookie.key] = cookie
        request.META["CSRF_COOKIE_NEEDS_UPDATE"] = False


# Registered inputs -----------------------------------------------------------------------------

# Hidden inputs whose value is made for each visitor: name -> callable(request) -> str.
FRESH_INPUTS = {CSRF_INPUT: csrf_token}


def fresh_input(name, make_value):
    """Register a hidden form input whose value a cached page must not share between visitors."""
    FRESH_INPUTS[name] = make_value


def _placeholder(name):
    return f"\x00fresh:{name}\x00".encode()


def _input_pattern(name):
    return re.compile(rb'(<input type="hidden" name="' + re.escape(name.encode()) + rb'" value=")([^"]*)(")')


_PLACEHOLDER_SPLIT = re.compile(rb"\x00fresh:([^\x00]+)\x00")


# Stored pages ----------------------------------------------------------------------------------

_GZIP_HEADER = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\xff"  # deflate, no name, no time, any OS
_DEFLATE_END = b"\x03\x00"  # an empty final block


def _deflate(data):
    """Raw deflate blocks for data, ending on a byte boundary so that more blocks can follow."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS)
    return compressor.compress(data) + compressor.flush(zlib.Z_SYNC_FLUSH)


def _stored_blocks(data):
    """Deflate "stored" blocks: data kept as it is, so its length cannot leak anything."""
    blocks = []
    for start in range(0, len(data), 0xFFFF):  # at most 65535 bytes a block
        chunk = data[start : start + 0xFFFF]
        blocks.append(struct.pack("<BHH", 0, len(chunk), len(chunk) ^ 0xFFFF) + chunk)
    return b"".join(blocks)


@functools.lru_cache(maxsize=256)
def _crc_shift_tables(length):
    """Tables to carry a running CRC-32 across length bytes whose own CRC-32 is known.

    crc32(data, crc) == crc32(data) ^ shift(crc), where shift depends only on len(data) and is linear
    over GF(2): four 256-entry tables (one per byte of crc) hold it. With them a hit does not run the
    CRC over the whole page, only over the fresh values.
    """
    zeros = bytes(length)
    base = zlib.crc32(zeros, 0)
    tables = []
    for byte in range(4):
        basis = [zlib.crc32(zeros, 1 << (8 * byte + bit)) ^ base for bit in range(8)]
        table = array.array("I", [0]) * 256  # 1 KB, where a list of ints would take 10
        for value in range(1, 256):
            low = value & -value
            table[value] = table[value ^ low] ^ basis[low.bit_length() - 1]
        tables.append(table)
    return tables


def cut_fresh_inputs(content):
    """The page with each fresh input's value replaced by a placeholder, and whether it had any."""
    found = False
    for name in FRESH_INPUTS:
        content, count = _input_pattern(name).subn(rb"\g<1>" + _placeholder(name) + rb"\g<3>", content)
        found = found or bool(count)
    return content, found


def split_page(content, compress):
    """The page cut by cut_fresh_inputs, in the form kept in the cache.

    (first segment, [(input name, segment that follows it), ...]), where a segment is its raw bytes,
    or (deflate blocks, CRC-32, length) if compress.
    """

    def segment(raw):
        if not compress:
            return raw
        _crc_shift_tables(len(raw))  # made now, while the page is rendered anyway
        return (_deflate(raw), zlib.crc32(raw), len(raw))

    first, *rest = _PLACEHOLDER_SPLIT.split(content)
    return segment(first), [(name.decode(), segment(raw)) for name, raw in zip(rest[::2], rest[1::2], strict=True)]


def _fresh_values(request, inputs):
    """This visitor's value of each input, encoded; None if an input is no longer registered (the
    page was cached by an older release)."""
    values = []
    for name, _segment in inputs:
        make_value = FRESH_INPUTS.get(name)
        if make_value is None:
            return None
        values.append(escape(make_value(request)).encode())
    return values


def render_page(request, page, compress):
    """The stored page (from split_page) with this visitor's fresh values, gzip-encoded if compress.

    None if it cannot be put together (see _fresh_values).
    """
    first, inputs = page
    values = _fresh_values(request, inputs)
    if values is None:
        return None
    if not compress:
        chunks = [first]
        for value, (_name, raw) in zip(values, inputs, strict=True):
            chunks += (value, raw)
        return b"".join(chunks)

    deflated, crc, size = first
    chunks = [_GZIP_HEADER, deflated]
    for value, (_name, (deflated, segment_crc, length)) in zip(values, inputs, strict=True):
        crc = zlib.crc32(value, crc)
        t0, t1, t2, t3 = _crc_shift_tables(length)
        crc = segment_crc ^ t0[crc & 0xFF] ^ t1[(crc >> 8) & 0xFF] ^ t2[(crc >> 16) & 0xFF] ^ t3[crc >> 24]
        chunks += (_stored_blocks(value), deflated)
        size += len(value) + length
    chunks += (_DEFLATE_END, struct.pack("<II", crc, size & 0xFFFFFFFF))
    return b"".join(chunks)
