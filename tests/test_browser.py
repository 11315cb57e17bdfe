"""In headless Chromium, as people do it: a cadre files a leave, logs out, the township approves it
from the inbox, and the state changes on the case page.

Drives the system Chromium (/usr/bin/chromium, installed by scripts/test) through Playwright;
Playwright's own browser downloads are never used. Runs on SQLite only: the browser path is the
same on both databases, and the API tests cover PostgreSQL."""
import re
from datetime import timedelta

import pytest
from workflows import clock

pytestmark = pytest.mark.browser


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    context.set_default_timeout(15_000)
    page = context.new_page()
    yield page
    context.close()


def log_in(page, base, username):
    page.goto(f"{base}/login")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", "demo")
    page.press("input[name=password]", "Enter")
    page.wait_for_url(lambda url: "/login" not in url)
    assert page.locator("[data-testid=current-user]").is_visible()


def log_out(page):
    """The header's log-out button: a POST form, as a person would click it."""
    page.locator("header form[action$='/logout'] button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator("[data-testid=current-user]").count() == 0


def test_cadre_files_leave_and_township_approves_it_from_the_inbox(live_server, page, tmp_path):
    from playwright.sync_api import expect
    start = clock.today() + timedelta(days=7)
    end = start + timedelta(days=2)  # 3 days: one township step

    log_in(page, live_server, "xinghua.member1")
    page.goto(f"{live_server}/leave/new")
    page.select_option("select[name=leave_type]", "personal")
    page.fill("input[name=start_date]", start.isoformat())
    page.fill("input[name=end_date]", end.isoformat())
    page.fill("textarea[name=reason]", "家中老人住院，需回家照顾")
    page.click("[data-testid=preview-route]")
    preview = page.locator("[data-testid=route-preview]")
    expect(preview).to_be_visible()
    expect(preview.locator("[data-testid=route-office][data-office=township]")).to_have_count(1)
    page.click("[data-testid=submit-leave]")
    state = page.locator("[data-testid=case-state]")
    expect(state).to_have_attribute("data-state", "pending")
    case_id = re.search(r"/cases/(\d+)", page.url).group(1)
    page.screenshot(path=str(tmp_path / "1-filed.png"), full_page=True)

    log_out(page)
    log_in(page, live_server, "dongling.head")
    page.goto(f"{live_server}/inbox/")
    row = page.locator(f"[data-testid=inbox-row][data-case-id='{case_id}']")
    expect(row).to_be_visible()
    expect(row).to_contain_text("李娜")
    row.locator(f"a[href*='/cases/{case_id}']").first.click()
    page.wait_for_url(re.compile(rf"/cases/{case_id}\b"))
    page.click("[data-testid=action-approve]")
    state = page.locator("[data-testid=case-state]")
    expect(state).to_have_attribute("data-state", "approved")
    shot = tmp_path / "2-approved.png"
    page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 10_000

    page.goto(f"{live_server}/inbox/")
    expect(page.locator(f"[data-testid=inbox-row][data-case-id='{case_id}']")).to_have_count(0)


def test_admin_copies_a_preset_changes_a_band_previews_and_publishes(live_server, page):
    from playwright.sync_api import expect
    log_in(page, live_server, "admin")
    page.goto(f"{live_server}/admin/policies")
    page.click("[data-testid=policy-row][data-policy=county-pian6] a")
    page.fill("input[name=new_id]", "shifan-county")
    page.fill("input[name=name]", "示范县驻村工作队请销假制度")
    page.select_option("select[name=unit_id]", label=next(
        o for o in page.locator("select[name=unit_id] option").all_inner_texts() if "示范县" in o))
    page.click("[data-testid=copy-form] button[type=submit]")
    expect(page.locator("[data-testid=policy-form]")).to_be_visible()

    page.fill("input[name=bands-2-max_days]", "6")  # 队员 4–6 days: 队长, then 乡镇主要领导
    page.fill("input[name=bands-3-min_days]", "7")
    page.click("[data-testid=preview-button]")
    changed = page.locator("[data-testid=preview] [data-testid=route-row][data-days='6'] td.changed")
    expect(changed).to_have_count(2)
    expect(changed.first).to_contain_text("队长 → 乡镇党委书记")

    page.fill("input[name=note]", "县委办〔2026〕10号")
    page.click("[data-testid=publish-button]")
    expect(page.locator("[data-testid=policy-version]")).to_contain_text("第 2 版")
    expect(page.locator("[data-testid=version-row]").first).to_contain_text("县委办〔2026〕10号")


PHONE = {"width": 390, "height": 844}


def _fits(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_no_page_of_the_main_walk_is_wider_than_a_phone(live_server, browser):
    """At 390 px the lists are cards and the header wraps: nothing scrolls sideways."""
    from playwright.sync_api import expect
    context = browser.new_context(viewport=PHONE, locale="zh-CN")
    context.set_default_timeout(15_000)
    page = context.new_page()
    start = clock.today() + timedelta(days=7)
    log_in(page, live_server, "xinghua.member1")
    page.goto(f"{live_server}/leave/new")
    assert _fits(page), "leave form"
    page.fill("input[name=start_date]", start.isoformat())
    page.fill("input[name=end_date]", (start + timedelta(days=2)).isoformat())
    page.fill("textarea[name=reason]", "家中老人住院，需回家照顾，期间工作已交由队长安排")
    page.click("[data-testid=submit-leave]")
    expect(page.locator("[data-testid=case-state]")).to_have_attribute("data-state", "pending")
    case_id = re.search(r"/cases/(\d+)", page.url).group(1)
    assert _fits(page), "case page"
    log_out(page)

    log_in(page, live_server, "dongling.head")
    walk = [f"{live_server}/inbox/", f"{live_server}/cases/{case_id}"]
    for url in walk:
        page.goto(url)
        assert _fits(page), url
    page.click("[data-testid=action-approve]")
    expect(page.locator("[data-testid=case-state]")).to_have_attribute("data-state", "approved")
    for url in (f"{live_server}/cases/{case_id}", f"{live_server}/inbox/?tab=done",
                f"{live_server}/inbox/?tab=filed", f"{live_server}/inbox/?tab=supervised"):
        page.goto(url)
        assert _fits(page), url
    history = page.goto(f"{live_server}/cases/{case_id}")
    assert history.ok
    # The history reads as cards: a comment line is wider than a few characters.
    cell = page.locator("[data-testid=history-row] td").first
    assert cell.bounding_box()["width"] > 200
    log_out(page)

    log_in(page, live_server, "xinghua.member1")
    for url in (f"{live_server}/leave/", f"{live_server}/inbox/", f"{live_server}/cases/{case_id}"):
        page.goto(url)
        assert _fits(page), url
    context.close()


def test_a_cadre_signs_in_from_a_phone(live_server, browser):
    """The sign-in page at 390 px: one tap, then today's status; nothing scrolls sideways."""
    from playwright.sync_api import expect
    context = browser.new_context(viewport=PHONE, locale="zh-CN")
    context.set_default_timeout(15_000)
    page = context.new_page()
    log_in(page, live_server, "xinghua.member1")
    page.goto(f"{live_server}/presence/")
    assert _fits(page), "sign-in page"
    page.fill("input[name=note]", "入户走访 5 户")
    page.click("[data-testid=sign-in]")
    expect(page.locator("[data-testid=today-status]")).to_have_text("在岗")
    expect(page.locator("[data-testid=sign-in-form]")).to_have_count(0)
    assert _fits(page), "signed in"
    # The village's whereabouts board (去向牌), from the same page: a card per cadre.
    page.click("[data-testid=village-board]")
    expect(page.locator("[data-testid=board-row][data-person=李娜]")).to_have_attribute("data-status", "present")
    assert _fits(page), "whereabouts board"
    context.close()


def test_a_cadres_weeks_and_the_townships_month_fit_a_phone(live_server, browser):
    """The cadre's month with its weeks (五天四夜), the township's attendance page, and the go-live page
    at 390 px: cards, nothing scrolls sideways."""
    from playwright.sync_api import expect
    context = browser.new_context(viewport=PHONE, locale="zh-CN")
    context.set_default_timeout(15_000)
    page = context.new_page()
    log_in(page, live_server, "xinghua.member1")
    page.goto(f"{live_server}/presence/")
    page.click("[data-testid=my-month]")
    expect(page.locator("[data-testid=week]").first).to_be_visible()
    assert _fits(page), "a cadre's month"
    log_out(page)

    log_in(page, live_server, "dongling.head")
    page.goto(f"{live_server}/presence/")
    page.click("[data-testid=township-attendance]")
    expect(page.locator("[data-testid=attendance-row]")).to_have_count(6)
    expect(page.locator("[data-testid=weeks-short]").first).to_be_visible()
    assert _fits(page), "a township's month"
    log_out(page)

    log_in(page, live_server, "county.office")
    page.goto(f"{live_server}/presence/")
    page.click("[data-testid=go-live-link]")
    expect(page.locator("[data-testid=go-live-form]")).to_be_visible()
    assert _fits(page), "go-live page"
    context.close()
