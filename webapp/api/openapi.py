"""The OpenAPI 3.1 document for /api/v1, served at /api/v1/openapi.json. Every /api/v1 endpoint is
here (tests/test_bad_input.py walks the URL map), with the bounds the code enforces, read from it."""
from webapp import case_filters  # a module import: case_filters itself imports webapp.api
from webapp.api.parse import MAX_JSON_DEPTH, PAGE_MAX, PER_PAGE_MAX
from workflows import registry, uploads
from workflows.fields import MAX_ID, TEXT_MAX
from workflows.leave import rules, services

_ERROR = {"$ref": "#/components/schemas/Error"}


def _json(schema) -> dict:
    return {"content": {"application/json": {"schema": schema}}}


def _responses(ok_status: str, ok_schema, *errors: int) -> dict:
    out = {ok_status: {"description": "OK", **_json(ok_schema)}}
    for status in (401,) + errors:
        out[str(status)] = {"description": _ERROR_WHEN.get(status, "Error"), **_json(_ERROR)}
    return out


_ERROR_WHEN = {
    413: "The request is larger than the server's limit (MAX_CONTENT_LENGTH, 16 MB by default)",
    422: f"Bad input, the field named; also a body nested more than {MAX_JSON_DEPTH} levels deep "
         "(json_too_deep) or text holding a lone surrogate (invalid_text)",
}


def _write_responses(ok_status: str, ok_schema, *errors: int) -> dict:
    """A request with a body: it may also be too large (413) or unreadable (422)."""
    return _responses(ok_status, ok_schema, *sorted({*errors, 413, 422}))


def _q(name, schema, required=False, description=""):
    return {"name": name, "in": "query", "required": required, "schema": schema, "description": description}


def _id(name: str) -> dict:
    return {"name": name, "in": "path", "required": True, "schema": {"type": "integer", "minimum": 1}}


_CASE_ID = _id("case_id")
_PAGING = [_q("page", {"type": "integer", "minimum": 1, "maximum": PAGE_MAX}),
           _q("per_page", {"type": "integer", "minimum": 1, "maximum": PER_PAGE_MAX})]
_VERSION = {"type": "integer", "minimum": 1, "description": "the case's version the caller read"}
_TEXT = {"type": "string", "maxLength": TEXT_MAX}
_ref = lambda name: {"$ref": f"#/components/schemas/{name}"}  # noqa: E731
_DOCUMENTS = {"type": "array", "items": _ref("Document"), "description":
              "a case keeps at most CASE_DOCUMENTS_MAX documents (10 by default) of CASE_DOCUMENTS_MAX_MB "
              "(30 MB by default) in all"}


def _all_actions() -> list[str]:
    """Every action of every registered procedure: the shared vocabulary and each one's own."""
    return sorted({name for procedure in registry.all_procedures() for name in procedure.actions})


def document() -> dict:
    from webapp.api.notifications import openapi_paths as time_paths
    from webapp.api import work_log
    from webapp.api.presence import openapi_paths as presence_paths
    from webapp.api.spot_checks import openapi_paths as spot_check_paths
    from webapp.api.attendance_sheet import openapi_paths as attendance_sheet_paths
    return {
        "openapi": "3.1.0",
        "info": {"title": "Zhucun API", "version": "1"},
        "components": {
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"},
                                "session": {"type": "apiKey", "in": "cookie", "name": "session"}},
            "schemas": {
                "Error": {"type": "object", "required": ["error"], "properties": {"error": {
                    "type": "object", "required": ["code", "message"],
                    "properties": {"code": {"type": "string"}, "message": {"type": "string"},
                                   "field": {"type": "string"}}}}},
                "Step": {"type": "object", "properties": {
                    "approvers": {"type": "array", "items": {"type": "string"}}, "joint": {"type": "boolean"}}},
                "Route": {"type": "object", "properties": {
                    "steps": {"type": "array", "items": _ref("Step")},
                    "filing": {"type": "array", "items": {"type": "string"}}}},
                "LeaveInput": {"type": "object", "required": ["type", "start_date", "end_date", "reason"],
                               "properties": {"type": {"enum": ["personal", "sick", "annual"]},
                                              "start_date": {"type": "string", "format": "date"},
                                              "end_date": {"type": "string", "format": "date"},
                                              "reason": {"type": "string", "maxLength": services.REASON_MAX},
                                              "business": {"enum": list(rules.BUSINESS), "description":
                                                           "official_trip only: the business of the "
                                                           "absence (default official_trip)"},
                                              "draft": {"type": "boolean"},
                                              "on_behalf_of": {"type": "integer", "minimum": 1,
                                                               "maximum": MAX_ID, "description":
                                                               "urgent leave (篇六): the person id of the "
                                                               "cadre a proxy files for"},
                                              "documents": _DOCUMENTS}},
                "Document": {"type": "object", "required": ["filename", "content_type", "data"],
                             "properties": {"filename": {"type": "string", "maxLength": uploads.FILENAME_MAX,
                                                         "description": "control characters and folders are "
                                                                        "taken out; an empty name becomes "
                                                                        "document.pdf (.jpg, .png)"},
                                            "content_type": {"enum": list(services.DOCUMENT_TYPES)},
                                            "data": {"type": "string", "format": "byte", "description":
                                                     f"base64; at most {services.DOCUMENT_MAX_BYTES // uploads.MB}"
                                                     " MB decoded, and its first bytes must be those of "
                                                     "content_type (422 document_content otherwise)"}}},
                "Task": {"type": "object", "properties": {
                    "id": {"type": "integer"}, "case_id": {"type": "integer"}, "kind": {"type": "string"},
                    "step": {"type": "integer"}, "office": {"type": ["string", "null"]},
                    "org_unit": {"type": ["object", "null"]}, "assignee": {"type": ["string", "null"]},
                    "opened_at": {"type": "string"}, "due_date": {"type": ["string", "null"]},
                    "overdue": {"type": "boolean"}}},
                "Case": {"type": "object", "required": ["id", "kind", "state", "version", "policy", "open_tasks"],
                         "properties": {
                             "id": {"type": "integer"}, "kind": {"type": "string"}, "state": {"type": "string"},
                             "version": {"type": "integer"},
                             "policy": {"type": "object", "properties": {"id": {"type": "string"},
                                                                         "version": {"type": "integer"}}},
                             "leave": {"type": ["object", "null"]},
                             "open_tasks": {"type": "array", "items": _ref("Task")},
                             "actions": {"type": "array", "items": {"type": "string"}}}},
                "Event": {"type": "object", "properties": {
                    "at": {"type": "string"}, "actor": {"type": "string"}, "action": {"type": "string"},
                    "actor_name": {"type": "string"}, "actor_office": {"type": ["string", "null"]},
                    "from_state": {"type": ["string", "null"]}, "to_state": {"type": "string"},
                    "comment": {"type": ["string", "null"]}}},
                "Ref": {"type": "object", "required": ["id", "name"],
                        "properties": {"id": {"type": "integer"}, "name": {"type": "string"}}},
                "Term": {"type": "object", "required": ["team", "village", "role", "dispatching_unit",
                                                        "start_date", "end_date", "active"], "properties": {
                    "id": {"type": "integer"}, "team": _ref("Ref"), "village": _ref("Ref"),
                    "role": {"enum": ["first_secretary", "leader", "deputy", "member"]},
                    "role_label": {"type": "string"}, "dispatching_unit": {"oneOf": [_ref("Ref"), {"type": "null"}]},
                    "start_date": {"type": "string", "format": "date"},
                    "end_date": {"type": "string", "format": "date",
                                 "description": "the recorded end, or the planned one while none is recorded"},
                    "planned_end_date": {"type": "string", "format": "date"},
                    "ended_early": {"type": "boolean"}, "active": {"type": "boolean"}}},
                "Person": {"type": "object", "required": ["id", "name", "terms", "warnings", "grades", "consequences"],
                           "properties": {
                               "id": {"type": "integer"}, "name": {"type": "string"},
                               "phone": {"type": ["string", "null"], "description":
                                         "present only for the cadre, their team leader, their dispatching "
                                         "unit, the offices over their current village and admins"},
                               "dispatching_unit": {"oneOf": [_ref("Ref"), {"type": "null"}]},
                               "team": {"oneOf": [_ref("Ref"), {"type": "null"}], "description": "current team"},
                               "terms": {"type": "array", "items": _ref("Term")},
                               "warnings": {"type": "array", "items": {"type": "object", "properties": {
                                   "date": {"type": "string", "format": "date"}, "case_id": {"type": "integer"},
                                   "kind": {"type": "string"}}}},
                               "grades": {"type": "array", "items": {"type": "object", "properties": {
                                   "period": {"type": "string"}, "kind": {"type": "string"},
                                   "grade": {"enum": ["excellent", "competent", "basic", "incompetent"]},
                                   "wording": {"type": "string", "description": "the policy's own word (篇六 不合格)"}}}},
                               "consequences": {"type": "array", "items": {"type": "object", "properties": {
                                   "kind": {"enum": ["no_awards", "no_promotion", "file_record", "not_grassroots",
                                                     "reserve_lost"]},
                                   "until": {"type": "string", "format": "date",
                                             "description": "the day it ends (no_promotion: the notice date + N years)"},
                                   "year": {"type": "integer", "description": "the one calendar year it holds for"},
                                   "case_id": {"type": "integer"},
                                   "recorded_on": {"type": "string", "format": "date"},
                                   "in_force": {"type": "boolean", "description": "on today's date"}}}},
                               "cases": {"type": "array", "description":
                                         "the newest 20 of the person's cases the caller may open",
                                         "items": {"type": "object", "properties": {
                                             "id": {"type": "integer"}, "kind": {"type": "string"},
                                             "state": {"type": "string"}, "created_at": {"type": "string"},
                                             "start_date": {"type": ["string", "null"]},
                                             "end_date": {"type": ["string", "null"]},
                                             "url": {"type": "string"}}}}}},
                "Team": {"type": "object", "required": ["id", "village", "members", "vacancies"], "properties": {
                    "id": {"type": "integer"}, "name": {"type": "string"}, "village": _ref("Ref"),
                    "township": {"oneOf": [_ref("Ref"), {"type": "null"}]},
                    "members": {"type": "array", "description": "current members, the leader first",
                                "items": {"type": "object", "properties": {
                                    "person": _ref("Ref"),
                                    "role": {"enum": ["first_secretary", "leader", "deputy", "member"]},
                                    "role_label": {"type": "string"},
                                    "dispatching_unit": {"oneOf": [_ref("Ref"), {"type": "null"}]},
                                    "start_date": {"type": "string", "format": "date"},
                                    "end_date": {"type": "string", "format": "date"}}}},
                    "vacancies": {"type": "array", "description":
                                  "the posts a recall or an adjustment left empty and no replacement has filled yet, "
                                  "oldest first",
                                  "items": {"type": "object", "required": ["position", "since", "case_id"],
                                            "properties": {
                                                "position": {"enum": ["first_secretary", "leader", "deputy", "member"]},
                                                "position_label": {"type": "string"},
                                                "since": {"type": "string", "format": "date"},
                                                "case_id": {"type": "integer"},
                                                "left": _ref("Ref"),
                                                "acting_leader": {"oneOf": [_ref("Ref"), {"type": "null"}]}}}},
                    "vacant_posts": {"type": "integer", "description":
                                     "the largest of: members short of min_size, posts that ended with no "
                                     "successor while today's members served, the vacancies listed, and 1 when "
                                     "nobody leads the team"},
                    "leader_vacant": {"type": "boolean"},
                    "acting_leader": {"oneOf": [_ref("Ref"), {"type": "null"}], "description":
                                      "the member the township named to lead while the leader's post is vacant"},
                    "min_size": {"type": "integer", "description": "the policy's [vacancy] min_team_size"},
                    "below_min_size": {"type": "boolean", "description": "fewer current members than min_size"}}},
                "RosterError": {"type": "object", "required": ["error"], "properties": {
                    "error": {"$ref": "#/components/schemas/Error/properties/error"},
                    "rows": {"type": "array", "items": {"type": "object", "properties": {
                        "row": {"type": "integer"}, "field": {"type": ["string", "null"]},
                        "message": {"type": "string"}}}}}},
                "CaseList": {"type": "object", "required": ["items", "total", "page"], "properties": {
                    "items": {"type": "array", "items": {"type": "object", "properties": {
                        "id": {"type": "integer"}, "kind": {"type": "string"}, "kind_label": {"type": "string"},
                        "state": {"type": "string"}, "state_label": {"type": "string"},
                        "person": {"type": ["object", "null"]}, "village": {"type": ["object", "null"]},
                        "created_at": {"type": "string"}, "updated_at": {"type": "string"},
                        "overdue": {"type": "boolean"}}}},
                    "total": {"type": "integer"}, "total_capped": {"type": "boolean"},
                    "page": {"type": "integer"}, "per_page": {"type": "integer"}, "pages": {"type": "integer"}}},
                "Page": {"type": "object", "properties": {
                    "items": {"type": "array"}, "page": {"type": "integer"}, "per_page": {"type": "integer"},
                    "total": {"type": "integer"}, "pages": {"type": "integer"}}},
            },
        },
        "security": [{"bearer": []}, {"session": []}],
        "paths": {
            "/api/v1/policies": {"get": {"summary": "Policies, newest version of each",
                                         "responses": _responses("200", {"type": "array"})}},
            "/api/v1/policies/{policy_id}": {"get": {
                "summary": "A policy's newest version, with its rules",
                "parameters": [{"name": "policy_id", "in": "path", "required": True, "schema": {"type": "string"}}],
                "responses": _responses("200", {"type": "object"}, 404)}},
            "/api/v1/policies/{policy_id}/leave-route": {"get": {
                "summary": "The approval steps a leave of N days would need",
                "parameters": [
                    {"name": "policy_id", "in": "path", "required": True, "schema": {"type": "string"}},
                    _q("days", {"type": "integer", "minimum": 1, "maximum": rules.MAX_LEAVE_DAYS}, True),
                    _q("applicant", {"enum": ["member", "leader"]}, True),
                    _q("tier", {"enum": ["city", "county"]}, True),
                    _q("type", {"enum": ["personal", "sick", "annual"]})],
                "responses": _responses("200", _ref("Route"), 404, 422)}},
            "/api/v1/leave-requests": {"post": {
                "summary": "File a leave request for the caller (submitted unless draft is true)",
                "requestBody": {"required": True, **_json(_ref("LeaveInput"))},
                "responses": _write_responses("201", _ref("Case"), 403, 409, 503)}},
            "/api/v1/recalls": {"post": {
                "summary": "Open a recall (grounds of recall, by the offices the policy names) or an adjustment "
                           "(grounds of adjustment, by the cadre or their dispatching unit): a draft its author "
                           "submits. No ground, an unknown or a mixed list → 422 naming grounds",
                "requestBody": {"required": True, **_json({
                    "type": "object", "required": ["person_id", "grounds", "reason"],
                    "properties": {"person_id": {"type": "integer", "minimum": 1},
                                   "grounds": {"type": "array", "minItems": 1, "items": {"type": "integer"}},
                                   "reason": {"type": "string"},
                                   "replacement_person_id": {"type": "integer", "minimum": 1}}})},
                "responses": _write_responses("201", _ref("Case"), 403, 409)}},
            "/api/v1/handovers": {"post": {
                "summary": "Open a handover (交接) from a serving cadre to an incoming one on a date (the team "
                           "leader, the township, the county office or the cadre's dispatching unit): a task for "
                           "the outgoing cadre, or for the office listing for them when absent_reason is given",
                "requestBody": {"required": True, **_json({
                    "type": "object", "required": ["outgoing_person_id", "incoming_person_id", "handover_date"],
                    "properties": {"outgoing_person_id": {"type": "integer", "minimum": 1},
                                   "incoming_person_id": {"type": "integer", "minimum": 1},
                                   "handover_date": {"type": "string", "format": "date"},
                                   "absent_reason": {"type": "string"}}})},
                "responses": _write_responses("201", _ref("Case"), 403, 409)}},
            "/api/v1/rotations": {"post": {
                "summary": "A rotation plan for a team (the county office): one handover per pair, all or none; "
                           "422 keep_one where the pairs would replace every member under a policy that keeps one",
                "requestBody": {"required": True, **_json({
                    "type": "object", "required": ["team_id", "date", "pairs"],
                    "properties": {"team_id": {"type": "integer", "minimum": 1},
                                   "date": {"type": "string", "format": "date"},
                                   "pairs": {"type": "array", "minItems": 1, "items": {
                                       "type": "object", "required": ["outgoing", "incoming"],
                                       "properties": {"outgoing": {"type": "integer", "minimum": 1},
                                                      "incoming": {"type": "integer", "minimum": 1}}}}}})},
                "responses": _write_responses("201", {"type": "object", "properties": {
                    "cases": {"type": "array", "items": _ref("Case")}}}, 403, 409)}},
            "/api/v1/cases/{case_id}/items": {"post": {
                "summary": "Add an item to a handover's list (the outgoing cadre, or the office listing for them)",
                "parameters": [_CASE_ID],
                "requestBody": {"required": True, **_json({
                    "type": "object", "required": ["heading", "title"],
                    "properties": {"heading": {"enum": ["duties", "village", "unfinished", "records", "funds"]},
                                   "title": {"type": "string", "maxLength": 200}, "detail": {"type": "string"},
                                   "amount": {"type": ["number", "string"]},
                                   "documents": {"type": "array", "items": {"type": "object"}},
                                   "version": {"type": "integer", "minimum": 1}}})},
                "responses": _write_responses("201", _ref("Case"), 403, 404, 409)}},
            "/api/v1/assessment-rounds": {"post": {
                "summary": "Open an assessment round for a county or a city and a period (the office the policy "
                           "names): an assessment case for every eligible cadre, and who was left out and why",
                "requestBody": {"required": True, **_json({
                    "type": "object", "required": ["kind", "period", "org_unit_id"],
                    "properties": {"kind": {"enum": ["annual", "semiannual", "term_end"]},
                                   "period": {"type": "string", "pattern": "^[0-9]{4}(H[12])?$"},
                                   "org_unit_id": {"type": "integer", "minimum": 1}}})},
                "responses": _write_responses("201", _ref("Case"), 403, 409)}},
            "/api/v1/cases/{case_id}/objections": {"post": {
                "summary": "An objection to a proposed grade inside the public notice's window: the case goes "
                           "back to its scoring",
                "parameters": [_CASE_ID],
                "requestBody": {"required": True, **_json({
                    "type": "object", "required": ["text"],
                    "properties": {"text": {"type": "string"}, "version": {"type": "integer", "minimum": 1}}})},
                "responses": _write_responses("201", _ref("Case"), 403, 404, 409)}},
            "/api/v1/leave-requests/preview": {"post": {
                "summary": "The route and day count a leave would get, without filing it",
                "requestBody": {"required": True, **_json(_ref("LeaveInput"))},
                "responses": _write_responses("200", _ref("Route"), 403, 409)}},
            "/api/v1/cases/{case_id}": {"get": {"summary": "A case", "parameters": [_CASE_ID],
                                               "responses": _responses("200", _ref("Case"), 403, 404)}},
            "/api/v1/cases/{case_id}/documents/{document_id}": {"get": {
                "summary": "A document on the case, as a download (Content-Disposition: attachment, "
                           "X-Content-Type-Options: nosniff), for whoever may see the case",
                "parameters": [_CASE_ID, _id("document_id")],
                "responses": {"200": {"description": "The file", "content": {
                    t: {"schema": {"type": "string", "format": "binary"}} for t in services.DOCUMENT_TYPES}},
                              **{k: v for k, v in _responses("200", {}, 403, 404).items() if k != "200"}}}},
            "/api/v1/cases/{case_id}/extensions": {"post": {
                "summary": "续假: the applicant of an approved leave asks, before its last day, to stay away "
                           "longer; 201 with the new request, from the day after the approved end",
                "parameters": [_CASE_ID],
                "requestBody": {"required": True, **_json({
                    "type": "object", "required": ["version", "end_date", "reason"],
                    "properties": {"version": _VERSION,
                                   "end_date": {"type": "string", "format": "date",
                                                "description": "after the approved end"},
                                   "reason": {"type": "string", "maxLength": services.REASON_MAX}}})},
                "responses": _write_responses("201", _ref("Case"), 403, 404, 409, 503)}},
            "/api/v1/cases/{case_id}/history": {"get": {
                "summary": "The case's events, oldest first", "parameters": [_CASE_ID],
                "responses": _responses("200", {"type": "array", "items": _ref("Event")}, 403, 404)}},
            "/api/v1/cases/{case_id}/actions/{action}": {"post": {
                "summary": "Act on a case (the case's `actions` lists those the caller may take now)",
                "parameters": [_CASE_ID, {"name": "action", "in": "path", "required": True,
                                          "schema": {"enum": _all_actions()}}],
                "requestBody": {"required": True, **_json({
                    "type": "object", "required": ["version"],
                    "properties": {"version": _VERSION, "comment": _TEXT,
                                   "actual_return_date": {"type": "string", "format": "date"},
                                   "text": {"type": "string", "description": "submit of an explanation"},
                                   "documents": {**_DOCUMENTS, "description": "attach_document and complete"}}})},
                "responses": _write_responses("200", _ref("Case"), 403, 404, 409, 503)}},
            "/api/v1/inbox": {"get": {"summary": "Open tasks the caller may act on, newest first",
                                      "parameters": _PAGING, "responses": _responses("200", _ref("Page"), 422)}},
            "/api/v1/filed": {"get": {"summary": "Cases filed (备案) with the caller's offices",
                                      "parameters": _PAGING, "responses": _responses("200", _ref("Page"), 422)}},
            "/api/v1/openapi.json": {"get": {"summary": "This document (no authentication needed)",
                                             "security": [], "responses": {"200": {
                                                 "description": "OK", **_json({"type": "object"})}}}},
            "/api/v1/people/{person_id}": {"get": {
                "summary": "A cadre's record: terms, warnings, grades, consequences and recent cases (readable by "
                           "the cadre, their team leader, the offices over their village, their dispatching unit, "
                           "and admins and inspectors in scope)",
                "parameters": [_id("person_id")],
                "responses": _responses("200", _ref("Person"), 403, 404)}},
            "/api/v1/teams/{team_id}": {"get": {
                "summary": "A team's current members and vacancies (readable by its members, the offices over its "
                           "village, its members' dispatching units, and admins and inspectors in scope)",
                "parameters": [_id("team_id")],
                "responses": _responses("200", _ref("Team"), 403, 404)}},
            "/api/v1/teams/{team_id}/acting-leader": {"post": {
                "summary": "The township names a current member acting team leader while the leader's post is "
                           "vacant (a recall or an adjustment took the leader); until then a task for the team "
                           "leader is refused with `no_team_leader`",
                "parameters": [_id("team_id")],
                "requestBody": {"required": True, **_json({
                    "type": "object", "required": ["person_id"],
                    "properties": {"person_id": {"type": "integer", "minimum": 1}}})},
                "responses": _write_responses("200", _ref("Team"), 403, 404, 409)}},
            "/api/v1/cases": {"get": {
                "summary": "The cases the caller may see, newest first; filtered, paginated. `total` stops at "
                           "10,000 (then `total_capped` is true)",
                "parameters": [_q("kind", {"type": "string"}), _q("state", {"type": "string"}),
                               *(_q(name, {"type": "integer", "minimum": 1, "maximum": case_filters.MAX_ID})
                                 for name in ("person_id", "village_id", "township_id")),
                               _q("q", {"type": "string", "maxLength": 100},
                                  description="a case number (42, #42, No.42) or part of a person's name"),
                               _q("from", {"type": "string", "format": "date"}, description="created on or after"),
                               _q("to", {"type": "string", "format": "date"}, description="created on or before"),
                               _q("overdue", {"type": "boolean"}, description="has an open task past its due date"),
                               *_PAGING],
                "responses": _responses("200", _ref("CaseList"), 422)}},
            "/api/v1/me": {"get": {"summary": "The caller and their role grants",
                                   "responses": _responses("200", {"type": "object"})}},
            **time_paths(_responses, _json, _q, _PAGING),
            **work_log.openapi_paths(_responses, _write_responses, _json, _q),
            **presence_paths(_responses, _json, _q),
            **spot_check_paths(_responses, _write_responses, _json, _id),
            **attendance_sheet_paths(_responses, _id),
            "/api/v1/roster": {"post": {
                "summary": "Import a roster (花名册), admin only: header 姓名, 用户名, 驻村, 职务, 派出单位, 任期开始, "
                           "任期结束; any bad row refuses the whole file (422, every bad row under `rows`)",
                "requestBody": {"required": True, "content": {
                    "text/csv": {"schema": {"type": "string"}},
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": {
                        "schema": {"type": "string", "format": "binary"}}}},
                "responses": {**_responses("200", {"type": "object", "required": ["created", "updated"],
                                                   "properties": {"created": {"type": "integer"},
                                                                  "updated": {"type": "integer"}}}, 403, 413),
                              "422": {"description": "A bad row (or an unreadable file); nothing imported",
                                      **_json(_ref("RosterError"))}}}},
        },
    }
