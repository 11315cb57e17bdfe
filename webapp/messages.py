"""Words for the workflows' error codes and field names, in the user's language."""

from flask_babel import lazy_gettext as _l

from webapp.labels import label
from webapp.roster_messages import MESSAGES as ROSTER_MESSAGES
from workflows.errors import WorkflowError

FIELDS = {
    "type": _l("Leave type"),
    "start_date": _l("Start date"),
    "end_date": _l("End date"),
    "reason": _l("Reason"),
    "comment": _l("Comment"),
    "version": _l("Version"),
    "actual_return_date": _l("Actual return date"),
    "days": _l("Days"),
    "applicant": _l("Applicant"),
    "tier": _l("Dispatching tier"),
    "page": _l("Page"),
    "per_page": _l("Page size"),
    "action": _l("Action"),
    "id": _l("ID"),
    "body": _l("Request body"),
    "name": _l("Name"),
    "parent_id": _l("Parent unit"),
    "village_id": _l("Village"),
    "planned_end_date": _l("Planned end"),
    "username": _l("Username"),
    "password": _l("Password"),
    "role": _l("Role"),
    "org_unit_id": _l("Unit"),
    "person_id": _l("Person"),
    "team_id": _l("Team"),
    "document": _l("Supporting document"),
    "home_unit_id": _l("Dispatching unit"),
    "policy_id": _l("Policy"),
    "kind": _l("Kind"),
    "active": _l("Active"),
    "documents": _l("Supporting documents"),
    "on_behalf_of": _l("Cadre"),
    "new_id": _l("Id of the new policy"),
    "unit_id": _l("Unit"),
    "note": _l("Reason for the change"),
    "base_version": _l("Version"),
    "year": _l("Year"),
    "lines": _l("Holidays and adjusted working days"),
}

# The case search's parameters.
FIELDS.update({
    "q": _l("Search text"),
    "from": _l("Created from"),
    "to": _l("Created until"),
    "overdue": _l("Overdue only"),
    "township_id": _l("Township"),
})

MESSAGES = {
    "required": _l("%(field)s is required."),
    "invalid_date": _l("%(field)s must be a date written as YYYY-MM-DD."),
    "invalid_integer": _l("%(field)s must be a whole number."),
    "invalid_string": _l("%(field)s must be text."),
    "out_of_range": _l("%(field)s must be between %(min)s and %(max)s."),
    "not_one_of": _l("%(field)s must be one of: %(choices)s."),
    "too_long": _l("%(field)s may be at most %(max)s characters."),
    "end_before_start": _l("The end date is before the start date."),
    "return_before_start": _l("The return date is before the leave started."),
    "report_before_start": _l("The leave has not begun (it starts on %(start)s): there is nothing to report back from yet. Cancel it instead if it is not needed."),
    "return_in_future": _l("The return date is in the future: report back on the day you are back (today is %(today)s)."),
    "too_many_days": _l("A leave may last at most %(max)s days."),
    "no_working_days": _l("These dates contain no working day."),
    "unknown_leave_type": _l("This policy has no leave type “%(value)s”."),
    "not_posted": _l("You have no current posting to a work team, so you cannot file leave."),
    "no_dispatching_unit": _l("Your dispatching unit is not set; ask an administrator."),
    "office_missing": _l("The jurisdiction has no “%(office)s” for this village; ask an administrator."),
    "no_policy": _l("No policy is assigned to your jurisdiction; ask an administrator."),
    "case_not_found": _l("No case with this number."),
    "policy_not_found": _l("No policy with this id."),
    "unknown_action": _l("Unknown action “%(action)s”."),
    "not_your_case": _l("You may not see this case."),
    "person_not_found": _l("No person with this id."),
    "team_not_found": _l("No team with this id."),
    "not_your_person": _l("You may not see this person’s record."),
    "not_your_team": _l("You may not see this team."),
    "case_changed": _l("Someone acted on this case since you opened it. Reload it and try again."),
    "saved_concurrently": _l("Someone saved the same thing at the same moment. Reload the page and check."),
    "database_busy": _l("The system is busy and nothing was saved. Try again in a moment."),
    "action_not_allowed": _l("This action is not possible while the case is “%(state)s”."),
    "own_case": _l("You cannot decide your own case."),
    "no_open_task": _l("You have no open task on this case."),
    "applicant_only": _l("Only the applicant may do this."),
    "unauthorized": _l("Log in or send a valid API token."),
    "forbidden": _l("You are not allowed to do this."),
    "not_found": _l("Not found."),
    "method_not_allowed": _l("This method is not allowed here."),
    "bad_request": _l("The request could not be read."),
    "csrf": _l("The form expired or lacks its security token. Reload the page and try again."),
    "nul_character": _l("The request contains a NUL character, which no field may hold."),
    "parent_required": _l("Choose the unit this one belongs to."),
    "parent_wrong_kind": _l("A %(kind)s cannot belong to a %(parent_kind)s."),
    "parent_cycle": _l("A unit cannot belong to itself or to a unit below it."),
    "name_taken": _l("A unit named “%(name)s” already exists there."),
    "not_a_village": _l("A team is posted to a village."),
    "team_exists": _l("%(village)s already has a team: one village, one team."),
    "planned_end_before_start": _l("The planned end must come after the start."),
    "term_overlaps": _l("This person already has a term at these dates (%(team)s)."),
    "username_taken": _l("The username “%(username)s” is taken."),
    "grant_exists": _l("The user already holds this role at this unit."),
    "grant_wrong_unit": _l("“%(role)s” is granted at a %(kind)s."),
    "not_a_choice": _l("Choose %(field)s from the list."),
    "wrong_unit_kind": _l("Choose a %(kind)s."),
    "kind_in_use": _l("Units, teams, people, roles or cases depend on this unit: it stays a %(kind)s."),
    "person_has_account": _l("%(name)s already has an active account (%(username)s): one person, one account."),
    "deactivate_self": _l("You cannot deactivate your own account."),
    "leave_overlaps": _l("These dates overlap your leave request no. %(other)s (%(start)s to %(end)s)."),
    "overlaps_granted_leave": _l("The cadre's leave no. %(other)s, already granted, covers %(start)s to %(end)s "
                                 "and overlaps these dates: this request cannot be granted too. Return or "
                                 "reject it."),
    "over_request_limit": _l("One request for %(type)s may be at most %(max)s days; this one is %(days)s."),
    "over_month_cap": _l("%(type)s used in %(year)s-%(month)02d: %(used)s days, limit %(cap)s; "
                         "this request adds %(days)s."),
    "over_year_cap": _l("%(type)s used in %(year)s: %(used)s days, limit %(cap)s; this request adds %(days)s."),
    "leave_started": _l("The leave began on %(start)s; it can no longer be cancelled. Report back instead."),
    "blackout": _l("No leave may fall within %(start)s to %(end)s, a special period: %(reason)s."),
    "document_required": _l("%(type)s needs a supporting document (e.g. a doctor's note)."),
    "document_type": _l("The document must be one of: %(types)s."),
    "document_too_large": _l("The document may be at most %(max_mb)s MB."),
    "invalid_base64": _l("%(field)s must be base64-encoded."),
    "extension_too_late": _l("The leave ended on %(end)s: an extension must be asked for before it ends."),
    "extension_not_longer": _l("An extension must end after %(end)s, the approved end."),
    "invalid_json": _l("The body must be a JSON object."),
    "proxy_not_allowed": _l("This cadre's policy does not allow urgent leave entered by someone else."),
    "proxy_for_self": _l("File your own leave from “Request leave”, not on your own behalf."),
    "proxy_not_for_reports": _l("%(type)s is reported by the cadre; it cannot be entered by proxy."),
    "not_proxy": _l("Only %(offices)s may enter urgent leave for this cadre."),
    "proxy_sole_approver": _l("You would have to approve this leave yourself as %(office)s, and nobody else holds "
                              "that office: whoever enters a leave for a cadre may not approve it. Ask the office "
                              "above to enter it, or have a second %(office)s appointed."),
    "make_up_not_allowed": _l("This leave's policy does not let its approvers grant an overrun afterwards."),
    "nothing_to_make_up": _l("This leave has no days of absence to grant afterwards."),
    "approvers_only": _l("Only an office that approved this leave may grant its overrun."),
    "proxy_may_not_decide": _l("You entered this leave for the cadre, so another holder of the office decides it."),
    "unknown_person": _l("Choose the cadre from the list."),
    "nothing_to_complete": _l("This request has no written request left to complete."),
    "policy_id_format": _l("An id holds 2 to 49 lower-case letters, digits and hyphens, e.g. “shifan-county”."),
    "policy_id_taken": _l("A policy with the id “%(id)s” exists already."),
    "preset_read_only": _l("A shipped preset cannot be changed here. Copy it into your jurisdiction's own policy."),
    "policy_changed": _l("Version %(version)s was published while you were editing. Open it and make your "
                         "change there."),
    "policy_invalid": _l("The policy is not valid: %(problem)s"),
    "at_least": _l("Must be a whole number of at least %(min)s."),
    "choose_one": _l("Choose at least one."),
    "max_below_min": _l("Must not be less than the band's first day (%(min)s)."),
    "band_gap": _l("No band covers a leave of %(days)s days (%(applicant)s, %(tier)s, %(type)s): every length "
                   "must fall in exactly one band."),
    "band_overlap": _l("Bands %(band)s and %(other)s both cover a leave of %(days)s days (%(applicant)s, "
                       "%(tier)s, %(type)s): every length must fall in exactly one band."),
    # A holiday notice, entered line by line: each refusal names the line.
    "calendar_bad_line": _l("Line %(line)s: write a date or a range and a name, e.g. “2027-01-01~2027-01-03 元旦” "
                            "or “2027-02-07 上班”."),
    "calendar_bad_date": _l("Line %(line)s: “%(value)s” is not a date."),
    "calendar_range_backwards": _l("Line %(line)s: the range ends before it begins."),
    "calendar_other_year": _l("Line %(line)s: every date must be in %(year)s."),
    "calendar_range_too_long": _l("Line %(line)s: a range may be at most %(max)s days."),
    "calendar_no_name": _l("Line %(line)s: name the holiday, or write 上班 for an adjusted working day."),
    "calendar_name_too_long": _l("Line %(line)s: a name may be at most %(max)s characters."),
    "calendar_workday_on_weekday": _l("Line %(line)s: %(day)s is a weekday already; an adjusted working day "
                                      "falls on a weekend."),
    "calendar_day_twice": _l("Line %(line)s: %(day)s is already on line %(other)s."),
    "calendar_empty": _l("Enter at least one holiday."),
}


MESSAGES.update(ROSTER_MESSAGES)

# The work log (工作日志).
MESSAGES.update({
    "work_log_today_only": _l("A work log entry is written and changed on its own day only (today is %(today)s)."),
    "work_log_not_posted": _l("You have no current posting to a work team, so you keep no work log."),
    "invalid_month": _l("%(field)s must be a month written as YYYY-MM."),
})
FIELDS.update({"work_done": _l("Work done"), "households_count": _l("Households visited"),
               "households": _l("Households (names)"), "month": _l("Month")})

# Bad input that is no person's typing: text no database stores, bodies nested or sized to break
# the reader, uploads that are not what they claim.
MESSAGES.update({
    "invalid_text": _l("%(field)s holds characters that are not valid text (e.g. half of a character pair)."),
    "json_too_deep": _l("%(field)s is nested more than %(max)s levels deep."),
    "request_too_large": _l("The request is too large: at most %(max_mb)s MB may be sent at once."),
    "document_content": _l("The file's content is not a %(type)s file, as its type says."),
    "too_many_documents": _l("A case may keep at most %(max)s documents."),
    "documents_too_large": _l("The documents of a case may take at most %(max_mb)s MB in all."),
})

# Presence (考勤).
MESSAGES.update({
    "sign_in_not_posted": _l("You have no current posting to a work team, so there is nothing to sign in to."),
    "sign_in_after_cutoff": _l("Signing in closes at %(cutoff)s. Today can no longer be signed: tell your "
                               "team leader, who records the day with its reason."),
    "no_sign_out_today": _l("There is no sign-out on %(date)s: the policy asks for one only on its sign-out days."),
    "not_signed_in": _l("%(date)s has no sign-in to sign out of."),
    "already_signed_out": _l("You have already signed out on %(date)s."),
    "already_signed_in": _l("%(date)s is already recorded: one sign-in a day."),
    "date_in_future": _l("%(field)s is in the future: a missed day is recorded once it has come."),
    "not_the_keeper": _l("Only the cadre's keeper under the policy (the team leader for members, the township "
                         "for the leader) records or confirms this day."),
    "already_confirmed": _l("This day is already confirmed."),
    "invalid_month": _l("%(field)s must be a month written as YYYY-MM."),
    "not_your_unit": _l("You may not see this unit's attendance."),
    "duty_day_exists": _l("%(date)s is already a duty day here."),
})
FIELDS.update({"month": _l("Month"), "person_id": _l("Person"), "date": _l("Date"), "township_id": _l("Township"),
               "team_id": _l("Team"), "location": _l("Place"), "at": _l("Time")})

# Spot checks (查岗) and explanations (情况说明).
FIELDS.update({
    "date": _l("Date"),
    "absent": _l("Cadres not found at their post"),
    "present": _l("Cadres found at their post"),
    "time": _l("Time of the check"),
    "method": _l("How the check was made"),
    "text": _l("Explanation"),
})
MESSAGES.update({
    "spot_check_not_allowed": _l("Only the county or city work-team office, or an inspector, records a spot check "
                                 "of a village in its area."),
    "not_a_village": _l("%(field)s must name a village."),
    "date_in_future": _l("%(field)s is in the future: a check records what was found."),
    "not_posted_there": _l("%(field)s: person %(person_id)s was not posted to this village's team that day."),
    "named_twice": _l("%(field)s names a cadre twice, or a cadre both absent and present."),
    "invalid_people": _l("%(field)s must be a list of person ids."),
    "invalid_time": _l("%(field)s must be a time written as HH:MM."),
    "explanation_signs_only": _l("Your office signs the explanation and passes it on; the county office decides "
                                 "whether it excuses the day."),
})


# Go-live: the day a county's presence records begin.
MESSAGES.update({
    "may_not_set_presence_from": _l("Only the county's work-team office, or an administrator, sets the day its "
                                    "presence records begin."),
    "presence_from_out_of_range": _l("%(field)s must be between %(earliest)s and %(latest)s: at most a month "
                                     "back, to correct a late entry, and a year ahead."),
    "presence_from_unchanged": _l("%(field)s is already this day."),
})
FIELDS.update({"presence_from": _l("Presence records begin on")})


# The vacancy a recall or an adjustment leaves, its replacement, and the acting team leader.
MESSAGES.update({
    "before_vacancy": _l("%(field)s is before the post fell vacant (%(date)s)."),
    "replacement_not_found": _l("%(field)s: there is no person %(id)s."),
    "on_another_team": _l("%(field)s: this person already serves on a team (%(team)s) and cannot be named."),
    "excluded_grade": _l("%(field)s: this person was graded “%(grade)s” in %(period)s; the policy does not let "
                         "a cadre graded so in the last two years be sent."),
    "keep_one_of_previous_batch": _l("%(team)s would keep no member of the previous batch; the policy asks that "
                                     "at least one stays."),
    "vacancy_filled": _l("The post has been filled already."),
    "no_team_leader": _l("%(team)s has no team leader since the leader left: the township names an acting "
                         "leader first, then this can be sent."),
    "leader_not_vacant": _l("%(team)s has a team leader; an acting leader is named only while the post is vacant."),
    "not_a_member": _l("%(field)s must be a current member of %(team)s."),
    "no_account": _l("%(field)s: this person has no account to act with; ask an administrator."),
})

# Recall and adjustment (召回 / 调整).
MESSAGES.update({
    "grounds_required": _l("Tick at least one ground: no cadre is changed mid-term without one."),
    "invalid_grounds": _l("%(field)s must be a list of ground numbers."),
    "unknown_ground": _l("Ground %(number)s is not in this policy's list (%(choices)s)."),
    "mixed_grounds": _l("Grounds of adjustment and grounds of recall are not mixed in one request: file each on its own."),
    "may_not_propose": _l("You may not open this: an adjustment is applied for by the cadre or their dispatching "
                          "unit, a recall proposed by the offices the policy names."),
    "replacement_required": _l("The application names no qualified replacement yet: the dispatching unit names "
                               "one before this step is taken."),
    "replacement_not_eligible": _l("%(field)s: this person is serving on a team now, or is the cadre themselves."),
    "talk_in_future": _l("%(field)s is in the future: record the talk once it was held."),
    "dispatching_unit_only": _l("Only the cadre's dispatching unit does this."),
})
FIELDS.update({"grounds": _l("Grounds"), "replacement_person_id": _l("Replacement"), "talk_date": _l("Date of the talk")})

# A range with one bound only is said as such, never "between 1 and None".
_ONE_BOUND = {"min": _l("%(field)s must be at least %(min)s."), "max": _l("%(field)s must be at most %(max)s.")}


def describe(code: str, field: str | None = None, **params) -> str:
    template = MESSAGES.get(code)
    if code == "out_of_range" and (params.get("min") is None or params.get("max") is None):
        template = _ONE_BOUND["min" if params.get("max") is None else "max"]
    if template is None:
        return code
    kinds = {"state": "state", "office": "office", "offices": "office", "kind": "unit_kind",
             "parent_kind": "unit_kind", "type": "leave_type", "role": "role", "applicant": "applicant",
             "tier": "tier", "grade": "grade", "heading": "handover_heading"}
    values = {k: _named(kinds[k], v) if k in kinds else v for k, v in params.items()}
    values["field"] = str(FIELDS.get(field, field or ""))
    return str(template) % values


def _named(kind: str, value) -> str:
    """A code, or a list of codes, in words."""
    if isinstance(value, (list, tuple)):
        return str(_l(", ")).join(label(kind, v) for v in value)
    return label(kind, value)


def describe_error(error: WorkflowError) -> str:
    return describe(error.code, error.field, **error.params)


# The monthly attendance sheet (出勤情况统计表).
FIELDS.update({"leave_slips": _l("Leave slips")})
MESSAGES.update({
    "invalid_leave_slips": _l("%(field)s must be a list of leave case numbers."),
    "leave_slip_missing": _l("%(field)s: leave No. %(number)s was granted this month but has no slip on the sheet."),
    "leave_slip_unknown": _l("%(field)s: No. %(number)s is not a leave granted to the unit's cadres this month."),
})

# An official absence's business (因公外出: 出差, 开会, 培训).
MESSAGES.update({
    "business_only_official": _l("%(type)s is not an official absence: only an official trip says whether it is a "
                                 "trip, a meeting or a training. Leave %(field)s out, or choose the official trip."),
})
FIELDS.update({"business": _l("Kind of business")})

# The handover (交接) and rotation (轮换).
MESSAGES.update({
    "heading_empty": _l("%(field)s: nothing is listed under “%(heading)s”. List what is handed over, or say "
                        "“无” (nothing) explicitly."),
    "keep_one": _l("%(team)s would keep no member of the previous team: %(rule)s asks that at least one member "
                   "of the previous batch stays. Keep one of them for now."),
    "dispute_open": _l("An item is still disputed: resolve it before submitting the list again."),
    "item_reviewed": _l("%(field)s: this item was reviewed already."),
    "item_not_disputed": _l("%(field)s: only a disputed item is resolved."),
    "unknown_item": _l("%(field)s: there is no such item here."),
    "invalid_amount": _l("%(field)s must be an amount in yuan, not negative, to the fen (e.g. 1200.50)."),
    "same_person": _l("%(field)s: the incoming cadre cannot be the outgoing one."),
    "not_serving": _l("%(field)s: %(person)s serves on no team now."),
    "handover_open": _l("%(person)s's handover is already under way."),
    "date_in_past": _l("%(field)s is in the past (today is %(today)s)."),
    "may_not_open_handover": _l("You may not open this handover: the team leader, the township, the county office "
                                "or the cadre's dispatching unit does."),
    "duplicate_pair": _l("%(field)s names a cadre twice."),
    "already_done": _l("%(field)s: ticked off already."),
})
FIELDS.update({
    "items": _l("Items"), "heading": _l("Heading"), "title": _l("Item"), "detail": _l("Details"),
    "amount": _l("Amount (yuan)"), "item_id": _l("Item"), "outgoing_person_id": _l("Outgoing cadre"),
    "incoming_person_id": _l("Incoming cadre"), "handover_date": _l("Handover date"), "pairs": _l("Pairs"),
    "absent_reason": _l("Why the outgoing cadre cannot take part"), "index": _l("Checklist item"),
})

# The end of a term (到期): the dispatching unit extends the term or rotates it.
MESSAGES.update({
    "overlap_too_short": _l("%(field)s must be %(earliest)s or later: the successor is named at least %(days)s days "
                            "before the handover, so that they arrive before the cadre leaves (压茬)."),
    "handover_after_term": _l("%(field)s is after the term's planned end (%(planned_end)s): the successor takes "
                              "over before the cadre leaves. Choose an earlier date, or extend the term instead."),
    "extension_not_later": _l("%(field)s must be after the term's planned end (%(planned_end)s)."),
    "extension_too_long": _l("%(field)s is more than one term beyond the planned end: %(latest)s at the latest."),
    "term_already_ended": _l("The term has ended already (%(end_date)s): there is nothing left to decide."),
})

# Assessment (考核).
MESSAGES.update({
    "invalid_period": _l("%(field)s must be written like %(example)s."),
    "not_a_county_or_city": _l("%(field)s must be a county or a city."),
    "may_not_open_round": _l("You may not open this round: the policy names the office that opens it."),
    "outside_window": _l("An annual round opens from %(opens)s to %(closes)s under this policy."),
    "round_exists": _l("A round of this kind for %(period)s is open already."),
    "no_valid_answers": _l("The survey needs at least one valid answer."),
    "invalid_score": _l("%(field)s must be a number of points."),
    "score_missing": _l("%(field)s: “%(item)s” has no score."),
    "score_out_of_range": _l("%(field)s: “%(item)s” is scored from 0 to %(max)s."),
    "not_all_scored": _l("%(count)s cases are not scored yet: publish once every case is scored."),
    "quota_exceeded": _l("%(proposed)s cadres are proposed excellent where at most %(max)s may be: read the "
                         "ranking, and score again before publishing."),
    "notice_open": _l("The public notice runs until %(until)s: finalize after it."),
    "objection_open": _l("%(count)s objections are not resolved: score those cases again first."),
    "notice_closed": _l("The public notice is over (it ran until %(until)s): no objection is taken now."),
    "no_goals": _l("%(field)s: record the cadre's own goals first; the goals part scores them."),
    "too_many_goals": _l("At most %(max)s goals may be listed."),
})
FIELDS.update({"goals": _l("Goals")})
FIELDS.update({"period": _l("Period"), "scores": _l("Scores"), "grade": _l("Grade"),
               "satisfied": _l("Satisfied"), "basic": _l("Basically satisfied"), "unsatisfied": _l("Not satisfied")})
