"""The text catalogue: both languages alike, valid Telegram HTML, and a text for every reason.

The coverage tests read the source with :mod:`ast` and list every reason a domain error or an
import row can carry (literals, ``a if c else b``, local variables, helpers that pass a reason on,
dataclass fields such as ``_Tree.self_reason``). A reason built at run time (``f"nip.{...}"``)
must be listed in ``DYNAMIC`` with the reasons it can take, so nothing escapes the check: add a
reason anywhere without its texts and a test here fails, naming the file and line.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from enum import Enum
from importlib import import_module
from pathlib import Path
from types import ModuleType

import pytest

from bot.i18n import AREAS, CATALOGS, LANGUAGES, has, placeholders, t
from domain.errors import DomainError

ROOT = Path(__file__).resolve().parents[3]
# Errors are raised in the domain, and rarely by the adapters; all of them reach the same texts.
SCANNED = ("domain", "bot", "storage")
NOT_SCANNED = ("storage/migrations/",)
TEXT_FILES = frozenset(module.replace(".", "/") + ".py" for module in AREAS)
TEXTS = CATALOGS["id"]
SAMPLE = "kata"  # a harmless word for every placeholder


AREA_MODULES: Mapping[str, ModuleType] = {area: import_module(area) for area in AREAS}


def _source_files(folders: Iterable[str] = SCANNED) -> dict[str, str]:
    files = {}
    for folder in folders:
        for path in sorted((ROOT / folder).rglob("*.py")):
            name = path.relative_to(ROOT).as_posix()
            if not name.startswith(NOT_SCANNED) and name not in TEXT_FILES:
                files[name] = path.read_text(encoding="utf-8")
    return files


# --- (a) both languages alike -----------------------------------------------------------------


def test_the_catalogue_loads_every_texts_module_of_the_bot_and_nothing_else():
    found = {
        ".".join(path.relative_to(ROOT).with_suffix("").parts)
        for path in (ROOT / "bot").rglob("*texts.py")
    }
    assert sorted(AREAS) == sorted(found)


@pytest.mark.parametrize("area", AREA_MODULES)
def test_both_languages_have_the_same_keys_in_every_area(area):
    module = AREA_MODULES[area]
    assert sorted(module.ID.keys() - module.EN.keys()) == [], "only in ID"
    assert sorted(module.EN.keys() - module.ID.keys()) == [], "only in EN"


@pytest.mark.parametrize("area", AREA_MODULES)
def test_both_languages_use_the_same_placeholders_in_every_text(area):
    module = AREA_MODULES[area]
    differ = {
        key: (sorted(placeholders(module.ID[key])), sorted(placeholders(module.EN[key])))
        for key in module.ID.keys() & module.EN.keys()
        if placeholders(module.ID[key]) != placeholders(module.EN[key])
    }
    assert differ == {}


def test_every_language_has_every_text():
    assert {lang: len(CATALOGS[lang]) for lang in LANGUAGES} == dict.fromkeys(LANGUAGES, len(TEXTS))


# --- (b) valid Telegram HTML ------------------------------------------------------------------

# Telegram's HTML parse mode: these tags only, with these attributes (None: any value).
_PLAIN_TAGS = ("b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "code", "pre")
_TAGS: Mapping[str, Mapping[str, str | None]] = {
    **{tag: {} for tag in (*_PLAIN_TAGS, "blockquote", "tg-spoiler")},
    "a": {"href": None},
    "span": {"class": "tg-spoiler"},
}
_MARKUP = re.compile(
    r"<(?P<close>/?)(?P<tag>[A-Za-z][\w-]*)(?P<attrs>[^<>]*)>"
    r"|&(?P<entity>#[0-9]+|#x[0-9A-Fa-f]+|[A-Za-z]+);"
    r"|(?P<bare>[<>&])"
)
_ATTRIBUTE = re.compile(r'\s+([\w-]+)="([^"<>]*)"')
_ENTITIES = frozenset({"amp", "lt", "gt", "quot"})


def html_problems(text: str) -> list[str]:
    """What Telegram would refuse in ``text``, or ``[]``."""
    problems: list[str] = []
    open_tags: list[str] = []
    for match in _MARKUP.finditer(text):
        if match["bare"]:
            problems.append(f"unescaped {match['bare']!r} at {match.start()}")
        elif match["entity"]:
            entity = match["entity"]
            if not entity.startswith("#") and entity not in _ENTITIES:
                problems.append(f"unknown entity &{entity};")
        elif match["close"]:
            problems += _closing_problems(match["tag"], match["attrs"], open_tags)
        else:
            problems += _opening_problems(match["tag"], match["attrs"])
            open_tags.append(match["tag"])
    problems += [f"<{tag}> is never closed" for tag in open_tags]
    return problems


def _opening_problems(tag: str, attrs: str) -> list[str]:
    if tag not in _TAGS:
        return [f"<{tag}> is not a Telegram tag"]
    given = dict(_ATTRIBUTE.findall(attrs))
    if _ATTRIBUTE.sub("", attrs).strip():
        return [f"<{tag}> has malformed attributes {attrs!r}"]
    expected = _TAGS[tag]
    if given.keys() != expected.keys():
        return [f"<{tag}> needs attributes {sorted(expected)}, has {sorted(given)}"]
    return [
        f'<{tag} {name}="{value}"> must be {expected[name]!r}'
        for name, value in given.items()
        if expected[name] is not None and value != expected[name]
    ]


def _closing_problems(tag: str, attrs: str, open_tags: list[str]) -> list[str]:
    if attrs.strip():
        return [f"</{tag}> has attributes"]
    if not open_tags or open_tags[-1] != tag:
        return [f"</{tag}> does not close the innermost open tag ({open_tags or 'none'})"]
    open_tags.pop()
    return []


@pytest.mark.parametrize(
    ("html", "valid"),
    [
        ('<b>Nilai</b> &amp; <a href="https://t.me/x">tautan</a> &#8594; &lt;3', True),
        ('<i>a <u>b</u></i> <span class="tg-spoiler">c</span> <tg-spoiler>d</tg-spoiler>', True),
        ("<b>not closed", False),
        ("<b><i>crossed</b></i>", False),
        ("</b>", False),
        ("a < b", False),
        ("a > b", False),
        ("AT&T", False),
        ("&nbsp;", False),
        ("<div>x</div>", False),
        ("<span>x</span>", False),
        ('<b class="x">x</b>', False),
        ("<a>no href</a>", False),
    ],
)
def test_the_html_check_accepts_telegram_html_and_refuses_anything_else(html, valid):
    assert (html_problems(html) == []) is valid


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_text_is_valid_telegram_html_once_filled_in(lang):
    broken = {}
    for key, template in CATALOGS[lang].items():
        filled = t(lang, key, **dict.fromkeys(placeholders(template), SAMPLE))
        if problems := html_problems(filled):
            broken[key] = problems
    assert broken == {}


# --- (c) a text for every reason --------------------------------------------------------------


def _domain_modules() -> list[ModuleType]:
    return [
        import_module(".".join(path.relative_to(ROOT).with_suffix("").parts))
        for path in sorted((ROOT / "domain").rglob("*.py"))
    ]


def _error_classes() -> dict[str, type[DomainError]]:
    """``DomainError`` and every subclass, also those defined outside ``domain.errors``."""
    _domain_modules()
    classes, todo = {}, [DomainError]
    while todo:
        cls = todo.pop()
        classes[cls.__name__] = cls
        todo += cls.__subclasses__()
    return classes


ERROR_CLASSES: Mapping[str, type[DomainError]] = _error_classes()
# ``NotFound("unit", ref=code)``: the first argument names a kind, not a reason, and every kind
# shares the text ``error.not_found``. ``ImportRejected`` carries row errors, scanned as such.
NO_REASON = frozenset({"NotFound"})
NOT_A_REASON = frozenset({"ImportRejected"})
ROW = "RowError"


@dataclass(frozen=True)
class Site:
    """One reason the code can give: a ``RowError`` or an error class, with the params passed
    (``None``: not known from the source, e.g. ``**exc.params``)."""

    family: str
    reason: str | None
    params: frozenset[str] | None
    path: str
    line: int
    function: str

    @property
    def key(self) -> str:
        """The text this reason is shown with."""
        if self.family == ROW:
            return f"import.reason.{self.reason}"
        base = ERROR_CLASSES[self.family].key
        return f"{base}.{self.reason}" if self.reason else base

    def __str__(self) -> str:
        return f"{self.path}:{self.line} {self.family}({self.reason!r})"


@dataclass(frozen=True)
class Unresolved:
    """A reason expression that is computed (an f-string, ``exc.reason``): see ``DYNAMIC``.
    ``handler`` is the error class of the ``except ... as exc`` around it, if any."""

    expression: str
    handler: str
    site: Site

    @property
    def where(self) -> tuple[str, str, str]:
        return (self.site.path, self.handler, self.expression)


@dataclass
class Scan:
    sites: list[Site]
    unresolved: list[Unresolved]


_FORWARD = frozenset({"**"})  # params: whatever keywords the caller of a helper passes


def _callee(call: ast.Call) -> str | None:
    if isinstance(call.func, ast.Name):
        return call.func.id
    if isinstance(call.func, ast.Attribute):
        return call.func.attr
    return None


def _argument(call: ast.Call, position: int | None, keyword: str) -> ast.expr | None:
    for item in call.keywords:
        if item.arg == keyword:
            return item.value
    if position is not None and 0 <= position < len(call.args):
        argument = call.args[position]
        return None if isinstance(argument, ast.Starred) else argument
    return None


def _keywords(call: ast.Call, *, besides: Iterable[str] = ()) -> frozenset[str] | None:
    if any(item.arg is None for item in call.keywords):
        return None  # **something: unknown here
    return frozenset(item.arg for item in call.keywords if item.arg) - set(besides)


def _positional_names(func: ast.FunctionDef | ast.AsyncFunctionDef) -> list[str]:
    return [arg.arg for arg in (*func.args.posonlyargs, *func.args.args)]


def _is_dataclass(node: ast.ClassDef) -> bool:
    for decorator in node.decorator_list:
        target = decorator.func if isinstance(decorator, ast.Call) else decorator
        if isinstance(target, ast.Name | ast.Attribute) and ast.unparse(target).endswith(
            "dataclass"
        ):
            return True
    return False


class _ModuleScan:
    """The reasons of one source file."""

    def __init__(self, path: str, source: str) -> None:
        self.path = path
        self.tree = ast.parse(source)
        self.parents = {
            child: node for node in ast.walk(self.tree) for child in ast.iter_child_nodes(node)
        }
        self.calls = [node for node in ast.walk(self.tree) if isinstance(node, ast.Call)]
        # Dataclass fields named *reason (``_Tree.self_reason``): field -> (class, position).
        self.reason_fields: dict[str, tuple[str, int]] = {}
        for node in ast.walk(self.tree):
            if isinstance(node, ast.ClassDef) and _is_dataclass(node):
                names = [
                    item.target.id
                    for item in node.body
                    if isinstance(item, ast.AnnAssign) and isinstance(item.target, ast.Name)
                ]
                for position, name in enumerate(names):
                    if name.endswith("reason"):
                        self.reason_fields[name] = (node.name, position)
        self.sites: list[Site] = []
        self.unresolved: list[Unresolved] = []

    def scan(self) -> _ModuleScan:
        for call in self.calls:
            name = _callee(call)
            if name == ROW:
                params = self._row_params(call, _argument(call, 3, "params"))
                self._resolve(ROW, _argument(call, 2, "reason"), call, params)
            elif name in ERROR_CLASSES and name not in NOT_A_REASON:
                params = _keywords(call, besides={"reason"})
                if params is None and self._forwards_keywords(call):
                    params = _FORWARD
                reason = None if name in NO_REASON else _argument(call, 0, "reason")
                self._resolve(name, reason, call, params)
        return self

    def _function(self, node: ast.AST) -> ast.FunctionDef | ast.AsyncFunctionDef | None:
        while node in self.parents:
            node = self.parents[node]
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                return node
        return None

    def _kwarg(self, node: ast.AST) -> str | None:
        func = self._function(node)
        return func.args.kwarg.arg if func and func.args.kwarg else None

    def _forwards_keywords(self, call: ast.Call) -> bool:
        kwarg = self._kwarg(call)
        return any(
            item.arg is None and isinstance(item.value, ast.Name) and item.value.id == kwarg
            for item in call.keywords
        )

    def _row_params(self, call: ast.Call, expr: ast.expr | None) -> frozenset[str] | None:
        if expr is None or (isinstance(expr, ast.Constant) and expr.value is None):
            return frozenset()
        if isinstance(expr, ast.Dict):
            keys = [key.value if isinstance(key, ast.Constant) else None for key in expr.keys]
            return frozenset(keys) if all(isinstance(key, str) for key in keys) else None
        kwarg = self._kwarg(call)
        names = {node.id for node in ast.walk(expr) if isinstance(node, ast.Name)}
        return _FORWARD if kwarg in names else None

    def _site(self, family: str, reason: str | None, at: ast.AST, params: frozenset[str] | None):
        func = self._function(at)
        return Site(
            family,
            reason,
            None if params is _FORWARD else params,
            self.path,
            getattr(at, "lineno", 0),
            func.name if func else "",
        )

    def _resolve(
        self, family: str, expr: ast.expr | None, at: ast.AST, params: frozenset[str] | None
    ) -> None:
        """Record every reason ``expr`` (found at ``at``) can be."""
        if expr is None:
            self.sites.append(self._site(family, None, at, params))
        elif isinstance(expr, ast.Constant) and isinstance(expr.value, str):
            self.sites.append(self._site(family, expr.value, at, params))
        elif isinstance(expr, ast.IfExp):
            self._resolve(family, expr.body, at, params)
            self._resolve(family, expr.orelse, at, params)
        elif isinstance(expr, ast.BoolOp):
            for value in expr.values:
                self._resolve(family, value, at, params)
        elif isinstance(expr, ast.Name) and self._resolve_name(family, expr.id, at, params):
            return
        elif isinstance(expr, ast.Attribute) and expr.attr in self.reason_fields:
            self._resolve_field(family, expr.attr, params)
        else:
            site = self._site(family, None, at, params)
            self.unresolved.append(Unresolved(ast.unparse(expr), self._handler(at), site))

    def _handler(self, node: ast.AST) -> str:
        while node in self.parents:
            node = self.parents[node]
            if isinstance(node, ast.ExceptHandler) and node.type is not None:
                return ast.unparse(node.type)
        return ""

    def _resolve_name(
        self, family: str, name: str, at: ast.AST, params: frozenset[str] | None
    ) -> bool:
        func = self._function(at)
        if func is not None and name in _positional_names(func) + [
            arg.arg for arg in func.args.kwonlyargs
        ]:
            self._resolve_forwarded(family, func, name, params)
            return True
        scope = func or self.tree
        assignments = [
            node
            for node in ast.walk(scope)
            if isinstance(node, ast.Assign)
            and any(isinstance(target, ast.Name) and target.id == name for target in node.targets)
        ]
        for assignment in assignments:
            self._resolve(family, assignment.value, assignment, params)
        return bool(assignments)

    def _resolve_forwarded(
        self,
        family: str,
        func: ast.FunctionDef | ast.AsyncFunctionDef,
        name: str,
        params: frozenset[str] | None,
    ) -> None:
        """``name`` is a parameter of a helper (``_reject``, ``_Errors.add``): its callers'."""
        positional = _positional_names(func)
        is_method = positional[:1] in (["self"], ["cls"])
        named = set(positional) | {arg.arg for arg in func.args.kwonlyargs}
        for call in self.calls:
            if _callee(call) != func.name:
                continue
            offset = 1 if is_method and isinstance(call.func, ast.Attribute) else 0
            position = positional.index(name) - offset if name in positional else None
            argument = _argument(call, position, name)
            if argument is None:
                continue
            passed = _keywords(call, besides=named) if params is _FORWARD else params
            self._resolve(family, argument, call, passed)

    def _resolve_field(self, family: str, field: str, params: frozenset[str] | None) -> None:
        owner, position = self.reason_fields[field]
        for call in self.calls:
            if _callee(call) == owner:
                self._resolve(family, _argument(call, position, field), call, params)


def scan(sources: Mapping[str, str]) -> Scan:
    """Every reason given in ``sources`` (path -> Python source)."""
    result = Scan([], [])
    for path, source in sources.items():
        module = _ModuleScan(path, source).scan()
        result.sites += module.sites
        result.unresolved += module.unresolved
    return result


# Computed reasons, by (file, caught error class, expression): the sites they stand for.
Expand = Callable[[Unresolved, list[Site]], Iterable[Site]]
Readers = tuple[tuple[str, str], ...]  # (file, function name prefix; "" for any function)


def _is_reader(site: Site, readers: Readers) -> bool:
    return any(site.path == path and site.function.startswith(prefix) for path, prefix in readers)


def _as_rows(family: str, readers: Readers, *, prefix: str = "", drop: str = "") -> Expand:
    """An importer's ``_Errors.check`` catching ``family`` from its cell readers (the functions
    ``readers`` names, with what they call) and recording ``prefix + exc.reason`` as the row's
    reason, with the error's params less ``drop``."""

    def expand(found: Unresolved, sites: list[Site]) -> Iterator[Site]:
        for site in sites:
            if site.family == family and site.reason and _is_reader(site, readers):
                params = None if site.params is None else site.params - {drop}
                yield replace(found.site, reason=prefix + site.reason, params=params)

    return expand


def _closed_or_draft(found: Unresolved, sites: list[Site]) -> Iterator[Site]:
    """``PeriodNotOpen(self.status.value)``: raised when the status is not ``open``."""
    from domain.appraisal.periods import PeriodStatus

    for status in PeriodStatus:
        if status is not PeriodStatus.OPEN:
            yield replace(found.site, reason=status.value)


ORG_READERS: Readers = (("domain/org/csvimport.py", ""), ("domain/org/structure.py", "normalise_"))
SKM_READERS: Readers = (
    ("domain/skm/paper_import.py", ""),
    ("domain/org/structure.py", "normalise_"),
    ("domain/skm/ikm.py", "unsur_by_code"),
    ("domain/skm/report_period.py", "parse_date"),
    ("domain/skm/survey.py", "age_band"),
)
DYNAMIC: Mapping[tuple[str, str, str], Expand] = {
    ("domain/org/csvimport.py", "InvalidNip", "f'nip.{exc.reason}'"): _as_rows(
        "InvalidNip", (("domain/org/nip.py", ""),), prefix="nip."
    ),
    ("domain/org/csvimport.py", "InvalidValue", "exc.reason"): _as_rows(
        "InvalidValue", ORG_READERS, drop="field"
    ),
    ("domain/peer/assignment_import.py", "InvalidValue", "exc.reason"): _as_rows(
        "InvalidValue", (("domain/peer/raters.py", "require_eligible"),), drop="field"
    ),
    ("domain/skm/paper_import.py", "InvalidValue", "exc.reason"): _as_rows(
        "InvalidValue", SKM_READERS, drop="field"
    ),
    ("domain/skm/paper_import.py", "InvalidAnswer", "exc.reason"): _as_rows(
        "InvalidAnswer", (("domain/skm/ikm.py", "validate_score"),)
    ),
    ("domain/appraisal/periods.py", "", "self.status.value"): _closed_or_draft,
}
# In an importer, a cell reader's refusal is always caught and shown as its row's text (checked
# through DYNAMIC), never as an error text; those raises may leave out ``field``.
IMPORTERS = frozenset(path for path, handler, _ in DYNAMIC if handler)


def expand(result: Scan) -> list[Site]:
    """Every site, the computed ones included (those ``DYNAMIC`` does not know are left out)."""
    sites = list(result.sites)
    for found in result.unresolved:
        rule = DYNAMIC.get(found.where)
        if rule is not None:
            sites += rule(found, result.sites)
    return sites


def missing_texts(sites: Iterable[Site]) -> dict[str, list[str]]:
    """Text key -> the sites that need it, for every key the catalogue lacks."""
    missing: dict[str, list[str]] = {}
    for site in sites:
        if not has(site.key):
            missing.setdefault(site.key, []).append(str(site))
    return missing


def unpassed_params(sites: Iterable[Site]) -> dict[str, list[str]]:
    """Text key -> the placeholders some site does not pass (the text would raise KeyError)."""
    problems: dict[str, list[str]] = {}
    for site in sites:
        caught = site.family != ROW and site.path in IMPORTERS
        if site.params is None or caught or not has(site.key):
            continue
        for lang in LANGUAGES:
            absent = placeholders(CATALOGS[lang][site.key]) - site.params
            if absent:
                problems.setdefault(site.key, []).append(f"{site}: {sorted(absent)}")
    return problems


DOMAIN_SCAN = scan(_source_files())
SITES = expand(DOMAIN_SCAN)


def test_the_scanner_finds_the_reasons_the_domain_is_known_to_give():
    reasons = {(site.family, site.reason) for site in SITES}
    assert {
        (ROW, "not_utf8"),  # _reject(...)
        (ROW, "duplicate"),  # _Errors.add via first_occurrence
        (ROW, "unknown_supervisor"),  # _Tree field passed on by _check_tree
        (ROW, "supervisor_cycle"),  # a helper's reason= keyword (org/admin.py)
        (ROW, "unknown_option"),  # a local variable set by a conditional (parse_skp)
        (ROW, "nip.sex"),  # DYNAMIC: an InvalidNip re-raised as a row
        (ROW, "unsupported_timezone"),  # DYNAMIC: an InvalidValue re-raised as a row
        ("InvalidAnswer", "expected_text"),  # one branch of a conditional
        ("PeriodNotOpen", "closed"),  # DYNAMIC: the period status
        ("PermissionDenied", "not_your_session"),
        ("StaleInput", None),
    } <= reasons


def test_the_scanner_reports_a_new_reason_without_texts_and_a_computed_one():
    snippet = (
        "from domain.errors import InvalidValue, RowError\n"
        "def _row(line, reason, **params):\n"
        "    return RowError(line, 'cell', reason, params or None)\n"
        "def check(value):\n"
        "    if value:\n"
        "        raise InvalidValue('brand_new_reason', field='value')\n"
        "    _row(2, 'another_new_reason', limit=3)\n"
        "    raise InvalidValue(value.kind)\n"
    )
    result = scan({"domain/example.py": snippet})
    assert set(missing_texts(result.sites)) == {
        "error.invalid_value.brand_new_reason",
        "import.reason.another_new_reason",
    }
    assert {site.params for site in result.sites} == {frozenset({"field"}), frozenset({"limit"})}
    assert [found.expression for found in result.unresolved] == ["value.kind"]


def test_the_scanner_reports_a_placeholder_that_a_site_does_not_pass():
    snippet = "from domain.errors import RowError\nRowError(2, 'nip', 'unknown_nip', {})\n"
    problems = unpassed_params(scan({"domain/example.py": snippet}).sites)
    assert list(problems) == ["import.reason.unknown_nip"]


def test_every_computed_reason_is_known_to_the_coverage_check():
    unknown = sorted(
        f"{found.site}: {found.expression}"
        for found in DOMAIN_SCAN.unresolved
        if found.where not in DYNAMIC
    )
    assert unknown == [], "add these to DYNAMIC with the reasons they can take"


def test_every_reason_the_code_gives_has_a_text():
    assert missing_texts(SITES) == {}


def test_every_text_of_a_reason_uses_only_params_that_every_site_passes():
    assert unpassed_params(SITES) == {}


def test_every_error_class_has_a_general_text_to_fall_back_on():
    assert sorted(cls.key for cls in ERROR_CLASSES.values() if not has(cls.key)) == []


def test_every_invalid_nip_reason_has_a_text_for_the_chat_and_for_an_import_row():
    nip_reasons = {site.reason for site in SITES if site.family == "InvalidNip" and site.reason}
    assert nip_reasons, "the scanner lost Nip's reasons"
    missing = [
        key
        for reason in sorted(nip_reasons)
        for key in (f"error.invalid_nip.{reason}", f"import.reason.nip.{reason}")
        if not has(key)
    ]
    assert missing == []


# --- (d) text keys the domain names -----------------------------------------------------------

KEY_AREAS = (
    "appraisal",
    "berakhlak",
    "core",
    "engine",
    "error",
    "peer",
    "period",
    "registration",
    "skm",
    "skp",
)
_KEY = re.compile(rf"(?:{'|'.join(KEY_AREAS)})\.[A-Za-z0-9_]+(?:\.[A-Za-z0-9_]+)*")


def referenced_keys(sources: Mapping[str, str]) -> tuple[set[str], set[str]]:
    """String literals that look like text keys, and f-strings that build one (as regexes).

    Audit actions look alike (``"period.open"``) but are not texts: literals given to a call
    whose name says audit (``AuditEntry``, ``_audit``) are left out."""
    literals, patterns = set(), set()
    for source in sources.values():
        tree = ast.parse(source)
        skipped = {
            id(part)
            for node in ast.walk(tree)
            if isinstance(node, ast.JoinedStr)
            for part in node.values
        }
        skipped |= {
            id(argument)
            for node in ast.walk(tree)
            if isinstance(node, ast.Call) and "audit" in (_callee(node) or "").lower()
            for argument in (*node.args, *(item.value for item in node.keywords))
        }
        for node in ast.walk(tree):
            if isinstance(node, ast.JoinedStr):
                pattern = _fstring_pattern(node)
                if pattern is not None:
                    patterns.add(pattern)
            elif (
                isinstance(node, ast.Constant)
                and isinstance(node.value, str)
                and id(node) not in skipped
                and _KEY.fullmatch(node.value)
            ):
                literals.add(node.value)
    return literals, patterns


def _fstring_pattern(node: ast.JoinedStr) -> str | None:
    first = node.values[0] if node.values else None
    if not (isinstance(first, ast.Constant) and str(first.value).split(".")[0] in KEY_AREAS):
        return None
    if "." not in str(first.value):
        return None
    return "".join(
        re.escape(part.value) if isinstance(part, ast.Constant) else r".+" for part in node.values
    )


DOMAIN_KEYS, DOMAIN_KEY_PATTERNS = referenced_keys(_source_files(["domain"]))


def test_the_key_scan_sees_literals_and_built_keys_but_not_audit_actions():
    source = (
        "METHOD = 'skm.method'\n"
        "AuditEntry(now, 'cli', 'period.open')\n"
        "LABEL = f'skp.kind.{kind}'\n"
        "NOT_A_KEY = 'skm method'\n"
    )
    assert referenced_keys({"domain/example.py": source}) == ({"skm.method"}, {r"skp\.kind\..+"})


def test_every_text_key_the_domain_names_exists():
    assert DOMAIN_KEYS, "the scan found no keys at all"
    assert sorted(key for key in DOMAIN_KEYS if not has(key)) == []


def test_every_text_key_the_domain_builds_matches_at_least_one_text():
    assert DOMAIN_KEY_PATTERNS, "the scan found no built keys at all"
    unmatched = sorted(
        pattern
        for pattern in DOMAIN_KEY_PATTERNS
        if not any(re.fullmatch(pattern, key) for key in TEXTS)
    )
    assert unmatched == []


def _vocabulary_keys() -> Iterator[tuple[str, str]]:
    """(where, key) for every text key the domain's enums and tables produce at run time."""
    from domain.appraisal import berakhlak, distribution
    from domain.engine import questionnaire
    from domain.org import registration
    from domain.skm import ikm

    for module in _domain_modules():
        for value in vars(module).values():
            is_enum = isinstance(value, type) and issubclass(value, Enum)
            if is_enum and value.__module__ == module.__name__:
                for attribute in ("text_key", "key"):
                    if isinstance(getattr(value, attribute, None), property):
                        yield from (
                            (f"{value.__name__}.{m.name}", getattr(m, attribute)) for m in value
                        )
    for unsur in ikm.UNSUR:
        yield from (
            (unsur.code, key) for key in (unsur.name_key, unsur.question_key, *unsur.option_keys)
        )
    for nilai in berakhlak.BERAKHLAK:
        yield from (
            (nilai.code, key) for key in (nilai.name_key, nilai.meaning_key, *nilai.panduan_keys)
        )
    rules = distribution.DEFAULT_DISTRIBUTION_RULES
    for org in distribution.OrganisationPredikat:
        yield from ((org.value, limit.text_key) for limit in rules.limits_for(org))
    yield from (("CONFIRM_OPTIONS", option.label) for option in questionnaire.CONFIRM_OPTIONS)
    form = registration.REGISTRATION
    yield "REGISTRATION", form.title
    yield from (("REGISTRATION", step.prompt) for step in form.steps)


def test_every_text_key_the_domain_vocabularies_produce_exists():
    assert sorted(f"{where}: {key}" for where, key in _vocabulary_keys() if not has(key)) == []
