"""Default settings; instance/config.py and MALPLAN_* environment variables override them."""

#: The store folder (None: MALPLAN_STORE or the user's data folder), or a Store object in tests.
STORE = None
#: Signs sessions and CSRF tokens. Without one (MALPLAN_SECRET_KEY), the app makes a random key at
#: each start: logins then end with a restart, but nobody can forge a session.
SECRET_KEY = None
#: The largest request body accepted (uploads of Word files).
MAX_CONTENT_LENGTH = 25 * 1024 * 1024
#: The password of the import page; without one, import is off.
ADMIN_PASSWORD = None
#: A SPARQL query is stopped after this many seconds, and its answer may be this many bytes at most.
SPARQL_TIMEOUT = 10
SPARQL_MAX_BYTES = 50_000_000
#: How many SPARQL queries run at once, each in a worker process of its own (without network, at a
#: lower priority than the pages). A query that finds them all busy for SPARQL_QUEUE_WAIT seconds
#: gets 503 with Retry-After at once, so queries hold at most SPARQL_WORKERS of the server's threads.
SPARQL_WORKERS = 2
SPARQL_QUEUE_WAIT = 0.5
#: The dataset's licence and a contact address in its description (DCAT), and the site's own root
#: URL there (None: the URL the request came to).
DATASET_LICENSE = "https://creativecommons.org/licenses/by/4.0/"
DATASET_CONTACT = None
SITE_URL = None
#: Set while `malplan publish` writes the static site: links to what needs the running app go.
STATIC_SITE = False
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_HTTPONLY = True
#: Send the session cookie over HTTPS only, named with the __Host- prefix. Set it
#: (MALPLAN_SESSION_COOKIE_SECURE=true) whenever people reach the app over HTTPS.
SESSION_COOKIE_SECURE = False
#: An admin login lasts this many seconds (8 hours), then the password is asked for again.
PERMANENT_SESSION_LIFETIME = 8 * 3600
#: Login attempts allowed per address (right and wrong alike), and wrong passwords from all
#: addresses together (Flask-Limiter's notation); past a limit the answer is 429 with Retry-After.
#: The second stops guessing from many addresses, at a price: someone with that many addresses
#: can keep the admin out for the hour. Empty (MALPLAN_LOGIN_LIMIT_ALL=) turns it off; a long
#: password (12 characters or more) makes guessing hopeless at the first limit alone.
LOGIN_LIMIT = "5 per minute;20 per hour"
LOGIN_LIMIT_ALL = "100 per hour"
#: Where login attempts and open logins are kept: memory:// serves one process; for several
#: processes, a storage they share (e.g. redis://host:6379, see the `limits` library's URIs).
RATELIMIT_STORAGE_URI = "memory://"
#: How many reverse proxies stand in front of the app (nginx: 1). Their X-Forwarded-For and
#: X-Forwarded-Proto then give the client's address (for the login limit) and https; with 0, a
#: client could name any address in those headers, so they are ignored.
TRUSTED_PROXIES = 0
#: A moving window: no burst of twice the limit where two fixed windows meet.
RATELIMIT_STRATEGY = "moving-window"
