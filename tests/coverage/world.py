"""A small world whose coverage is known by heart, for the coverage tests of every surface.

XAA (WEOG)     UNTOC party (dated), UNCAC signatory; 16(5) and 18(13) notified, 18(14)
               not notified; an MLA central authority designated under 18(13), confirmed
               10 days ago; an extradition authority never confirmed and relayed by a
               secondary source; a retired authority (never counted); a channel rule
               citing no source
XBB (AFRICAN)  UNTOC party, date unknown; 16(5) status unknown (unverified); an MLA
               authority not tied to 18(13), confirmed 400 days ago (stale)
XCC (AFRICAN)  nothing at all
XDD            a territory of XAA, no regional group, nothing
"""

from __future__ import annotations

import datetime as dt

from directory.authorities import models as am
from directory.enums import (
    AuthorityStatus,
    ChannelPermission,
    Direction,
    JurisdictionKind,
    NotificationStatus,
    ProvisionKind,
    RegionalGroup,
    Verification,
)
from tests.authorities.factories import Factory

AS_OF = dt.date(2026, 12, 1)
STALE_AFTER = 365
CODES = ("XAA", "XBB", "XCC", "XDD")


async def build(make: Factory) -> None:
    untoc = await make.instrument("UNTOC")
    uncac = await make.instrument("UNCAC")
    p16 = await make.provision(untoc, "16(5)", ProvisionKind.EXTRADITION_BASIS, "EXTRADITION")
    p13 = await make.provision(untoc, "18(13)", ProvisionKind.AUTHORITY, "MLA")
    p14 = await make.provision(untoc, "18(14)", ProvisionKind.LANGUAGES, "MLA")

    xaa = await make.jurisdiction("XAA", "Atlantis", regional_group=RegionalGroup.WEOG)
    xbb = await make.jurisdiction("XBB", "Borduria", regional_group=RegionalGroup.AFRICAN)
    await make.jurisdiction("XCC", "Carpania", regional_group=RegionalGroup.AFRICAN)
    await make.jurisdiction("XDD", "Dunmore", kind=JurisdictionKind.TERRITORY, parent=xaa)

    await make.participation(xaa, untoc, consent_on=dt.date(2004, 1, 2))
    await make.participation(xaa, uncac, signed_on=dt.date(2004, 1, 3))
    await make.participation(xbb, untoc, party_date_unknown=True)
    await make.notification(xaa, p16)
    await make.notification(xaa, p13)
    await make.notification(xaa, p14, status=NotificationStatus.NOT_NOTIFIED)
    await make.notification(
        xbb, p16, status=NotificationStatus.UNKNOWN, verification=Verification.UNKNOWN
    )

    central = await make.authority(
        xaa, "Atlantis Central Authority", last_confirmed_on=AS_OF - dt.timedelta(days=10)
    )
    await make.designation(central, "MLA", provision=p13, direction=Direction.INCOMING)
    extradition = await make.authority(
        xaa, "Atlantis Extradition Office", verification=Verification.SECONDARY
    )
    await make.designation(extradition, "EXTRADITION")
    retired = await make.authority(
        xaa, "Old Office", status=AuthorityStatus.RETIRED, verification=Verification.UNKNOWN
    )
    await make.designation(retired, "MLA", provision=p13)
    await make.vocabulary(am.ChannelKind, "DIPLOMATIC")
    make.session.add(  # no source cited: counts as unverified
        am.ChannelRule(
            jurisdiction_id=xaa.id,
            channel_code="DIPLOMATIC",
            permission=ChannelPermission.ACCEPTED,
            verification=Verification.OFFICIAL,
        )
    )

    ministry = await make.authority(
        xbb, "Borduria Ministry of Justice", last_confirmed_on=AS_OF - dt.timedelta(days=400)
    )
    await make.designation(ministry, "MLA")
    await make.session.flush()
