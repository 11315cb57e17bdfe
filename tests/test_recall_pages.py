"""Recall and adjustment on the pages: started from the cadre's page with the policy's grounds as
checkboxes, decided on the case page beside the evidence the system holds, confirmed with the talk,
and the recall notice printed."""
from tests.conftest import csrf_token, use_preset
from tests.pages import act, get, user


def _person_id(api, username="xinghua.member1") -> int:
    return api(username).get("/api/v1/me").get_json()["person_id"]


def _start(client, person_id, grounds, reason="违纪受到处分"):
    path = f"/people/{person_id}/recall"
    return client.post(path, data={"grounds": [str(g) for g in grounds], "reason": reason,
                                   "csrf_token": csrf_token(client, path)})


def test_the_township_starts_a_recall_from_the_cadres_page(app, login_as, api):
    me = _person_id(api)
    township = user(login_as, "dongling.head")
    person = get(township, f"/people/{me}")
    assert person.has("recall-start-link")
    # The cadre's colleague sees no such link.
    assert not get(user(login_as, "xinghua.member2"), f"/people/{me}").has("recall-start-link")

    form = get(township, f"/people/{me}/recall")
    assert form.status == 200
    assert [e.attrs["value"] for e in form.all("ground-7")] == ["7"]
    assert "违纪违法受到处理的" in form.text("recall-grounds")

    refused = _start(township, me, [1, 7])
    assert refused.status_code == 422
    assert "mixed" in refused.get_data(as_text=True).lower() or "一个" in refused.get_data(as_text=True)

    response = _start(township, me, [7])
    assert response.status_code == 303
    case_id = int(response.headers["Location"].rsplit("/", 1)[1])
    page = act(township, case_id, "submit")
    assert page.state == "pending"
    assert "违纪违法受到处理的" in page.text("recall-grounds")


def test_the_decision_page_shows_the_record_and_the_notice_prints(app, login_as, api):
    me = _person_id(api)
    case = api("county.office").post("/api/v1/recalls", json={"person_id": me, "grounds": [8], "reason": "不适宜"})
    first = case.get_json()["id"]
    api("county.office").act(first, "submit")
    api("county.office").act(first, "criticize", comment="批评教育")

    second = api("county.office").post("/api/v1/recalls", json={"person_id": me, "grounds": [7], "reason": "处分"})
    second = second.get_json()["id"]
    api("county.office").act(second, "submit")
    office = user(login_as, "county.office")
    page = get(office, f"/cases/{second}")
    assert f"#{first}" in page.text("recall-record-warnings")
    assert "Criticism" in page.text("recall-record-warnings")
    assert page.has("action-criticize") and page.has("action-approve")

    page = act(office, second, "approve")
    assert page.state == "notified"
    assert "驻村召〔2026〕1号" in page.text("recall-notice")
    notice = get(office, f"/cases/{second}/notice")
    assert notice.status == 200
    assert notice.text("notice-no") == "驻村召〔2026〕1号"
    assert "县农业农村局" in notice.text("notice-unit")
    assert "违纪违法受到处理的" in notice.text("notice-grounds")
    assert "示范县" in notice.text("notice-issuer")
    assert 'href="/static/notice.css"' in notice.html and "style=" not in notice.html
    assert get(office, f"/cases/{first}/notice").status == 404

    unit = user(login_as, "unit.agri")
    page = act(unit, second, "confirm", talk_date="2026-03-10", note="单位负责人约谈")
    assert page.state == "recalled"
    assert "单位负责人约谈" in page.text("recall-talk")


def test_jiangxi_lists_its_own_grounds_on_the_form(app, login_as, api):
    use_preset(app, "jiangxi-pian9")
    me = _person_id(api)
    form = get(user(login_as, "unit.agri"), f"/people/{me}/recall")
    assert "因身体等原因确需调整的" in form.text("recall-grounds")
    assert form.has("ground-11")
