"""In headless Chromium, as people do it: a cadre files a leave, the township approves it from the
inbox, and the state changes on the case page."""
import os
import shutil
from datetime import date, timedelta

import pytest

CHROMIUM = "/usr/bin/chromium"
# Chromium as this machine allows it: no sandbox as root, no background calls to the outside.
ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]

pytestmark = pytest.mark.browser


@pytest.fixture
def browser(database_url):
    if database_url.startswith("postgresql"):
        pytest.skip("the browser path is the same on both databases; it runs on SQLite")
    if not shutil.which(CHROMIUM) and os.environ.get("CI") != "true":
        pytest.skip(f"{CHROMIUM} is not installed (scripts/test installs it)")
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield chromium
        chromium.close()


def log_in(page, base, username):
    page.goto(f"{base}/login")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", "demo")
    page.press("input[name=password]", "Enter")
    page.wait_for_url(f"{base}/inbox/")


def test_cadre_files_leave_and_township_approves_it_from_the_inbox(live_server, browser, tmp_path):
    start = date.today() + timedelta(days=7)
    page = browser.new_page(viewport={"width": 1280, "height": 900})

    log_in(page, live_server, "xinghua.member1")
    page.click("[data-testid=nav-new-leave]")
    page.select_option("select[name=leave_type]", "personal")
    page.fill("input[name=start_date]", start.isoformat())
    page.fill("input[name=end_date]", (start + timedelta(days=2)).isoformat())
    page.fill("textarea[name=reason]", "家中老人住院，需回家照顾")
    page.click("[data-testid=preview-route]")
    preview = page.locator("[data-testid=route-preview]")
    assert "乡镇党委" in preview.inner_text()
    page.click("[data-testid=submit-leave]")
    state = page.locator("[data-testid=case-state]")
    assert state.get_attribute("data-state") == "pending"
    assert state.inner_text() == "待审批"
    case_id = page.url.rstrip("/").rsplit("/", 1)[-1]

    page.context.clear_cookies()
    log_in(page, live_server, "dongling.head")
    row = page.locator(f"[data-testid=inbox-row][data-case-id='{case_id}']")
    assert "李娜" in row.inner_text() and "杏花村" in row.inner_text()
    row.locator("a").first.click()
    page.fill("textarea[name=comment]", "同意，注意安全")
    page.click("[data-testid=action-approve]")
    state = page.locator("[data-testid=case-state]")
    assert state.get_attribute("data-state") == "approved"
    assert state.inner_text() == "已批准"
    assert "同意，注意安全" in page.locator("[data-testid=history]").inner_text()
    page.screenshot(path=str(tmp_path / "approved.png"), full_page=True)

    page.goto(f"{live_server}/inbox/")
    assert page.locator(f"[data-testid=inbox-row][data-case-id='{case_id}']").count() == 0
