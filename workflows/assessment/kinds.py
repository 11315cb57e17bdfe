"""What differs between the kinds of round (domain §6), read by scoring, publishing and finalizing.

- `annual` (年度考核, 001 第十二条, 篇十五): graded from the policy's bands; the 优秀 quota counts (篇十五
  "年度考核优秀等次…比例最高不超过35%" names the annual assessment only); the public notice; the results
  sent to the dispatching units; a final 不称职 or a survey under the line opens a recall draft.
- `semiannual` (半年综合测评, 001 第十一条 "按综合评分排出名次，由县市区留存备案"): ranked, not graded; kept
  on file at the county, so no notice (there is no grade to object to), no results sent, no recall.
- `term_end` (期满考核, 篇十五 "期满考核由派出单位会同…进行"): graded from the same bands and recorded on the
  person as `term_end`; the dispatching unit runs it for its own cadre, so the results are already where
  篇十五 sends them. No seed gives it a quota or a notice, and no recall follows a term that is ending."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Kind:
    graded: bool            # a grade is proposed from the bands and recorded on the person
    grade_kind: str | None  # the kind the grade is recorded under (workflows.grades)
    quota: bool             # the 优秀 quota is checked when publishing
    notice: bool            # publishing opens the public notice (公示) for the policy's working days
    results: bool           # finalizing opens the task to send the results to the dispatching units
    recall: bool            # a final 不称职 or a low survey opens a recall draft


KINDS = {
    "annual": Kind(graded=True, grade_kind="annual", quota=True, notice=True, results=True, recall=True),
    "semiannual": Kind(graded=False, grade_kind=None, quota=False, notice=False, results=False, recall=False),
    "term_end": Kind(graded=True, grade_kind="term_end", quota=False, notice=False, results=False, recall=False),
}


def of(kind: str) -> Kind:
    return KINDS[kind]
