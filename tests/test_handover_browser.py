"""The handover in headless Chromium, as people do it on a phone (390 px): the outgoing cadre lists the
items and submits, the incoming cadre disputes one; and the record (交接清单) prints on A4 — one page
width, no navigation, as a PDF the browser makes. Runs on SQLite only, like the other browser tests."""
import pytest

from tests.conftest import reserve
from tests.test_browser import PHONE, _fits, log_in, log_out
from tests.test_handover_flow import _me, _ok, _open

pytestmark = pytest.mark.browser
A4_WIDTH_PX = 794  # 210 mm at 96 px per inch


def _phone(browser):
    context = browser.new_context(viewport=PHONE, locale="zh-CN")
    context.set_default_timeout(15_000)
    return context, context.new_page()


def _add(page, heading, title, amount=None):
    form = page.locator("[data-testid=add_item-form]")
    form.locator("select[name=heading]").select_option(heading)
    form.locator("input[name=title]").fill(title)
    if amount is not None:
        form.locator("input[name=amount]").fill(amount)
    form.locator("[data-testid=action-add_item]").click()
    page.wait_for_load_state()


def test_a_handover_on_a_phone_and_its_record_on_a4(app, api, live_server, browser):
    from playwright.sync_api import expect
    successor = reserve(app, "钱程")
    case_id = _ok(_open(api, "xinghua.leader", _me(api, "xinghua.member1"), successor), 201)["id"]
    context, page = _phone(browser)
    log_in(page, live_server, "xinghua.member1")
    page.goto(f"{live_server}/cases/{case_id}")
    assert _fits(page), "the outgoing cadre's case page"
    for heading, title, amount in (("duties", "联系脱贫户12户", None), ("village", "村情概况", None),
                                   ("unfinished", "无", None), ("funds", "工作经费结余", "5000")):
        _add(page, heading, title, amount)
    expect(page.locator("[data-testid=items-funds] [data-testid=item]")).to_have_count(1)
    page.locator("[data-testid=action-submit]").click()
    expect(page.locator("[data-testid=case-state]")).to_have_attribute("data-state", "reviewing")
    log_out(page)

    log_in(page, live_server, f"reserve.{successor}")
    page.goto(f"{live_server}/cases/{case_id}")
    assert _fits(page), "the incoming cadre's case page"
    fund = page.locator("[data-testid=review-form]", has_text="工作经费结余")
    fund.locator("textarea[name=note]").fill("账面只有4800元")
    fund.locator("[data-testid=action-dispute_item]").click()
    expect(page.locator("[data-testid=items-funds] [data-testid=item-status]")).to_contain_text("有异议")
    assert _fits(page), "after the dispute"

    # The record, as it prints: A4 width, no navigation, and a PDF of one page or two.
    page.goto(f"{live_server}/cases/{case_id}/record")
    page.set_viewport_size({"width": A4_WIDTH_PX, "height": 1123})
    page.emulate_media(media="print")
    assert _fits(page), "the record at A4 width"
    assert page.locator("header:visible, nav:visible").count() == 0
    expect(page.locator("[data-testid=record-outgoing]")).to_contain_text("李娜")
    pdf = page.pdf(format="A4", print_background=True)
    pages = pdf.count(b"/Type /Page") - pdf.count(b"/Type /Pages")
    assert pdf.startswith(b"%PDF") and pages in (1, 2), pages
    context.close()
