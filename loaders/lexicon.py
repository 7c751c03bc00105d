"""The clause lexicon (loaders/data/lexicon.yaml), compiled once.

Patterns in the YAML compose by reference: `{name}` is replaced by the
fragment `patterns.name`, the pattern `name_pattern`, or the alternation of
the word list `name` (or of a mapping's keys; longest first), each in a non-capturing group; a plain
string value (a set of characters such as `cn_numerals`) is inserted as it
is, for use inside a character class. Regex quantifiers such as `{0,8}` are
left alone (names are lower-case words).
"""
from __future__ import annotations

import re
import re._constants as _sre    # the parsed form of a pattern, read by compile_pattern
import re._parser as _sre_parser
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from .knowledge import _yaml, alternation
from .records import UNIT_ROLES, Role

_REF = re.compile(r"\{([a-z_]+)\}")


def _expand(pattern: str, data: dict[str, Any], seen: tuple[str, ...] = ()) -> str:
    def sub(m: re.Match) -> str:
        name = m.group(1)
        if name in seen:
            raise ValueError(f"lexicon.yaml: pattern {name} refers to itself")
        if name in data.get("patterns", {}):
            body = data["patterns"][name]
        elif f"{name}_pattern" in data:
            body = data[f"{name}_pattern"]
        elif isinstance(data.get(name), (list, dict)):   # a dict: its keys
            return alternation(list(data[name]))
        elif isinstance(data.get(name), str):
            return re.escape(data[name])
        else:
            raise ValueError(f"lexicon.yaml: unknown reference {{{name}}}")
        return f"(?:{_expand(body, data, seen + (name,))})"
    return _REF.sub(sub, pattern)


def compile_pattern(pattern: str) -> re.Pattern:
    """`re.compile`, with a look-ahead of the characters a match can start with
    when they can be known. Python's `re` tries a whole pattern at every position
    when its start is an optional group or an alternation of groups (the
    convention patterns begin with `(?:列|排…)?(?:第一…)`): 5 ms over a 20,000-
    character document for one pattern, 0.3 ms with the look-ahead. The
    look-ahead only says what the pattern already requires: matches are the same."""
    first = _first_chars(pattern)
    return re.compile(pattern if first is None else f"(?=[{first}])(?:{pattern})")


_HAN = re.compile(r"[\u4e00-\u9fff]")


def spaced_words(pattern: str) -> str:
    """`pattern` with a copy's stray space allowed after each Chinese character
    outside a character class and a look-behind (排在第一位的部 门为牵头部门, 负 责: a
    PDF's justified line, a web page's wrapped source): a phrase however copied."""
    out, in_class, escaped, groups = [], False, False, []   # groups: is each open group a look-behind?
    for i, ch in enumerate(pattern):
        if not (escaped or in_class or any(groups)) and _HAN.match(ch):
            out.append(rf"(?:{ch}\s?)")   # a group: a quantifier after it (者?) still applies to it whole
            continue
        out.append(ch)
        if escaped:
            escaped = False
        elif ch == "\\":
            escaped = True
        elif in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
        elif ch == "(":
            groups.append(pattern.startswith(("(?<=", "(?<!"), i))
        elif ch == ")" and groups:
            groups.pop()
    return "".join(out)


def _first_chars(pattern: str) -> str | None:
    """A character class (without brackets) holding every character a match of
    `pattern` can start with; None when any character can, or none is needed."""
    try:
        parsed = _sre_parser.parse(pattern)
    except re.error:
        return None
    if parsed.state.flags & (re.IGNORECASE | re.VERBOSE):
        return None
    items, nullable = _first_items(list(parsed))
    return None if items is None or nullable else "".join(sorted(items))


_CATEGORY_CLASS = {_sre.CATEGORY_DIGIT: r"\d", _sre.CATEGORY_SPACE: r"\s", _sre.CATEGORY_WORD: r"\w"}


def _class_item(op, av) -> str | None:
    """One member of a character class as class text: a, a-z, \\d (None: a negation …)."""
    if op is _sre.LITERAL:
        return re.escape(chr(av))
    if op is _sre.RANGE:
        return f"{re.escape(chr(av[0]))}-{re.escape(chr(av[1]))}"
    if op is _sre.CATEGORY:
        return _CATEGORY_CLASS.get(av)
    return None


def _first_items(items) -> tuple[set[str] | None, bool]:
    """(class items a match of the sequence `items` can start with, whether it
    can match the empty string); None for the items when anything can start it."""
    out: set[str] = set()
    for op, av in items:
        if op in (_sre.LITERAL, _sre.IN):
            members = [_class_item(op, av)] if op is _sre.LITERAL else [_class_item(*m) for m in av]
            if None in members:
                return None, False
            return out | set(members), False
        if op is _sre.SUBPATTERN:
            if av[1] & re.IGNORECASE:   # (?i:…)
                return None, False
            first, nullable = _first_items(list(av[-1]))
        elif op is _sre.BRANCH:
            nullable = False
            first = set()
            for branch in av[1]:
                got, empty = _first_items(list(branch))
                if got is None:
                    return None, False
                first |= got
                nullable = nullable or empty
        elif op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT, _sre.POSSESSIVE_REPEAT):
            first, nullable = _first_items(list(av[2]))
            nullable = nullable or av[0] == 0
        elif op in (_sre.AT, _sre.ASSERT, _sre.ASSERT_NOT):
            continue                # zero width: what follows starts the match
        else:                       # ., a back-reference, a conditional …
            return None, False
        if first is None:
            return None, False
        out |= first
        if not nullable:
            return out, False
    return out, True


@dataclass(frozen=True)
class Lexicon:
    data: dict[str, Any]
    opener_of: dict[str, str]        # closer -> opener
    closer_of: dict[str, str]        # opener -> closer
    list_separators: str
    segment_separators: str
    label_re: re.Pattern             # a field label with its colon (group "label")
    unknown_label_re: re.Pattern
    lead_marker_re: re.Pattern       # at the end of a stretch of units
    task_marker_re: re.Pattern
    marker_before_object_re: re.Pattern   # a marker the task's object follows: group lead or task
    task_before_unit_re: re.Pattern  # 配合市…: a task verb with a unit as its object, never in a name
    first_is_lead_re: re.Pattern
    responsible_is_lead_re: re.Pattern   # no lead named: the responsible units lead
    carry_forward_re: re.Pattern
    apply_to_all_re: re.Pattern
    apply_to_all_note_re: re.Pattern  # the whole note sentence, units in group "units"
    apply_to_all_units_first_re: re.Pattern  # the same, its units before 均需
    deadline_re: re.Pattern          # a clause part that is only a deadline
    spaced_deadline_re: re.Pattern   # a deadline anywhere, a copy's spaces allowed (6月底 完成)
    posts: tuple[str, ...]
    role_note_re: re.Pattern         # 市发改委(牵头): group "role", ending the text
    role_note_any_re: re.Pattern     # the same note anywhere
    not_in_unit_re: re.Pattern
    max_unit_length: int
    brackets: str                    # every opening and closing bracket and quote, in pairs
    openers_and_closers: tuple[str, str]
    _compiled: dict = field(default_factory=dict, compare=False, repr=False)

    def words(self, name: str) -> tuple[str, ...]:
        return tuple(self.data[name])

    @property
    def openers(self) -> str:
        """Opening brackets and quotes (a unit name may hold them: 县(市)政府)."""
        return self.openers_and_closers[0]

    @property
    def closers(self) -> str:
        return self.openers_and_closers[1]

    def pattern(self, source: str) -> re.Pattern:
        """Compile a pattern written with references (see the module docstring)."""
        return compile_pattern(_expand(source, self.data))

    def named(self, key: str) -> re.Pattern:
        """The compiled pattern `key` of the YAML (`patterns.x` for a fragment), cached."""
        found = self._compiled.get(key)
        if found is None:
            group, _, name = key.rpartition(".")
            found = self._compiled[key] = self.pattern((self.data[group] if group else self.data)[name])
        return found

    def label_role(self, label: str) -> str:
        """lead | support | responsible | leader | deadline | chief | coordinator | free | other."""
        return _label_role(label)

    def is_label(self, s: str) -> bool:
        """Whether `s` is a whole field label (牵头处室, 协办单位, 完成时限 …), colon aside."""
        return self.named("patterns.any_label").fullmatch(s) is not None


@lru_cache(maxsize=4096)
def _label_role(label: str) -> str:
    d = lexicon().data
    label = re.sub(r"\s+", "", label)   # 牵头 单位: a copy's space
    for role, key in (("coordinator", "coordinator_labels"), ("chief", "chief_labels"),
                      ("deadline", "deadline_labels"), ("free", "free_labels"), ("other", "other_labels")):
        if label in d[key]:
            return role
    if _role_patterns()["leader"].fullmatch(label):
        return "leader"
    if label in d["bare_role_labels"]:   # 牵头: / 配合: / 责任:
        return next(role for role in UNIT_ROLES if label in d[f"{role}_roles"])
    for role in UNIT_ROLES:
        if _role_patterns()[role].match(label):
            return role            # 协同责任单位: the role word decides, not the qualifier
    return Role.RESPONSIBLE


@lru_cache(maxsize=1)
def _role_patterns() -> dict[str, re.Pattern]:
    d = lexicon().data
    out = {"leader": re.compile(_expand("{leader_label}", d))}
    for role in UNIT_ROLES:   # the unit label, its role words narrowed to this role's
        one_role = {**d, "patterns": {**d["patterns"], "label_roles": f"{{{role}_roles}}"}}
        out[role] = re.compile(_expand("{unit_label}", one_role) + "$")
    return out




@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    d = _yaml("lexicon.yaml")
    pairs = d["brackets"]
    two_char_heads = [h for h in d["unit_heads"] if len(h) == 2]   # one width: a look-behind
    d.setdefault("patterns", {}).update(   # derived: one bracket set, referred to by name
        bracket_open="[" + re.escape("".join(p[0] for p in pairs)) + "]",
        bracket_close="[" + re.escape("".join(p[1] for p in pairs)) + "]",
        unit_start=alternation(_yaml("units.yaml")["unit_starts"]),
        after_unit_head="(?<=" + "|".join(map(re.escape, two_char_heads)) + ")")
    ex = lambda key: _expand(d[key], d)  # noqa: E731
    ex_ref = lambda name: _expand("{" + name + "}", d)  # noqa: E731
    # a marker ends where a unit list ends: at the end, before a separator or a closing bracket
    marker_end = rf"(?=$|[,;。、\s]|{ex_ref('bracket_close')})"
    # no name holds 牵头: a lead marker also ends before the next unit's first word,
    # written without a separator (市发改委牵头市财政局配合)
    unit_start = rf"(?={ex_ref('unit_start')})"
    lead_end = rf"(?:{marker_end}|{unit_start})"
    lead = "|".join(f"(?:{_expand(p, d)})" for p in d["lead_markers"])
    task = "|".join(f"(?:{_expand(p, d)})" for p in d["task_markers"])
    # a copy's stray space inside a note's words (不 再单独列出, 落 实) leaves it a note
    note = (rf"(?P<lead_in>{spaced_words(ex('apply_to_all_lead_in_pattern'))})(?P<units>[^。;]+?)"
            rf"{spaced_words(ex('apply_to_all_verb_pattern'))}\s?[,]?\s?(?:{spaced_words(ex('apply_to_all_pattern'))})")
    return Lexicon(
        data=d,
        opener_of={p[1]: p[0] for p in pairs},
        closer_of={p[0]: p[1] for p in pairs},
        list_separators=d["list_separators"],
        segment_separators=d["segment_separators"],
        label_re=compile_pattern(spaced_words(_expand("{label}", d))),   # 牵头考核单 位: (a copy's space)
        unknown_label_re=compile_pattern(_expand("{unknown_label}", d)),
        # a role in brackets after a unit (市发改委(牵头)) is the unit's note, not a marker
        lead_marker_re=compile_pattern(rf"(?<!{ex_ref('bracket_open')})(?:{spaced_words(lead)}){lead_end}"),
        task_marker_re=compile_pattern(rf"(?<!{ex_ref('bracket_open')})(?:{spaced_words(task)}){marker_end}"),
        # 市人社局负责制定配套政策: a marker with what the units are to do after it
        marker_before_object_re=compile_pattern(
            rf"(?<!{ex_ref('bracket_open')})(?:(?P<lead>{spaced_words(lead)})|(?P<task>{spaced_words(task)}))"),
        task_before_unit_re=compile_pattern(rf"(?:{ex_ref('task_verbs')}|{ex_ref('support_roles')}){unit_start}"),
        first_is_lead_re=compile_pattern(spaced_words(ex("first_is_lead_pattern"))),
        responsible_is_lead_re=compile_pattern(spaced_words(ex("responsible_is_lead_pattern"))),
        carry_forward_re=compile_pattern(rf"{alternation(d['carry_forward_words'])}(?=$|[,;。)〕\]】\s])"),
        apply_to_all_re=compile_pattern(spaced_words(ex("apply_to_all_pattern"))),
        apply_to_all_note_re=compile_pattern(note),
        apply_to_all_units_first_re=compile_pattern(spaced_words(ex("apply_to_all_units_first_pattern"))),
        deadline_re=compile_pattern(rf"^(?:{ex('deadline_part_pattern')})$"),
        spaced_deadline_re=compile_pattern(spaced_words(ex("deadline_part_pattern"))),
        posts=tuple(sorted(d["posts"], key=len, reverse=True)),
        role_note_re=compile_pattern(f"(?:{ex('role_note_pattern')})$"),
        role_note_any_re=compile_pattern(ex("role_note_pattern")),
        not_in_unit_re=compile_pattern(alternation(d["not_in_unit_words"])),
        max_unit_length=int(d["max_unit_length"]),
        brackets="".join(pairs) + "".join(d["quotes"]),
        openers_and_closers=("".join(pairs + d["quotes"])[0::2], "".join(pairs + d["quotes"])[1::2]),
    )
