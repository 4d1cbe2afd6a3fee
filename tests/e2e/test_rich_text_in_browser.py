"""An officer writes a minute in Chromium on the demo's 8 July 2019 meeting:
with the editor, by keyboard alone (Bold reached by Tab, a bulleted list, a
minute reference), and with JavaScript off, in the plain textarea (paragraphs
and "- " bullets). The minutes page prints the formatting either way. axe-core
on the form and the minutes page."""

import re

import pytest
from playwright.sync_api import expect

from meetings.models import Meeting, Minute
from tests.e2e.browser import ARTIFACTS, check, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

EDITOR = "#id_narrative-editor"


@pytest.fixture
def july(demo_world):
    return Meeting.objects.get(start__date="2019-07-08", body__slug="hwb")


def _open_form(page, live_server, meeting):
    sign_in(page, live_server, "officer")
    page.goto(f"{live_server.url}/meetings/{meeting.pk}/minutes/new/")


def _check_without_scripts(page, tab, name):
    """axe-core needs JavaScript: run it on the JS-free page's markup, its
    scripts left out, in a tab that has JavaScript."""
    markup = re.sub(r"<script\b.*?</script>", "", tab.content(), flags=re.S)
    page.goto(tab.url)
    page.set_content(markup)
    assert page.locator("#id_narrative").is_visible()
    check(page, name)


def _save(page):
    with page.expect_navigation():
        page.click("text=Save minute")
    assert "saved." in page.inner_text("main")


def test_officer_formats_a_minute_with_the_keyboard(live_server, july, page):
    _open_form(page, live_server, july)
    textarea = page.locator("#id_narrative")
    assert textarea.is_hidden()  # the editor took its place
    editor = page.get_by_role("textbox", name="Minute", exact=True)
    assert editor.get_attribute("aria-multiline") == "true"
    assert "id_narrative_hint" in editor.get_attribute("aria-describedby")
    page.evaluate(
        """() => { window.inputEvents = 0; document.getElementById('id_narrative')
           .addEventListener('input', () => window.inputEvents++); }"""
    )

    page.fill("#id_title", "Marmot City")
    page.focus("#id_title")
    page.keyboard.press("Tab")  # the first button of the toolbar
    bold = page.get_by_role("button", name="Bold").first
    assert page.evaluate("document.activeElement.textContent") == "Bold"
    assert bold.get_attribute("aria-pressed") == "false"
    page.keyboard.press("Enter")  # bold on, back in the text box
    # the toolbar hands focus back to the text box: type once it is there
    expect(editor).to_be_focused()
    page.keyboard.type("Agreed")
    assert bold.get_attribute("aria-pressed") == "true"
    page.keyboard.press("Control+b")
    assert bold.get_attribute("aria-pressed") == "false"
    page.keyboard.type(" to join the Marmot network.")
    page.keyboard.press("Enter")
    page.keyboard.type("- first point")  # "- " starts a bulleted list
    page.keyboard.press("Enter")
    page.keyboard.type("second point")
    bullets = page.get_by_role("button", name="Bulleted list").first
    assert bullets.get_attribute("aria-pressed") == "true"
    page.keyboard.press("Enter")
    page.keyboard.press("Enter")  # out of the list
    page.keyboard.type("Further to ")

    page.keyboard.press("Shift+Tab")  # back to the last button
    assert page.evaluate("document.activeElement.textContent") == "Minute reference"
    page.keyboard.press("Enter")
    number = page.get_by_label("Minute to refer to", exact=True)
    assert number.evaluate("el => el === document.activeElement")
    page.keyboard.type("nonsense")
    page.keyboard.press("Enter")  # refused, with a message; the form not sent
    assert "Enter the minute number" in page.inner_text(f"{EDITOR} >> xpath=../..")
    number.fill("44/18")
    check(page, "rich-text-form-panel")
    page.keyboard.press("Enter")
    page.keyboard.type("the Board noted the plan.")

    html = textarea.input_value()
    assert "<strong>Agreed</strong> to join" in html
    assert "<ul><li><p>first point</p></li><li><p>second point</p></li></ul>" in html
    assert "Further to Minute 44/18 the Board noted the plan." in html
    assert page.evaluate("window.inputEvents") > 10  # one per change, for autosave
    page.set_viewport_size({"width": 1280, "height": 900})
    check(page, "rich-text-form-wide")
    page.set_viewport_size({"width": 390, "height": 844})
    page.screenshot(path=ARTIFACTS / "rich-text-form-narrow.png", full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth <= innerWidth")
    page.set_viewport_size({"width": 1280, "height": 900})
    _save(page)

    minute = Minute.objects.get(meeting=july, title="Marmot City")
    assert minute.narrative == (
        "<p><strong>Agreed</strong> to join the Marmot network.</p>"
        "<ul><li>first point</li><li>second point</li></ul>"
        "<p>Further to Minute 44/18 the Board noted the plan.</p>"
    )
    page.goto(f"{live_server.url}/meetings/{july.pk}/minutes/")
    section = page.locator(f"#minute-{minute.number}")
    assert section.locator("strong").inner_text() == "Agreed"
    assert section.locator("ul > li").all_inner_texts() == [
        "first point",
        "second point",
    ]
    link = section.get_by_role("link", name="Minute 44/18")
    assert "/minute/hwb/44/18/" in link.get_attribute("href")
    check(page, "rich-text-minutes")

    # reopened, the editor shows what was saved
    page.goto(f"{live_server.url}/meetings/{july.pk}/minutes/{minute.pk}/edit/")
    assert page.locator(f"{EDITOR} strong").inner_text() == "Agreed"
    assert page.locator(f"{EDITOR} li").count() == 2


def test_officer_types_paragraphs_and_bullets_without_javascript(
    live_server, july, page
):
    tab = page.context.browser.new_context(java_script_enabled=False).new_page()
    tab.set_default_timeout(20_000)
    _open_form(tab, live_server, july)
    textarea = tab.locator("#id_narrative")
    assert textarea.is_visible() and tab.locator(EDITOR).count() == 0
    tab.fill("#id_title", "Health Protection")
    textarea.fill(
        "The Board received the annual report.\n\n"
        "It noted:\n- immunisation rates\n- screening uptake\n\n"
        "The Chair thanked the officers."
    )
    _check_without_scripts(page, tab, "rich-text-form-no-js")
    _save(tab)

    minute = Minute.objects.get(meeting=july, title="Health Protection")
    tab.goto(f"{live_server.url}/meetings/{july.pk}/minutes/")
    section = tab.locator(f"#minute-{minute.number}")
    assert section.locator(".app-prose > p").all_inner_texts() == [
        "The Board received the annual report.",
        "It noted:",
        "The Chair thanked the officers.",
    ]
    assert section.locator("ul > li").all_inner_texts() == [
        "immunisation rates",
        "screening uptake",
    ]
    # reopened, the textarea holds the text as typed, not HTML
    tab.goto(f"{live_server.url}/meetings/{july.pk}/minutes/{minute.pk}/edit/")
    assert tab.locator("#id_narrative").input_value() == (
        "The Board received the annual report.\n\n"
        "It noted:\n\n- immunisation rates\n- screening uptake\n\n"
        "The Chair thanked the officers."
    )
