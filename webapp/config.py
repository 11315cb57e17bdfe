"""Configuration from the environment, with embedded SQLite as the default database."""
import os


def _flag(name: str) -> bool:
    return os.environ.get(name, "").strip().lower() in ("1", "true", "yes", "on")


def _int(name: str, default: int) -> int:
    return int(os.environ.get(name) or default)


def from_env(instance_path: str) -> dict:
    return {
        # None unless the environment gives one: create_app then keeps a generated key in the
        # instance folder (see webapp.secret_key). Never a key written in the code.
        "SECRET_KEY": os.environ.get("SECRET_KEY") or None,
        "SQLALCHEMY_DATABASE_URI": os.environ.get(
            "DATABASE_URL", f"sqlite:///{os.path.join(instance_path, 'zhucun.sqlite')}"),
        "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": True},
        "BABEL_DEFAULT_LOCALE": "zh_CN",
        # The jurisdiction's timezone: "today" for every rule, and the zone pages show times in.
        "TIMEZONE": os.environ.get("ZHUCUN_TIMEZONE", "Asia/Shanghai"),
        "BABEL_DEFAULT_TIMEZONE": os.environ.get("ZHUCUN_TIMEZONE", "Asia/Shanghai"),
        "LANGUAGES": ["zh_CN", "en"],
        "WTF_CSRF_TIME_LIMIT": None,
        "PER_PAGE": 20,
        # The session cookie: not sent on cross-site posts; only over HTTPS when the site is served
        # over TLS (ZHUCUN_SECURE_COOKIES=1), which a plain-HTTP local run cannot be.
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SECURE": _flag("ZHUCUN_SECURE_COOKIES"),
        # Reverse proxies in front of the app (X-Forwarded-For): the login limits count by address.
        "PROXY_HOPS": _int("ZHUCUN_PROXY_HOPS", 0),
        # Wrong passwords (README "Security settings"): slow down, then lock the username.
        "LOGIN_MAX_FAILURES": _int("ZHUCUN_LOGIN_MAX_FAILURES", 5),
        "LOGIN_WINDOW_MINUTES": _int("ZHUCUN_LOGIN_WINDOW_MINUTES", 15),
        "LOGIN_LOCK_MINUTES": _int("ZHUCUN_LOGIN_LOCK_MINUTES", 15),
        "LOGIN_SLOWDOWN_AFTER": _int("ZHUCUN_LOGIN_SLOWDOWN_AFTER", 3),
        "LOGIN_SLOWDOWN_SECONDS": _int("ZHUCUN_LOGIN_SLOWDOWN_SECONDS", 5),
        "LOGIN_ADDRESS_MAX_FAILURES": _int("ZHUCUN_LOGIN_ADDRESS_MAX_FAILURES", 20),
        "LOGIN_ADDRESS_WINDOW_MINUTES": _int("ZHUCUN_LOGIN_ADDRESS_WINDOW_MINUTES", 15),
    }
