"""Default settings; instance/config.py and MALPLAN_* environment variables override them."""

#: The store folder (None: MALPLAN_STORE or the user's data folder), or a Store object in tests.
STORE = None
#: Signs sessions and CSRF tokens; set MALPLAN_SECRET_KEY in production.
SECRET_KEY = "change-me-in-instance-config"
#: The largest request body accepted (uploads of Word files).
MAX_CONTENT_LENGTH = 25 * 1024 * 1024
#: The password of the import page; without one, import is off.
ADMIN_PASSWORD = None
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_HTTPONLY = True
