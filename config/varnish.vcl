# Varnish 7 in front of the app (docs/deploy.md). Needs the xkey vmod (Debian: varnish-modules).
# The app marks what may be cached with Cache-Control s-maxage and names its tags in xkey;
# on a change it sends PURGE with the changed tags in xkey-purge (FRONTEND_CACHES).
vcl 4.1;

import xkey;

backend default {
    .host = "127.0.0.1";
    .port = "8000";
}

acl purgers {
    "localhost";
    "127.0.0.1";
    "::1";
}

sub vcl_recv {
    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(403, "Forbidden"));
        }
        if (!req.http.xkey-purge) {
            return (synth(400, "No xkey-purge header"));
        }
        set req.http.n-gone = xkey.purge(req.http.xkey-purge);
        return (synth(200, "Purged " + req.http.n-gone));
    }
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    # The admin, its previews, sign-in and language switching are never cached.
    if (req.url ~ "^/(admin|i18n)(/|$)" || req.url ~ "preview") {
        return (pass);
    }
    # A signed-in editor (session), a form in progress (CSRF) or a message: never cached.
    if (req.http.Cookie ~ "(^|;\s*)(__Host-)?(sessionid|csrftoken|messages)=" || req.http.Authorization) {
        return (pass);
    }
    # "/" sends readers to their language by its cookie; every other page ignores cookies.
    if (req.url == "/") {
        return (pass);
    }
    unset req.http.Cookie;
    return (hash);
}

sub vcl_backend_response {
    # Only what the app marked for shared caches, and never an answer that sets a cookie.
    if (beresp.http.Set-Cookie || beresp.http.Cache-Control !~ "s-maxage") {
        set beresp.uncacheable = true;
        set beresp.ttl = 0s;
        return (deliver);
    }
}

sub vcl_deliver {
    if (obj.hits > 0) {
        set resp.http.X-Frontend-Cache = "hit";
    } else {
        set resp.http.X-Frontend-Cache = "miss";
    }
}
