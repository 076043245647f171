"""Factories of the accounts domain: bearer tokens for the HTTP tests, one per caller of the
role matrix, issued through the accounts service."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from directory.accounts.permissions import Role
from directory.accounts.tokens import create_token
from tests.editing.factories import World

BAD_TOKEN = "dcna_forged-and-unknown"


async def tokens_for(session: AsyncSession, world: World) -> dict[str, str | None]:
    """One raw token per caller of the role matrix; ``public`` is None (no header) and
    ``bad`` a well-formed token that was never issued."""

    async def make(role: Role, jurisdiction: str | None = None) -> str:
        issued = await create_token(
            session,
            world.secretariat,
            name=f"{role}-{jurisdiction}",
            role=role,
            jurisdiction=jurisdiction,
        )
        return issued.raw

    return {
        "public": None,
        "bad": BAD_TOKEN,
        "practitioner": await make(Role.PRACTITIONER),
        "editor_fra": await make(Role.STATE_EDITOR, "FRA"),
        "editor_chn": await make(Role.STATE_EDITOR, "CHN"),
        "editor_deu": await make(Role.STATE_EDITOR, "DEU"),
        "secretariat": await make(Role.SECRETARIAT),
    }
