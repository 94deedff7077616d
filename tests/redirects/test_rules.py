"""What a redirect may be: one hop, never a loop, never off the site; addresses in one spelling."""

import pytest
from django.core.exceptions import ValidationError

from redirects.models import Redirect

pytestmark = pytest.mark.django_db


def checked(old_path, new_path):
    redirect = Redirect(old_path=old_path, new_path=new_path)
    redirect.full_clean()
    return redirect


def errors_of(old_path, new_path):
    with pytest.raises(ValidationError) as raised:
        checked(old_path, new_path)
    return raised.value.message_dict


@pytest.mark.parametrize(
    "target",
    [
        "//evil.example",
        "//evil.example/offices/",
        "/\\evil.example",
        "\\\\evil.example",
        "http://evil.example/",
        "https://www.we-gov.org/offices/",
        "javascript:alert(1)",
        "evil.example",
        "offices/",
        "/offices/\r\nSet-Cookie: a=b",
        "/offices/\x00",
        "/\t/evil.example",
        "/off ices/",
    ],
)
def test_a_redirect_never_leads_off_the_site(target):
    errors = errors_of("/eng/sub03_01.php", target)
    assert list(errors) == ["new_path"], target
    assert not Redirect.objects.exists()


def test_off_site_targets_are_refused_with_a_message_that_says_what_to_give():
    (message,) = errors_of("/eng/sub03_01.php", "//evil.example")["new_path"]
    assert message == "Give a path on this site starting with a single /, such as /offices/seoul/, not a web address."
    (message,) = errors_of("/eng/sub03_01.php", "/\\evil.example")["new_path"]
    assert message == "An address cannot contain a backslash (\\)."


def test_a_redirect_to_itself_is_refused():
    (message,) = errors_of("/eng/sub03_01.php", "/eng/sub03_01.php")["new_path"]
    assert message == "This redirect would lead back to where it starts (/eng/sub03_01.php → /eng/sub03_01.php)."


def test_a_redirect_back_through_another_is_refused():
    Redirect.objects.create(old_path="/b/", new_path="/a/")
    (message,) = errors_of("/a/", "/b/")["new_path"]
    assert message == "This redirect would lead back to where it starts (/a/ → /b/ → /a/)."


def test_a_redirect_to_a_redirect_is_stored_as_one_hop():
    Redirect.objects.create(old_path="/b/", new_path="/c/")
    assert checked("/a/", "/b/").new_path == "/c/"
    assert checked("/a/", "/b/?x=1#top").new_path == "/c/?x=1#top"


def test_the_old_address_is_stored_as_a_path_whatever_was_pasted():
    assert (
        checked("https://www.we-gov.org/eng/sub03_01.php?idx=3#top", "/offices/").old_path == "/eng/sub03_01.php?idx=3"
    )
    assert checked("  /kor/%EC%84%9C%EC%9A%B8.php ", "/offices/").old_path == "/kor/서울.php"
    errors = errors_of("ftp://old.example/file", "/offices/")
    assert list(errors) == ["old_path"]
    assert list(errors_of("eng/sub03_01.php", "/offices/")) == ["old_path"]


def test_the_same_old_address_twice_is_refused_however_it_is_spelled():
    Redirect.objects.create(old_path="/kor/서울.php", new_path="/ko/")
    assert list(errors_of("/kor/%EC%84%9C%EC%9A%B8.php", "/ko/offices/")) == ["old_path"]
