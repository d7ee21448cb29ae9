"""Link and image addresses in the one form two captures can be compared in.

The same target written two ways must compare equal, or every capture would "change" every link:
relative hrefs are made absolute against `<base href>` or the page's URL; scheme and host are
lower-cased, default ports, a trailing `/` and the fragment dropped, `http` read as `https` (a
site moving to TLS retargets nothing); tracking parameters (`utm_*`, `fbclid`, `gclid`, ...)
and cache-busters (`v=`, `ver=`, `_=`, `cb=`, a numeric `t=`) are dropped and the remaining
query is sorted. So are what names a visitor's session rather than the target (`_SESSION`: in
the path, `;jsessionid=…`, ASP.NET's `/(S(…))/`, or in the query) and an image style's signature
(Drupal's `itok`), a form's anti-forgery token (`_CSRF`: `?_token=`, Magento's
`/form_key/…/`) and a signed URL's signature, expiry and credential (`_SIGNED`: S3's
`X-Amz-*`, CloudFront's `Expires`/`Signature`/`Key-Pair-Id`, Google's `X-Goog-*`, an Azure SAS
token): they change with every visit or every hour, never with the object. An image's numeric
resize parameters (`_RESIZE`: `w=`, `h=`, `dpr=`…) are dropped from image sources only, where
they ask for the same picture at another size.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, quote, unquote, urlencode, urljoin, urlsplit, urlunsplit

_TRACKING = frozenset(
    "fbclid gclid dclid gbraid wbraid msclkid yclid mc_cid mc_eid _ga _gl _hsenc _hsmi "
    "mkt_tok igshid oly_anon_id oly_enc_id vero_id".split()
)
_BUSTERS = frozenset("v ver version _ cb cachebuster cache_buster nocache rev".split())
_NUMERIC = frozenset("t ts timestamp".split())  # cache-busters only when the value is a number
# Cache-busters are dropped from the files a page loads (styles, scripts, images, fonts), never
# from a page's address: `watch?v=…` (a video) and `viewtopic.php?t=…` (a topic) name the target
_ASSETS = frozenset(
    "css js mjs png jpg jpeg gif svg webp avif ico bmp woff woff2 ttf otf eot".split()
)
# The one list of session ids (Java, PHP, ASP, ColdFusion, osCommerce, Zen Cart, Moodle…): they
# change with the visitor, never with the target. `sid` only when its value is a token of
# letters and digits (a numeric `sid` is a record, as LimeSurvey's survey; a word, a section);
# ASP's `ASPSESSIONIDxxxxxxxx` by its prefix.
_SESSION = frozenset(
    "jsessionid phpsessid sessionid session_id sessid sid cfid cftoken oscsid zenid sesskey".split()
)
_SESSION_PREFIX = "aspsessionid"
# a random token: 6+ letters and digits that alternate at least 3 times ("8f3a2c", not
# "sport2024")
_TOKEN = re.compile(r"[A-Za-z0-9_-]{6,}")
_SWITCH = re.compile(r"[A-Za-z](?=\d)|\d(?=[A-Za-z])")
# Drupal's image style signature (changes with the site's key) and Akamai's edge-auth tokens
_TOKENS = frozenset("itok hdnts hdnea __token__".split())
# A form's anti-forgery token (Laravel, Django, Rails, ASP.NET, WordPress's nonce, Magento) is
# per visitor, like a session id
_CSRF = frozenset(
    "_token csrf _csrf csrf_token csrftoken csrfmiddlewaretoken authenticity_token "
    "__requestverificationtoken form_key _wpnonce".split()
)
# A signed URL's signature, its expiry and whose key signed it: a fresh URL for the same object
# every hour. Prefixes of AWS SigV4 and Google's V4 signing; the rest only beside a signature
# (`Expires` or `sp` alone may be the target's own)
_SIGNED_PREFIXES = ("x-amz-", "x-goog-")
_SIGNATURES = frozenset("signature sig x-amz-signature x-goog-signature".split())
_SIGNED = frozenset(
    "signature expires key-pair-id policy awsaccesskeyid googleaccessid "  # CloudFront, S3/GCS v2
    "sig sv ss srt sp se st spr sr si sip skoid sktid skt ske sks skv sdd".split()  # Azure SAS
)
# image resize parameters (Drupal, imgix, WordPress Photon, Cloudinary-like services), dropped
# from images only and only when numeric ("300", "1.5", "300,200"): `fit=crop` stays
_RESIZE = frozenset("w h width height dpr q quality resize fit".split())
_RESIZE_VALUE = re.compile(r"[\d.,x%]+")
_PATH_SESSION = re.compile(
    r";(?:" + "|".join(sorted(_SESSION)) + rf"|{_SESSION_PREFIX}\w*)=[^/;?#]*"
    r"|(?<=/)\((?:[A-Z]\([^()/]*\))+\)/"  # ASP.NET cookieless: /(S(lit3py55t21z5v55vl))/page
    r"|/form_key/[^/;?#]+(?=/|$)",  # Magento's anti-forgery key as a path parameter
    re.IGNORECASE,
)
_SKIP_SCHEMES = ("javascript:", "data:", "about:", "blob:")
_SAFE_PATH = "/%:@!$&'()*+,;=-._~"


def normalize_url(href: str, base: str | None = None, *, image: bool = False) -> str | None:
    """The comparison form of `href` (see the module docstring); None for what is no target
    (empty, `javascript:`, `data:`, a bare `#fragment` on the page itself). `image`: an
    image's `src`, whose resize parameters are no part of the picture."""
    href = "".join(href.split()) if any(c in href for c in "\t\n\r") else href.strip()
    if not href or href.startswith("#") or href.lower().startswith(_SKIP_SCHEMES):
        return None
    if base:
        try:
            href = urljoin(base, href)
        except ValueError:
            pass
    try:
        parts = urlsplit(href)
        port = parts.port
    except ValueError:
        return href
    scheme = parts.scheme.lower()
    if scheme == "mailto":
        return f"mailto:{unquote(parts.path).strip().lower()}"
    if scheme == "tel":
        return f"tel:{parts.path}"
    host = (parts.hostname or "").rstrip(".")
    if scheme == "http":
        scheme = "https"
    netloc = host
    if port and not (scheme == "https" and port in (80, 443)):
        netloc = f"{host}:{port}"
    path = parts.path
    if ";" in path or "(" in path or "form_key/" in path:
        path = _PATH_SESSION.sub("", path)
    path = quote(unquote(path), safe=_SAFE_PATH)
    if len(path) > 1 and path.endswith("/"):
        path = path.rstrip("/") or "/"  # /local and /local/ are one page on every real server
    path = path or ("/" if host else "")
    asset = image or path.rpartition("/")[2].rpartition(".")[2].lower() in _ASSETS
    kept = _kept(parts.query, image, asset)
    query = urlencode(sorted(kept), doseq=True, quote_via=quote, safe="/:,@")
    return urlunsplit((scheme, netloc, path, query, ""))


def _kept(query: str, image: bool = False, asset: bool = False) -> list[tuple[str, str]]:
    out = []
    pairs = parse_qsl(query, keep_blank_values=True)
    signed = any(k.lower() in _SIGNATURES for k, _ in pairs)
    for key, value in pairs:
        k = key.lower()
        if k.startswith("utm_") or k in _TRACKING or k in _TOKENS or k in _CSRF:
            continue
        if k.startswith(_SIGNED_PREFIXES) or (signed and k in _SIGNED):
            continue
        if asset and (k in _BUSTERS or (k in _NUMERIC and value.isdigit())):
            continue
        if (k in _SESSION and (k != "sid" or _token(value))) or k.startswith(
            _SESSION_PREFIX
        ):
            continue
        if image and k in _RESIZE and _RESIZE_VALUE.fullmatch(value):
            continue
        out.append((key, value))
    return out


def _token(value: str) -> bool:
    return bool(_TOKEN.fullmatch(value)) and len(_SWITCH.findall(value)) >= 3


_SRCSET_FIRST = re.compile(r"\s*([^\s,]+)")


def srcset_first(srcset: str) -> str | None:
    """The first candidate of a `srcset` ("a.jpg 1x, b.jpg 2x" → "a.jpg")."""
    m = _SRCSET_FIRST.match(srcset or "")
    return m.group(1) if m else None
