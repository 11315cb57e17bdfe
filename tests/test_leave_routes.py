"""The leave-route endpoint for every preset at every band edge, for both applicant roles and both
dispatching tiers. Each expectation is written from the seed text quoted beside it."""
import pytest

EDGES = [1, 2, 3, 4, 5, 6, 7, 8, 14, 15, 16, 30]
ROLES = ["member", "leader"]
TIERS = ["city", "county"]


def one(*codes, joint=False):
    return {"approvers": list(codes), "joint": joint}


def linfen(days, applicant, tier):
    # 001 第九条（二）: 一周以内由所在乡镇批准；一周以上半月以内由县级办公室批准；
    # 市直单位选派需请假半月以上的，由市办公室和派出单位共同批准. (No higher approver for county-sent.)
    if days <= 7:
        return [one("township")], []
    if days <= 15 or tier == "county":
        return [one("county_office")], []
    return [one("city_office", "dispatching_unit", joint=True)], []


def zhumadian(days, applicant, tier):
    # 004 第十六条: 7天以内报乡镇党委批准，并报县委组织部、县乡村振兴局备案；
    # 7天以上报县委组织部门、县乡村振兴局和派出单位共同批准.
    if days <= 7:
        return [one("township")], ["county_org_dept", "county_rural_bureau"]
    return [one("county_org_dept", "county_rural_bureau", "dispatching_unit", joint=True)], []


def wuhai(days, applicant, tier):
    # 002: 3天以内由镇（街道）审批，3天以上1周以内由区驻村工作管理机构审批，1周以上由市驻村工作管理机构审批.
    if days <= 3:
        return [one("township")], []
    if days <= 7:
        return [one("county_office")], []
    return [one("city_office")], []


def jiangxi(days, applicant, tier):
    # 000 篇九 第二十一条: 均要通过乡镇党委逐级履行请假或报备手续. 3天（含）以内乡镇党委；4至7天（含）
    # 县领导小组办公室；8天（含）以上县领导小组 — each after the levels below it; 所有请假均须同时向派出单位备案.
    if days <= 3:
        steps = [one("township")]
    elif days <= 7:
        steps = [one("township"), one("county_office")]
    else:
        steps = [one("township"), one("county_office"), one("county_leading_group")]
    return steps, ["dispatching_unit"]


def pian6(days, applicant, tier):
    # 000 篇六 （二）第一书记、工作队长: 1天以内乡（镇）分管领导；2–3天乡（镇）主要领导；4天以上总队长.
    # （三）工作队员: 1天以内队长；2–3天队长同意后报分管领导；4–5天队长后报乡镇主要领导；6天以上队长后报总队长.
    # 队长、第一书记报县联席办和县委组织部备案；队员报县联席办备案.
    # 二（一）: every leave 并经所在村委会证明 first (the village secretary's office certifies).
    village = one("village_secretary")
    if applicant == "leader":
        top = "township_deputy" if days <= 1 else "township_head" if days <= 3 else "county_chief"
        return [village, one(top)], ["county_office", "county_org_dept"]
    if days <= 1:
        return [village, one("team_leader")], ["county_office"]
    top = "township_deputy" if days <= 3 else "township_head" if days <= 5 else "county_chief"
    return [village, one("team_leader"), one(top)], ["county_office"]


def pian15(days, applicant, tier):
    # 000 篇十五 二（二）2: 1天以内的，须经工作队队长同意，第一书记还须经村党组织书记同意 (a leader's own team-leader
    # part falls away: the village party secretary alone); 2—3天的，须经单位党（工）委书记同意；3天以上的，须报
    # 市级组织、乡村振兴部门批准 (jointly; the city office stands for the rural-revitalisation department).
    if days <= 1:
        return [one("village_secretary" if applicant == "leader" else "team_leader")], []
    if days <= 3:
        return [one("township_head")], []
    return [one("city_org_dept", "city_office", joint=True)], []


EXPECTED = {"linfen-2018": linfen, "zhumadian-2022": zhumadian, "wuhai-2023": wuhai,
            "jiangxi-pian9": jiangxi, "county-pian6": pian6, "city-pian15": pian15}


@pytest.mark.parametrize("preset", sorted(EXPECTED))
def test_route_at_every_band_edge(api, preset):
    reader = api("admin")
    for days in EDGES:
        for applicant in ROLES:
            for tier in TIERS:
                response = reader.get(f"/api/v1/policies/{preset}/leave-route"
                                      f"?days={days}&applicant={applicant}&tier={tier}")
                assert response.status_code == 200
                steps, filing = EXPECTED[preset](days, applicant, tier)
                assert response.get_json() == {"steps": steps, "filing": filing}, (days, applicant, tier)
