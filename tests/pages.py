"""Helpers for tests that use the HTML pages as people do: read what a page shows (by its
data-testid marks), fill in its forms with the CSRF token it carries, follow where it leads."""
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from tests.conftest import csrf_token, leave_dates

_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


@dataclass
class Element:
    tag: str
    attrs: dict
    parts: list = field(default_factory=list)

    @property
    def text(self) -> str:
        return " ".join("".join(self.parts).split())


class _Collector(HTMLParser):
    """Every element that carries a data-testid, with its attributes and its text."""

    def __init__(self):
        super().__init__()
        self.found: list[Element] = []
        self._open: list[tuple[int, Element]] = []
        self._depth = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        element = Element(tag, attrs) if "data-testid" in attrs else None
        if element is not None:
            self.found.append(element)
        if tag in _VOID:
            if tag == "br":  # a line break reads as a space
                self.handle_data(" ")
            return
        self._depth += 1
        if element is not None:
            self._open.append((self._depth, element))

    def handle_endtag(self, tag):
        if tag in _VOID:
            return
        while self._open and self._open[-1][0] >= self._depth:
            self._open.pop()
        self._depth -= 1

    def handle_data(self, data):
        for _, element in self._open:
            element.parts.append(data)


class Page:
    def __init__(self, response):
        self.status = response.status_code
        self.html = response.get_data(as_text=True)
        collector = _Collector()
        collector.feed(self.html)
        self.elements = collector.found

    def all(self, testid: str) -> list[Element]:
        return [e for e in self.elements if e.attrs.get("data-testid") == testid]

    def one(self, testid: str) -> Element:
        found = self.all(testid)
        assert len(found) == 1, f"expected one {testid!r}, found {len(found)}"
        return found[0]

    def has(self, testid: str) -> bool:
        return bool(self.all(testid))

    def text(self, testid: str) -> str:
        return self.one(testid).text

    @property
    def state(self) -> str:
        return self.one("case-state").attrs["data-state"]

    def case_ids(self, row_testid: str) -> list[int]:
        return [int(e.attrs["data-case-id"]) for e in self.all(row_testid)]

    def version(self) -> str:
        found = re.search(r'<input[^>]*name="version"[^>]*>', self.html).group(0)
        return re.search(r'value="(\d+)"', found).group(1)


class _FormReader(HTMLParser):
    """The fields of one form (by its data-testid) with the values a browser would send: text and
    hidden inputs, ticked checkboxes, selected options. A checkbox group sends a list."""

    def __init__(self, testid: str):
        super().__init__()
        self.testid, self.inside, self.values = testid, False, {}
        self._select = None

    def _add(self, name, value):
        self.values.setdefault(name, []).append(value)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.inside = attrs.get("data-testid") == self.testid
        if not self.inside or not attrs.get("name") and tag != "option":
            return
        if tag == "input":
            kind = attrs.get("type", "text")
            if kind in ("checkbox", "radio"):
                if "checked" in attrs:
                    self._add(attrs["name"], attrs.get("value", "y"))
            elif kind not in ("submit", "button", "file"):
                self._add(attrs["name"], attrs.get("value", ""))
        elif tag == "select":
            self._select = attrs["name"]
        elif tag == "option" and self._select and "selected" in attrs:
            self._add(self._select, attrs.get("value", ""))

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "select":
            self._select = None


def form_values(html: str, testid: str) -> dict[str, list[str]]:
    reader = _FormReader(testid)
    reader.feed(html)
    return reader.values


def user(login_as, username):
    """A browser logged in as a demo user, reading the pages in English (stable words for asserts)."""
    client = login_as(username)
    response = client.post("/lang/en", data={"csrf_token": csrf_token(client, "/inbox/"), "next": "/inbox/"})
    assert response.status_code == 302
    return client


def get(client, path) -> Page:
    return Page(client.get(path))


def post(client, path, data, form_page) -> Page:
    """Post a form as the browser would from `form_page`, and read where it leads."""
    data = {**data, "csrf_token": csrf_token(client, form_page)}
    return Page(client.post(path, data=data, follow_redirects=True))


def leave_form(days=3, start_in=7, leave_type="personal", reason="家中老人住院"):
    start, end = leave_dates(days, start_in)
    return {"leave_type": leave_type, "start_date": start, "end_date": end, "reason": reason}


def file_leave(client, days=3, button="submit_leave", start_in=7, **changes) -> int:
    """Fill in /leave/new and press a button; return the new case's id."""
    data = {**leave_form(days, start_in), **changes, button: "1",
            "csrf_token": csrf_token(client, "/leave/new")}
    response = client.post("/leave/new", data=data)
    assert response.status_code == 302, response.get_data(as_text=True)
    return int(re.search(r"/cases/(\d+)$", response.headers["Location"]).group(1))


def act(client, case_id, action, **data) -> Page:
    """Press an action button on the case page, with the version the page was rendered from."""
    path = f"/cases/{case_id}"
    page = get(client, path)
    assert page.has(f"action-{action}"), f"no {action} button on case {case_id}"
    data = {"version": page.version(), "comment": "", **data}
    return post(client, f"{path}/act/{action}", data, path)


def option_value(html, select_name, text):
    """The value of the option showing `text` in the select named `select_name`."""
    block = re.search(rf'<select[^>]*name="{select_name}"[^>]*>(.*?)</select>', html, re.S).group(1)
    return re.search(rf'<option[^>]*value="([^"]*)"[^>]*>\W*{re.escape(text)}', block).group(1)
