"""Roster import (花名册): a county office's spreadsheet of cadres, through the API, the command line
and the admin page. Each import is all rows or none; importing the same file again changes nothing."""
import io
from datetime import date

import pytest
from openpyxl import Workbook

from tests.conftest import csrf_token
from tests.pages import Page, get, option_value, post, user, form_values

HEADER = "姓名,用户名,驻村,职务,派出单位,任期开始,任期结束"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

# A new member for 杏花村, a reserve the education bureau may send later, and 张伟 (already 第一书记
# of 杏花村 since 2025-03-01, planned to 2027-02-28) kept on to 2027-06-30.
GOOD = f"""{HEADER}
赵新,zhao.xin,杏花村,队员,县教育局,2026-04-01,2028-03-31
钱备,qian.bei,,,县教育局,,
张伟,xinghua.leader,杏花村,第一书记,市财政局,2025-03-01,2027-06-30
"""


def csv_bytes(text: str, bom=True) -> bytes:
    return ("\ufeff" if bom else "").encode() + text.encode()


def xlsx_bytes(*rows) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.append(HEADER.split(","))
    for row in rows:
        sheet.append(list(row))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def send(client, body: bytes, content_type="text/csv"):
    return client.client.post("/api/v1/roster", data=body, headers={**client.headers, "Content-Type": content_type})


@pytest.fixture
def admin_api(api):
    return api("admin")


@pytest.fixture
def admin(login_as):
    return user(login_as, "admin")


def people(admin) -> dict[str, str]:
    """The admin's people list: name → "dispatching unit, where posted now"."""
    rows = get(admin, "/admin/people").all("person-row")
    return {row.text.split(" ", 1)[0]: row.text.split(" ", 1)[1] for row in rows}


def all_terms(admin) -> list[str]:
    return [row.text for row in get(admin, "/admin/teams").all("term-row")]


def terms_of(admin, name) -> list[str]:
    return [row.text for row in get(admin, "/admin/teams").all("term-row") if row.text.startswith(name)]


def test_a_csv_roster_creates_cadres_reserves_and_updates_a_term(admin_api, admin, client):
    response = send(admin_api, csv_bytes(GOOD))
    assert response.status_code == 200, response.get_json()
    assert response.get_json() == {"created": 2, "updated": 1}

    listed = people(admin)
    assert listed["赵新"] == "县教育局 —"  # posted from 2026-04-01: not yet today (2026-03-10)
    assert listed["钱备"] == "县教育局 —"
    assert terms_of(admin, "赵新") == ["赵新 Team member Apr 1, 2026 – Mar 31, 2028"]
    assert terms_of(admin, "张伟") == ["张伟 First secretary Mar 1, 2025 – Jun 30, 2027"]
    # The new cadre's account exists, active, with the role the posting brings, and no password
    # anyone knows until an admin sets one.
    accounts = {row.text.split(" ", 1)[0]: row.text for row in get(admin, "/admin/users").all("user-row")}
    assert "Stationed cadre · 杏花村" in accounts["zhao.xin"]
    assert "deactivated" not in accounts["zhao.xin"]
    assert "qian.bei" in accounts
    refused = client.post("/login", data={"username": "zhao.xin", "password": "demo",
                                          "csrf_token": csrf_token(client)})
    assert refused.status_code == 200 and "Location" not in refused.headers


def test_importing_the_same_file_twice_changes_nothing(admin_api, admin):
    assert send(admin_api, csv_bytes(GOOD)).get_json() == {"created": 2, "updated": 1}
    before = people(admin), all_terms(admin)
    again = send(admin_api, csv_bytes(GOOD, bom=False))
    assert again.status_code == 200 and again.get_json() == {"created": 0, "updated": 0}
    assert (people(admin), all_terms(admin)) == before


def test_an_xlsx_roster_with_date_cells_and_a_village_without_a_team(admin_api, admin):
    township = option_value(get(admin, "/admin/units").html, "parent_id", "东岭镇")
    post(admin, "/admin/units", {"kind": "village", "name": "桃园村", "parent_id": township}, "/admin/units")
    body = xlsx_bytes(["孙新", "sun.xin", "桃园村", "队长", "县农业农村局", date(2026, 3, 1), date(2028, 2, 29)],
                      [],
                      ["周备", "zhou.bei", None, None, "市卫生健康委员会", None, None])
    response = send(admin_api, body, XLSX)
    assert response.status_code == 200, response.get_json()
    assert response.get_json() == {"created": 2, "updated": 0}

    teams = {card.text.split(" ")[0] for card in get(admin, "/admin/teams").all("team")}
    assert "桃园村驻村工作队" in teams
    assert people(admin)["孙新"] == "县农业农村局 桃园村驻村工作队 · Team leader"
    accounts = {row.text.split(" ", 1)[0]: row.text for row in get(admin, "/admin/users").all("user-row")}
    assert "Team leader · 桃园村" in accounts["sun.xin"]
    assert send(admin_api, body, XLSX).get_json() == {"created": 0, "updated": 0}


def test_one_bad_row_refuses_the_whole_file(admin_api, admin):
    before = people(admin)
    body = csv_bytes(f"""{HEADER}
赵新,zhao.xin,杏花村,队员,县教育局,2026-04-01,2028-03-31
钱备,qian.bei,火星村,队员,县教育局,2026-04-01,2028-03-31
""")
    response = send(admin_api, body)
    assert response.status_code == 422
    data = response.get_json()
    assert data["error"]["code"] == "roster_invalid"
    assert data["error"]["field"] == "驻村"
    assert [(r["row"], r["field"]) for r in data["rows"]] == [(3, "驻村")]
    assert "火星村" in data["rows"][0]["message"]
    assert people(admin) == before


def test_every_problem_is_listed_with_its_row_and_column(admin_api):
    body = csv_bytes(f"""{HEADER}
,no.name,杏花村,队员,县教育局,2026-04-01,2028-03-31
赵新,zhao.xin,杏花村,组长,县教育局,2026-04-01,2028-03-31
钱新,qian.xin,杏花村,队员,县财政局,2026/04/01,2026-02-30

孙新,sun.xin,杏花村,队员,县教育局,2026-04-01,2026-03-01
周新,zhao.xin,,,县教育局,,
吴新,county.office,,,县教育局,,
郑新,zheng.xin,,队员,县教育局,,
李娜,xinghua.member1,石桥村,队员,县农业农村局,2026-04-01,2028-03-31
""")
    response = send(admin_api, body)
    assert response.status_code == 422
    found = {(r["row"], r["field"]) for r in response.get_json()["rows"]}
    assert found == {
        (2, "姓名"),  # missing
        (3, "职务"),  # not one of the four posts
        (4, "派出单位"), (4, "任期开始"), (4, "任期结束"),  # unknown unit, bad dates
        (6, "任期结束"),  # before the start (row 5 is blank: the spreadsheet still counts it)
        (7, "用户名"),  # zhao.xin is already in row 3
        (8, "用户名"),  # an office's account, not a person's
        (9, "驻村"),  # a posting half filled in
        (10, "任期开始"),  # 李娜 is posted to 杏花村 until 2027-02-28
    }


def test_a_village_name_two_townships_share_must_name_the_township(admin_api, admin):
    township = option_value(get(admin, "/admin/units").html, "parent_id", "西河乡")
    post(admin, "/admin/units", {"kind": "village", "name": "杏花村", "parent_id": township}, "/admin/units")
    row = "赵新,zhao.xin,{},队员,县教育局,2026-04-01,2028-03-31"
    refused = send(admin_api, csv_bytes(f"{HEADER}\n{row.format('杏花村')}\n"))
    assert refused.status_code == 422
    assert [(r["row"], r["field"]) for r in refused.get_json()["rows"]] == [(2, "驻村")]
    assert "东岭镇/杏花村" in refused.get_json()["rows"][0]["message"]
    accepted = send(admin_api, csv_bytes(f"{HEADER}\n{row.format('东岭镇/杏花村')}\n"))
    assert accepted.get_json() == {"created": 1, "updated": 0}
    assert terms_of(admin, "赵新") == ["赵新 Team member Apr 1, 2026 – Mar 31, 2028"]


def test_a_new_posting_after_the_old_one_is_a_new_term(admin_api, admin):
    body = csv_bytes(f"{HEADER}\n李娜,xinghua.member1,石桥村,副队长,县农业农村局,2027-03-01,2029-02-28\n")
    assert send(admin_api, body).get_json() == {"created": 0, "updated": 1}
    assert sorted(terms_of(admin, "李娜")) == ["李娜 Deputy team leader Mar 1, 2027 – Feb 28, 2029",
                                               "李娜 Team member Mar 1, 2025 – Feb 28, 2027"]
    assert send(admin_api, body).get_json() == {"created": 0, "updated": 0}


def test_only_admins_import_and_only_csv_or_xlsx(api, admin_api, admin):
    before = people(admin)
    assert send(api("county.office"), csv_bytes(GOOD)).status_code == 403
    assert send(api("xinghua.leader"), csv_bytes(GOOD)).status_code == 403
    wrong = send(admin_api, csv_bytes(GOOD), "application/json")
    assert wrong.status_code == 422 and wrong.get_json()["error"]["code"] == "roster_content_type"
    broken = send(admin_api, b"PK\x03\x04 not really a workbook", XLSX)
    assert broken.status_code == 422 and broken.get_json()["error"]["code"] == "roster_unreadable"
    missing = send(admin_api, csv_bytes("姓名,用户名\n赵新,zhao.xin\n"))
    assert missing.status_code == 422
    assert {(r["row"], r["field"]) for r in missing.get_json()["rows"]} == {
        (1, "驻村"), (1, "职务"), (1, "派出单位"), (1, "任期开始"), (1, "任期结束")}
    assert people(admin) == before
    assert "/api/v1/roster" in admin_api.get("/api/v1/openapi.json").get_json()["paths"]


def test_the_command_line_import(app, admin, tmp_path):
    runner = app.test_cli_runner()
    bad = tmp_path / "bad.csv"
    bad.write_bytes(csv_bytes(f"{HEADER}\n赵新,zhao.xin,火星村,队员,县教育局,2026-04-01,2028-03-31\n"))
    refused = runner.invoke(args=["roster", "import", str(bad)])
    assert refused.exit_code != 0
    assert "row 2, 驻村" in refused.output and "nothing was imported" in refused.output
    assert "赵新" not in people(admin)

    good = tmp_path / "good.xlsx"
    good.write_bytes(xlsx_bytes(["赵新", "zhao.xin", "杏花村", "队员", "县教育局", "2026-04-01", "2028-03-31"]))
    done = runner.invoke(args=["roster", "import", str(good)])
    assert done.exit_code == 0, done.output
    assert "created: 1, updated: 0" in done.output
    assert "created: 0, updated: 0" in runner.invoke(args=["roster", "import", str(good)]).output
    assert "赵新" in people(admin)


def upload(admin, body: bytes, filename="roster.csv") -> Page:
    data = {"file": (io.BytesIO(body), filename), "csrf_token": csrf_token(admin, "/admin/roster")}
    return Page(admin.post("/admin/roster/preview", data=data, content_type="multipart/form-data"))


def confirm(admin, preview: Page) -> Page:
    values = {name: v[0] for name, v in form_values(preview.html, "roster-confirm").items()}
    return Page(admin.post("/admin/roster/import", data=values, follow_redirects=True))


def test_the_admin_page_previews_then_imports(admin):
    page = get(admin, "/admin/roster")
    assert page.status == 200 and page.has("roster-upload")
    assert "Roster import" in get(admin, "/admin/").text("admin-nav")

    preview = upload(admin, csv_bytes(GOOD))
    assert preview.status == 200
    rows = {e.attrs["data-row"]: e for e in preview.all("preview-row")}
    assert {n: e.attrs["data-action"] for n, e in rows.items()} == {"2": "create", "3": "create", "4": "update"}
    assert "赵新" in rows["2"].text and "New" in rows["2"].text
    assert "任期结束: 2027-02-28 → 2027-06-30" in rows["4"].text
    assert "赵新" not in people(admin)  # nothing is written by a preview

    done = confirm(admin, preview)
    assert "Roster imported: 2 created, 1 updated." in done.html
    assert people(admin)["赵新"] == "县教育局 —"

    again = upload(admin, csv_bytes(GOOD))
    assert {e.attrs["data-action"] for e in again.all("preview-row")} == {"unchanged"}
    assert "Roster imported: 0 created, 0 updated." in confirm(admin, again).html


def test_the_admin_page_lists_bad_rows_and_offers_no_import(admin):
    body = xlsx_bytes(["赵新", "zhao.xin", "火星村", "队员", "县教育局", "2026-04-01", "2028-03-31"],
                      ["", "qian.bei", "", "", "县教育局", "", ""])
    refused = upload(admin, body, "roster.xlsx")
    assert refused.status == 422
    problems = [(e.attrs["data-row"], e.attrs["data-field"], e.text) for e in refused.all("problem-row")]
    assert [(row, column) for row, column, _text in problems] == [("2", "驻村"), ("3", "姓名")]
    assert "No village is named “火星村”" in problems[0][2]
    assert not refused.has("roster-confirm")


def test_the_confirm_imports_what_was_previewed_or_shows_what_changed(admin, admin_api):
    preview = upload(admin, csv_bytes(GOOD))
    # Meanwhile someone imports the same roster: the preview's "create" rows are no longer so.
    assert send(admin_api, csv_bytes(GOOD)).status_code == 200
    stale = confirm(admin, preview)
    assert stale.status == 409
    assert "changed since the preview" in stale.text("form-error")
    assert {e.attrs["data-action"] for e in stale.all("preview-row")} == {"unchanged"}


def test_the_templates_download(admin):
    csv_file = admin.get("/admin/roster/template.csv")
    assert csv_file.status_code == 200
    assert csv_file.get_data().decode("utf-8-sig").strip() == HEADER
    xlsx_file = admin.get("/admin/roster/template.xlsx")
    assert xlsx_file.status_code == 200 and xlsx_file.mimetype == XLSX
    from openpyxl import load_workbook
    sheet = load_workbook(io.BytesIO(xlsx_file.get_data())).worksheets[0]
    assert [c.value for c in next(sheet.iter_rows())] == HEADER.split(",")
