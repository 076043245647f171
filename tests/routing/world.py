"""An invented world that exercises every routing rule (codes XAA…XZZ; see factories).

| code | who | what it tests |
|------|-----|---------------|
| XRQ | requesting State, party to XTOC since 2004 | the usual sender |
| XRN | requesting State that signed XTOC only | REQUESTING_NOT_PARTY |
| XRU | requesting State without any participation row | PARTICIPATION_UNKNOWN |
| XRT | requesting State whose row holds only a territorial note | PARTICIPATION_UNKNOWN |
| XRF | requesting State whose consent binds it from 2024-06-19 | NOT_YET_IN_FORCE |
| XAA | stage split, tax matter split, channels, three language levels, 16(5) YES, Paris hours | |
| XBB | two central authorities, diplomatic channel required, 16(5) CONDITIONAL, unverified | |
| XCN | MLA residual authority; territories XHK (own), XMO (falls back), XTK (unknown) | |
| XGB | subdivision XG-SCT has its own authority; 16(5) NO | |
| XDD | not a party; authority last confirmed 2019 | REQUESTED_NOT_PARTY, STALE_ENTRY |
| XEE | only a retired authority and an outgoing-only one | NO_AUTHORITY |
| XRO | a general designation at priority 4, stage-specific ones at 0 and 1 | all three listed |
| XNL / XSX | XSX's own row holds a note only; it borrows XNL's 16(5) | TERRITORIAL_APPLICATION |
| XKI / XAS | Pacific/Kiritimati and Pacific/Pago_Pago hours | the date line |
| XNT | an overnight service (Europe/London) | closing time after midnight |
| XTE | Romania's shape: MoJ TRIAL_AND_EXECUTION, PG INVESTIGATION, records | stage tree |
| XTS | one office for TRIAL, another for EXECUTION | the whole stage asked |
| XBC | MoJ when XTOC binds both, MFA and diplomatic channel when none does | basis |
| XUL / XRR / XRS | MoJ unless XREG binds both, PG when it does (XRR party, XRS signed) | unless |
| XNB / XNET | border office for XRQ, network office for group XNET (XRS) | requesting |
| XMS | a court for service of documents; e-mail refused for it; requirements | measure |
| XLN | languages only in its 18(14) notification | set aside, never "none" |
| XNU | a 16(5) notification whose answer is not recorded | NOTIFIED, basis unknown |
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from directory.enums import (
    BasisCondition,
    ChannelPermission,
    Direction,
    ExtraditionBasis,
    NotificationStatus,
    ProvisionKind,
    Verification,
)
from directory.treaties.models import Jurisdiction
from tests.routing.factories import Factory, ensure_vocabularies

# Friday 7 June 2024, 21:00 UTC: Saturday 11:00 in Kiritimati, Friday 10:00 in Pago Pago,
# Friday 23:00 in Paris, Friday 22:00 in London.
NOW = dt.datetime(2024, 6, 7, 21, 0, tzinfo=dt.UTC)
T = dt.time
WEEKDAYS_8_16 = [(d, T(8), T(16)) for d in range(5)]
WEEKDAYS_9_17 = [(d, T(9), T(17)) for d in range(5)]


async def build_world(session) -> None:
    await ensure_vocabularies(session)
    f = Factory(session)
    xtoc = await f.instrument("XTOC", in_force=dt.date(2003, 9, 29))
    p165 = await f.provision(xtoc, "16(5)", ProvisionKind.EXTRADITION_BASIS, "EXTRADITION")
    await f.provision(xtoc, "18(13)", ProvisionKind.AUTHORITY, "MLA")
    p1814 = await f.provision(xtoc, "18(14)", ProvisionKind.LANGUAGES, "MLA")

    async def state(code: str, name: str, consent: dt.date | None = dt.date(2004, 1, 1), **kw):
        j = await f.jurisdiction(code, name, **kw)
        if consent is not None or kw.get("parent") is None:
            await f.participation(j, xtoc, consent)
        return j

    await state("XRQ", "Requestland")
    await state("XRN", "Nopartia", consent=None)  # signed, never ratified
    await f.jurisdiction("XRU", "Unrecordia")  # no participation row at all
    # a row with neither signature nor consent, only a territorial note (as the seed has for
    # New Zealand: "without Tokelau")
    xrt = await f.jurisdiction("XRT", "Notaland")
    note_only = await f.participation(xrt, xtoc, None)
    note_only.signed_on = None
    note_only.territorial_application = "Without its outlying islands."
    await state("XRF", "Freshland", dt.date(2024, 5, 20))

    # XAA: stage split, matter split, channels, languages, 16(5) YES
    xaa = await state("XAA", "Alphaland", names={"fr": "Alphalande"})
    moj = await f.authority(
        xaa,
        "xaa-moj",
        "Ministry of Justice of Alphaland",
        original=("fr", "Ministère de la Justice d'Alphalande"),
        city="Alphaville",
        time_zone="Europe/Paris",
        hours=WEEKDAYS_9_17,
    )
    pg = await f.authority(xaa, "xaa-prosecutor", "Prosecutor General of Alphaland")
    tax = await f.authority(xaa, "xaa-tax", "Alphaland Tax Administration")
    await f.designation(moj, "MLA")
    await f.designation(pg, "MLA", stage_code="INVESTIGATION")
    d_tax = await f.designation(tax, "MLA", matter_code="TAX")
    await f.designation(moj, "EXTRADITION")
    await f.channel(xaa, "DIRECT_CENTRAL_AUTHORITY", preference=0)
    await f.channel(xaa, "INTERPOL", urgent_only=True, prior_agreement_required=True, preference=1)
    await f.channel(xaa, "EMAIL", original_to_follow=True, original_within_days=30, preference=2)
    await f.channel(xaa, "ORAL", urgent_only=True, written_confirmation_required=True, preference=3)
    await f.channel(xaa, "FAX", permission=ChannelPermission.NOT_ACCEPTED)
    await f.channel(
        xaa, "EMAIL", designation_id=d_tax.id, permission=ChannelPermission.NOT_ACCEPTED
    )
    await f.language(xaa, "fr", preference=0)
    await f.language(xaa, "en", preference=1, condition="Only with a French translation to follow.")
    n1814 = await f.notification(xaa, p1814, NotificationStatus.NOTIFIED)
    await f.language(xaa, "es", preference=0, notification_id=n1814.id)
    await f.language(xaa, "de", preference=0, designation_id=d_tax.id)
    await f.notification(
        xaa, p165, NotificationStatus.NOTIFIED, extradition_basis=ExtraditionBasis.YES
    )

    # XBB: two central authorities, diplomatic channel required, 16(5) CONDITIONAL
    xbb = await state("XBB", "Betaland")
    for key, name, verification in (
        ("xbb-moj", "Ministry of Justice of Betaland", Verification.OFFICIAL),
        ("xbb-ag", "Attorney General of Betaland", Verification.UNKNOWN),
    ):
        a = await f.authority(xbb, key, name, verification=verification)
        await f.designation(a, "MLA", verification=verification)
        await f.designation(a, "EXTRADITION", verification=verification)
    await f.channel(xbb, "DIPLOMATIC", permission=ChannelPermission.REQUIRED)
    await f.channel(xbb, "INTERPOL", urgent_only=True, prior_agreement_required=True)
    await f.language(xbb, "en")
    await f.notification(
        xbb,
        p165,
        NotificationStatus.NOTIFIED,
        extradition_basis=ExtraditionBasis.CONDITIONAL,
        condition="Only on the basis of reciprocity.",
    )

    # XCN and its territories: own system, fallback allowed, fallback unknown
    xcn = await state("XCN", "Centralia", alpha2="XC")
    xhk = await f.jurisdiction("XHK", "Harbour SAR", parent=xcn)
    await f.jurisdiction("XMO", "Moonport SAR", parent=xcn, parent_designations_apply=True)
    await f.jurisdiction("XTK", "Tokland", parent=xcn)
    cn_moj = await f.authority(xcn, "xcn-moj", "Ministry of Justice of Centralia")
    await f.designation(cn_moj, "MLA", residual=True)
    hk_doj = await f.authority(xhk, "xhk-doj", "Department of Justice of Harbour")
    await f.designation(hk_doj, "MLA")
    await f.channel(xcn, "DIRECT_CENTRAL_AUTHORITY")
    await f.language(xcn, "zh")
    await f.channel(xhk, "EMAIL")
    await f.language(xhk, "en", preference=0)
    await f.language(xhk, "zh", preference=1)

    # XGB: a constituent part with its own central authority; 16(5) NO
    xgb = await state("XGB", "Unitedland", alpha2="XG")
    home = await f.authority(xgb, "xgb-home", "Unitedland Central Authority")
    crown = await f.authority(xgb, "xgb-crown", "Crown Office of Scotia")
    await f.designation(home, "MLA")
    await f.designation(crown, "MLA", subdivision="XG-SCT")
    await f.designation(home, "EXTRADITION")
    await f.language(xgb, "en")
    await f.channel(xgb, "DIRECT_CENTRAL_AUTHORITY")
    await f.notification(
        xgb, p165, NotificationStatus.NOTIFIED, extradition_basis=ExtraditionBasis.NO
    )

    # XDD: not a party; stale entry
    xdd = await state("XDD", "Deltaland", consent=None)
    old = await f.authority(
        xdd, "xdd-moj", "Deltaland Ministry", last_confirmed_on=dt.date(2019, 5, 1)
    )
    await f.designation(old, "MLA")

    # XEE: nothing that receives
    xee = await state("XEE", "Epsilonia")
    gone = await f.authority(xee, "xee-old", "Former Office", status="RETIRED")
    await f.designation(gone, "MLA")
    out = await f.authority(xee, "xee-out", "Outgoing Office")
    await f.designation(out, "MLA", direction=Direction.OUTGOING)

    # XRO: a general designation ranked last (a narrow office, like Romania's Ministry of
    # Administration and Interior before its scope was recorded) must not hide the
    # stage-specific central authorities ranked before it
    xro = await state("XRO", "Rotaland")
    for key, name, stage, priority in (
        ("xro-moj", "Rotaland Ministry of Justice", "TRIAL", 0),
        ("xro-pg", "Rotaland Prosecutor General", "INVESTIGATION", 1),
        ("xro-records", "Rotaland Records Office", None, 4),
    ):
        a = await f.authority(xro, key, name)
        await f.designation(a, "MLA", stage_code=stage, priority=priority)

    # XNL and its territory XSX: XSX's own row holds only a note; XNL's 16(5) speaks for it
    xnl = await f.jurisdiction("XNL", "Netherland")
    xnl_row = await f.participation(xnl, xtoc, dt.date(2004, 1, 1))
    xnl_row.territorial_application = "For the European part of Netherland only."
    xsx = await f.jurisdiction("XSX", "Sintland", parent=xnl)
    xsx_row = await f.participation(xsx, xtoc, None)
    xsx_row.signed_on = None
    xsx_row.territorial_application = "Not extended to Sintland."
    sx_moj = await f.authority(xsx, "xsx-moj", "Sintland Ministry of Justice")
    await f.designation(sx_moj, "EXTRADITION")
    await f.notification(
        xnl, p165, NotificationStatus.NOTIFIED, extradition_basis=ExtraditionBasis.YES
    )

    # the date line and an overnight service
    for code, name, zone in (
        ("XKI", "Kiritimatia", "Pacific/Kiritimati"),
        ("XAS", "Samoaland", "Pacific/Pago_Pago"),
    ):
        j = await state(code, name)
        a = await f.authority(
            j,
            f"{code.lower()}-ca",
            f"{name} Central Authority",
            time_zone=zone,
            hours=WEEKDAYS_8_16,
            last_confirmed_on=None,
        )
        await f.designation(a, "MLA")
    xnt = await state("XNT", "Nightland")
    night = await f.authority(
        xnt,
        "xnt-duty",
        "Nightland Duty Office",
        time_zone="Europe/London",
        hours=[(4, T(22), T(23, 59)), (5, T(0), T(6))],
    )
    await f.designation(night, "MLA")
    await _fidelity_world(f, xtoc, p165, p1814)
    await session.flush()


async def _fidelity_world(f: Factory, xtoc, p165, p1814) -> None:
    """Stages as a tree, conditions on the legal basis, scope by requesting side and by
    measure, requirements, facts set aside (issue 9)."""
    xtoc_party = dt.date(2004, 1, 1)

    async def state(code: str, name: str, consent: dt.date | None = xtoc_party):
        j = await f.jurisdiction(code, name)
        await f.participation(j, xtoc, consent)
        return j

    # Romania's shape: TRIAL_AND_EXECUTION contains TRIAL and EXECUTION
    xte = await state("XTE", "Stagia")
    for key, name, stage, matter, priority in (
        ("xte-moj", "Stagia Ministry of Justice", "TRIAL_AND_EXECUTION", None, 0),
        ("xte-pg", "Stagia Prosecutor General", "INVESTIGATION", None, 1),
        ("xte-records", "Stagia Records Office", None, "CRIMINAL_RECORDS", 4),
    ):
        a = await f.authority(xte, key, name)
        await f.designation(a, "MLA", stage_code=stage, matter_code=matter, priority=priority)
    xts = await state("XTS", "Splitland")
    for key, name, stage in (
        ("xts-court", "Splitland Court Office", "TRIAL"),
        ("xts-enforcement", "Splitland Enforcement Office", "EXECUTION"),
    ):
        a = await f.authority(xts, key, name)
        await f.designation(a, "MLA", stage_code=stage)

    # conditions on the legal basis: when XTOC binds both, when no treaty does
    xbc = await state("XBC", "Conditia")
    moj = await f.authority(xbc, "xbc-moj", "Conditia Ministry of Justice")
    mfa = await f.authority(xbc, "xbc-mfa", "Conditia Ministry of Foreign Affairs")
    await f.designation(
        moj, "MLA", instrument_id=xtoc.id, basis_condition=BasisCondition.WHEN_IN_FORCE
    )
    await f.designation(mfa, "MLA", basis_condition=BasisCondition.NO_TREATY)
    await f.channel(
        xbc,
        "DIRECT_CENTRAL_AUTHORITY",
        instrument_id=xtoc.id,
        basis_condition=BasisCondition.WHEN_IN_FORCE,
    )
    await f.channel(
        xbc,
        "DIPLOMATIC",
        permission=ChannelPermission.REQUIRED,
        basis_condition=BasisCondition.NO_TREATY,
    )
    await f.language(xbc, "fr")
    await f.language(
        xbc,
        "en",
        preference=1,
        instrument_id=xtoc.id,
        basis_condition=BasisCondition.WHEN_IN_FORCE,
    )

    # unless a regional treaty binds both
    xreg = await f.instrument("XREG", in_force=dt.date(2010, 1, 1))
    xul = await state("XUL", "Unlessia")
    await f.participation(xul, xreg, dt.date(2011, 1, 1))
    xrr = await state("XRR", "Regionia")
    await f.participation(xrr, xreg, dt.date(2011, 1, 1))
    xrs = await state("XRS", "Signia")
    await f.participation(xrs, xreg, None)  # signed only
    ul_moj = await f.authority(xul, "xul-moj", "Unlessia Ministry of Justice")
    ul_pg = await f.authority(xul, "xul-pg", "Unlessia Prosecutor General")
    await f.designation(
        ul_moj, "MLA", instrument_id=xreg.id, basis_condition=BasisCondition.UNLESS_IN_FORCE
    )
    await f.designation(
        ul_pg, "MLA", instrument_id=xreg.id, basis_condition=BasisCondition.WHEN_IN_FORCE
    )

    # scope by requesting State and by group
    xrq = await f.session.scalar(select(Jurisdiction).where(Jurisdiction.code == "XRQ"))
    await f.group("XNET", [xrs])
    xnb = await state("XNB", "Neighbouria")
    for key, name, scope in (
        ("xnb-moj", "Neighbouria Ministry of Justice", {}),
        ("xnb-border", "Neighbouria Border Prosecutor", {"requesting_id": xrq.id}),
        ("xnb-net", "Neighbouria Network Office", {"requesting_group_code": "XNET"}),
    ):
        a = await f.authority(xnb, key, name)
        await f.designation(a, "MLA", **scope)
    await f.channel(xnb, "DIRECT_CENTRAL_AUTHORITY")
    await f.channel(xnb, "EMAIL", requesting_id=xrq.id, preference=1)
    await f.language(xnb, "en")

    # scope by measure; requirements
    xms = await state("XMS", "Measuria")
    ms_moj = await f.authority(xms, "xms-moj", "Measuria Ministry of Justice")
    court = await f.authority(xms, "xms-court", "Measuria Central Court Registry")
    await f.designation(ms_moj, "MLA")
    await f.designation(court, "MLA", measure_code="SERVICE_OF_DOCUMENTS", priority=1)
    await f.channel(xms, "DIRECT_CENTRAL_AUTHORITY")
    await f.channel(xms, "EMAIL", preference=1)
    await f.channel(
        xms,
        "EMAIL",
        measure_code="SERVICE_OF_DOCUMENTS",
        permission=ChannelPermission.NOT_ACCEPTED,
    )
    await f.language(xms, "en")
    await f.requirement(
        xms,
        "DUAL_CRIMINALITY",
        "REQUIRED",
        subject_code="MLA",
        measure_code="SEARCH_AND_SEIZURE",
        text="Coercive measures need dual criminality.",
    )
    await f.requirement(xms, "LIMITATION_OF_USE", "REQUIRED", text="Only for the case named.")
    await f.requirement(
        xms,
        "RECIPROCITY",
        "REQUIRED",
        basis_condition=BasisCondition.NO_TREATY,
        text="Without a treaty, a reciprocity guarantee.",
    )

    # languages only through an 18(14) notification; a 16(5) answer not recorded
    xln = await state("XLN", "Linguaria")
    ln = await f.authority(xln, "xln-moj", "Linguaria Ministry of Justice")
    await f.designation(ln, "MLA")
    await f.designation(ln, "EXTRADITION")
    await f.channel(xln, "DIRECT_CENTRAL_AUTHORITY")
    n = await f.notification(xln, p1814, NotificationStatus.NOTIFIED)
    await f.language(xln, "de", notification_id=n.id)
    await f.notification(
        xln, p165, NotificationStatus.NOTIFIED, extradition_basis=ExtraditionBasis.YES
    )
    xnu = await state("XNU", "Notifia")
    nu = await f.authority(xnu, "xnu-moj", "Notifia Ministry of Justice")
    await f.designation(nu, "EXTRADITION")
    await f.notification(xnu, p165, NotificationStatus.NOTIFIED)
