"""Every page speaks Chinese by default and English on request, from message catalogs."""
import subprocess
import sys
from pathlib import Path

from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent
CATALOGS = ROOT / "webapp" / "translations"


def _po(lang):
    with open(CATALOGS / lang / "LC_MESSAGES" / "messages.po", "rb") as f:
        return read_po(f)


def test_every_message_in_the_sources_has_a_chinese_translation(tmp_path):
    pot = tmp_path / "messages.pot"
    subprocess.run([sys.executable, "-m", "babel.messages.frontend", "extract", "-F", "babel.cfg",
                    "-k", "_l", "-k", "lazy_gettext", "-o", str(pot), "."],
                   cwd=ROOT, check=True, capture_output=True)
    with open(pot, "rb") as f:
        wanted = {m.id for m in read_po(f) if m.id}
    zh = {m.id: m.string for m in _po("zh") if m.id}
    missing = sorted(str(i) for i in wanted if not zh.get(i) or zh.get(i) == ("",))
    assert missing == [], f"untranslated (run scripts/i18n and translate): {missing[:20]}"


def test_compiled_catalog_matches_its_source():
    po = {m.id: m.string for m in _po("zh") if isinstance(m.id, str) and m.id and m.string and not m.fuzzy}
    with open(CATALOGS / "zh" / "LC_MESSAGES" / "messages.mo", "rb") as f:
        mo = {m.id: m.string for m in read_mo(f) if m.id and isinstance(m.id, str)}
    assert mo == po, "messages.mo is stale: run scripts/i18n"


def test_chinese_by_default_english_when_chosen(client, login_as):
    assert "登录" in client.get("/login").get_data(as_text=True)
    browser = login_as("dongling.head")
    assert "待办" in browser.get("/inbox/").get_data(as_text=True)
    from tests.conftest import csrf_token
    switched = browser.post("/lang/en", data={"csrf_token": csrf_token(browser, "/inbox/"), "next": "/inbox/"})
    assert switched.status_code == 302
    page = browser.get("/inbox/").get_data(as_text=True)
    assert "Inbox" in page and "待办" not in page


def test_dates_are_written_the_chinese_way(app):
    from datetime import date

    from webapp.views import fmt_date
    with app.test_request_context("/"):
        assert fmt_date(date(2026, 12, 1)) == "2026年12月1日"
