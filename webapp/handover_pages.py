"""The handover (交接) on the case page: its facts (who hands over to whom, the absent banner), the items
as one table per heading, the forms of the outgoing side (add, resolve, mark absent), the incoming
cadre's confirm / dispute per item, the checklist after the posting, and the inbox row's summary.

Every form posts through the same engine action the API uses, its fields read by that action's own
reader (`Action.read`), so the page refuses exactly what the API refuses, next to the field."""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField
from wtforms import IntegerField, SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import Optional
from wtforms.widgets import HiddenInput

from models import Case
from models.handover import HEADINGS
from webapp import labels, pages
from webapp.extensions import db
from webapp.forms import ActionForm, uploaded
from workflows.handover import items as item_rules
from workflows.handover import machine, parties
from workflows.handover.actions import ACTIONS

KIND = "handover"

labels.STATES.setdefault("listing", _l("Listing the items"))
labels.STATES.setdefault("reviewing", _l("Incoming cadre checking"))
labels.STATES.setdefault("signing", _l("Signing off"))
# "done" and the shared "returned" / "cancelled" in the handover's own words.
labels.BY_KIND[(KIND, "state")] = {"done": _l("Handed over"), "returned": _l("Back to the outgoing cadre"),
                                   "cancelled": _l("Called off")}
labels.BY_KIND[(KIND, "action")] = {"approve": _l("Sign off"), "return": _l("Return with reasons"),
                                    "cancel": _l("Call off the handover"), "submit": _l("Submit the list")}
labels.BY_KIND[(KIND, "task_kind")] = {"approve": _l("Sign off the handover")}

labels.TASK_KINDS.setdefault("list_items", _l("List what you hand over"))
labels.TASK_HINTS.setdefault("list_items", _l("List the items under the five headings (say “无” where there is "
                                              "nothing), answer any dispute, then submit the list."))
labels.TASK_KINDS.setdefault("review_items", _l("Check the handover list"))
labels.TASK_HINTS.setdefault("review_items", _l("Confirm each item you received, or dispute it saying what is "
                                                "wrong: a dispute goes back to the outgoing cadre."))
labels.TASK_KINDS.setdefault("file_record", _l("File the signed handover record"))
labels.TASK_HINTS.setdefault("file_record", _l("The handover is signed: file the record with the offices the "
                                               "policy names, by the due date."))

for _name, _text in {"add_item": _l("Add the item"), "confirm_item": _l("Confirm"), "dispute_item": _l("Dispute"),
                     "resolve_item": _l("Answer the dispute"), "mark_absent": _l("Outgoing cadre absent"),
                     "file_record": _l("File the record"), "tick": _l("Done"),
                     "office_handed_over": _l("Team leader's office handed over")}.items():
    labels.ACTIONS.setdefault(_name, _text)

labels.ALL.setdefault("handover_source", {
    "term_end": _l("End of term"), "recall": _l("Recall or adjustment"), "leader_change": _l("Change of team leader"),
    "change": _l("Change of member"), "rotation": _l("Rotation plan"),
})
labels.ALL.setdefault("handover_item_status", {
    "listed": _l("To be confirmed"), "confirmed": _l("Confirmed"), "disputed": _l("Disputed"),
})
# The ledgers the system lists by itself under `records`, by their codes.
labels.ALL.setdefault("handover_ledger", {
    item_rules.SIGN_IN_BOOK: _l("Sign-in book"), item_rules.WORK_LOG: _l("Work log"),
})


# ---------------------------------------------------------------- forms

class AddItemForm(ActionForm):
    # Optional here: the heading's choice, the title and a fund's amount are the workflow's rules.
    heading = SelectField(_l("Heading"), choices=[SelectChoice("", "—")] + [SelectChoice(h, labels.HANDOVER_HEADINGS[h]) for h in HEADINGS],
                          validate_choice=False, validators=[Optional()])
    title = StringField(_l("Item"), validators=[Optional()])
    detail = TextAreaField(_l("Details"), validators=[Optional()])
    amount = StringField(_l("Amount (yuan)"), validators=[Optional()])
    document = FileField(_l("Document (PDF, JPEG or PNG)"))


class ItemForm(ActionForm):
    """Confirm, dispute or resolve one item: the item by its number, and a note."""
    item_id = IntegerField(widget=HiddenInput(), validators=[Optional()])
    note = TextAreaField(_l("Note"), validators=[Optional()])


class ResolveForm(ItemForm):
    detail = TextAreaField(_l("Corrected details"), validators=[Optional()])
    amount = StringField(_l("Corrected amount (yuan)"), validators=[Optional()])


class AbsentForm(ActionForm):
    reason = TextAreaField(_l("Why the outgoing cadre cannot take part"), validators=[Optional()])


class TickForm(ActionForm):
    index = IntegerField(widget=HiddenInput(), validators=[Optional()])


def _read(action: str, values: dict) -> dict:
    """The form's values read by the action's own reader, as the API's body is."""
    return ACTIONS[action].read(values)


def _add_item(form) -> dict:
    read = _read("add_item", {"heading": form.heading.data, "title": form.title.data or "",
                              "detail": form.detail.data or None, "amount": form.amount.data})
    return {**read, "documents": uploaded(form.document)}


def _item(action: str):
    return lambda form: _read(action, {"item_id": form.item_id.data, "note": form.note.data or None})


def _resolve(form) -> dict:
    return _read("resolve_item", {"item_id": form.item_id.data, "note": form.note.data or "",
                                  "detail": form.detail.data, "amount": form.amount.data})


pages.register(pages.Pages(
    kind=KIND,
    title=_l("Handover of %(name)s"),
    facts="handover/_facts.html",
    forms="handover/_forms.html",
    summary="handover/_summary.html",
    # Submit, file_record and cancel take the generic form; approve and return the decision form.
    actions={
        "add_item": pages.ActionPage(AddItemForm, _add_item, done=_l("The item is listed.")),
        "confirm_item": pages.ActionPage(ItemForm, _item("confirm_item"), done=_l("The item is confirmed.")),
        "dispute_item": pages.ActionPage(ItemForm, _item("dispute_item"),
                                         done=_l("The item is disputed: it goes back to the outgoing cadre.")),
        "resolve_item": pages.ActionPage(ResolveForm, _resolve,
                                         done=_l("The dispute is answered: submit the list again.")),
        "mark_absent": pages.ActionPage(AbsentForm, lambda f: _read("mark_absent", {"reason": f.reason.data or ""}),
                                        done=_l("The outgoing cadre is recorded as absent: the list is drawn up "
                                                "for them.")),
        "tick": pages.ActionPage(TickForm, lambda f: _read("tick", {"index": f.index.data}),
                                 done=_l("Ticked off.")),
    },
))


# ---------------------------------------------------------------- what the facts show

@dataclass(frozen=True)
class Row:
    item: object
    title: str
    link: int | None = None  # the case an unfinished item stands for
    documents: tuple = ()    # (id, filename) of the files on the case it keeps


@dataclass(frozen=True)
class Heading:
    code: str
    rows: list
    total: Decimal | None  # funds only: the sum of the amounts listed


def item_title(item) -> tuple[str, int | None]:
    """What the row says the item is: a linked case by its kind, number and state; a ledger by its name."""
    if item.automatic and item.case_ref_id is not None:
        ref = db.session.get(Case, item.case_ref_id)
        if ref is not None:
            return (f"{labels.label('kind', ref.kind)} #{ref.id} · {labels.label('state', ref.state, of=ref.kind)}",
                    ref.id)
    if item.automatic and item.heading == "records":
        return labels.label("handover_ledger", item.title), None
    return item.title, None


def detail(item) -> str:
    """An item's details; a ledger's "count · first – last" says what it counts."""
    if item.automatic and item.heading == "records" and item.detail:
        count, _sep, span = item.detail.partition(" · ")
        return _("%(n)s entries", n=count) + (f" · {span}" if span else "")
    return item.detail or ""


def headings(case) -> list[Heading]:
    """The items, one table per heading, in the order of the five headings."""
    names = {a.id: a.filename for a in case.attachments}
    out = []
    for code in HEADINGS:
        rows = []
        for item in (i for i in case.handover.items if i.heading == code):
            title, link = item_title(item)
            rows.append(Row(item, title, link, tuple((d, names.get(d, f"#{d}")) for d in item.documents or [])))
        total = sum((r.item.amount for r in rows if r.item.amount is not None), Decimal("0")) if code == "funds" else None
        out.append(Heading(code, rows, total))
    return out


def checklist(case) -> list[tuple[int, str, bool]]:
    """What follows the posting (the policy's `after_posting`), each with whether it is ticked off."""
    done = set(case.handover.checklist_done or [])
    return [(i, text, i in done) for i, text in enumerate(machine.section(case, db.session)["after_posting"])]


def yuan(amount) -> str:
    return "" if amount is None else f"¥{amount:,.2f}"


def register(app) -> None:
    app.add_template_global(headings, "handover_headings")
    app.add_template_global(checklist, "handover_checklist")
    app.add_template_global(lambda item: item_title(item)[0], "handover_item_title")
    app.add_template_global(detail, "handover_item_detail")
    app.add_template_global(parties.lister_office, "handover_lister")
    app.add_template_filter(yuan, "yuan")
