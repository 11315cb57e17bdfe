"""Sick leave needs a supporting document: uploaded with the request, kept with the case, and
downloadable by those who decide it."""
import base64
import io

from tests.conftest import SICK_NOTE, SICK_NOTE_BYTES, csrf_token, leave_dates
from tests.pages import get, user

CADRE = "xinghua.member1"


def sick(api, **extra):
    start, end = leave_dates(2)
    return api(CADRE).post("/api/v1/leave-requests", json={
        "type": "sick", "start_date": start, "end_date": end, "reason": "发烧住院", **extra})


def test_sick_leave_without_a_document_is_refused(api):
    refused = sick(api)
    assert refused.status_code == 422
    error = refused.get_json()["error"]
    assert (error["code"], error["field"]) == ("document_required", "document")
    assert "病假须附证明材料" in error["message"]
    assert api("dongling.head").get("/api/v1/inbox").get_json()["total"] == 0


def test_the_approver_downloads_the_document_and_others_cannot(api):
    case = sick(api, documents=[SICK_NOTE]).get_json()
    assert case["state"] == "pending"
    [doc] = case["leave"]["documents"]
    assert (doc["filename"], doc["size"]) == ("诊断证明.pdf", len(SICK_NOTE_BYTES))
    got = api("dongling.head").get(doc["url"])
    assert got.status_code == 200 and got.data == SICK_NOTE_BYTES
    assert got.headers["Content-Type"] == "application/pdf"
    assert api("liushu.member1").get(doc["url"]).status_code == 403
    assert api("dongling.head").get(f"/api/v1/cases/{case['id']}/documents/999999").status_code == 404


def test_bad_documents_are_refused(api):
    exe = {**SICK_NOTE, "filename": "x.exe", "content_type": "application/x-msdownload"}
    assert sick(api, documents=[exe]).get_json()["error"]["code"] == "document_type"
    assert sick(api, documents=[{**SICK_NOTE, "data": "不是base64"}]).get_json()["error"]["code"] == "invalid_base64"
    error = sick(api, documents="note.pdf").get_json()["error"]
    assert (error["code"], error["field"]) == ("invalid_json", "documents")


def test_uploading_the_note_with_the_form(login_as):
    cadre = user(login_as, CADRE)
    start, end = leave_dates(2)
    form = {"leave_type": "sick", "start_date": start, "end_date": end, "reason": "发烧",
            "submit_leave": "1", "csrf_token": csrf_token(cadre, "/leave/new")}
    refused = cadre.post("/leave/new", data=form, content_type="multipart/form-data")
    assert refused.status_code == 422 and "supporting document" in refused.get_data(as_text=True)

    form["document"] = (io.BytesIO(base64.b64decode(SICK_NOTE["data"])), "诊断证明.pdf", "application/pdf")
    form["csrf_token"] = csrf_token(cadre, "/leave/new")
    created = cadre.post("/leave/new", data=form, content_type="multipart/form-data")
    assert created.status_code == 302
    case_path = created.headers["Location"]
    approver = user(login_as, "dongling.head")
    page = get(approver, case_path)
    assert "诊断证明.pdf" in page.text("documents")
    link = page.html.split('data-testid="documents">')[1].split('href="')[1].split('"')[0]
    assert approver.get(link).data == SICK_NOTE_BYTES
