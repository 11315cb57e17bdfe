"""GET /api/v1/cases: the cases the caller may see, filtered, newest first, paginated."""
from flask import g, jsonify, request

from webapp.api import bp, parse, serialize
from webapp import case_filters  # a module import: case_filters itself imports webapp.api
from webapp.extensions import db
from webapp.labels import label
from workflows import case_search


def list_item(case, overdue: bool) -> dict:
    return {"id": case.id, "kind": case.kind, "kind_label": label("kind", case.kind),
            "state": case.state, "state_label": label("state", case.state),
            "person": serialize.ref(case.subject), "village": serialize.ref(case.village),
            "created_at": serialize.iso(case.created_at), "updated_at": serialize.iso(case.updated_at), "overdue": overdue}


@bp.get("/cases")
def case_list():
    filters = case_filters.filters_from(request.args)
    page, per_page = parse.paging()
    result = case_search.search(db.session, g.actor, filters, page, per_page)
    return jsonify({"items": [list_item(c, c.id in result.overdue_ids) for c in result.items],
                    "total": result.total, "total_capped": result.total_capped,
                    "page": result.page, "per_page": result.per_page, "pages": result.pages})
