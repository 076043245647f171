""" "Where do I send this?": the wizard's questions and its answer, on the EJN Atlas's pattern.

Step one asks the requesting and the requested State and the subject. Step two asks only
what the requested State's data distinguishes: the stage when its designations for the
subject differ by stage, the matter likewise, the place when a territory or a subdivision
has its own designation, urgency when a channel is accepted for urgent requests only. Every
step is a GET form, so each answer has a permalink (``/answer?…``) and works without
JavaScript; the answer is ``routing.route()``'s, with contacts through the same gate as the
API.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from urllib.parse import urlencode

from starlette.responses import RedirectResponse, Response

from directory.authorities import services as authorities
from directory.authorities.services import AuthorityQuery
from directory.routing.advice import RouteRequest
from directory.routing.services import route
from directory.treaties import services as treaties
from directory.treaties.models import Subject
from directory.web import params, sheets
from directory.web.base import Page, PageNotFound
from directory.web.pages import all_jurisdictions
from directory.web.sheets import pick

__all__ = ["answer_page", "wizard_page"]

FIELDS = ("requesting", "requested", "subject", "stage", "matter", "measure", "place", "urgent")


@dataclass
class Questions:
    """The choices the requested State's data distinguishes (empty: not asked)."""

    stages: list[str] = field(default_factory=list)
    matters: list[str] = field(default_factory=list)
    # (code, the data's English name): asked where designations or channel rules differ by
    # measure (service of documents not accepted electronically, …)
    measures: list[tuple[str, str]] = field(default_factory=list)
    places: list[tuple[str, str]] = field(default_factory=list)  # (code, label)
    urgency: bool = False

    @property
    def any(self) -> bool:
        return bool(self.stages or self.matters or self.measures or self.places or self.urgency)


def _answers(query: Mapping[str, str]) -> dict[str, str | bool | None]:
    return {
        "requesting": params.code(query, "requesting", required=True),
        "requested": params.code(query, "requested", required=True),
        "subject": params.vocabulary_code(query, "subject", required=True),
        "stage": params.vocabulary_code(query, "stage"),
        "matter": params.vocabulary_code(query, "matter"),
        "measure": params.vocabulary_code(query, "measure"),
        "place": params.place(query, "place"),
        "urgent": params.flag(query, "urgent"),
    }


def query_of(answers: Mapping[str, str | bool | None]) -> str:
    """The answers as a query string: the permalink's, in the fields' order."""
    return urlencode(
        [(k, "1" if answers[k] is True else str(answers[k])) for k in FIELDS if answers.get(k)]
    )


async def _questions(p: Page, requested: str, subject: str, language: str) -> Questions:
    page = await authorities.list_authorities(
        p.session,
        AuthorityQuery(jurisdiction=requested, include_territories=True, subject=subject),
        first=100,
        after=None,
    )
    designations = [
        d
        for d in await authorities.designations_for(p.session, [a.id for a in page.rows])
        if d.subject_code == subject
    ]
    q = Questions()
    q.stages = sorted({d.stage_code for d in designations if d.stage_code})
    q.matters = sorted({d.matter_code for d in designations if d.matter_code})
    if len({d.stage_code for d in designations}) < 2:
        q.stages = []
    if len({d.matter_code for d in designations}) < 2:
        q.matters = []
    own = {a.jurisdiction_id for a in page.rows}
    j = await sheets.jurisdiction(p.session, requested)
    if j is not None:
        territories = [t for t in await treaties.territories_for(p.session, [j.id]) if t.id in own]
        names = await sheets.names_by_jurisdiction(p.session, [t.id for t in territories])
        q.places = [(t.code, pick(names[t.id], language, t.code).text) for t in territories]
        for code in sorted({d.subdivision for d in designations if d.subdivision}):
            q.places.append((code, authorities.subdivision_name(code) or code))
        rules = list(await authorities.general_channel_rules_for(p.session, [j.id]))
        rules += await authorities.channel_rules_for_designations(
            p.session, [d.id for d in designations]
        )
        q.urgency = any(r.urgent_only for r in rules)
        measures = {d.measure_code for d in designations if d.measure_code}
        split = len({d.measure_code for d in designations}) > 1
        for rule in rules:
            if rule.measure_code and rule.subject_code in (None, subject):
                measures.add(rule.measure_code)
                split = True
        if split and measures:
            words = await sheets.measure_names(p.session)
            q.measures = [(code, words.get(code, code)) for code in sorted(measures)]
    return q


async def wizard_page(p: Page) -> Response:
    jurisdictions = await all_jurisdictions(p.session, p.lang.code)
    subjects = await treaties.vocabulary(p.session, Subject)
    if not any(p.params.get(f) for f in ("requesting", "requested", "subject")):
        return p.render(
            "wizard.html",
            step=1,
            answers={},
            jurisdictions=jurisdictions,
            subjects=subjects,
            questions=None,
        )
    answers = _answers(p.params)
    requested, subject = str(answers["requested"]), str(answers["subject"])
    if subject not in {s.code for s in subjects}:
        raise params.BadParameter("subject", subject, "bad_code")
    if await sheets.jurisdiction(p.session, requested) is None:
        raise PageNotFound("jurisdiction", requested)
    if await sheets.jurisdiction(p.session, str(answers["requesting"])) is None:
        raise PageNotFound("jurisdiction", str(answers["requesting"]))
    questions = await _questions(p, requested, subject, p.lang.code)
    if not questions.any:
        return RedirectResponse(p.url(f"/answer?{query_of(answers)}"), status_code=303)
    return p.render(
        "wizard.html",
        step=2,
        answers=answers,
        jurisdictions=jurisdictions,
        subjects=subjects,
        questions=questions,
    )


def _text(value: str | bool | None) -> str | None:
    return value if isinstance(value, str) and value else None


async def answer_page(p: Page) -> Response:
    answers = _answers(p.params)
    request = RouteRequest(
        requesting=str(answers["requesting"]),
        requested=str(answers["requested"]),
        subject=str(answers["subject"]),
        stage=_text(answers["stage"]),
        matter=_text(answers["matter"]),
        measure=_text(answers["measure"]),
        place=_text(answers["place"]),
        urgent=bool(answers["urgent"]),
    )
    advice = await route(
        p.session, request, now=p.now, stale_after_days=p.web.settings.stale_after_days
    )
    ids = [d.authority_id for d in advice.destinations]
    rows = {a.id: a for a in await authorities.authorities_by_ids(p.session, ids)}
    codes = {advice.requesting, advice.requested, advice.target}
    found = await treaties.jurisdictions_by_codes(p.session, sorted(codes))
    by_code = {j.code: j for j in found}
    names = await sheets.names_by_jurisdiction(p.session, [j.id for j in found])
    named = {code: pick(names[j.id], p.lang.code, code) for code, j in by_code.items()}
    entries = await sheets.authority_entries(
        p.session,
        p.principal,
        [rows[i] for i in ids if i in rows],
        {j.id: j.code for j in found},
        p.lang.code,
        p.now.date(),
        p.web.settings.stale_after_days,
    )
    subjects = {s.code: s.name for s in await treaties.vocabulary(p.session, Subject)}
    permalink = p.url(f"/answer?{query_of(answers)}")
    return p.render(
        "answer.html",
        advice=advice,
        entries={e.authority.id: e for e in entries},
        named=named,
        subject_names=subjects,
        measure_names=await sheets.measure_names(p.session),
        permalink=permalink,
        answers=answers,
    )
