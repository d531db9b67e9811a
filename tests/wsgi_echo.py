"""A WSGI app that answers with the prefix and path gunicorn gave it: test_script_prefix.py."""


def application(environ, start_response):
    body = f"SCRIPT_NAME={environ['SCRIPT_NAME']!r} PATH_INFO={environ['PATH_INFO']!r}".encode()
    start_response("200 OK", [("Content-Type", "text/plain"), ("Content-Length", str(len(body)))])
    return [body]
