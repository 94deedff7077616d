"""A visitor goes from the programmes page to a session and reads what its participants said."""

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect


def test_from_the_programmes_page_to_a_session_and_its_testimonial(page, site_url):
    page.goto(site_url + "/programmes/")
    expect(page.get_by_role("heading", level=2, name="Training programmes")).to_be_visible()
    page.get_by_role("link", name="Seoul Program", exact=True).click()

    expect(page.locator("h1")).to_have_text("Seoul Program")
    past = page.get_by_role("region", name="Past sessions")
    expect(past.get_by_role("listitem")).to_have_count(8)
    expect(past.get_by_role("listitem").filter(has_text="Seoul Program 2013")).to_contain_text("23–30 June 2013")
    past.get_by_role("link", name="Seoul Program 2013").click()

    expect(page.locator("h1")).to_have_text("Seoul Program 2013")
    expect(page.locator(".lead")).to_contain_text("23–30 June 2013")
    said = page.get_by_role("region", name="What participants said")
    mirela = said.get_by_role("figure").filter(has_text="Mirela Minca")
    expect(mirela).to_be_visible()
    expect(mirela.locator("blockquote")).to_contain_text(
        "“The lectures were very well structured and the lecturers always tried to raise the enthusiasm"
    )
    expect(mirela.locator("figcaption")).to_have_text(
        "said Ms. Mirela Minca, Head of International Program and Cooperation Service, Bucharest."
    )
    expect(said.get_by_role("figure")).to_have_count(3)


def test_testimonials_filter_by_year_with_the_form(page, site_url):
    page.goto(site_url + "/testimonials/")
    expect(page.get_by_role("figure")).to_have_count(4)
    page.get_by_label("Year").select_option("2011")
    page.get_by_role("button", name="Show testimonials").click()
    expect(page).to_have_url(site_url + "/testimonials/?programme=&year=2011")
    expect(page.get_by_role("figure")).to_have_count(1)
    expect(page.get_by_role("figure")).to_contain_text("Ms. Melissa Ovalle Buenrostro")
    page.get_by_role("link", name="Show all testimonials").click()
    expect(page.get_by_role("figure")).to_have_count(4)


def test_pages_outside_the_sitemap_pass_an_axe_scan(page, site_url):
    axe = Axe()
    failures = {}
    for path in ["/testimonials/?year=abc", "/testimonials/?year=2013", "/programmes/joint-workshop/2018-jeju/"]:
        page.goto(site_url + path)
        results = axe.run(page)
        if results.violations_count:
            failures[path] = results.generate_report()
    assert not failures, "\n\n".join(f"{path}\n{report}" for path, report in failures.items())


def test_a_korean_visitor_reads_korean_dates_and_names_and_the_quotes_as_said(page, site_url):
    from programs.models import Session

    Session.objects.filter(programme__slug="seoul-program", slug="2013").update(title_ko="서울 프로그램 2013")
    page.goto(site_url + "/ko/programmes/seoul-program/")
    expect(page.locator("html")).to_have_attribute("lang", "ko")
    session = page.locator(".timeline li").filter(has_text="서울 프로그램 2013")
    expect(session).to_contain_text("2013년 6월 23~30일")
    # Not translated yet: the English title, with Korean dates.
    expect(page.locator(".timeline li").filter(has_text="Seoul Program 2012 (May–June)")).to_contain_text(
        "2012년 5월 29일~6월 6일"
    )
    session.get_by_role("link").click()

    expect(page.locator("h1")).to_have_text("서울 프로그램 2013")
    mirela = page.get_by_role("figure").filter(has_text="Mirela Minca")
    expect(mirela.locator("blockquote")).to_have_attribute("lang", "en")
    expect(mirela.locator("blockquote")).to_contain_text("“The lectures were very well structured")
