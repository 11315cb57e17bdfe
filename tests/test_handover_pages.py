"""The handover (交接) on the case page, walked as its users do in the browser: the outgoing cadre lists
the items and submits by the page's forms, the incoming cadre disputes one with a note and confirms the
rest, the outgoing cadre answers and submits again; refusals show under the field; the absent banner,
the summary row and the Chinese words. The handover is opened through the API, as a township does."""
import io
import re

from tests.conftest import SICK_NOTE, leave_dates, reserve, use_preset
from tests.pages import act, get, user

HANDOVER_DATE = "2026-03-20"


def _me(api, username) -> int:
    return api(username).get("/api/v1/me").get_json()["person_id"]


def _open(app, api, **extra) -> tuple[int, str]:
    """李娜 (a member of 杏花村) hands over to a reserve cadre; returns the case and the incoming user."""
    incoming = reserve(app, "钱程")
    response = api("xinghua.leader").post("/api/v1/handovers", json={
        "outgoing_person_id": _me(api, "xinghua.member1"), "incoming_person_id": incoming,
        "handover_date": HANDOVER_DATE, **extra})
    assert response.status_code == 201, response.get_json()
    return response.get_json()["id"], f"reserve.{incoming}"


def _add(client, case_id, **fields):
    """Fill in the add-item form on the case page and send it."""
    return act(client, case_id, "add_item", **{"heading": "", "title": "", "detail": "", "amount": "", **fields})


def _rows(page, heading=None):
    return [e for e in page.all("item") if heading is None or e.attrs["data-heading"] == heading]


def _item_id(page, heading) -> int:
    return int(_rows(page, heading)[0].attrs["data-item-id"])


def test_listing_dispute_resolve_and_resubmit_through_the_page(app, api, login_as):
    case_id, incoming_user = _open(app, api)
    outgoing = user(login_as, "xinghua.member1")
    page = get(outgoing, f"/cases/{case_id}")
    assert page.state == "listing" and page.has("add_item-form")
    assert "李娜" in page.text("handover-parties") and "钱程" in page.text("handover-parties")

    # A fund item without its amount is refused under the amount field; nothing is listed.
    refused = _add(outgoing, case_id, heading="funds", title="工作经费结余")
    assert refused.status == 422
    assert "Amount" in refused.text("error-amount")
    assert refused.one("add_item-form") and _rows(refused, "funds") == []

    page = _add(outgoing, case_id, heading="duties", title="脱贫户帮扶", detail="联系12户")
    assert page.status == 200 and [r.text for r in _rows(page, "duties")] == ["脱贫户帮扶 联系12户 To be confirmed"]
    _add(outgoing, case_id, heading="village", title="村情概况", detail="全村312户")
    _add(outgoing, case_id, heading="unfinished", title="无")
    # An item may carry a file: it is linked from the row.
    page = act(outgoing, case_id, "add_item", heading="funds", title="工作经费结余", detail="", amount="5000",
               document=(io.BytesIO(b"%PDF-1.4 ledger"), "ledger.pdf"))
    fund = _rows(page, "funds")[0]
    assert page.one("item-amount").text == "¥5,000.00" and "¥5,000.00" in page.text("funds-total")
    link = page.one("item-document")
    assert link.text == "ledger.pdf" and outgoing.get(link.attrs["href"]).status_code == 200

    # The system listed its ledgers under records, by their names.
    assert [r.text for r in _rows(page, "records")] == ["Sign-in book (listed by the system) 0 entries To be confirmed",
                                                        "Work log (listed by the system) 0 entries To be confirmed"]
    page = act(outgoing, case_id, "submit")
    assert page.state == "reviewing" and not page.has("add_item-form")

    # The incoming cadre disputes the fund: a dispute without a note is refused under the note.
    newcomer = user(login_as, incoming_user)
    fund_id = int(fund.attrs["data-item-id"])
    refused = act(newcomer, case_id, "dispute_item", item_id=fund_id, note="")
    assert refused.status == 422 and "required" in refused.text("error-note")
    assert [r.attrs["data-status"] for r in _rows(refused, "funds")] == ["listed"]
    page = act(newcomer, case_id, "dispute_item", item_id=fund_id, note="账面只有4800元")
    for row in _rows(page):
        if row.attrs["data-status"] == "listed":
            page = act(newcomer, case_id, "confirm_item", item_id=row.attrs["data-item-id"], note="")
    assert page.state == "returned"
    disputed = [r for r in _rows(page) if r.attrs["data-status"] == "disputed"]
    assert [int(r.attrs["data-item-id"]) for r in disputed] == [fund_id]
    assert any(e.text == "Disputed" for e in page.all("item-status"))
    assert any("账面只有4800元" in e.text for e in page.all("item-note"))

    # Back to the outgoing cadre: answer the dispute with the corrected amount, then submit again.
    page = get(outgoing, f"/cases/{case_id}")
    assert [int(f.attrs["data-item-id"]) for f in page.all("resolve-form")] == [fund_id]
    page = act(outgoing, case_id, "resolve_item", item_id=fund_id, note="已核对，结余4800元", detail="", amount="4800")
    assert page.one("item-amount").text == "¥4,800.00"
    assert "已核对，结余4800元" in page.text("item-resolution")
    page = act(outgoing, case_id, "submit")
    assert page.state == "reviewing"
    # Only the resolved item is checked again; confirming it sends the record to be signed.
    page = get(newcomer, f"/cases/{case_id}")
    assert [int(f.attrs["data-item-id"]) for f in page.all("review-form")] == [fund_id]
    page = act(newcomer, case_id, "confirm_item", item_id=fund_id, note="无误")
    assert page.state == "signing"
    assert page.text("item-note").endswith("无误")


def test_the_absent_banner_and_listing_for_the_cadre(app, api, login_as):
    case_id, _ = _open(app, api)
    leader = user(login_as, "xinghua.leader")
    page = get(leader, f"/cases/{case_id}")
    assert not page.has("handover-absent") and page.has("mark_absent-form")
    # The reason is required: the refusal is under its field.
    refused = act(leader, case_id, "mark_absent", reason="")
    assert refused.status == 422 and refused.has("error-reason")
    page = act(leader, case_id, "mark_absent", reason="住院治疗")
    banner = page.text("handover-absent")
    assert "本人未到场" in banner and "住院治疗" in banner and "Team leader" in banner
    # The leader now lists for the absent cadre; the cadre no longer has the form.
    assert page.has("add_item-form")
    assert not get(user(login_as, "xinghua.member1"), f"/cases/{case_id}").has("add_item-form")


def test_the_page_speaks_chinese_and_the_inbox_row_summarises(app, api, login_as):
    case_id, incoming_user = _open(app, api)
    outgoing = login_as("xinghua.member1")  # the default language: Chinese
    page = get(outgoing, f"/cases/{case_id}")
    assert page.text("case-state") == "列清单"
    for heading in ("职责任务", "村情民情", "尚未处理完毕的工作", "台账资料", "工作经费和资产"):
        assert heading in page.html
    assert "队员" in page.text("handover-position")
    inbox = get(outgoing, "/inbox/")
    row = next(e for e in inbox.all("inbox-row") if e.attrs["data-case-id"] == str(case_id))
    assert re.search(r"李娜 → 钱程 · .+ · 2026", row.text) and "列出交接事项" in row.text


def test_only_the_incoming_cadre_gets_the_review_buttons(app, api, login_as):
    case_id, incoming_user = _open(app, api)
    lister = api("xinghua.member1")
    for heading, title, amount in (("duties", "帮扶", None), ("village", "村情", None), ("unfinished", "无", None),
                                   ("funds", "经费", "100")):
        body = {"heading": heading, "title": title, **({"amount": amount} if amount else {})}
        assert lister.post(f"/api/v1/cases/{case_id}/items", json=body).status_code == 201
    version = api("admin").get(f"/api/v1/cases/{case_id}").get_json()["version"]
    assert lister.post(f"/api/v1/cases/{case_id}/actions/submit", json={"version": version}).status_code == 200
    assert not get(user(login_as, "xinghua.member1"), f"/cases/{case_id}").has("review-form")
    assert not get(user(login_as, "xinghua.leader"), f"/cases/{case_id}").has("review-form")
    page = get(user(login_as, incoming_user), f"/cases/{case_id}")
    assert len(page.all("review-form")) == len(page.all("item"))


def test_a_leaders_handover_links_the_open_case_is_signed_and_ticked_off(app, api, login_as):
    use_preset(app, "county-pian6")
    start, end = leave_dates(1)
    leave = api("xinghua.member1").post("/api/v1/leave-requests", json={
        "type": "personal", "start_date": start, "end_date": end, "reason": "回家办事", "documents": [SICK_NOTE]})
    leave_id = leave.get_json()["id"]
    assert api("xinghua.secretary").act(leave_id, "approve").status_code == 200
    incoming = reserve(app, "钱程", "市财政局")
    opened = api("dongling.deputy").post("/api/v1/handovers", json={
        "outgoing_person_id": _me(api, "xinghua.leader"), "incoming_person_id": incoming,
        "handover_date": HANDOVER_DATE})
    case_id = opened.get_json()["id"]

    leader = user(login_as, "xinghua.leader")
    page = get(leader, f"/cases/{case_id}")
    # The leader's open approval is listed by itself: the case's kind, number and state, linked.
    unfinished = _rows(page, "unfinished")
    assert len(unfinished) == 1 and f"Leave #{leave_id} · Awaiting approval" in unfinished[0].text
    assert f'href="/cases/{leave_id}"' in page.html
    assert page.text("handover-position") == "First secretary"
    for heading, title, amount in (("duties", "帮扶", ""), ("village", "村情", ""), ("funds", "经费", "100.5")):
        page = _add(leader, case_id, heading=heading, title=title, amount=amount)
    assert page.text("funds-total").endswith("¥100.50")
    act(leader, case_id, "submit")
    newcomer = user(login_as, f"reserve.{incoming}")
    for row in _rows(get(newcomer, f"/cases/{case_id}")):
        page = act(newcomer, case_id, "confirm_item", item_id=row.attrs["data-item-id"], note="")
    assert page.state == "signing"
    # The township signs alone (the leader is the one leaving): "Sign off".
    township = user(login_as, "dongling.deputy")
    assert get(township, f"/cases/{case_id}").text("action-approve") == "Sign off"
    page = act(township, case_id, "approve", comment="")
    assert page.state == "done" and page.text("case-state") == "Handed over"
    # What follows the posting, ticked off by the incoming cadre.
    page = act(newcomer, case_id, "tick", index="0")
    assert [e.attrs["data-done"] for e in page.all("checklist-item")] == ["true"]
    assert not page.has("tick-form")
    # The leave's history says its approval followed the office, to whom.
    moved = [e for e in get(township, f"/cases/{leave_id}").all("history-row")
             if e.attrs["data-action"] == "office_handed_over"]
    assert len(moved) == 1 and "Team leader's office handed over → 钱程" in moved[0].text
