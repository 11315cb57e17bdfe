"""Presence (考勤) endpoints: signing in, the keeper's missed day, a cadre's days, a month's attendance."""
from datetime import date
from io import BytesIO

from flask import g, jsonify, request, send_file

from webapp.api import bp, parse, serialize
from webapp.extensions import db
from workflows import clock, people
from workflows.errors import InvalidInput
from workflows.fields import MAX_ID
from workflows.presence import attendance, days, jurisdiction, sign_ins
from workflows.unit_of_work import UnitOfWork


def _user(user) -> dict:
    return {"id": user.id, "name": user.display_name}


def _sign_in(row) -> dict:
    return {"id": row.id, "person_id": row.person_id, "date": row.day.isoformat(),
            "at": serialize.iso(row.at), "late": row.late, "recorded_by": _user(row.recorded_by)}


def _missed(row) -> dict:
    return {"id": row.id, "person_id": row.person_id, "date": row.day.isoformat(),
            "at": serialize.iso(row.recorded_at), "late": False,
            "recorded_by": _user(row.recorded_by), "reason": row.reason,
            "missed": True, "confirmed": row.confirmed,
            "confirmations": [c["office"] for c in row.confirmations]}


@bp.post("/sign-ins")
def sign_in_create():
    """The caller signs in; or, with person_id, the keeper records a day the cadre could not sign."""
    data = parse.json_body()
    with UnitOfWork(db.session) as uow:
        if "person_id" in data:
            row = sign_ins.record_missed_day(
                db.session, g.actor, parse.integer(data, "person_id", low=1, high=MAX_ID), parse.a_date(data, "date"),
                parse.text(data, "reason", max_length=sign_ins.REASON_MAX))
            body = _missed(row)
        else:
            row = sign_ins.sign_in(db.session, g.actor,
                                   parse.text(data, "note", required=False, max_length=sign_ins.NOTE_MAX),
                                   parse.text(data, "location", required=False, max_length=sign_ins.LOCATION_MAX))
            body = _sign_in(row)
        uow.commit()
    return jsonify(body), 201


@bp.post("/sign-outs")
def sign_out_create():
    """篇六 签退: the caller signs out of today's sign-in (on the policy's sign-out days)."""
    with UnitOfWork(db.session) as uow:
        row = sign_ins.sign_out(db.session, g.actor)
        body = {**_sign_in(row), "out_at": serialize.iso(row.out_at), "left_early": row.left_early}
        uow.commit()
    return jsonify(body)


@bp.post("/missed-days/<int:missed_id>/confirm")
def missed_day_confirm(missed_id):
    """篇六: the other office the policy names confirms a missed day."""
    with UnitOfWork(db.session) as uow:
        row = sign_ins.confirm_missed_day(db.session, g.actor, missed_id)
        body = _missed(row)
        uow.commit()
    return jsonify(body)


def month_arg(args) -> date:
    """?month=YYYY-MM, this month by default."""
    value = args.get("month")
    if value is None:
        return clock.today().replace(day=1)
    try:
        year, month = value.split("-")
        if len(year) != 4 or len(month) != 2:
            raise ValueError
        return date(int(year), int(month), 1)
    except ValueError:
        raise InvalidInput("invalid_month", "month") from None


def person_month(person, month: date) -> dict:
    first, last = days.month_range(month)
    day_map = days.statuses(db.session, [person.id], first, last)[person.id]
    term = next((t for t in reversed(person.terms) if t.start_date <= last), None)
    settings = (jurisdiction.settings_of(db.session, term.team.village) if term
                else {"targets": {}, "subsidy_per_day": 0})
    signs_out = "sign_out" in settings
    body = {"days": [{"date": d.isoformat(), "status": s.status, "late": s.late,
                      **({"left_early": s.left_early} if signs_out else {})} for d, s in day_map.items()],
            "totals": days.totals(db.session, day_map, settings, first),
            "progress": days.progress(db.session, person.id, settings, first)}
    nights = settings["targets"].get("week_nights")
    if nights is not None:  # only where the policy sets "五天四夜" (004): an additive key
        body["weeks"] = [w.as_dict() for w in days.weeks(db.session, first, {person.id: nights})[person.id]]
    return body


@bp.get("/people/<int:person_id>/days")
def person_days(person_id):
    person = people.readable_person(db.session, person_id, g.actor, clock.today())
    return jsonify({"person": serialize.ref(person), "month": month_arg(request.args).strftime("%Y-%m"),
                    **person_month(person, month_arg(request.args))})


def _attendance_rows():
    args = request.args
    month = month_arg(args)
    if args.get("team_id") is not None:
        team = people.readable_team(db.session, parse.integer(args, "team_id", low=1, high=MAX_ID), g.actor, clock.today())
        return month, attendance.rows(db.session, month, team=team)
    township_id = parse.integer(args, "township_id", low=1, high=MAX_ID)
    return month, attendance.rows(db.session, month, township=attendance.township_for(db.session, township_id, g.actor))


def _row(r: attendance.Row) -> dict:
    row = {"person": serialize.ref(r.person), "village": serialize.ref(r.village), **r.totals,
           "counted_days": r.counted, "subsidy_per_day": r.rate, "subsidy": r.subsidy}
    if r.weeks is not None:  # only where the policy sets the week's target (004 "五天四夜")
        row["weeks_short"] = r.weeks_short
    return row


# The exported sheet's columns, Chinese first (出勤情况统计表).
XLSX_HEADERS = ("姓名", "驻村", "在岗", "因公外出", "请假", "缺勤", "迟到", "目标天数", "达标", "计补天数", "日补贴标准（元）",
                "补贴（元）")


@bp.get("/attendance")
def attendance_sheet():
    month, found = _attendance_rows()
    if request.args.get("format") == "xlsx":
        return _xlsx(month, found)
    return jsonify({"month": month.strftime("%Y-%m"), "rows": [_row(r) for r in found]})


def _xlsx(month: date, found):
    from openpyxl import Workbook
    book = Workbook(write_only=True)
    sheet = book.create_sheet(f"{month:%Y-%m}")
    sheet.append(XLSX_HEADERS)
    for r in found:
        t = r.totals
        met = "" if t["meets_target"] is None else ("是" if t["meets_target"] else "否")
        sheet.append([r.person.name, r.village.name, t["present"], t["trip"], t["leave"], t["absent"], t["late"],
                      t["target"], met, r.counted, r.rate, r.subsidy])
    out = BytesIO()
    book.save(out)
    out.seek(0)
    return send_file(out, as_attachment=True, download_name=f"attendance-{month:%Y-%m}.xlsx",
                     mimetype="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")


@bp.post("/duty-days")
def duty_day_create():
    """篇四 三6: the township orders work on a non-working day for its villages (or one of them)."""
    from workflows.presence import duty
    data = parse.json_body()
    with UnitOfWork(db.session) as uow:
        row = duty.order(db.session, g.actor, parse.integer(data, "org_unit_id", low=1, high=MAX_ID), parse.a_date(data, "date"),
                         parse.text(data, "note", required=False, max_length=duty.NOTE_MAX))
        body = {"id": row.id, "org_unit": serialize.ref(row.org_unit), "date": row.day.isoformat(), "note": row.note}
        uow.commit()
    return jsonify(body), 201


def openapi_paths(responses, json, q) -> dict:
    """This module's endpoints, for the OpenAPI document."""
    obj = lambda **props: {"type": "object", "properties": props}  # noqa: E731
    text = {"type": "string"}
    sign = obj(id={"type": "integer"}, person_id={"type": "integer"}, date=text, at=text, late={"type": "boolean"},
               recorded_by=obj(id={"type": "integer"}, name=text), reason=text, confirmed={"type": "boolean"})
    totals = obj(present={"type": "integer"}, trip={"type": "integer"}, leave={"type": "integer"},
                 absent={"type": "integer"}, late={"type": "integer"}, target={"type": ["integer", "null"]},
                 meets_target={"type": ["boolean", "null"]})
    month = q("month", {"type": "string", "pattern": r"^\d{4}-\d{2}$"}, description="YYYY-MM; this month by default")
    body = lambda schema: {"required": True, **json(schema)}  # noqa: E731
    return {
        "/api/v1/sign-ins": {"post": {
            "summary": "签到: the caller signs in for today (note, location optional); or, with person_id, date "
                       "and reason, the keeper records a day the cadre could not sign",
            "requestBody": body(obj(note={"type": "string", "maxLength": sign_ins.NOTE_MAX},
                                    location={"type": "string", "maxLength": sign_ins.LOCATION_MAX},
                                    person_id={"type": "integer", "minimum": 1}, date={"type": "string", "format": "date"},
                                    reason={"type": "string", "maxLength": sign_ins.REASON_MAX})),
            "responses": responses("201", sign, 403, 404, 409, 413, 422)}},
        "/api/v1/missed-days/{missed_id}/confirm": {"post": {
            "summary": "篇六: another office the policy names confirms a missed day",
            "parameters": [{"name": "missed_id", "in": "path", "required": True,
                            "schema": {"type": "integer", "minimum": 1}}],
            "responses": responses("200", sign, 403, 404, 409)}},
        "/api/v1/sign-outs": {"post": {
            "summary": "篇六 签退: the caller signs out of today's sign-in on the policy's sign-out days; before "
                       "the hour it is recorded as leaving early",
            "responses": responses("200", obj(id={"type": "integer"}, date=text, out_at=text,
                                              left_early={"type": "boolean"}), 403, 409)}},
        "/api/v1/duty-days": {"post": {
            "summary": "篇四 三6: the township orders work on a non-working day for itself or one village",
            "requestBody": body(obj(org_unit_id={"type": "integer", "minimum": 1},
                                    date={"type": "string", "format": "date"}, note=text)),
            "responses": responses("201", obj(id={"type": "integer"}, date=text), 403, 404, 409, 413, 422)}},
        "/api/v1/people/{person_id}/days": {"get": {
            "summary": "A cadre's days of a month, each with its derived status, and the totals against the target",
            "parameters": [{"name": "person_id", "in": "path", "required": True,
                            "schema": {"type": "integer", "minimum": 1}}, month],
            "responses": responses("200", obj(days={"type": "array", "items": obj(
                date=text, status={"enum": list(days.STATUSES)}, late={"type": "boolean"})}, totals=totals,
                progress={"type": "array", "items": obj(period={"enum": ["quarter", "year"]}, start=text, end=text,
                                                        counted={"type": "integer"}, target={"type": "integer"})},
                # Only where the policy sets week_nights (004 "五天四夜"); null: the week is excused.
                weeks={"type": "array", "items": obj(start=text, end=text, days={"type": "integer"},
                                                     target={"type": "integer"},
                                                     meets_target={"type": ["boolean", "null"]})}),
                403, 404, 422)}},
        "/api/v1/attendance": {"get": {
            "summary": "A township's or a team's month: one row per cadre, with the subsidy basis; format=xlsx "
                       "for the sheet with Chinese headers",
            "parameters": [q("township_id", {"type": "integer", "minimum": 1}),
                           q("team_id", {"type": "integer", "minimum": 1}), month, q("format", {"enum": ["xlsx"]})],
            "responses": responses("200", obj(rows={"type": "array"}), 403, 404, 422)}},
    }
