"""The entity layer: a blank Chinese spaCy pipeline with named components.

    nlp = pipeline()            # spacy.blank("zh"), character segmenter, no downloads
    nlp.pipe_names == ["reformkg_units", "reformkg_regulations", "reformkg_targets"]

Each component writes a span group:

    doc.spans["units"]        unit names acting in a sentence (inline mentions),
                              from the alias data (PhraseMatcher) and suffix rules
    doc.spans["regulations"]  《…》 titles (the span covers the title, not the brackets)
    doc.spans["targets"]      numeric targets; span._.targets holds the parsed values

The pipeline runs on the simplified view of a measure's body, so character
offsets in the Doc add to the measure's start to give document offsets.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterator

import spacy
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span as SpacySpan
from spacy.util import filter_spans

from . import knowledge
from .lexicon import compile_pattern, lexicon
from .dates import cn_number
from .records import Role
from .units import is_collective

if not SpacySpan.has_extension("targets"):
    SpacySpan.set_extension("targets", default=None)
if not SpacySpan.has_extension("role"):
    SpacySpan.set_extension("role", default=None)


def doc_text(doc: Doc) -> str:
    """`doc.text`, computed once: spaCy rebuilds it from every token on each access."""
    text = doc.user_data.get("reformkg.text")
    if text is None:
        text = doc.user_data["reformkg.text"] = doc.text
    return text


def _char_span(doc: Doc, start: int, end: int, label: str) -> SpacySpan | None:
    return doc.char_span(start, end, label=label, alignment_mode="expand")


# --- regulations -----------------------------------------------------------

_REGULATION = re.compile(r"《([^《》\n]{1,120})》")


def regulation_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every 《》 title in `text`, brackets excluded."""
    return [(m.start(1), m.end(1)) for m in _REGULATION.finditer(text)]


@Language.component("reformkg_regulations")
def regulations_component(doc: Doc) -> Doc:
    spans = []
    for a, b in regulation_spans(doc_text(doc)):
        span = _char_span(doc, a, b, "REG")
        if span is not None:
            spans.append(span)
    doc.spans["regulations"] = spans
    return doc


# --- targets ---------------------------------------------------------------

@lru_cache(maxsize=1)
def _targets_re() -> re.Pattern:
    """A numeric target: lead-in verb, value(s), unit, qualifier (lexicon.yaml)."""
    lx = lexicon()
    verbs = knowledge.alternation(lx.words("target_at_most") + lx.words("target_at_least")
                                  + lx.words("target_equal"))
    num = rf"\d+(?:\.\d+)?|{_expand_numeral()}+"
    counter = re.escape(lx.data["target_counter"])
    quals = knowledge.alternation(lx.words("target_within") + lx.words("target_above"))
    joiners = re.escape(lx.data["target_value_joiners"])
    return compile_pattern(
        rf"(?P<per>{lx.data['target_per_pattern']})?(?P<verb>{verbs})?"
        rf"(?P<nums>(?:{num})(?:{counter})?(?:[{joiners}](?:{num})(?:{counter})?)*)"
        rf"(?P<unit>{lx.named('target_units_pattern').pattern})(?P<qual>{quals})?")


def _expand_numeral() -> str:
    return lexicon().pattern("{numeral}").pattern


def _number(s: str) -> float | int | None:
    s = s.rstrip(lexicon().data["target_counter"])
    if re.fullmatch(r"\d+", s):
        return int(s)
    if re.fullmatch(r"\d+\.\d+", s):
        return float(s)
    return cn_number(s)


@Language.component("reformkg_targets")
def targets_component(doc: Doc) -> Doc:
    spans = []
    lx = lexicon()
    counter = lx.data["target_counter"]
    for m in _targets_re().finditer(doc_text(doc)):
        verb, qual = m["verb"] or "", m["qual"] or ""
        if not (verb or qual or m["per"]):
            continue  # a bare number is not a target
        if qual in lx.words("target_within") or verb in lx.words("target_at_most"):
            comparator = "<="
        elif qual in lx.words("target_above") or verb in lx.words("target_at_least"):
            comparator = ">="
        else:
            comparator = "="
        unit = m["unit"].lstrip(counter) or counter
        if m["per"]:
            unit = f"{unit}/{m['per'][1]}"
        joiners = re.escape(lx.data["target_value_joiners"])
        values = [v for v in (_number(x) for x in re.split(rf"[{joiners}]", m["nums"])) if v is not None]
        if not values:
            continue
        span = _char_span(doc, m.start(), m.end(), "TARGET")
        if span is None:
            continue
        span._.targets = [{"value": v, "unit": unit, "comparator": comparator} for v in values]
        spans.append(span)
    doc.spans["targets"] = spans
    return doc


# --- unit mentions ---------------------------------------------------------

@Language.factory("reformkg_units")
def make_units_component(nlp: Language, name: str):
    return UnitMentions(nlp)


class UnitMentions:
    """Units acting in a sentence: named at its start, or in (X牵头) after a group."""

    def __init__(self, nlp: Language):
        k = knowledge.units()
        verbs = knowledge.alternation(lexicon().words("actor_verbs"))
        orgs = knowledge.alternation(k.org_suffixes)
        self._rule = re.compile(
            rf"(?:^|(?<=[。;:()\s]))(?P<unit>[\u4e00-\u9fff]{{1,18}}?{orgs})(?=(?P<verb>{verbs}))")
        self._matcher = PhraseMatcher(nlp.vocab)
        forms = {f for cluster in _alias_forms() for f in cluster}
        self._matcher.add("UNIT", [nlp.make_doc(f) for f in sorted(forms)])
        self._verbs = re.compile(verbs)

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        spans = []
        starts = knowledge.units().unit_starts
        for m in self._rule.finditer(text):
            unit = m["unit"]
            if is_collective(unit) or knowledge.units().etc_word in unit or not unit.startswith(starts):
                continue
            span = _char_span(doc, m.start("unit"), m.end("unit"), "UNIT")
            if span is not None:
                span._.role = Role.LEAD if m["verb"] in lexicon().words("lead_roles") else "actor"
                spans.append(span)
        for _, start, end in self._matcher(doc):  # known forms in the same positions
            span = doc[start:end]
            before = text[span.start_char - 1] if span.start_char else "。"
            after = self._verbs.match(text, span.end_char)
            if before in "。;:() \t" and after:
                span = SpacySpan(doc, start, end, label="UNIT")
                span._.role = Role.LEAD if after.group() in lexicon().words("lead_roles") else "actor"
                spans.append(span)
        doc.spans["units"] = filter_spans(spans)
        return doc


def _alias_forms() -> list[list[str]]:
    clusters = knowledge.aliases().get("clusters", {}) or {}
    return [c for cs in clusters.values() for c in cs]


def make_doc(nlp: Language, text: str) -> Doc:
    """One token per character, as the blank zh "char" segmenter makes, built
    directly so that offsets are trivially character offsets."""
    doc = Doc(nlp.vocab, words=list(text), spaces=[False] * len(text))
    doc.user_data["reformkg.text"] = text
    return doc


def analyse(texts) -> "Iterator[Doc]":
    """Run the registered components over each text (simplified view)."""
    nlp = pipeline()
    for text in texts:
        doc = make_doc(nlp, text)
        for _, component in nlp.pipeline:
            doc = component(doc)
        yield doc


@lru_cache(maxsize=1)
def pipeline() -> Language:
    nlp = spacy.blank("zh")
    nlp.max_length = 100_000_000   # character tokens only: no parser memory to protect
    nlp.add_pipe("reformkg_units")
    nlp.add_pipe("reformkg_regulations")
    nlp.add_pipe("reformkg_targets")
    return nlp
