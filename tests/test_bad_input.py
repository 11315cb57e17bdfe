"""Input no person types, and uploads that are not what they claim: each is refused with a status and
a message naming the field, or cleaned, never a 500; and nothing is stored that cannot be read back."""
import base64
import io
import json
import re

import pytest

from tests.conftest import SICK_NOTE, SICK_NOTE_BYTES, csrf_token, leave_dates
from tests.pages import user
from workflows.leave import rules

CADRE = "xinghua.member1"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 32


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


def doc(data: bytes = SICK_NOTE_BYTES, **changes) -> dict:
    return {**SICK_NOTE, "data": b64(data), **changes}


def leave_body(**changes) -> dict:
    start, end = leave_dates(2)
    return {"type": "sick", "start_date": start, "end_date": end, "reason": "发烧住院", **changes}


def assert_error(response, status, code, field=None):
    assert response.status_code == status, response.get_data(as_text=True)[:500]
    error = response.get_json()["error"]
    assert error["code"] == code, error
    assert error["message"] and "None" not in error["message"]
    if field:
        assert error["field"] == field, error


def nothing_filed(api):
    assert api("dongling.head").get("/api/v1/inbox").get_json()["total"] == 0


def raw(client, path: str, text: str):
    """POST a body as written: the test client's own JSON encoder would refuse a lone surrogate."""
    return client.post(path, data=text, content_type="application/json")


def approved_leave(api) -> dict:
    start, end = leave_dates(3, start_in=0)
    case = api(CADRE).post("/api/v1/leave-requests", json={"type": "personal", "start_date": start,
                                                           "end_date": end, "reason": "家事"}).get_json()
    return api("dongling.head").act(case["id"], "approve").get_json()


def personal_case(api) -> dict:
    start, end = leave_dates(2)
    return api(CADRE).post("/api/v1/leave-requests", json={"type": "personal", "start_date": start,
                                                           "end_date": end, "reason": "家事"}).get_json()


# ---------------------------------------------------------------- uploads: the content, not the name

@pytest.mark.parametrize("data, content_type", [
    (b"just text, named like a scan", "application/pdf"),
    (PNG, "image/jpeg"),
    (SICK_NOTE_BYTES, "image/png"),
])
def test_a_file_whose_content_is_not_its_declared_type_is_refused(api, data, content_type):
    body = leave_body(documents=[doc(data, filename="诊断.pdf", content_type=content_type)])
    refused = api(CADRE).post("/api/v1/leave-requests", json=body)
    assert_error(refused, 422, "document_content", "document")
    nothing_filed(api)


@pytest.mark.parametrize("data, content_type", [(PNG, "image/png"), (JPEG, "image/jpeg")])
def test_images_whose_content_matches_are_kept(api, data, content_type):
    created = api(CADRE).post("/api/v1/leave-requests",
                              json=leave_body(documents=[doc(data, filename="证明", content_type=content_type)]))
    assert created.status_code == 201, created.get_json()
    assert created.get_json()["leave"]["documents"][0]["size"] == len(data)


def test_a_text_file_named_pdf_is_refused_on_the_form(login_as, api):
    cadre = user(login_as, CADRE)
    start, end = leave_dates(2)
    form = {"leave_type": "sick", "start_date": start, "end_date": end, "reason": "发烧", "submit_leave": "1",
            "csrf_token": csrf_token(cadre, "/leave/new"),
            "document": (io.BytesIO(b"hello, not a pdf"), "诊断.pdf", "application/pdf")}
    refused = cadre.post("/leave/new", data=form, content_type="multipart/form-data")
    assert refused.status_code == 422
    assert "not a PDF file" in refused.get_data(as_text=True) or "不是 PDF" in refused.get_data(as_text=True)
    nothing_filed(api)


def test_a_document_is_downloaded_never_shown(api, login_as):
    case = api(CADRE).post("/api/v1/leave-requests", json=leave_body(documents=[doc()])).get_json()
    url = case["leave"]["documents"][0]["url"]
    page_url = url.replace("/api/v1/cases/", "/cases/")
    for got in (api("dongling.head").get(url), login_as("dongling.head").get(page_url)):
        assert got.status_code == 200 and got.data == SICK_NOTE_BYTES
        assert got.headers["Content-Disposition"].startswith("attachment")
        assert got.headers["Content-Type"] == "application/pdf"
        assert got.headers["X-Content-Type-Options"] == "nosniff"


# ---------------------------------------------------------------- uploads: names

@pytest.mark.parametrize("sent, stored", [
    ("诊断\r\n证明.pdf", "诊断证明.pdf"),
    ("诊断\x1b[31m证明.pdf", "诊断[31m证明.pdf"),
    ("../../etc/诊断证明.pdf", "诊断证明.pdf"),
    ("C:\\Users\\李娜\\诊断证明.pdf", "诊断证明.pdf"),
    ("报告\u202egpj.pdf", "报告gpj.pdf"),
    ("../..", "document.pdf"),
])
def test_file_names_are_cleaned_and_every_download_works(api, sent, stored):
    created = api(CADRE).post("/api/v1/leave-requests", json=leave_body(documents=[doc(filename=sent)]))
    assert created.status_code == 201, created.get_json()
    [document] = created.get_json()["leave"]["documents"]
    assert document["filename"] == stored
    got = api("dongling.head").get(document["url"])
    assert got.status_code == 200 and got.data == SICK_NOTE_BYTES


def test_a_document_stored_before_names_were_cleaned_still_downloads(app, db, api):
    """Rows written before the checks (a CR/LF in the name, an unchecked type) are sent safely."""
    from models import Attachment
    case = api(CADRE).post("/api/v1/leave-requests", json=leave_body(documents=[doc()])).get_json()
    [document] = case["leave"]["documents"]
    with app.app_context():
        row = db.session.get(Attachment, document["id"])
        row.filename, row.content_type = "诊断\r\n证明.pdf", "text/html"
        db.session.commit()
    got = api("dongling.head").get(document["url"])
    assert got.status_code == 200 and got.data == SICK_NOTE_BYTES
    assert got.headers["Content-Type"] == "application/octet-stream"
    assert got.headers["Content-Disposition"].startswith("attachment")
    assert "\r" not in got.headers["Content-Disposition"] and "\n" not in got.headers["Content-Disposition"]


def test_a_nul_in_an_uploaded_files_name_is_taken_out(login_as, api):
    cadre = user(login_as, CADRE)
    start, end = leave_dates(2)
    form = {"leave_type": "sick", "start_date": start, "end_date": end, "reason": "发烧", "submit_leave": "1",
            "csrf_token": csrf_token(cadre, "/leave/new"),
            "document": (io.BytesIO(SICK_NOTE_BYTES), "诊断\x00证明.pdf", "application/pdf")}
    created = cadre.post("/leave/new", data=form, content_type="multipart/form-data")
    assert created.status_code == 302, created.get_data(as_text=True)[:500]
    case_id = int(created.headers["Location"].rstrip("/").split("/")[-1])
    [document] = api(CADRE).get(f"/api/v1/cases/{case_id}").get_json()["leave"]["documents"]
    assert document["filename"] == "诊断证明.pdf"
    assert api("dongling.head").get(document["url"]).data == SICK_NOTE_BYTES


# ---------------------------------------------------------------- JSON nested too deep

def deep(levels: int) -> str:
    return "[" * levels + "]" * levels


@pytest.mark.parametrize("levels, field", [(1000, "body"), (100_000, "body"), (100, "reason")])
def test_a_body_nested_too_deep_is_refused_by_name(api, levels, field):
    cadre = api(CADRE)
    start, end = leave_dates(2)
    text = f'{{"type": "personal", "start_date": "{start}", "end_date": "{end}", "reason": {deep(levels)}}}'
    for path in ("/api/v1/leave-requests", "/api/v1/leave-requests/preview"):
        assert_error(cadre.post(path, data=text, content_type="application/json"), 422, "json_too_deep", field)
    assert_error(cadre.post("/api/v1/leave-requests", data=deep(levels), content_type="application/json"),
                 422, "json_too_deep" if levels > 100 else "invalid_json", "body")
    nothing_filed(api)


def test_a_comment_or_reason_nested_too_deep_on_an_action_or_extension(api):
    case = approved_leave(api)
    cadre = api(CADRE)
    for path, body in ((f"/api/v1/cases/{case['id']}/actions/report_back",
                        f'{{"version": {case["version"]}, "comment": {deep(1000)}}}'),
                       (f"/api/v1/cases/{case['id']}/extensions",
                        f'{{"version": {case["version"]}, "end_date": "2027-01-01", "reason": {deep(1000)}}}'),
                       (f"/api/v1/cases/{case['id']}/actions/attach_document",
                        f'{{"version": {case["version"]}, "documents": [{{"filename": {deep(60)}}}]}}')):
        assert_error(cadre.post(path, data=body, content_type="application/json"), 422, "json_too_deep")
    assert cadre.get(f"/api/v1/cases/{case['id']}").get_json()["version"] == case["version"]


# ---------------------------------------------------------------- lone surrogates

SURROGATE = "x\\ud800y"  # as JSON writes it: valid JSON, but no text any database stores


def test_a_lone_surrogate_in_a_reason_is_refused_by_name(api):
    start, end = leave_dates(2)
    text = f'{{"type": "personal", "start_date": "{start}", "end_date": "{end}", "reason": "{SURROGATE}"}}'
    for path in ("/api/v1/leave-requests", "/api/v1/leave-requests/preview"):
        assert_error(raw(api(CADRE), path, text), 422, "invalid_text", "reason")
    nothing_filed(api)


def test_a_lone_surrogate_anywhere_in_a_body_is_refused(api):
    case = approved_leave(api)
    cadre, v = api(CADRE), case["version"]
    url = f"/api/v1/cases/{case['id']}"
    note = json.dumps({**SICK_NOTE, "filename": "诊断.pdf"}, ensure_ascii=False).replace("诊断", SURROGATE)
    for path, text, field in ((f"{url}/actions/report_back", f'{{"version": {v}, "comment": "{SURROGATE}"}}',
                               "comment"),
                              (f"{url}/extensions", f'{{"version": {v}, "end_date": "2027-01-01", '
                                                    f'"reason": "{SURROGATE}"}}', "reason"),
                              (f"{url}/actions/attach_document", f'{{"version": {v}, "documents": [{note}]}}',
                               "documents"),
                              (f"{url}/actions/report_back", f'{{"version": {v}, "{SURROGATE}": 1}}', "body")):
        assert_error(raw(cadre, path, text), 422, "invalid_text", field)
    assert cadre.get(url).get_json()["version"] == v


def test_the_text_reader_refuses_a_surrogate_for_every_field():
    from workflows.errors import InvalidInput
    from workflows.fields import text
    with pytest.raises(InvalidInput) as refused:
        text({"name": "x\ud800y"}, "name")
    assert (refused.value.code, refused.value.field) == ("invalid_text", "name")


# ---------------------------------------------------------------- sizes

def test_a_request_larger_than_the_limit_is_refused_with_413(app, api):
    limit = app.config["MAX_CONTENT_LENGTH"]
    assert limit and limit <= 32 * 1024 * 1024
    body = json.dumps(leave_body(reason="长", documents=[doc(b"%PDF-" + b"0" * limit)]))
    assert_error(api(CADRE).post("/api/v1/leave-requests", data=body, content_type="application/json"),
                 413, "request_too_large")
    nothing_filed(api)


def test_a_form_upload_larger_than_the_limit_gets_a_page(app, login_as, api):
    cadre = user(login_as, CADRE)
    start, end = leave_dates(2)
    form = {"leave_type": "sick", "start_date": start, "end_date": end, "reason": "发烧", "submit_leave": "1",
            "csrf_token": csrf_token(cadre, "/leave/new"),
            "document": (io.BytesIO(b"%PDF-" + b"0" * app.config["MAX_CONTENT_LENGTH"]), "诊断.pdf",
                         "application/pdf")}
    refused = cadre.post("/leave/new", data=form, content_type="multipart/form-data")
    assert refused.status_code == 413
    assert refused.mimetype == "text/html"
    assert "MB" in refused.get_data(as_text=True)
    nothing_filed(api)


def test_a_case_keeps_at_most_the_configured_number_of_documents(app, api):
    app.config["CASE_DOCUMENTS_MAX"] = 3
    refused = api(CADRE).post("/api/v1/leave-requests", json=leave_body(documents=[doc()] * 4))
    assert_error(refused, 422, "too_many_documents", "document")
    assert "3" in refused.get_json()["error"]["message"]
    nothing_filed(api)
    case = api(CADRE).post("/api/v1/leave-requests", json=leave_body(documents=[doc()] * 2)).get_json()
    assert api(CADRE).act(case["id"], "attach_document", documents=[doc()]).status_code == 200
    assert_error(api(CADRE).act(case["id"], "attach_document", documents=[doc()]), 422, "too_many_documents")
    assert len(api(CADRE).get(f"/api/v1/cases/{case['id']}").get_json()["leave"]["documents"]) == 3


def test_a_case_keeps_at_most_the_configured_bytes_of_documents(app, api):
    app.config["CASE_DOCUMENTS_MAX_MB"] = 1
    big = doc(b"%PDF-" + b"0" * 600_000)
    case = personal_case(api)
    assert api(CADRE).act(case["id"], "attach_document", documents=[big]).status_code == 200
    refused = api(CADRE).act(case["id"], "attach_document", documents=[big])
    assert_error(refused, 422, "documents_too_large", "document")
    assert len(api(CADRE).get(f"/api/v1/cases/{case['id']}").get_json()["leave"]["documents"]) == 1


def test_the_limits_have_documented_defaults(app):
    assert app.config["MAX_CONTENT_LENGTH"] == 16 * 1024 * 1024
    assert (app.config["CASE_DOCUMENTS_MAX"], app.config["CASE_DOCUMENTS_MAX_MB"]) == (10, 30)


# ---------------------------------------------------------------- messages, 405, the OpenAPI document

@pytest.mark.parametrize("lang, words", [("en", "Version must be at least 1."), ("zh_CN", "版本不得小于 1。")])
def test_a_range_with_no_upper_bound_is_not_worded_with_none(api, lang, words):
    case = personal_case(api)
    client = api(CADRE)
    client.client.post(f"/lang/{lang}", data={"csrf_token": csrf_token(client.client)})
    refused = client.act(case["id"], "withdraw", version=0)
    assert_error(refused, 422, "out_of_range", "version")
    assert refused.get_json()["error"]["message"] == words


def test_a_405_says_which_methods_are_allowed(client, api):
    answered = api(CADRE).client.delete("/api/v1/inbox", headers=api(CADRE).headers)
    assert answered.status_code == 405 and answered.get_json()["error"]["code"] == "method_not_allowed"
    assert set(answered.headers["Allow"].replace(" ", "").split(",")) >= {"GET"}
    page = client.put("/login")
    assert page.status_code == 405 and {"GET", "POST"} <= set(page.headers["Allow"].replace(" ", "").split(","))


def _openapi_path(rule: str) -> str:
    return re.sub(r"<(?:[a-z]+:)?([a-z_]+)>", r"{\1}", rule)


def test_every_api_endpoint_is_in_the_openapi_document(app, client):
    described = client.get("/api/v1/openapi.json").get_json()["paths"]
    rules_ = [r for r in app.url_map.iter_rules() if r.rule.startswith("/api/v1/")]
    assert len(rules_) > 15
    missing = [(method, _openapi_path(r.rule)) for r in rules_ for method in sorted(r.methods - {"HEAD", "OPTIONS"})
               if method.lower() not in described.get(_openapi_path(r.rule), {})]
    assert missing == []
    # And nothing described that does not exist.
    served = {(m.lower(), _openapi_path(r.rule)) for r in rules_ for m in r.methods}
    assert [(m, p) for p, ops in described.items() for m in ops if (m, p) not in served] == []


def test_the_openapi_bounds_are_the_ones_enforced(client, api):
    paths = client.get("/api/v1/openapi.json").get_json()["paths"]
    days = next(p for p in paths["/api/v1/policies/{policy_id}/leave-route"]["get"]["parameters"]
                if p["name"] == "days")["schema"]
    assert days["maximum"] == rules.MAX_LEAVE_DAYS
    admin = api("admin")
    route = "/api/v1/policies/zhumadian-2022/leave-route?applicant=member&tier=city&days="
    assert admin.get(route + str(days["maximum"])).status_code == 200
    assert_error(admin.get(route + str(days["maximum"] + 1)), 422, "out_of_range", "days")
    per_page = next(p for p in paths["/api/v1/inbox"]["get"]["parameters"] if p["name"] == "per_page")["schema"]
    assert admin.get(f"/api/v1/inbox?per_page={per_page['maximum']}").status_code == 200
    assert_error(admin.get(f"/api/v1/inbox?per_page={per_page['maximum'] + 1}"), 422, "out_of_range", "per_page")
    extension = paths["/api/v1/cases/{case_id}/extensions"]["post"]
    assert {"413", "422"} <= set(extension["responses"])
