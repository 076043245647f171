"""The directory in a browser: pages for practitioners, in the six UN languages.

    base.py       the per-request ``Page`` (language, session, principal), errors, caching
    i18n.py       the six languages, Accept-Language, catalogs compiled from ``locale/``
    labels.py     words for codes (vocabularies, enums, route warnings), translated
    params.py     every query parameter and form field, checked (hostile values → 400)
    session.py    signed session cookies and CSRF tokens
    sheets.py     what a State or authority page shows, read through the domain services
    pages.py      home, search, State, authority
    wizard.py     "Where do I send this?" and its answer (``routing.route``)
    signin.py     sign-in with an API token, sign-out
    people.py     sign-in as a person (password, second factor), invitations
    account.py    a person's sessions and tokens; the secretariat's accounts
    review.py     the secretariat's review desk: the queue, a request before/after, decisions
    treaty_facts.py  the secretariat's page of a State's participation and notifications
    treaty_forms.py  their forms (fields read and prefilled by fact_fields.py)
    desk.py       a State focal point's desk: its entries, gaps, requests; confirm
    desk_edit.py  the desk's forms (desk_forms shows, desk_read reads, desk_fields maps
                  errors to fields) and the basket of edits (basket.py) sent as one request
    monitoring.py the secretariat's coverage and freshness tables, and their CSV
    mails.py      the words of the e-mails, in the recipient's language
    downloads.py  the public data as CSV and JSON, with its licence
    pdf.py        PDFs (WeasyPrint): a State's sheet, the whole directory as an edition
    fonts.py      the six scripts' fonts, served from the machine's Noto files
    templates/    Jinja2; static/ the styles (screen and print)

Pages call the domain services directly, never GraphQL, with the reader's ``Principal``,
so the visibility gate is the API's. Nothing here is imported by a domain package.
"""

from __future__ import annotations

from functools import partial

from starlette.convertors import Convertor, register_url_convertor
from starlette.routing import BaseRoute, Mount, Route
from starlette.staticfiles import StaticFiles

from directory.web.account import (
    account_page,
    accounts_page,
    create_token_form,
    end_session_form,
    invite_form,
    revoke_token_form,
)
from directory.web.base import Web, not_found, page, root
from directory.web.desk import confirm_form, desk_page, request_page
from directory.web.desk_edit import basket_form, edit_form
from directory.web.downloads import download, downloads_page
from directory.web.fonts import serve_font
from directory.web.i18n import LANGUAGES
from directory.web.monitoring import monitoring_csv, monitoring_page
from directory.web.pages import authority_page, home, search_page, state_page
from directory.web.pdf import edition_pdf, state_pdf
from directory.web.people import invitation_page, sign_in_account
from directory.web.review import approve_form, reject_form, review_queue, review_request
from directory.web.signin import sign_in, sign_out
from directory.web.treaty_facts import facts_page
from directory.web.treaty_forms import notification_form, participation_form
from directory.web.wizard import answer_page, wizard_page

__all__ = ["Web", "not_found", "web_routes"]


class LanguageConvertor(Convertor[str]):
    """``{lang:lang}``: one of the six codes, so that any other first segment is no page
    (the router's 404: HTML for a browser, the API's JSON error for a client)."""

    regex = "|".join(LANGUAGES)

    def convert(self, value: str) -> str:
        return value

    def to_string(self, value: str) -> str:
        return value


register_url_convertor("lang", LanguageConvertor())


def web_routes(web: Web) -> list[BaseRoute]:
    return [
        Route("/", root, methods=["GET"]),
        Mount("/static", StaticFiles(packages=[("directory.web", "static")]), name="static"),
        Route("/fonts/{name}", serve_font(web.settings.fonts_dirs), methods=["GET"]),
        Route("/downloads/{name}", partial(download, web), methods=["GET"]),
        Route("/{lang:lang}/", page(web, home), methods=["GET"]),
        Route("/{lang:lang}/search", page(web, search_page), methods=["GET"]),
        Route("/{lang:lang}/states/{code}", page(web, state_page), methods=["GET"]),
        Route("/{lang:lang}/states/{code}/sheet.pdf", page(web, state_pdf), methods=["GET"]),
        Route("/{lang:lang}/states/{code}/facts", page(web, facts_page), methods=["GET"]),
        Route(
            "/{lang:lang}/states/{code}/facts/participation",
            page(web, participation_form),
            methods=["GET", "POST"],
        ),
        Route(
            "/{lang:lang}/states/{code}/facts/notification",
            page(web, notification_form),
            methods=["GET", "POST"],
        ),
        Route("/{lang:lang}/edition.pdf", page(web, edition_pdf), methods=["GET"]),
        Route("/{lang:lang}/downloads", page(web, downloads_page), methods=["GET"]),
        Route("/{lang:lang}/authorities/{key}", page(web, authority_page), methods=["GET"]),
        Route("/{lang:lang}/wizard", page(web, wizard_page), methods=["GET"]),
        Route("/{lang:lang}/answer", page(web, answer_page), methods=["GET"]),
        Route("/{lang:lang}/sign-in", page(web, sign_in), methods=["GET", "POST"]),
        Route("/{lang:lang}/sign-out", page(web, sign_out), methods=["POST"]),
        Route("/{lang:lang}/sign-in/account", page(web, sign_in_account), methods=["POST"]),
        Route(
            "/{lang:lang}/invitation/{secret}", page(web, invitation_page), methods=["GET", "POST"]
        ),
        Route("/{lang:lang}/account", page(web, account_page), methods=["GET"]),
        Route("/{lang:lang}/account/tokens", page(web, create_token_form), methods=["POST"]),
        Route(
            "/{lang:lang}/account/tokens/{id}/revoke",
            page(web, revoke_token_form),
            methods=["POST"],
        ),
        Route(
            "/{lang:lang}/account/sessions/{id}/end", page(web, end_session_form), methods=["POST"]
        ),
        Route("/{lang:lang}/accounts", page(web, accounts_page), methods=["GET", "POST"]),
        Route("/{lang:lang}/monitoring", page(web, monitoring_page), methods=["GET"]),
        Route("/{lang:lang}/monitoring.csv", page(web, monitoring_csv), methods=["GET"]),
        Route("/{lang:lang}/accounts/{id}/invite", page(web, invite_form), methods=["POST"]),
        Route("/{lang:lang}/review", page(web, review_queue), methods=["GET"]),
        Route("/{lang:lang}/review/{id}", page(web, review_request), methods=["GET"]),
        Route("/{lang:lang}/review/{id}/approve", page(web, approve_form), methods=["POST"]),
        Route("/{lang:lang}/review/{id}/reject", page(web, reject_form), methods=["POST"]),
        Route("/{lang:lang}/desk", page(web, desk_page), methods=["GET"]),
        Route("/{lang:lang}/desk/confirm", page(web, confirm_form), methods=["POST"]),
        Route("/{lang:lang}/desk/basket", page(web, basket_form), methods=["POST"]),
        Route("/{lang:lang}/desk/form/{what}", page(web, edit_form), methods=["GET", "POST"]),
        Route("/{lang:lang}/desk/requests/{id}", page(web, request_page), methods=["GET"]),
    ]
