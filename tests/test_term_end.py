"""The end of a term (到期, api.md "Handover", last bullet) walked through the API: the sweep opens a
term_end case the policy's days before a term's planned end, once; the dispatching unit rotates (the
successor named at least the overlap before the handover date, which opens the handover, run to its
sign-off) or extends (the planned end moves, the county office is told, the new end gets its own case);
under linfen-2018 a rotation that would leave none of the previous batch is refused."""
from tests.conftest import on_day, reserve, use_preset
from tests.pages import form_values, get, post, user
from tests.test_handover_flow import _act, _case, _me, _ok
from tests.test_sweep import sweep

OPENS = "2026-12-30"  # demo terms end 2027-02-28: 60 days before


def _term_ends(api, reader="admin") -> list[dict]:
    return api(reader).get("/api/v1/cases?kind=term_end").get_json()["items"]


def _case_of(api, person_id, reader="admin") -> dict:
    found = [c for c in _term_ends(api, reader) if _case(api, c["id"])["applicant"]["id"] == person_id]
    assert len(found) == 1, found
    return _case(api, found[0]["id"])


def _error(response) -> tuple:
    assert response.status_code == 422, response.get_json()
    error = response.get_json()["error"]
    return error["field"], error["code"]


def _sweep_on(app, day):
    with on_day(day):
        return sweep(app)


def test_the_sweep_opens_one_case_per_term_the_notice_days_before_its_end_and_only_once(app, api):
    assert "term end" not in _sweep_on(app, "2026-12-29")
    assert _term_ends(api) == []
    said = _sweep_on(app, OPENS)
    assert said.count("term end: case") == 12  # four teams of three, all posted 2025-03-01 → 2027-02-28
    assert _sweep_on(app, "2026-12-31").count("term end: case") == 0
    assert len(_term_ends(api)) == 12

    lina = _me(api, "xinghua.member1")
    case = _case_of(api, lina, "unit.agri")
    assert case["state"] == "deciding" and case["village"]["name"] == "杏花村"
    details = case["term_end"]
    assert (details["term"]["start_date"], details["planned_end_date"]) == ("2025-03-01", "2027-02-28")
    assert details["decision"] is None and details["overlap_days"] == 7
    # 李娜 was sent by 县农业农村局: its office decides, within 30 calendar days of the opening.
    task = case["open_tasks"][0]
    assert (task["office"], task["due_date"]) == ("dispatching_unit", "2027-01-29")
    assert set(case["actions"]) == set()  # the admin reads it, decides nothing
    assert set(api("unit.agri").get(f"/api/v1/cases/{case['id']}").get_json()["actions"]) == {"rotate", "extend"}
    assert api("unit.finance").get(f"/api/v1/cases/{case['id']}").status_code == 403


def test_a_rotation_with_overlap_opens_the_handover_which_switches_the_terms(app, api):
    lina = _me(api, "xinghua.member1")
    successor = reserve(app, "钱程")
    _sweep_on(app, OPENS)
    with on_day(OPENS):
        case = _case_of(api, lina, "unit.agri")
        assert case["term_end"]["earliest_handover_date"] == "2027-01-06"
        # 压茬: named only six days before the handover, or after the term has ended, is refused.
        too_short = _act(api, "unit.agri", case["id"], "rotate", incoming_person_id=successor,
                         handover_date="2027-01-05")
        assert _error(too_short) == ("handover_date", "overlap_too_short")
        assert "7" in too_short.get_json()["error"]["message"]
        too_late = _act(api, "unit.agri", case["id"], "rotate", incoming_person_id=successor,
                        handover_date="2027-03-01")
        assert _error(too_late) == ("handover_date", "handover_after_term")
        # Another unit's cadre holds no such task.
        assert _act(api, "unit.finance", case["id"], "rotate", incoming_person_id=successor,
                    handover_date="2027-01-06").status_code == 403
        assert _case(api, case["id"])["state"] == "deciding"

        case = _ok(_act(api, "unit.agri", case["id"], "rotate", incoming_person_id=successor,
                        handover_date="2027-01-06"))
        assert case["state"] == "rotated" and case["open_tasks"] == []
        assert case["term_end"]["decision"] == "rotate"
        handover = _case(api, case["term_end"]["handover_case_id"])
        assert handover["handover"]["source"] == "term_end" and handover["parent_id"] == case["id"]
        assert (handover["handover"]["incoming"]["name"], handover["handover"]["handover_date"]) == ("钱程", "2027-01-06")

        # The handover runs as any: 李娜 lists and submits, 钱程 confirms, the leader and the township sign.
        hid = handover["id"]
        for heading, title in (("duties", "产业帮扶"), ("village", "村情概况"), ("unfinished", "无")):
            _ok(api("xinghua.member1").post(f"/api/v1/cases/{hid}/items", json={"heading": heading, "title": title}), 201)
        _ok(api("xinghua.member1").post(f"/api/v1/cases/{hid}/items",
                                         json={"heading": "funds", "title": "工作经费结余", "amount": "1200"}), 201)
        _ok(_act(api, "xinghua.member1", hid, "submit"))
        for item in _case(api, hid)["handover"]["items"]:
            _ok(_act(api, f"reserve.{successor}", hid, "confirm_item", item_id=item["id"]))
        _ok(_act(api, "xinghua.leader", hid, "approve"))
        assert _ok(_act(api, "dongling.head", hid, "approve"))["state"] == "done"

    assert api("admin").get(f"/api/v1/people/{lina}").get_json()["terms"][-1]["end_date"] == "2027-01-06"
    incoming = api("admin").get(f"/api/v1/people/{successor}").get_json()["terms"][-1]
    assert (incoming["village"]["name"], incoming["start_date"]) == ("杏花村", "2027-01-06")


def test_an_extension_moves_the_planned_end_is_filed_and_opens_the_next_case_in_its_time(app, api):
    zhang = _me(api, "xinghua.leader")
    _sweep_on(app, OPENS)
    with on_day(OPENS):
        case = _case_of(api, zhang, "unit.finance")
        same = _act(api, "unit.finance", case["id"], "extend", end_date="2027-02-28")
        assert _error(same) == ("end_date", "extension_not_later")
        # At most term_years (2) years beyond the planned end.
        assert _error(_act(api, "unit.finance", case["id"], "extend", end_date="2029-03-01")) == \
            ("end_date", "extension_too_long")
        case = _ok(_act(api, "unit.finance", case["id"], "extend", end_date="2028-02-29"))
    assert (case["state"], case["state_label"]) == ("extended", "任期已延长")
    details = case["term_end"]
    assert (details["decision"], details["new_end_date"]) == ("extend", "2028-02-29")
    assert (details["planned_end_date"], details["term"]["planned_end_date"]) == ("2027-02-28", "2028-02-29")
    assert [f["office"] for f in case["filed_with"]] == ["county_office"]
    assert case["id"] in [f["case"]["id"] for f in api("county.office").get("/api/v1/filed").get_json()["items"]]
    moved = [e for e in api("admin").get(f"/api/v1/cases/{case['id']}/history").get_json() if e["action"] == "extend"]
    assert moved[0]["payload"]["planned_end_date"] == {"before": "2027-02-28", "after": "2028-02-29"}

    # 60 days before the new end (2027-12-31), a second case for the same term; not a day earlier.
    assert "张伟" not in _sweep_on(app, "2027-12-30")
    said = _sweep_on(app, "2027-12-31")
    assert "张伟" in said and "planned end 2028-02-29" in said
    cases = [_case(api, c["id"]) for c in _term_ends(api, "unit.finance")]
    mine = sorted((c["term_end"]["planned_end_date"], c["state"]) for c in cases if c["applicant"]["id"] == zhang)
    assert mine == [("2027-02-28", "extended"), ("2028-02-29", "deciding")]


def test_under_linfen_a_rotation_leaving_none_of_the_previous_batch_is_refused(app, api):
    use_preset(app, "linfen-2018")
    _sweep_on(app, OPENS)
    units = {"xinghua.leader": "unit.finance", "xinghua.member1": "unit.agri", "xinghua.member2": "unit.health"}
    with on_day(OPENS):
        answers = []
        for n, (cadre, unit) in enumerate(units.items()):
            case = _case_of(api, _me(api, cadre), unit)
            answers.append(_act(api, unit, case["id"], "rotate", incoming_person_id=reserve(app, f"新队员{n}"),
                                handover_date="2027-02-01"))
    assert [a.status_code for a in answers[:2]] == [200, 200]
    field, code = _error(answers[2])
    assert code == "keep_one" and "001" in answers[2].get_json()["error"]["message"]
    assert _case_of(api, _me(api, "xinghua.member2"))["state"] == "deciding"


def test_the_unit_sees_both_forms_on_the_case_page_with_its_free_people(app, api, login_as):
    lina = _me(api, "xinghua.member1")
    successor = reserve(app, "钱程")
    reserve(app, "孙悦", "市财政局")  # another unit's: not offered
    _sweep_on(app, OPENS)
    with on_day(OPENS):
        case = _case_of(api, lina, "unit.agri")
        page = get(user(login_as, "unit.agri"), f"/cases/{case['id']}")
        assert page.has("extend-form") and page.has("rotate-form")
        assert "Feb 28, 2027" in page.text("term-end-planned-end") and "60" in page.text("term-end-days-left")
        offered = page.text("rotate-incoming")
        assert "钱程" in offered and "孙悦" not in offered and "李娜" not in offered
        assert form_values(page.html, "rotate-form")["handover_date"] == ["2027-01-06"]
        # The township reads the case, with no form.
        other = get(user(login_as, "dongling.head"), f"/cases/{case['id']}")
        assert other.status == 200 and not other.has("rotate-form")

        # Sent from the page: too short an overlap is refused under the date, then a good one rotates.
        unit, path = user(login_as, "unit.agri"), f"/cases/{case['id']}"
        values = {k: v[0] for k, v in form_values(page.html, "rotate-form").items() if k != "csrf_token"}
        values["incoming_person_id"] = str(successor)
        refused = post(unit, f"{path}/act/rotate", {**values, "handover_date": "2027-01-02"}, path)
        assert refused.status == 422 and "2027-01-06" in refused.text("error-handover_date")
        done = post(unit, f"{path}/act/rotate", values, path)
        assert done.state == "rotated" and done.has("term-end-handover")


def test_a_called_off_handover_puts_the_decision_back_to_the_unit(app, api):
    lina = _me(api, "xinghua.member1")
    successor = reserve(app, "钱程")
    _sweep_on(app, OPENS)
    with on_day(OPENS):
        case = _case_of(api, lina, "unit.agri")
        case = _ok(_act(api, "unit.agri", case["id"], "rotate", incoming_person_id=successor,
                        handover_date="2027-01-06"))
        hid = case["term_end"]["handover_case_id"]
        # The township calls the handover off, saying why: the term's end waits for a decision again.
        assert _act(api, "dongling.head", hid, "cancel").status_code == 422  # a reason is needed
        assert _ok(_act(api, "dongling.head", hid, "cancel", comment="接任人另有任用"))["state"] == "cancelled"
        again = _case(api, case["id"])
        assert (again["state"], again["term_end"]["decision"], again["term_end"]["handover_case_id"]) == \
            ("deciding", None, None)
        assert [t["kind"] for t in again["open_tasks"]] == ["decide_term_end"]
        reopened = [e for e in api("admin").get(f"/api/v1/cases/{case['id']}/history").get_json()
                    if e["action"] == "reopen"]
        assert reopened[0]["payload"] == {"handover_case_id": hid}
        # The unit decides anew: this time it extends the term.
        assert _ok(_act(api, "unit.agri", case["id"], "extend", end_date="2027-08-31"))["state"] == "extended"
