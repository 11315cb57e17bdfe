"""The policy editor, used as an administrator uses it: read a preset, copy it into the county's own
policy, change a band and its approvers, preview the routes, publish a new version; and every
refusal, each with its words and nothing written."""
import pytest

from tests.conftest import SICK_NOTE, csrf_token, leave_dates
from tests.pages import Element, Page, form_values, get, option_value, post, user

PRESET = "county-pian6"
OWN = "shifan-county"
CADRE = "xinghua.member1"  # 李娜, a member of 杏花村's team in 示范县

TEAM_LEADER, TOWNSHIP_HEAD, COUNTY_CHIEF = "Team leader", "Township party secretary", "County chief of teams"
VILLAGE = "Village party secretary"  # 篇六: 并经所在村委会证明, before every leave's first approval


@pytest.fixture
def admin(login_as):
    return user(login_as, "admin")


def copy_preset(admin, new_id=OWN, unit="示范县", preset=PRESET) -> Page:
    path = f"/admin/policies/{preset}"
    html = get(admin, path).html
    data = {"new_id": new_id, "name": "示范县驻村工作队请销假制度",
            "unit_id": option_value(html, "unit_id", unit) if unit else ""}
    return post(admin, f"{path}/copy", data, path)


def edit_form(admin, policy_id=OWN) -> dict:
    """The edit form's values as the page shows them."""
    return form_values(get(admin, f"/admin/policies/{policy_id}/edit").html, "policy-form")


def press(admin, values: dict, op: str, policy_id=OWN) -> Page:
    """Press one of the edit form's buttons with these values."""
    return Page(admin.post(f"/admin/policies/{policy_id}/edit", data={**values, "op": op}, follow_redirects=True))


def route_cells(page: Page, days: int) -> list[Element]:
    """The four route cells (member city/county, leader city/county) of the first table's row for `days`."""
    elements = page.elements
    row = next(i for i, e in enumerate(elements)
               if e.attrs.get("data-testid") == "route-row" and e.attrs["data-days"] == str(days))
    return [e for e in elements[row + 1:] if e.attrs.get("data-testid") == "route-cell"][:4]


def versions(admin, policy_id=OWN) -> list[str]:
    return [row.attrs["data-version"] for row in get(admin, f"/admin/policies/{policy_id}").all("version-row")]


def six_days_to_the_township_head(values: dict) -> dict:
    """篇六's member band 4–5 days widened to 6: a 6-day leave no longer goes to the county chief."""
    return {**values, "bands-2-max_days": "6", "bands-3-min_days": "7"}


def test_a_preset_reads_as_rules_and_routes_and_cannot_be_changed(admin):
    listed = get(admin, "/admin/policies")
    assert {r.attrs["data-policy"] for r in listed.all("policy-row")} >= {
        "city-pian15", "county-pian6", "jiangxi-pian9", "linfen-2018", "wuhai-2023", "zhumadian-2022"}

    page = get(admin, f"/admin/policies/{PRESET}")
    assert '<a href="/admin/policies" class="active">' in page.html  # the nav shows where the admin is
    assert "Shipped preset: read-only" in page.text("policy-facts")
    assert "Team leader may enter it; the cadre completes it in writing within 3 days" in page.text("policy-proxy")
    member, _, leader, _ = route_cells(page, 4)
    assert member.text == f"{VILLAGE} → {TEAM_LEADER} → {TOWNSHIP_HEAD} Filed with County work-team office"
    assert leader.text.startswith(f"{VILLAGE} → {COUNTY_CHIEF}")  # a first secretary's 4 days: the county chief
    assert not page.has("edit-policy")

    refused = Page(admin.get(f"/admin/policies/{PRESET}/edit", follow_redirects=True))
    assert "A shipped preset cannot be changed here" in refused.html
    posted = press(admin, {"csrf_token": csrf_token(admin, "/admin/policies"), "base_version": "1", "note": "改"},
                   "publish", PRESET)
    assert "A shipped preset cannot be changed here" in posted.html
    assert versions(admin, PRESET) == ["1"]


def test_copy_change_preview_and_publish_while_open_cases_keep_their_version(admin, api):
    copied = copy_preset(admin)
    assert copied.has("policy-form")
    assert "now a policy of its own" in copied.html
    assert OWN in get(admin, "/admin/units").html  # 示范县 now decides leave under its own policy

    start, end = leave_dates(6)
    # 篇六 asks evidence for every leave.
    body = {"type": "personal", "start_date": start, "end_date": end, "reason": "家中有事", "documents": [SICK_NOTE]}
    before = api(CADRE).post("/api/v1/leave-requests", json=body).get_json()
    assert before["policy"] == {"id": OWN, "version": 1}
    assert [s["approvers"] for s in before["leave"]["route"]] == [["village_secretary"], ["team_leader"], ["county_chief"]]

    preview = press(admin, six_days_to_the_township_head(edit_form(admin)), "preview")
    assert preview.status == 200
    member_city, member_county, leader_city, leader_county = route_cells(preview, 6)
    assert member_county.text.startswith(f"{VILLAGE} → {TEAM_LEADER} → {TOWNSHIP_HEAD}")
    assert [c.attrs["data-changed"] for c in (member_city, member_county, leader_city, leader_county)] == \
        ["true", "true", "false", "false"]
    assert all(c.attrs["data-changed"] == "false" for c in route_cells(preview, 7))
    assert versions(admin) == ["1"]  # a preview writes nothing

    values = {**six_days_to_the_township_head(edit_form(admin)), "note": "县委办〔2026〕10号"}
    published = press(admin, values, "publish")
    assert "Version 2 is published" in published.html
    assert versions(admin) == ["2", "1"]
    assert published.all("version-source")[0].text == "县委办〔2026〕10号"
    assert "admin" in published.all("version-row")[0].text

    route = api(CADRE).get(f"/api/v1/policies/{OWN}/leave-route?days=6&applicant=member&tier=county").get_json()
    assert route["steps"] == [{"approvers": ["village_secretary"], "joint": False},
                              {"approvers": ["team_leader"], "joint": False},
                              {"approvers": ["township_head"], "joint": False}]
    later = api(CADRE).post("/api/v1/leave-requests", json={**body, "start_date": leave_dates(6, 30)[0],
                                                              "end_date": leave_dates(6, 30)[1]}).get_json()
    assert later["policy"] == {"id": OWN, "version": 2}
    assert [s["approvers"] for s in later["leave"]["route"]] == [["village_secretary"], ["team_leader"], ["township_head"]]
    kept = api(CADRE).get(f"/api/v1/cases/{before['id']}").get_json()
    assert kept["policy"]["version"] == 1
    assert [s["approvers"] for s in kept["leave"]["route"]] == [["village_secretary"], ["team_leader"], ["county_chief"]]

    old = get(admin, f"/admin/policies/{OWN}?version=1")
    assert "Version 2 is in force" in old.text("old-version")


def test_the_other_rules_are_set_in_the_same_form(admin, api):
    copy_preset(admin)
    values = {**edit_form(admin), "day_counting": "working", "approve_due_days": "2", "stand_in_days": "15",
              "proxy_days": "", "limits-personal-per_year": "10", "documents_required": ["sick", "annual"],
              "note": "试行"}
    press(admin, values, "publish")
    body = api(CADRE).get(f"/api/v1/policies/{OWN}").get_json()["body"]
    rules = body["leave"]
    assert (rules["day_counting"], rules["stand_in_days"]) == ("working", 15)
    assert body["tasks"]["due_working_days"]["approve"] == 2
    assert rules["limits"] == {"personal": {"per_year": 10}}
    assert rules["documents_required"] == ["sick", "annual"]
    assert "proxy" not in rules
    page = get(admin, f"/admin/policies/{OWN}")
    assert page.text("policy-proxy") == "Not allowed"
    assert "From 15 days" in page.text("policy-stand-in")


def test_unchanged_rules_publish_nothing(admin):
    copy_preset(admin, preset="jiangxi-pian9")  # its bands leave their filing to the policy-wide default
    page = press(admin, edit_form(admin), "publish")
    assert "Nothing changed: version 1 stays in force" in page.html
    assert versions(admin) == ["1"]


@pytest.mark.parametrize("changes, testid, words", [
    ({"bands-0-max_days": "1"}, "form-error",
     "No band covers a leave of 2 days (Member, City-sent, Personal leave)"),
    ({"bands-1-max_days": "4"}, "form-error", "Bands 2 and 3 both cover a leave of 4 days"),
    ({"bands-2-max_days": "3"}, "error-bands-2-max_days", "less than the band's first day (4)"),
    ({"bands-0-steps-0-approvers": []}, "error-bands-0-steps-0-approvers", "Choose at least one"),
    ({"bands-0-applicant": []}, "error-bands-0-applicant", "Choose at least one"),
    ({"bands-0-min_days": "0"}, "error-bands-0-min_days", "between 1 and 366"),
    ({"approve_due_days": "abc"}, "error-approve_due_days", "Not a valid integer"),
    ({"types": []}, "error-types", "Choose at least one"),
    ({"note": ""}, "error-note", "Reason for the change is required"),
])
def test_a_policy_that_does_not_hold_together_is_refused_at_its_setting(admin, changes, testid, words):
    copy_preset(admin)
    values = {**edit_form(admin), "bands-0-max_days": "2", "bands-1-min_days": "3", "note": "调整", **changes}
    refused = press(admin, values, "publish")
    assert refused.status == 422
    assert words in " ".join(e.text for e in refused.all(testid))
    assert versions(admin) == ["1"]


def test_publishing_over_a_newer_version_is_refused(admin):
    copy_preset(admin)
    stale = {**six_days_to_the_township_head(edit_form(admin)), "note": "第一次修改"}
    press(admin, {**stale, "bands-0-max_days": "2", "bands-1-min_days": "3"}, "publish")
    refused = press(admin, stale, "publish")
    assert refused.status == 409
    assert "Version 2 was published while you were editing" in refused.text("form-error")
    assert versions(admin) == ["2", "1"]


def test_bands_and_steps_are_added_and_removed_with_the_form_kept(admin):
    copy_preset(admin)
    values = {**edit_form(admin), "name": "改名中"}
    added = press(admin, values, "add_band")
    assert len(added.all("band")) == 8
    assert 'value="改名中"' in added.html  # what was typed stays
    with_step = press(admin, form_values(added.html, "policy-form"), "add_step:0")
    assert len(with_step.all("step")) == len(added.all("step")) + 1
    without = press(admin, form_values(with_step.html, "policy-form"), "remove_band:7")
    assert len(without.all("band")) == 7
    assert versions(admin) == ["1"]


@pytest.mark.parametrize("new_id, unit, testid, words", [
    ("Shifan County", "示范县", "error-new_id", "lower-case letters, digits and hyphens"),
    ("county-pian6", "示范县", "error-new_id", "exists already"),
    ("shifan-town", "东岭镇", "error-unit_id", "Choose a County"),  # a township is not offered; a forged post
])
def test_a_copy_is_refused_at_its_field(admin, new_id, unit, testid, words):
    path = f"/admin/policies/{PRESET}"
    unit_id = option_value(get(admin, "/admin/units").html, "parent_id", unit)
    refused = post(admin, f"{path}/copy", {"new_id": new_id, "name": "示范", "unit_id": unit_id}, path)
    assert refused.status == 422
    assert words in refused.text(testid)
    assert [r.attrs["data-policy"] for r in get(admin, "/admin/policies").all("policy-row")] == [
        "city-pian15", "county-pian6", "jiangxi-pian9", "linfen-2018", "wuhai-2023", "zhumadian-2022"]


def test_only_admins_read_or_change_policies(login_as):
    county = user(login_as, "county.office")
    assert county.get("/admin/policies").status_code == 403
    copy = {"new_id": "x-y", "name": "x", "csrf_token": csrf_token(county, "/inbox/")}
    assert county.post(f"/admin/policies/{PRESET}/copy", data=copy).status_code == 403
    assert county.get("/admin/policies/no-such-policy").status_code == 403
    assert user(login_as, "admin").get("/admin/policies/no-such-policy").status_code == 404
