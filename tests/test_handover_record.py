"""The handover on the pages: starting one from the team page (the start form for the team leader and
the township, not for a member), the county office's rotation plan with the keep-one refusal, and the
record (交接清单) of a handover walked to its sign-off, printable and as an .xlsx sheet."""
import re
from io import BytesIO

from openpyxl import load_workbook

from tests import pages
from tests.conftest import SICK_NOTE, leave_dates, reserve, use_preset
from tests.test_handover_flow import HANDOVER_DATE, _act, _case, _confirm_all, _items, _me, _ok, _open, _team_id

TEAM_PAGE = "/teams/{}"


def _start_page(team):
    return f"/teams/{team}/handover"


def test_the_team_page_offers_the_start_form_to_the_leader_and_the_township_not_to_a_member(app, login_as):
    team = _team_id(app)
    for username in ("xinghua.leader", "dongling.head"):
        client = pages.user(login_as, username)
        assert pages.get(client, TEAM_PAGE.format(team)).has("start-handover"), username
        assert pages.get(client, _start_page(team)).has("handover-start-form"), username
    member = pages.user(login_as, "xinghua.member2")
    assert pages.get(member, TEAM_PAGE.format(team)).status == 200
    assert not pages.get(member, TEAM_PAGE.format(team)).has("start-handover")
    assert member.get(_start_page(team)).status_code == 403
    # Only the county office lays a rotation plan.
    assert not pages.get(pages.user(login_as, "dongling.head"), TEAM_PAGE.format(team)).has("plan-rotation")
    assert pages.get(pages.user(login_as, "county.office"), TEAM_PAGE.format(team)).has("plan-rotation")


def test_starting_a_handover_from_the_team_page_opens_the_case(app, login_as, api):
    team = _team_id(app)
    successor = reserve(app, "钱程")
    lina = _me(api, "xinghua.member1")
    client = pages.user(login_as, "xinghua.leader")
    form = pages.get(client, _start_page(team))
    # The outgoing select holds the current members; the incoming one the people on no team.
    assert pages.option_value(form.html, "outgoing_person_id", "李娜") == str(lina)
    incoming = pages.option_value(form.html, "incoming_person_id", "钱程")
    assert incoming == str(successor)
    assert "张伟" not in re.search(r'name="incoming_person_id".*?</select>', form.html, re.S).group(0)

    # A date in the past is refused under its field, and nothing opens.
    refused = pages.post(client, _start_page(team), {"outgoing_person_id": lina, "incoming_person_id": incoming,
                                                     "handover_date": "2026-03-01"}, _start_page(team))
    assert refused.status == 422 and "2026-03-10" in refused.text("error-handover_date")
    response = client.post(_start_page(team), data={
        "outgoing_person_id": lina, "incoming_person_id": incoming, "handover_date": HANDOVER_DATE,
        "absent_reason": "", "csrf_token": pages.csrf_token(client, _start_page(team))})
    assert response.status_code == 303
    case_id = int(re.search(r"/cases/(\d+)$", response.headers["Location"]).group(1))
    case = _case(api, case_id)
    assert case["kind"] == "handover" and case["state"] == "listing"
    assert (case["handover"]["outgoing"]["name"], case["handover"]["incoming"]["name"]) == ("李娜", "钱程")


def _plan(client, team, choices: dict, on=HANDOVER_DATE):
    path = f"/teams/{team}/rotation"
    page = pages.get(client, path)
    data = {"date": on}
    for person_id, name in choices.items():
        data[f"incoming-{person_id}"] = pages.option_value(page.html, f"incoming-{person_id}", name)
    return pages.post(client, path, data, path)


def test_the_rotation_form_keeps_one_of_the_previous_batch_under_linfen(app, login_as, api):
    use_preset(app, "linfen-2018")
    team = _team_id(app)
    members = [_me(api, u) for u in ("xinghua.leader", "xinghua.member1", "xinghua.member2")]
    for i in range(3):
        reserve(app, f"新队员{i}")
    client = pages.user(login_as, "county.office")
    everyone = {m: f"新队员{i}" for i, m in enumerate(members)}
    refused = _plan(client, team, everyone)
    assert refused.status == 422
    assert "001" in refused.text("rotation-error") and "第四条" in refused.text("rotation-error")
    # The choices made stay on the form.
    assert pages.option_value(refused.html, f"incoming-{members[0]}", "新队员0")
    assert api("county.office").get("/api/v1/inbox").get_json()["items"] == []

    opened = _plan(client, team, dict(list(everyone.items())[:2]))
    assert opened.status == 200 and opened.has("team-name")
    assert "2 handovers opened" in opened.html
    found = api("admin").get("/api/v1/cases?kind=handover").get_json()["items"]
    assert sorted(c["person"]["name"] for c in found) == ["张伟", "李娜"]


def test_a_member_may_not_post_a_rotation_plan(app, login_as):
    client = pages.user(login_as, "dongling.head")
    path = f"/teams/{_team_id(app)}/rotation"
    assert client.get(path).status_code == 403


def _full_handover(app, api, absent=None) -> tuple[int, int]:
    """李娜 hands over to 钱程 (the leader opens it, 李娜 or the leader lists), one item disputed and
    resolved, then the leader and the township sign. Returns (case id, the disputed fund's id)."""
    lina = _me(api, "xinghua.member1")
    successor = reserve(app, "钱程")
    incoming = f"reserve.{successor}"
    extra = {"absent_reason": absent} if absent else {}
    case = _ok(_open(api, "xinghua.leader", lina, successor, **extra), 201)
    lister = "xinghua.leader" if absent else "xinghua.member1"
    for heading, title, more in (("duties", "脱贫户帮扶", {"detail": "联系12户"}),
                                 ("village", "村情概况", {"detail": "全村312户"}),
                                 ("unfinished", "无", {}),
                                 ("funds", "工作经费结余", {"amount": "5000"}),
                                 ("funds", "办公设备", {"amount": "1200.50", "detail": "电脑1台"})):
        _ok(api(lister).post(f"/api/v1/cases/{case['id']}/items",
                             json={"heading": heading, "title": title, **more}), 201)
    _ok(_act(api, lister, case["id"], "submit"))
    fund = next(i for i in _items(_case(api, case["id"]), "funds") if i["title"] == "工作经费结余")
    _ok(_act(api, incoming, case["id"], "dispute_item", item_id=fund["id"], note="账面只有4800元"))
    _confirm_all(api, incoming, case["id"])
    _ok(_act(api, lister, case["id"], "resolve_item", item_id=fund["id"], note="已核对，结余4800元", amount="4800"))
    _ok(_act(api, lister, case["id"], "submit"))
    _ok(_act(api, incoming, case["id"], "confirm_item", item_id=fund["id"], note="无误"))
    _ok(_act(api, "xinghua.leader", case["id"], "approve"))
    assert _ok(_act(api, "dongling.head", case["id"], "approve"))["state"] == "done"
    return case["id"], fund["id"]


def test_the_record_after_a_full_handover_shows_the_parties_items_notes_and_sign_offs(app, api, login_as):
    case_id, fund = _full_handover(app, api)
    client = login_as("xinghua.member1")  # the outgoing cadre, reading in Chinese (the default)
    # The case page leads to the record.
    assert pages.get(client, f"/cases/{case_id}").text("handover-record-link") == "驻村工作队员工作交接清单"
    record = pages.get(client, f"/cases/{case_id}/record")
    assert record.status == 200
    assert "驻村工作队员工作交接清单" in record.html
    assert "李娜" in record.text("record-outgoing") and "钱程" in record.text("record-incoming")
    assert not record.has("record-absent")
    headings = [s.attrs["data-heading"] for s in record.all("record-section")]
    assert headings == ["duties", "village", "unfinished", "records", "funds"]
    rows = {r.attrs["data-item-id"]: r for r in record.all("record-item")}
    assert len(rows) == len(_items(_case(api, case_id)))
    assert all(r.attrs["data-status"] == "confirmed" for r in rows.values())
    assert "已确认" in rows[str(fund)].text and "无误" in rows[str(fund)].text
    assert "已核对，结余4800元" in rows[str(fund)].text and "4,800.00" in rows[str(fund)].text
    # The ledgers read as people name them, not as codes.
    assert "签到簿" in record.html and "工作日志" in record.html and "sign_in_book" not in record.html
    assert record.text("funds-total") == "6,000.50"
    signed = [s.text for s in record.all("record-sign-off")]
    assert len(signed) == 2 and "张伟" in signed[0] and "队长" in signed[0]
    assert "乡镇" in signed[1]
    assert "移交人" in record.text("record-signature-lines") and "监交人" in record.text("record-signature-lines")
    # The case page's readers only: a cadre of another team is refused.
    assert login_as("shiqiao.member1").get(f"/cases/{case_id}/record").status_code in (403, 404)


def test_the_record_marks_an_absent_outgoing_cadre(app, api, login_as):
    case_id, _ = _full_handover(app, api, absent="病休住院")
    record = pages.get(login_as("dongling.head"), f"/cases/{case_id}/record")
    assert "本人未到场" in record.text("record-absent") and "病休住院" in record.text("record-absent")
    assert "监交" in record.text("record-absent")


def test_the_record_exports_as_a_sheet_with_the_items_and_the_total(app, api, login_as):
    case_id, _ = _full_handover(app, api)
    response = login_as("dongling.head").get(f"/cases/{case_id}/record.xlsx")
    assert response.status_code == 200
    sheet = load_workbook(BytesIO(response.data)).active
    rows = [[c for c in row] for row in sheet.iter_rows(values_only=True)]
    assert rows[0][0] == "驻村工作队员工作交接清单"
    assert any(r[0] == "移交人" and r[1] == "李娜" for r in rows)
    assert any(r[0] == "接任人" and r[1] == "钱程" for r in rows)
    header = rows.index(["类别", "事项", "说明", "金额(元)", "状态", "接任人意见", "移交人说明"])
    items = rows[header + 1:]
    fund = next(r for r in items if r[1] == "工作经费结余")
    assert (fund[3], fund[4], fund[5], fund[6]) == (4800, "已确认", "无误", "已核对，结余4800元")
    assert any(r[1] == "签到簿" for r in items) and any(r[1] == "脱贫户帮扶" for r in items)
    total = next(r for r in items if r[0] == "经费合计")
    assert total[3] == 6000.5
    assert any(r[0] == "签字" and "张伟" in r[2] for r in items)


def test_the_record_names_an_unfinished_case_by_its_kind_and_number(app, api, login_as):
    use_preset(app, "county-pian6")
    start, end = leave_dates(1)
    leave = _ok(api("xinghua.member1").post("/api/v1/leave-requests", json={
        "type": "personal", "start_date": start, "end_date": end, "reason": "回家办事", "documents": [SICK_NOTE]}), 201)
    _ok(_act(api, "xinghua.secretary", leave["id"], "approve"))  # now waiting for the team leader
    case = _ok(_open(api, "dongling.deputy", _me(api, "xinghua.leader"), reserve(app, "钱程")), 201)
    record = pages.get(login_as("dongling.deputy"), f"/cases/{case['id']}/record")
    unfinished = next(s for s in record.all("record-section") if s.attrs["data-heading"] == "unfinished")
    assert f"请假 #{leave['id']}" in unfinished.text
    assert record.has("record-not-signed")
    # Another kind of case has no handover record.
    assert login_as("xinghua.leader").get(f"/cases/{leave['id']}/record").status_code == 404
