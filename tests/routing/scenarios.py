"""The routing scenario table, shared by the service tests and the HTTP tests.

Each scenario is (id, request, expected). ``expected`` keys, all optional:
``destinations`` (authority keys, in order), ``warnings`` (codes that must appear),
``absent`` (codes that must not), ``channels`` / ``languages`` / ``bases`` (exact lists, in
order), ``conditions`` (channel → condition codes that must appear), ``extradition``
(basis or status per position), ``office`` (authority key → (open, ISO time of closing or
next opening)),
``requirements`` (requirement kinds, in order), ``error`` ((field, a suggestion that must be
offered or None)), ``says``
(texts that must appear in a warning's or an extradition position's message, by code:
``{"SEVERAL_AUTHORITIES": ["Give the stage"], "EXTRADITION": [...]}``).
"""

from __future__ import annotations

from typing import Any

import pytest

R = {"requesting": "XRQ", "subject": "MLA"}
OK_MLA = {"absent": {"NO_AUTHORITY", "SEVERAL_AUTHORITIES", "REQUESTED_NOT_PARTY"}}

SCENARIOS: list[tuple[str, dict[str, Any], dict[str, Any]]] = [
    (
        "general-central-authority",
        {**R, "requested": "XAA"},
        {
            "destinations": ["xaa-moj"],
            "bases": ["XTOC"],
            "channels": ["DIRECT_CENTRAL_AUTHORITY", "EMAIL"],
            "conditions": {"EMAIL": {"ORIGINAL_TO_FOLLOW"}},
            "languages": ["es", "fr", "en"],
            "absent": {
                "NO_AUTHORITY",
                "SEVERAL_AUTHORITIES",
                "STALE_ENTRY",
                "UNVERIFIED_DATA",
                "REQUESTED_NOT_PARTY",
                "REQUESTING_NOT_PARTY",
                "NO_COMMON_LEGAL_BASIS",
                "TERRITORIAL_APPLICATION",
            },
        },
    ),
    (
        "stage-investigation-wins",
        {**R, "requested": "XAA", "stage": "INVESTIGATION"},
        {
            "destinations": ["xaa-prosecutor"],
            **OK_MLA,
        },
    ),
    (
        "stage-trial-falls-to-general",
        {**R, "requested": "XAA", "stage": "TRIAL"},
        {
            "destinations": ["xaa-moj"],
            **OK_MLA,
        },
    ),
    (
        "matter-tax",
        {**R, "requested": "XAA", "matter": "TAX"},
        {
            "destinations": ["xaa-tax"],
            "channels": ["DIRECT_CENTRAL_AUTHORITY"],
            "languages": ["de", "es", "fr", "en"],
            **OK_MLA,
        },
    ),
    (
        "matter-customs-falls-to-general",
        {**R, "requested": "XAA", "matter": "customs"},
        {
            "destinations": ["xaa-moj"],
            **OK_MLA,
        },
    ),
    (
        "urgent-interpol-and-oral",
        {**R, "requested": "XAA", "urgent": True},
        {
            "destinations": ["xaa-moj"],
            "channels": ["DIRECT_CENTRAL_AUTHORITY", "INTERPOL", "EMAIL", "ORAL"],
            "conditions": {
                "INTERPOL": {"URGENT_ONLY", "PRIOR_AGREEMENT_REQUIRED"},
                "ORAL": {"URGENT_ONLY", "WRITTEN_CONFIRMATION_REQUIRED"},
            },
            "office": {"xaa-moj": (False, "2024-06-10T09:00:00+02:00")},
            "warnings": {"CLOSED_NOW"},
        },
    ),
    (
        "language-order-with-condition",
        {**R, "requested": "XAA", "stage": "TRIAL"},
        {
            "languages": ["es", "fr", "en"],
            "language_conditions": {"en": "Only with a French translation to follow."},
        },
    ),
    (
        "two-central-authorities",
        {**R, "requested": "XBB"},
        {
            "destinations": ["xbb-moj", "xbb-ag"],
            "channels": ["DIPLOMATIC"],
            "warnings": {"SEVERAL_AUTHORITIES", "DIPLOMATIC_CHANNEL_REQUIRED", "UNVERIFIED_DATA"},
        },
    ),
    (
        "diplomatic-required-interpol-when-urgent",
        {**R, "requested": "XBB", "urgent": True},
        {
            "channels": ["DIPLOMATIC", "INTERPOL"],
            "conditions": {"DIPLOMATIC": {"REQUIRED"}},
            "warnings": {"DIPLOMATIC_CHANNEL_REQUIRED"},
        },
    ),
    (
        "extradition-16-5-yes",
        {**R, "subject": "EXTRADITION", "requested": "XAA"},
        {
            "destinations": ["xaa-moj"],
            "extradition": ["YES"],
            "absent": {"EXTRADITION_BASIS_NEEDED"},
        },
    ),
    (
        "extradition-16-5-conditional",
        {**R, "subject": "EXTRADITION", "requested": "XBB"},
        {
            "extradition": ["CONDITIONAL"],
            "absent": {"EXTRADITION_BASIS_NEEDED"},
        },
    ),
    (
        "extradition-16-5-no",
        {**R, "subject": "EXTRADITION", "requested": "XGB"},
        {
            "destinations": ["xgb-home"],
            "extradition": ["NO"],
            "warnings": {"EXTRADITION_BASIS_NEEDED"},
        },
    ),
    (
        "extradition-16-5-unknown-and-residual",
        {**R, "subject": "EXTRADITION", "requested": "XCN"},
        {
            "destinations": ["xcn-moj"],
            "extradition": ["UNKNOWN"],
            "warnings": {"EXTRADITION_BASIS_NEEDED", "RESIDUAL_FALLBACK"},
        },
    ),
    (
        "territory-own-authority",
        {**R, "requested": "XHK"},
        {
            "destinations": ["xhk-doj"],
            "channels": ["EMAIL"],
            "languages": ["en", "zh"],
            "bases": ["XTOC"],
            # XHK has no participation row of its own: XTOC reaches it through XCN
            "warnings": {"TERRITORIAL_APPLICATION"},
            "absent": {"TERRITORY_FALLBACK", "NO_AUTHORITY"},
        },
    ),
    (
        "territory-as-place",
        {**R, "requested": "XCN", "place": "XHK"},
        {
            "destinations": ["xhk-doj"],
            "channels": ["EMAIL"],
        },
    ),
    (
        "state-ignores-territory-authority",
        {**R, "requested": "XCN"},
        {
            "destinations": ["xcn-moj"],
            "languages": ["zh"],
            "absent": {"RESIDUAL_FALLBACK", "SEVERAL_AUTHORITIES"},
        },
    ),
    (
        "territory-fallback-to-state",
        {**R, "requested": "XMO"},
        {
            "destinations": ["xcn-moj"],
            "channels": ["DIRECT_CENTRAL_AUTHORITY"],
            "languages": ["zh"],
            "bases": ["XTOC"],
            # bound only through its State's ratification: extension not recorded
            "warnings": {"TERRITORY_FALLBACK", "TERRITORIAL_APPLICATION"},
            "absent": {"NO_AUTHORITY"},
        },
    ),
    (
        "territory-fallback-unknown",
        {**R, "requested": "XTK"},
        {
            "destinations": [],
            "warnings": {"TERRITORY_FALLBACK_UNKNOWN", "NO_AUTHORITY"},
            "absent": {"TERRITORY_FALLBACK"},
        },
    ),
    (
        "residual-fallback",
        {**R, "subject": "TRANSFER_OF_SENTENCED_PERSONS", "requested": "XCN"},
        {
            "destinations": ["xcn-moj"],
            "warnings": {"RESIDUAL_FALLBACK"},
        },
    ),
    (
        "no-residual-no-authority",
        {**R, "subject": "CONFISCATION", "requested": "XAA"},
        {
            "destinations": [],
            "warnings": {"NO_AUTHORITY"},
        },
    ),
    (
        "subdivision-own-authority",
        {**R, "requested": "XGB", "place": "xg-sct"},
        {
            "destinations": ["xgb-crown"],
            **OK_MLA,
        },
    ),
    (
        "subdivision-not-given",
        {**R, "requested": "XGB"},
        {
            "destinations": ["xgb-home"],
            **OK_MLA,
        },
    ),
    (
        "requested-not-party-and-stale",
        {**R, "requested": "XDD"},
        {
            "destinations": ["xdd-moj"],
            "bases": [],
            "warnings": {"REQUESTED_NOT_PARTY", "NO_COMMON_LEGAL_BASIS", "STALE_ENTRY"},
        },
    ),
    (
        "requesting-not-party",
        {**R, "requesting": "XRN", "requested": "XAA"},
        {
            "destinations": ["xaa-moj"],
            "bases": [],
            "languages": ["fr", "en"],
            "warnings": {"REQUESTING_NOT_PARTY", "NO_COMMON_LEGAL_BASIS"},
        },
    ),
    (
        "requesting-participation-unknown",
        {**R, "requesting": "XRU", "requested": "XAA"},
        {
            "bases": [],
            "warnings": {"PARTICIPATION_UNKNOWN", "NO_COMMON_LEGAL_BASIS"},
            "absent": {"REQUESTING_NOT_PARTY"},
        },
    ),
    (
        "requesting-row-without-dates-is-unknown",
        {**R, "requesting": "XRT", "requested": "XAA"},
        {
            "bases": [],
            "warnings": {"PARTICIPATION_UNKNOWN", "NO_COMMON_LEGAL_BASIS"},
            "absent": {"REQUESTING_NOT_PARTY"},
        },
    ),
    (
        "not-yet-in-force",
        {**R, "requesting": "XRF", "requested": "XAA"},
        {
            "bases": [],
            "warnings": {"NOT_YET_IN_FORCE"},
            "absent": {"REQUESTING_NOT_PARTY"},
        },
    ),
    (
        "retired-and-outgoing-never-appear",
        {**R, "requested": "XEE"},
        {
            "destinations": [],
            "warnings": {"NO_AUTHORITY"},
        },
    ),
    (
        "date-line-kiritimati-saturday",
        {**R, "requested": "XKI", "urgent": True},
        {
            "office": {"xki-ca": (False, "2024-06-10T08:00:00+14:00")},
            "warnings": {"CLOSED_NOW", "STALE_ENTRY"},
        },
    ),
    (
        "date-line-pago-pago-friday",
        {**R, "requested": "XAS", "urgent": True},
        {
            "office": {"xas-ca": (True, "2024-06-07T16:00:00-11:00")},
            "absent": {"CLOSED_NOW"},
        },
    ),
    (
        "overnight-service",
        {**R, "requested": "XNT", "urgent": True},
        {
            "office": {"xnt-duty": (True, "2024-06-08T06:00:00+01:00")},
        },
    ),
    (
        "hours-only-when-urgent",
        {**R, "requested": "XAS"},
        {
            "office": {"xas-ca": None},
        },
    ),
    (
        # a general designation ranked after stage-specific ones does not hide them
        "general-ranked-last-lists-the-specific-ones",
        {**R, "requested": "XRO"},
        {
            "destinations": ["xro-moj", "xro-pg", "xro-records"],
            "warnings": {"SEVERAL_AUTHORITIES"},
            "says": {"SEVERAL_AUTHORITIES": ["Give the stage", "Rotaland Records Office (any)"]},
        },
    ),
    (
        "general-ranked-last-stage-given",
        {**R, "requested": "XRO", "stage": "INVESTIGATION"},
        {"destinations": ["xro-pg"], "absent": {"SEVERAL_AUTHORITIES"}},
    ),
    (
        "general-ranked-last-other-stage",
        {**R, "requested": "XRO", "stage": "TRIAL"},
        {"destinations": ["xro-moj"], "absent": {"SEVERAL_AUTHORITIES"}},
    ),
    (
        # XSX's own row carries only "Not extended to Sintland.": it binds nothing, XTOC comes
        # through XNL, and so does the 16(5) answer; both are said
        "territory-borrows-its-state-16-5-and-participation",
        {**R, "subject": "EXTRADITION", "requested": "XSX"},
        {
            "destinations": ["xsx-moj"],
            "bases": ["XTOC"],
            "extradition": ["YES"],
            "warnings": {"TERRITORIAL_APPLICATION"},
            "says": {
                "EXTRADITION": ["XNL's notification; not recorded as extended to XSX"],
                "TERRITORIAL_APPLICATION": [
                    "XNL's notification; not recorded as extended to XSX",
                    "XSX's participation says: Not extended to Sintland.",
                    "XNL's participation says: For the European part of Netherland only.",
                ],
            },
        },
    ),
    (
        "state-own-16-5-is-not-borrowed",
        {**R, "subject": "EXTRADITION", "requested": "XAA"},
        {"absent": {"TERRITORIAL_APPLICATION"}, "says": {"EXTRADITION": ["XAA takes"]}},
    ),
    (
        # a territory sending a request is bound through its State like a requested one
        "territory-as-requesting-side",
        {**R, "requesting": "XHK", "requested": "XAA"},
        {
            "destinations": ["xaa-moj"],
            "bases": ["XTOC"],
            "warnings": {"TERRITORIAL_APPLICATION"},
            "absent": {"NO_COMMON_LEGAL_BASIS", "PARTICIPATION_UNKNOWN"},
            "says": {"TERRITORIAL_APPLICATION": ["XHK (the requesting side) through XCN"]},
        },
    ),
    (
        "no-authority-names-the-subject",
        {**R, "subject": "EXTRADITION", "requested": "XDD"},
        {
            "destinations": [],
            "warnings": {"NO_AUTHORITY"},
            "says": {"NO_AUTHORITY": ["XDD central authority for extradition."]},
        },
    ),
    (
        "unknown-state-suggests",
        {**R, "requested": "Alphalnd"},
        {
            "error": (["input", "requested"], "XAA"),
        },
    ),
    (
        "unknown-subject-suggests",
        {**R, "requested": "XAA", "subject": "MLAA"},
        {
            "error": (["input", "subject"], "MLA"),
        },
    ),
    (
        "unknown-subdivision-suggests",
        {**R, "requested": "XGB", "place": "XG-SCX"},
        {
            "error": (["input", "place"], "XG-SCT"),
        },
    ),
    (
        "place-of-another-state",
        {**R, "requested": "XAA", "place": "XHK"},
        {
            "error": (["input", "place"], None),
        },
    ),
    # -- issue 9: stages as a tree --------------------------------------------------------
    (
        # Romania: TRIAL finds the Ministry of Justice designated for TRIAL_AND_EXECUTION,
        # never the records office
        "stage-tree-trial-within-trial-and-execution",
        {**R, "requested": "XTE", "stage": "TRIAL"},
        {"destinations": ["xte-moj"], "absent": {"SEVERAL_AUTHORITIES", "NO_AUTHORITY"}},
    ),
    (
        "stage-tree-execution-within-trial-and-execution",
        {**R, "requested": "XTE", "stage": "execution"},
        {"destinations": ["xte-moj"], "absent": {"SEVERAL_AUTHORITIES"}},
    ),
    (
        "stage-tree-investigation-is-another-branch",
        {**R, "requested": "XTE", "stage": "INVESTIGATION"},
        {"destinations": ["xte-pg"], "absent": {"SEVERAL_AUTHORITIES"}},
    ),
    (
        # a request for the whole stage, a State split into its parts: both, and why
        "stage-tree-whole-stage-lists-its-parts",
        {**R, "requested": "XTS", "stage": "TRIAL_AND_EXECUTION"},
        {
            "destinations": ["xts-court", "xts-enforcement"],
            "warnings": {"SEVERAL_AUTHORITIES"},
            "says": {"SEVERAL_AUTHORITIES": ["Give the stage", "stage TRIAL", "stage EXECUTION"]},
        },
    ),
    # -- conditions on the legal basis ------------------------------------------------------
    (
        "basis-when-treaty-binds-both",
        {**R, "requested": "XBC"},
        {
            "destinations": ["xbc-moj"],
            "channels": ["DIRECT_CENTRAL_AUTHORITY"],
            "conditions": {"DIRECT_CENTRAL_AUTHORITY": {"LEGAL_BASIS"}},
            "languages": ["fr", "en"],
            "warnings": {"FACTS_SET_ASIDE"},
            "absent": {"DIPLOMATIC_CHANNEL_REQUIRED", "SEVERAL_AUTHORITIES"},
            "says": {"FACTS_SET_ASIDE": ["channel rule DIPLOMATIC", "XTOC Convention does"]},
        },
    ),
    (
        # XRN signed XTOC only: no treaty binds the pair, the diplomatic route applies
        "basis-no-treaty-diplomatic",
        {**R, "requesting": "XRN", "requested": "XBC"},
        {
            "destinations": ["xbc-mfa"],
            "channels": ["DIPLOMATIC"],
            "languages": ["fr"],
            "warnings": {"DIPLOMATIC_CHANNEL_REQUIRED", "FACTS_SET_ASIDE"},
            "says": {"FACTS_SET_ASIDE": ["language rule en", "XRN has not consented"]},
        },
    ),
    (
        # XRU's participation is not recorded: either may apply, and the answer says why
        "basis-unknown-lists-both",
        {**R, "requesting": "XRU", "requested": "XBC"},
        {
            "destinations": ["xbc-moj", "xbc-mfa"],
            "warnings": {"SEVERAL_AUTHORITIES", "LEGAL_BASIS_CONDITION_UNKNOWN"},
            "says": {
                "SEVERAL_AUTHORITIES": ["legal basis", "Check which treaties bind"],
                "LEGAL_BASIS_CONDITION_UNKNOWN": ["XRU's participation is not recorded"],
            },
        },
    ),
    (
        "basis-when-regional-treaty-binds-both",
        {**R, "requesting": "XRR", "requested": "XUL"},
        {"destinations": ["xul-pg"], "absent": {"SEVERAL_AUTHORITIES"}},
    ),
    (
        "basis-unless-regional-treaty-binds-both",
        {**R, "requesting": "XRS", "requested": "XUL"},
        {"destinations": ["xul-moj"], "absent": {"SEVERAL_AUTHORITIES"}},
    ),
    # -- scope by requesting State or group, and by measure -------------------------------
    (
        "requesting-state-simplified-route",
        {**R, "requested": "XNB"},
        {
            "destinations": ["xnb-border"],
            "channels": ["DIRECT_CENTRAL_AUTHORITY", "EMAIL"],
            "absent": {"SEVERAL_AUTHORITIES"},
        },
    ),
    (
        "requesting-group-member",
        {**R, "requesting": "XRS", "requested": "XNB"},
        {"destinations": ["xnb-net"], "channels": ["DIRECT_CENTRAL_AUTHORITY"]},
    ),
    (
        "requesting-other-state-gets-general",
        {**R, "requesting": "XRR", "requested": "XNB"},
        {"destinations": ["xnb-moj"], "channels": ["DIRECT_CENTRAL_AUTHORITY"]},
    ),
    (
        "measure-service-of-documents",
        {**R, "requested": "XMS", "measure": "service_of_documents"},
        {
            "destinations": ["xms-court"],
            "channels": ["DIRECT_CENTRAL_AUTHORITY"],
            "requirements": ["LIMITATION_OF_USE"],
        },
    ),
    (
        # no measure given: the general authority, and e-mail with its exception named
        "measure-not-given",
        {**R, "requested": "XMS"},
        {
            "destinations": ["xms-moj"],
            "channels": ["DIRECT_CENTRAL_AUTHORITY", "EMAIL"],
            "conditions": {"EMAIL": {"MEASURE"}},
            "requirements": ["DUAL_CRIMINALITY", "LIMITATION_OF_USE"],
            "warnings": {"FACTS_SET_ASIDE"},
            "says": {"FACTS_SET_ASIDE": ["requirement RECIPROCITY"]},
        },
    ),
    (
        "measure-search-requirements",
        {**R, "requested": "XMS", "measure": "SEARCH_AND_SEIZURE"},
        {"destinations": ["xms-moj"], "requirements": ["DUAL_CRIMINALITY", "LIMITATION_OF_USE"]},
    ),
    (
        # no treaty between XRN and XMS: the reciprocity requirement applies
        "requirement-when-no-treaty",
        {**R, "requesting": "XRN", "requested": "XMS", "measure": "SERVICE_OF_DOCUMENTS"},
        {"requirements": ["RECIPROCITY", "LIMITATION_OF_USE"]},
    ),
    (
        "unknown-measure-suggests",
        {**R, "requested": "XMS", "measure": "SERVICE_OF_DOCUMENT"},
        {"error": (["input", "measure"], "SERVICE_OF_DOCUMENTS")},
    ),
    # -- route text that never contradicts the facts --------------------------------------
    (
        "languages-stored-but-set-aside",
        {**R, "requesting": "XRU", "requested": "XLN"},
        {
            "languages": [],
            "warnings": {"FACTS_SET_ASIDE", "PARTICIPATION_UNKNOWN"},
            "absent": {"NO_LANGUAGE_RULE"},
            "says": {"FACTS_SET_ASIDE": ["language de notified under XTOC", "not recorded"]},
        },
    ),
    (
        "languages-of-the-notification-when-in-force",
        {**R, "requested": "XLN"},
        {"languages": ["de"], "absent": {"FACTS_SET_ASIDE", "NO_LANGUAGE_RULE"}},
    ),
    (
        "extradition-16-5-set-aside-when-participation-unknown",
        {**R, "requesting": "XRU", "subject": "EXTRADITION", "requested": "XLN"},
        {
            "extradition": [],
            "warnings": {"FACTS_SET_ASIDE"},
            "says": {"FACTS_SET_ASIDE": ["XLN's XTOC 16(5) notification (YES)"]},
        },
    ),
    (
        "extradition-16-5-notified-basis-unknown",
        {**R, "subject": "EXTRADITION", "requested": "XNU"},
        {
            "extradition": ["NOTIFIED"],
            "says": {"EXTRADITION": ["has notified under XTOC 16(5)", "does not record"]},
        },
    ),
]

PARAMS = [pytest.param(request, expected, id=name) for name, request, expected in SCENARIOS]


def check(summary: dict[str, Any], expected: dict[str, Any]) -> None:
    """Compare a summary (see ``summarise`` in each test module) with ``expected``."""
    for key in ("destinations", "channels", "languages", "bases", "extradition", "requirements"):
        if key in expected:
            assert summary[key] == expected[key], key
    assert expected.get("warnings", set()) <= set(summary["warnings"]), summary["warnings"]
    assert not expected.get("absent", set()) & set(summary["warnings"]), summary["warnings"]
    for channel, codes in expected.get("conditions", {}).items():
        assert codes <= summary["conditions"][channel], channel
    for language, condition in expected.get("language_conditions", {}).items():
        assert summary["language_conditions"][language] == condition
    for code, texts in expected.get("says", {}).items():
        said = " | ".join(summary["messages"].get(code, []))
        for text in texts:
            assert text in said, (code, text, said)
    for key, office in expected.get("office", {}).items():
        assert summary["office"][key] == office, key
