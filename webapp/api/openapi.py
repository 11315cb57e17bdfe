"""The OpenAPI 3.1 document for /api/v1, served at /api/v1/openapi.json."""
from workflows import registry

_ERROR = {"$ref": "#/components/schemas/Error"}


def _json(schema) -> dict:
    return {"content": {"application/json": {"schema": schema}}}


def _responses(ok_status: str, ok_schema, *errors: int) -> dict:
    out = {ok_status: {"description": "OK", **_json(ok_schema)}}
    for status in (401,) + errors:
        out[str(status)] = {"description": "Error", **_json(_ERROR)}
    return out


def _q(name, schema, required=False, description=""):
    return {"name": name, "in": "query", "required": required, "schema": schema, "description": description}


_CASE_ID = {"name": "case_id", "in": "path", "required": True, "schema": {"type": "integer"}}
_PAGING = [_q("page", {"type": "integer", "minimum": 1}), _q("per_page", {"type": "integer", "minimum": 1, "maximum": 100})]
_ref = lambda name: {"$ref": f"#/components/schemas/{name}"}  # noqa: E731


def _all_actions() -> list[str]:
    """Every action of every registered procedure: the shared vocabulary and each one's own."""
    return sorted({name for procedure in registry.all_procedures() for name in procedure.actions})


def document() -> dict:
    from webapp.api.notifications import openapi_paths as time_paths
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
                                              "reason": {"type": "string", "maxLength": 2000},
                                              "draft": {"type": "boolean"},
                                              "on_behalf_of": {"type": "integer", "description":
                                                               "urgent leave (篇六): the person id of the "
                                                               "cadre a proxy files for"},
                                              "documents": {"type": "array", "items": _ref("Document")}}},
                "Document": {"type": "object", "required": ["filename", "content_type", "data"],
                             "properties": {"filename": {"type": "string"},
                                            "content_type": {"enum": ["application/pdf", "image/jpeg",
                                                                      "image/png"]},
                                            "data": {"type": "string", "format": "byte"}}},
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
                                   "grade": {"enum": ["excellent", "competent", "basic", "incompetent"]}}}},
                               "consequences": {"type": "array", "items": {"type": "object", "properties": {
                                   "kind": {"enum": ["no_awards", "no_promotion", "file_record"]},
                                   "until": {"type": "string", "format": "date"}, "year": {"type": "integer"},
                                   "case_id": {"type": "integer"}}}},
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
                    "vacancies": {"type": "integer", "description":
                                  "the largest of: members short of min_size, posts that ended with no "
                                  "successor while today's members served, and 1 when nobody leads the team"},
                    "leader_vacant": {"type": "boolean"}, "min_size": {"type": "integer"}}},
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
                    _q("days", {"type": "integer", "minimum": 1}, True),
                    _q("applicant", {"enum": ["member", "leader"]}, True),
                    _q("tier", {"enum": ["city", "county"]}, True),
                    _q("type", {"enum": ["personal", "sick", "annual"]})],
                "responses": _responses("200", _ref("Route"), 404, 422)}},
            "/api/v1/leave-requests": {"post": {
                "summary": "File a leave request for the caller (submitted unless draft is true)",
                "requestBody": {"required": True, **_json(_ref("LeaveInput"))},
                "responses": _responses("201", _ref("Case"), 403, 409, 422, 503)}},
            "/api/v1/leave-requests/preview": {"post": {
                "summary": "The route and day count a leave would get, without filing it",
                "requestBody": {"required": True, **_json(_ref("LeaveInput"))},
                "responses": _responses("200", _ref("Route"), 403, 409, 422)}},
            "/api/v1/cases/{case_id}": {"get": {"summary": "A case", "parameters": [_CASE_ID],
                                               "responses": _responses("200", _ref("Case"), 403, 404)}},
            "/api/v1/cases/{case_id}/history": {"get": {
                "summary": "The case's events, oldest first", "parameters": [_CASE_ID],
                "responses": _responses("200", {"type": "array", "items": _ref("Event")}, 403, 404)}},
            "/api/v1/cases/{case_id}/actions/{action}": {"post": {
                "summary": "Act on a case (the case's `actions` lists those the caller may take now)",
                "parameters": [_CASE_ID, {"name": "action", "in": "path", "required": True,
                                          "schema": {"enum": _all_actions()}}],
                "requestBody": {"required": True, **_json({
                    "type": "object", "required": ["version"],
                    "properties": {"version": {"type": "integer"}, "comment": {"type": "string"},
                                   "actual_return_date": {"type": "string", "format": "date"},
                                   "documents": {"type": "array", "items": _ref("Document"),
                                                 "description": "attach_document and complete"}}})},
                "responses": _responses("200", _ref("Case"), 403, 404, 409, 422, 503)}},
            "/api/v1/inbox": {"get": {"summary": "Open tasks the caller may act on, newest first",
                                      "parameters": _PAGING, "responses": _responses("200", _ref("Page"), 422)}},
            "/api/v1/filed": {"get": {"summary": "Cases filed (备案) with the caller's offices",
                                      "parameters": _PAGING, "responses": _responses("200", _ref("Page"), 422)}},
            "/api/v1/people/{person_id}": {"get": {
                "summary": "A cadre's record: terms, warnings, grades, consequences and recent cases (readable by "
                           "the cadre, their team leader, the offices over their village, their dispatching unit, "
                           "and admins and inspectors in scope)",
                "parameters": [{"name": "person_id", "in": "path", "required": True, "schema": {"type": "integer"}}],
                "responses": _responses("200", _ref("Person"), 403, 404)}},
            "/api/v1/teams/{team_id}": {"get": {
                "summary": "A team's current members and vacancies (readable by its members, the offices over its "
                           "village, its members' dispatching units, and admins and inspectors in scope)",
                "parameters": [{"name": "team_id", "in": "path", "required": True, "schema": {"type": "integer"}}],
                "responses": _responses("200", _ref("Team"), 403, 404)}},
            "/api/v1/cases": {"get": {
                "summary": "The cases the caller may see, newest first; filtered, paginated. `total` stops at "
                           "10,000 (then `total_capped` is true)",
                "parameters": [_q("kind", {"type": "string"}), _q("state", {"type": "string"}),
                               _q("person_id", {"type": "integer"}), _q("village_id", {"type": "integer"}),
                               _q("township_id", {"type": "integer"}),
                               _q("q", {"type": "string"}, description="a case number (42, #42, No.42) or "
                                                                        "part of a person's name"),
                               _q("from", {"type": "string", "format": "date"}, description="created on or after"),
                               _q("to", {"type": "string", "format": "date"}, description="created on or before"),
                               _q("overdue", {"type": "boolean"}, description="has an open task past its due date"),
                               *_PAGING],
                "responses": _responses("200", _ref("CaseList"), 422)}},
            "/api/v1/me": {"get": {"summary": "The caller and their role grants",
                                   "responses": _responses("200", {"type": "object"})}},
            **time_paths(_responses, _json, _q, _PAGING),
            "/api/v1/roster": {"post": {
                "summary": "Import a roster (花名册), admin only: header 姓名, 用户名, 驻村, 职务, 派出单位, 任期开始, "
                           "任期结束; any bad row refuses the whole file (422, every bad row under `rows`)",
                "requestBody": {"required": True, "content": {
                    "text/csv": {"schema": {"type": "string"}},
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": {
                        "schema": {"type": "string", "format": "binary"}}}},
                "responses": {**_responses("200", {"type": "object", "required": ["created", "updated"],
                                                   "properties": {"created": {"type": "integer"},
                                                                  "updated": {"type": "integer"}}}, 403),
                              "422": {"description": "A bad row (or an unreadable file); nothing imported",
                                      **_json(_ref("RosterError"))}}}},
        },
    }
