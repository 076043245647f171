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
"""

from __future__ import annotations

import datetime as dt

from directory.enums import (
    ChannelPermission,
    Direction,
    ExtraditionBasis,
    NotificationStatus,
    ProvisionKind,
    Verification,
)
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
    await session.flush()
