"""How much one request, and one case's documents, may carry. Each is a configuration value with a
default (README, "Limits"); the environment can set them for a deployment."""
import os

from flask import Flask, current_app, has_app_context

from workflows import uploads

MB = 1024 * 1024

# key: (default, environment variable, how many bytes one unit of the variable is)
SETTINGS = {
    # One request, in bytes: a 10 MB document sent as base64 JSON takes about 13.4 MB.
    "MAX_CONTENT_LENGTH": (16 * MB, "ZHUCUN_MAX_REQUEST_MB", MB),
    # Documents one case may keep: how many, and how many MB in all.
    "CASE_DOCUMENTS_MAX": (10, "ZHUCUN_CASE_DOCUMENTS_MAX", 1),
    "CASE_DOCUMENTS_MAX_MB": (30, "ZHUCUN_CASE_DOCUMENTS_MAX_MB", 1),
}


def configure(app: Flask) -> None:
    """Fill the limits the configuration leaves unset, and let the workflows read the case limits."""
    for key, (default, variable, unit) in SETTINGS.items():
        if app.config.get(key) is None:
            from_env = os.environ.get(variable)
            app.config[key] = int(from_env) * unit if from_env else default
    uploads.configure(_case_limits)


def _case_limits() -> uploads.CaseLimits:
    if not has_app_context():  # the workflows run on a plain session too (scripts, tests): the defaults
        return uploads.CaseLimits()
    config = current_app.config
    return uploads.CaseLimits(config["CASE_DOCUMENTS_MAX"], config["CASE_DOCUMENTS_MAX_MB"] * MB)
