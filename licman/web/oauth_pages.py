"""The HTML pages of the OAuth2 authorization endpoint: consent, and errors that must not be
sent back to an unverified redirect URI. Every value is escaped; the pages load nothing and
cannot be framed."""

from __future__ import annotations

from html import escape
from urllib.parse import urlsplit

from starlette.responses import HTMLResponse

from licman.security.permissions import SCOPE_DESCRIPTIONS

_STYLE = """
body{font:15px/1.5 system-ui,sans-serif;background:#f8fafc;color:#0f172a;margin:0}
main{max-width:30rem;margin:4rem auto;background:#fff;border:1px solid #e2e8f0;
border-radius:.5rem;padding:1.5rem 2rem}
h1{font-size:1.25rem;margin:0 0 1rem}ul{padding-left:1.2rem}li{margin:.4rem 0}
code{background:#f1f5f9;padding:0 .25rem;border-radius:.25rem}
.who,.note{color:#475569;font-size:.9rem}
.actions{display:flex;gap:.75rem;margin-top:1.5rem}
button{font:inherit;padding:.5rem 1.25rem;border-radius:.375rem;border:1px solid #cbd5e1;
background:#fff;cursor:pointer}
button[value=allow]{background:#4f46e5;border-color:#4f46e5;color:#fff}
"""


def _origin(uri: str) -> str:
    parts = urlsplit(uri)
    return f"{parts.scheme}://{parts.netloc}"


def _page(title: str, body: str, status: int, form_target: str | None = None) -> HTMLResponse:
    # form-action also governs where the form's redirect may lead (Chromium checks it), so
    # it names the one redirect URI's origin that was verified for this request.
    form_action = f"'self' {_origin(form_target)}" if form_target else "'none'"
    csp = (
        "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; base-uri 'none'; "
        f"form-action {form_action}; frame-ancestors 'none'"
    )
    html = (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width,initial-scale=1">'
        f"<title>{escape(title)} · Licman</title><style>{_STYLE}</style></head>"
        f"<body><main>{body}</main></body></html>"
    )
    return HTMLResponse(
        html,
        status_code=status,
        headers={
            "content-security-policy": csp,
            "x-frame-options": "DENY",
            "cache-control": "no-store",
            # Not "no-referrer": with it, browsers send "Origin: null" on the consent POST,
            # which the origin check must refuse. Same-origin still leaks nothing elsewhere.
            "referrer-policy": "same-origin",
        },
    )


def consent_page(
    *,
    client_name: str,
    scopes: list[str],
    user_name: str,
    user_email: str,
    redirect_uri: str,
    csrf_token: str,
) -> HTMLResponse:
    items = "".join(
        f"<li><code>{escape(s)}</code>: {escape(SCOPE_DESCRIPTIONS.get(s, s))}</li>" for s in scopes
    )
    who = f"{escape(user_name)} ({escape(user_email)})" if user_name else escape(user_email)
    body = (
        f"<h1>Allow {escape(client_name)} to use Licman as you?</h1>"
        f'<p class="who">Signed in as <strong>{who}</strong>.</p>'
        f"<p><strong>{escape(client_name)}</strong> asks to:</p><ul>{items}</ul>"
        '<p class="note">It acts as you and can never do more than you can. You can revoke '
        "it at any time under My account, Authorised apps. Either way you go back to "
        f"<code>{escape(_origin(redirect_uri))}</code>.</p>"
        '<form method="post">'
        f'<input type="hidden" name="csrf_token" value="{escape(csrf_token)}">'
        '<div class="actions"><button type="submit" name="decision" value="allow">Allow</button>'
        '<button type="submit" name="decision" value="deny">Deny</button></div></form>'
    )
    return _page(f"Allow {client_name}", body, 200, form_target=redirect_uri)


def error_page(message: str, status: int = 400) -> HTMLResponse:
    body = (
        "<h1>This sign-in link does not work</h1>"
        f"<p>{escape(message)}</p>"
        '<p class="note">Go back to the application and start again. If it keeps happening, '
        "tell whoever runs the application: its OAuth2 settings in Licman may be wrong.</p>"
    )
    return _page("Authorization refused", body, status)
