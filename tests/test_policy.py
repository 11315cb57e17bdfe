"""Policies are data: presets validate on load with errors naming file, key and problem; a new
version leaves open cases on the version they were opened under."""
import copy

import pytest

from tests.conftest import leave_dates
from workflows import policy, policy_editor
from workflows.leave import rules
from workflows.policy import PolicyError


def preset(pid):
    return copy.deepcopy(policy.load_presets()[pid])


def test_every_shipped_preset_loads():
    assert sorted(policy.load_presets()) == [
        "city-pian15", "county-pian6", "jiangxi-pian9", "linfen-2018", "wuhai-2023", "zhumadian-2022"]


@pytest.mark.parametrize("pid", sorted(policy.load_presets()))
def test_the_editor_reads_and_writes_back_every_preset_without_changing_a_rule(pid):
    body = preset(pid)
    assert policy_editor.same_rules(policy_editor.apply(body, policy_editor.settings_of(body)), body)


def test_policies_endpoint_lists_presets_with_versions(api):
    listed = api("admin").get("/api/v1/policies").get_json()
    assert {p["id"] for p in listed} >= {"zhumadian-2022", "linfen-2018", "wuhai-2023"}
    assert all(p["version"] == 1 and p["name"] for p in listed)


@pytest.mark.parametrize("mutate, key, problem", [
    (lambda d: d["leave"]["bands"][0]["steps"][0].update(approvers=["townshp"]),
     "leave.bands[0].steps[0].approvers", "unknown value 'townshp'"),
    (lambda d: d["leave"]["bands"][1].update(min_days=9), "leave.bands", "no band covers 8 days"),
    (lambda d: d["leave"]["bands"][1].update(min_days=7), "leave.bands", "overlap for 7 days"),
    (lambda d: d["leave"]["bands"][0].update(max_days="seven"), "leave.bands[0].max_days", "whole number"),
    (lambda d: d["leave"].update(day_counting="lunar"), "leave.day_counting", "unknown value 'lunar'"),
    (lambda d: d["leave"]["bands"][0].update(colour="red"), "leave.bands[0].colour", "unknown key"),
    (lambda d: d["leave"]["bands"][0]["steps"][0].update(joint="yes"), "leave.bands[0].steps[0].joint",
     "true or false"),
    (lambda d: d.pop("name"), "name", "is required"),
])
def test_invalid_policy_names_file_key_and_problem(mutate, key, problem):
    doc = preset("zhumadian-2022")
    mutate(doc)
    with pytest.raises(PolicyError) as caught:
        policy.validate(doc, "zhumadian-2022.toml")
    assert caught.value.key == key
    assert problem in caught.value.problem
    assert str(caught.value).startswith(f"zhumadian-2022.toml: {key}: ")


def test_a_broken_file_is_reported_with_its_name(tmp_path):
    (tmp_path / "broken-1.toml").write_text('id = "broken-1"\nname = [unclosed\n', encoding="utf-8")
    with pytest.raises(PolicyError, match=r"^broken-1.toml: \(file\): not valid TOML"):
        policy.load_presets(tmp_path)
    (tmp_path / "broken-1.toml").write_text('id = "other"\nname = "x"\n[leave]\nbands = [{steps = '
                                            '[{approvers = ["township"]}]}]\n', encoding="utf-8")
    with pytest.raises(PolicyError, match=r"^broken-1.toml: id: 'other' does not match"):
        policy.load_presets(tmp_path)


def test_a_leader_never_approves_their_own_leave():
    doc = preset("county-pian6")
    doc["leave"]["certified_by"] = []
    doc["leave"]["bands"] = [{"steps": [{"approvers": ["team_leader"]}, {"approvers": ["township_head"]}]}]
    policy.validate(doc, "test")
    assert rules.route(doc, 2, "leader", "city").as_dict()["steps"] == [
        {"approvers": ["township_head"], "joint": False}]
    assert len(rules.route(doc, 2, "member", "city").steps) == 2


def test_new_version_leaves_open_cases_on_theirs(app, db, api):
    cadre = api("xinghua.member1")
    start, end = leave_dates(10)
    body = {"type": "personal", "start_date": start, "end_date": end, "reason": "事假"}
    old_case = cadre.post("/api/v1/leave-requests", json=body).get_json()
    assert old_case["policy"] == {"id": "zhumadian-2022", "version": 1}

    # The jurisdiction now lets the township approve up to 10 days.
    edited = preset("zhumadian-2022")
    edited["leave"]["bands"][0]["max_days"] = 10
    edited["leave"]["bands"][1]["min_days"] = 11
    with app.app_context():
        assert policy.publish(db.session, edited, "edited by admin").version == 2
        db.session.commit()
        same_again = preset("zhumadian-2022") | {"leave": copy.deepcopy(edited["leave"])}
        assert policy.publish(db.session, same_again, "again").version == 2

    later_start, later_end = leave_dates(10, start_in=30)
    new_case = cadre.post("/api/v1/leave-requests", json={**body, "start_date": later_start,
                                                          "end_date": later_end}).get_json()
    assert new_case["policy"] == {"id": "zhumadian-2022", "version": 2}
    assert new_case["leave"]["route"] == [{"approvers": ["township"], "joint": False}]

    # The old case keeps version 1's route, even when it is returned and resubmitted.
    api("county.org").act(old_case["id"], "return", comment="请补充材料")
    resubmitted = cadre.act(old_case["id"], "submit", reason="事假（补充材料）").get_json()
    assert resubmitted["policy"] == {"id": "zhumadian-2022", "version": 1}
    assert resubmitted["leave"]["route"][0]["approvers"] == ["county_org_dept", "county_rural_bureau",
                                                             "dispatching_unit"]
    listed = {p["id"]: p["version"] for p in api("admin").get("/api/v1/policies").get_json()}
    assert listed["zhumadian-2022"] == 2


def test_a_step_that_is_not_joint_needs_any_one_of_its_offices(app, db, api):
    either = preset("zhumadian-2022")
    either["leave"]["bands"][1]["steps"] = [{"approvers": ["county_org_dept", "county_rural_bureau"]}]
    with app.app_context():
        policy.publish(db.session, either, "edited by admin")
        db.session.commit()
    start, end = leave_dates(9)
    case = api("xinghua.member1").post("/api/v1/leave-requests", json={
        "type": "personal", "start_date": start, "end_date": end, "reason": "事假"}).get_json()
    assert case["leave"]["route"] == [{"approvers": ["county_org_dept", "county_rural_bureau"], "joint": False}]
    assert api("county.rural").act(case["id"], "approve").get_json()["state"] == "approved"
    assert api("county.org").get("/api/v1/inbox").get_json()["total"] == 0
