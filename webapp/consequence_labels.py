"""The names of what a recall leaves on a cadre's record and on their dispatching unit (domain §4), for
the person's page and the unit's page."""
from flask_babel import lazy_gettext as _l

from webapp import labels

labels.ALL.setdefault("consequence", {
    "no_awards": _l("Not eligible for awards or honours"),          # 不得评先评优
    "no_promotion": _l("Not to be promoted"),                        # 不得提拔使用
    "file_record": _l("Entered in the personal file"),               # 记入本人档案
    "not_grassroots": _l("Time in the village not counted as grassroots experience"),
    "reserve_lost": _l("Reserve cadre status withdrawn (if held)"),  # 取消后备干部资格
    "unit_no_excellent": _l("The unit and its head not graded excellent"),
    "unit_talk": _l("Talk with the unit's principal leader"),        # 约谈其主要领导
})
