"""The presets say what the seeds say, and the policy page shows it: bands by their range, the seed
behind a source reference, what counts as presence, and the values no seed gives."""
import pytest

from tests.pages import get, user
from workflows import policy
from workflows.policy import PolicyError

PRESETS = sorted(policy.load_presets())


@pytest.mark.parametrize("pid, counted", [
    # 002 "（含因公出差、开会、培训）"; 000 篇九 第二十一条 "（含因公出差、开会和培训）": leave is not listed. The
    # presets whose own seed says nothing (004, 001) follow them.
    ("zhumadian-2022", ["official_trip", "meeting", "training"]),
    ("linfen-2018", ["official_trip", "meeting", "training"]),
    ("wuhai-2023", ["official_trip", "meeting", "training"]),
    ("jiangxi-pian9", ["official_trip", "meeting", "training"]),
    # 000 篇六 二（四） "每年在岗时间不少于200天(含因公出差)": the official trip only.
    ("county-pian6", ["official_trip"]),
    ("city-pian15", ["official_trip", "meeting", "training"]),
])
def test_only_official_business_counts_as_presence(api, pid, counted):
    body = api("admin").get(f"/api/v1/policies/{pid}").get_json()
    assert body["body"]["counts_as_presence"] == counted


def test_every_preset_is_listed_above():
    assert PRESETS == sorted(["zhumadian-2022", "linfen-2018", "wuhai-2023", "jiangxi-pian9", "county-pian6",
                              "city-pian15"])


def test_leave_can_never_count_as_presence():
    doc = policy.load_presets()["wuhai-2023"]
    doc["counts_as_presence"] = ["official_trip", "personal"]
    with pytest.raises(PolicyError) as refused:
        policy.validate(doc, "ours.toml")
    assert refused.value.key == "counts_as_presence" and "personal" in refused.value.problem


@pytest.mark.parametrize("pid, required", [("county-pian6", ["personal", "sick", "annual"]), ("zhumadian-2022", []),
                                           ("linfen-2018", []), ("wuhai-2023", []), ("jiangxi-pian9", []),
                                           ("city-pian15", [])])
def test_only_pian6_asks_for_evidence(pid, required):
    # 篇六 "必须提供相关证明材料": for every leave; no other seed asks for any.
    assert policy.load_presets()[pid]["leave"]["documents_required"] == required


def test_pian6_routes_official_trips_through_approval(api):
    route = api("admin").get("/api/v1/policies/county-pian6/leave-route"
                             "?days=2&applicant=member&tier=county&type=official_trip").get_json()
    assert [s["approvers"] for s in route["steps"]] == [["village_secretary"], ["team_leader"], ["township_deputy"]]


def test_the_policy_page_labels_bands_names_the_seed_and_marks_the_products_choices(login_as):
    # Chinese first: read before the admin switches the pages to English.
    chinese = login_as("admin").get("/admin/policies/zhumadian-2022").get_data(as_text=True)
    assert "1–7 天" in chinese and "8 天以上" in chinese and "产品设定" in chinese

    admin = user(login_as, "admin")
    page = get(admin, "/admin/policies/zhumadian-2022")
    assert [r.text for r in page.all("band-range")] == ["1–7 days", "8 days or more"]
    assert "驻马店市驻村工作队管理办法" in page.text("policy-source")
    assert "Official trips" in page.text("policy-presence") and "Leave is an excused absence" in page.text("policy-presence")
    marked = {e.attrs["data-key"] for e in page.all("product-choice")}
    assert marked == {"leave.step_due_days", "tasks.due_working_days", "leave.whole_days", "leave.report_only"}

    linfen = get(admin, "/admin/policies/linfen-2018")
    bands = {r.attrs["data-band"]: r.text for r in linfen.all("band-row")}
    assert "product's choice" in bands["3"] and "product's choice" not in bands["2"]

    pian6 = get(admin, "/admin/policies/county-pian6")
    assert [r.text for r in pian6.all("band-range")][:4] == ["1 day", "2–3 days", "4–5 days", "6 days or more"]
