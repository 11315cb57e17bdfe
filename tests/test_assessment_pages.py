"""Assessment (考核) on the pages, walked as its users do in the browser under linfen-2018 inside 001's window:
the county office opens a round from its form; the cadre submits the self-report with a file; the office
records the survey and reads the rate, then the site check; the township gives its opinion; a score over
an item's maximum is refused under the scores field, the right ones give the total and the grade; the
round's page shows the stage counts, the ranking (ties sharing a rank) and the chart's bars; the results
open as an .xlsx with a row per cadre; the words are Chinese."""
import io
import re

import pytest
from openpyxl import load_workbook

from tests.conftest import on_day, use_preset
from tests.pages import act, form_values, get, post, user
from tests.test_assessment_round import COMPETENT, SCORES, _through_the_stages, _users_by_person

OPEN_DAY = "2026-12-10"  # inside 001 第十二条's window (1 December – 31 January)


@pytest.fixture
def round_day(app):
    use_preset(app, "linfen-2018")
    with on_day(OPEN_DAY):
        yield


def _open_from_the_form(client) -> int:
    """The county office's form: an annual round for 2026 over its county (the only one it may open for)."""
    page = get(client, "/assessment/rounds/new")
    assert page.status == 200 and page.has("open-round-form")
    opened = post(client, "/assessment/rounds/new", {"kind": "annual", "period": "2026",
                                                      "org_unit_id": re.search(r'<option[^>]*value="(\d+)"',
                                                                               page.html).group(1)},
                  "/assessment/rounds/new")
    assert opened.status == 200 and opened.state == "open"
    return int(re.search(r"#(\d+)</span>", opened.html).group(1))


def _case_of(api, round_id, name) -> int:
    cases = api("county.office").get(f"/api/v1/cases/{round_id}").get_json()["assessment_round"]["cases"]
    return next(c for c in cases if api("admin").get(f"/api/v1/cases/{c}").get_json()["applicant"]["name"] == name)


def test_a_round_opened_and_one_cadre_taken_through_the_stages_on_the_pages(app, api, login_as, round_day):
    office = user(login_as, "county.office")
    assert get(office, "/inbox/").has("nav-assessment-round")
    assert not get(user(login_as, "xinghua.member1"), "/inbox/").has("nav-assessment-round")
    assert user(login_as, "dongling.head").get("/assessment/rounds/new").status_code == 403

    round_id = _open_from_the_form(office)
    page = get(office, f"/cases/{round_id}")
    counts = {e.attrs["data-stage"]: int(e.attrs["data-count"]) for e in page.all("stage-count")}
    assert counts["report"] == 12 and counts["scored"] == 0
    case_id = _case_of(api, round_id, "李娜")

    # The cadre: what the system holds is on the page; the self-report goes in with a file.
    cadre = user(login_as, "xinghua.member1")
    page = get(cadre, f"/cases/{case_id}")
    assert page.has("assessment-inputs") and page.has("input-present")
    refused = act(cadre, case_id, "submit", text="")
    assert refused.status == 422 and refused.has("error-text")
    page = act(cadre, case_id, "submit", text="一年来走访农户120户。",
               document=(io.BytesIO(b"%PDF-1.4 report"), "述职报告.pdf"))
    assert page.state == "survey" and "走访农户" in page.text("assessment-self-report")
    assert page.text("assessment-document") == "述职报告.pdf"

    # The office records the survey and reads the rate: (90 + 8) / 100.
    page = act(office, case_id, "record_survey", satisfied="90", basic="8", unsatisfied="2")
    assert page.state == "site_check" and "98.00%" in page.text("assessment-rate")
    page = act(office, case_id, "record_site_check", text="台账齐全。")
    assert page.state == "opinion" and page.text("assessment-site-check") == "台账齐全。"
    page = act(user(login_as, "dongling.head"), case_id, "record_opinion", text="表现良好。")
    assert page.state == "scoring"

    # One number per item; over an item's maximum is refused under the scores field, nothing written.
    page = get(office, f"/cases/{case_id}")
    assert len(page.all("score-input")) == 4
    assert form_values(page.html, "score-form")["grade"] == [""]   # nothing proposed before a total
    over = {"scores.presence": "31", "scores.discipline": "18", "scores.performance": "27", "scores.feedback": "18"}
    refused = act(office, case_id, "score", grade="", reason="", **over)
    assert refused.status == 422 and "30" in refused.text("error-scores")
    assert refused.state == "scoring"
    page = act(office, case_id, "score", grade="", reason="",
               **{f"scores.{k}": str(v) for k, v in SCORES.items()})
    assert page.state == "scored" and page.text("assessment-total") == "91.00"
    assert "Excellent" in page.text("assessment-grade")

    # Another grade than the proposed one needs its reason, under the reason field.
    refused = act(office, case_id, "score", grade="competent", reason="",
                  **{f"scores.{k}": str(v) for k, v in SCORES.items()})
    assert refused.status == 422 and refused.has("error-reason")


def test_the_round_page_shows_stages_ranking_chart_and_the_results_sheet(app, api, login_as, round_day):
    round_id = _open_from_the_form(user(login_as, "county.office"))
    cases = api("county.office").get(f"/api/v1/cases/{round_id}").get_json()["assessment_round"]["cases"]
    users = _users_by_person(app)
    person = {c: api("admin").get(f"/api/v1/cases/{c}").get_json()["applicant"]["id"] for c in cases}
    # Two 优秀 at 91 (a tie), one 称职 at 79; the others left at their self-report.
    for case_id, scores in zip(cases[:3], (SCORES, SCORES, COMPETENT)):
        _through_the_stages(api, case_id, users[person[case_id]], scores=scores)

    page = get(user(login_as, "county.office"), f"/cases/{round_id}")
    counts = {e.attrs["data-stage"]: int(e.attrs["data-count"]) for e in page.all("stage-count")}
    assert counts["scored"] == 3 and counts["report"] == 9
    ranking = [(int(r.attrs["data-rank"]), r.attrs["data-case-id"]) for r in page.all("ranking-row")]
    assert [rank for rank, _ in ranking] == [1, 1, 3] and ranking[2][1] == str(cases[2])
    bars = {b.attrs["data-grade"]: int(b.attrs["data-count"]) for b in page.all("grade-bar")}
    assert bars == {"excellent": 2, "competent": 1, "basic": 0, "incompetent": 0}
    assert "2 of at most 4 excellent" in page.text("round-quota")
    # Publishing while cases are still at their stages is refused, and said.
    refused = act(user(login_as, "county.office"), round_id, "publish")
    assert refused.state == "open" and "9 cases are not scored yet" in refused.html

    sheet = user(login_as, "county.office").get(f"/assessment/rounds/{round_id}.xlsx")
    assert sheet.status_code == 200
    rows = list(load_workbook(io.BytesIO(sheet.data)).active.iter_rows(values_only=True))
    header = rows[1]
    assert header[:3] == ("姓名", "派出单位", "驻村") and header[-5:] == ("总分", "排名", "拟定等次", "等次", "满意度")
    assert "驻村在岗" in header
    body = rows[2:]
    assert len(body) == 12
    assert body[0][header.index("总分")] == 91 and body[0][header.index("等次")] == "优秀"
    assert body[0][header.index("满意度")] == "98.00%"
    assert body[2][header.index("排名")] == 3


def test_the_round_and_the_case_speak_chinese(app, api, login_as, round_day):
    office = login_as("county.office")   # the default language
    round_id = _open_from_the_form(office)
    page = get(office, f"/cases/{round_id}")
    assert "进行中" in page.text("case-state") and "公开述职" in page.text("round-stages")
    assert "优秀" in page.text("grade-chart")
    case_id = _case_of(api, round_id, "李娜")
    page = get(login_as("xinghua.member1"), f"/cases/{case_id}")
    assert "公开述职" in page.text("case-state")
    assert "提交述职" in page.text("action-submit")
    # The cadre's inbox row names the task and the round.
    inbox = login_as("xinghua.member1").get("/inbox/").get_data(as_text=True)
    assert "公开述职" in inbox and "年度考核 2026" in inbox
