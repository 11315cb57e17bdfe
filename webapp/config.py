"""Configuration from the environment, with embedded SQLite as the default database."""
import os


def from_env(instance_path: str) -> dict:
    return {
        "SECRET_KEY": os.environ.get("SECRET_KEY", "dev-only-change-me"),
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
    }
