"""Calls to this profile's api-gateway, signed with SigV4 like the aws CLI signs them (standard
library only, so it runs wherever python3 does). Used by `./runway logs <service>` and
`./runway metrics`.

Environment: RUNWAY_ENDPOINT (http://127.0.0.1:<api-gateway port>), RUNWAY_REGION,
RUNWAY_ACCESS_KEY_ID, RUNWAY_SECRET_ACCESS_KEY.
"""
import datetime
import hashlib
import hmac
import json
import os
import sys
import urllib.error
import urllib.parse
import urllib.request


class ApiError(Exception):
    """An error answer of the API: its type and message."""

    def __init__(self, error_type, message):
        super().__init__("%s: %s" % (error_type, message))
        self.error_type = error_type


def _hmac(key, msg):
    return hmac.new(key, msg.encode(), hashlib.sha256).digest()


def _quote(s):
    return urllib.parse.quote(s, safe="-_.~")


def call(method, path, service, query=None, body=None, headers=None):
    """One signed request; the answer's JSON, ApiError for an error answer, or exits when the gateway is away."""
    endpoint = os.environ["RUNWAY_ENDPOINT"].rstrip("/")
    region = os.environ["RUNWAY_REGION"]
    payload = b"" if body is None else json.dumps(body).encode()
    now = datetime.datetime.now(datetime.timezone.utc)
    amz_date, day = now.strftime("%Y%m%dT%H%M%SZ"), now.strftime("%Y%m%d")
    signed_headers = {k.lower(): v for k, v in (headers or {}).items()}
    signed_headers.update({"host": endpoint.split("://", 1)[1], "x-amz-date": amz_date})
    names = ";".join(sorted(signed_headers))
    pairs = sorted((_quote(k), _quote(str(v))) for k, v in (query or {}).items())
    canonical_query = "&".join(k + "=" + v for k, v in pairs)
    canonical = "\n".join([method, path, canonical_query]
                          + [k + ":" + signed_headers[k].strip() for k in sorted(signed_headers)]
                          + ["", names, hashlib.sha256(payload).hexdigest()])
    scope = "/".join([day, region, service, "aws4_request"])
    to_sign = "\n".join(["AWS4-HMAC-SHA256", amz_date, scope, hashlib.sha256(canonical.encode()).hexdigest()])
    key = _hmac(_hmac(_hmac(_hmac(("AWS4" + os.environ["RUNWAY_SECRET_ACCESS_KEY"]).encode(), day), region),
                      service), "aws4_request")
    signed_headers["authorization"] = "AWS4-HMAC-SHA256 Credential=%s/%s, SignedHeaders=%s, Signature=%s" % (
        os.environ["RUNWAY_ACCESS_KEY_ID"], scope, names, hmac.new(key, to_sign.encode(), hashlib.sha256).hexdigest())
    url = endpoint + path + ("?" + canonical_query if canonical_query else "")
    request = urllib.request.Request(url, data=payload if body is not None else None, headers=signed_headers,
                                     method=method)
    try:
        with urllib.request.urlopen(request, timeout=30) as answer:
            return json.load(answer)
    except urllib.error.HTTPError as e:
        try:
            error = json.load(e)
        except ValueError:
            raise ApiError(str(e.code), e.reason)
        raise ApiError(error.get("__type", str(e.code)), error.get("message", error.get("Message", "")))
    except urllib.error.URLError as e:
        sys.exit("error: the api-gateway at %s does not answer (%s); ./runway status shows what runs"
                 % (endpoint, e.reason))


def json_call(target, body):
    """An AWS JSON-protocol operation on POST /: App Runner (JSON 1.0) or CloudWatch Logs (JSON 1.1)."""
    logs = target.startswith("Logs_")
    return call("POST", "/", "logs" if logs else "apprunner", body=body, headers={
        "Content-Type": "application/x-amz-json-1.1" if logs else "application/x-amz-json-1.0",
        "X-Amz-Target": target})
