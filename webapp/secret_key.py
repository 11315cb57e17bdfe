"""The key that signs session cookies: from the configuration when it gives one, otherwise generated
once into the instance folder (kept out of git) and read back on every later start.

A key written in the code would let anyone with the source sign a cookie that says "the
administrator is logged in"."""
import os
import secrets
import tempfile

FILENAME = "secret_key"


def load_or_create(instance_path: str) -> str:
    path = os.path.join(instance_path, FILENAME)
    try:
        return _read(path)
    except FileNotFoundError:
        pass
    # Written whole to a temporary file, then linked into place: two processes starting at once
    # both try, one link wins, and both read the winner's key.
    fd, tmp = tempfile.mkstemp(dir=instance_path, prefix=".secret_key.")
    try:
        with os.fdopen(fd, "w") as out:  # mkstemp's file is readable by its owner only
            out.write(secrets.token_hex(32))
        try:
            os.link(tmp, path)
        except FileExistsError:
            pass
    finally:
        os.unlink(tmp)
    return _read(path)


def _read(path: str) -> str:
    with open(path) as f:
        key = f.read().strip()
    if len(key) < 32:
        raise RuntimeError(f"{path} holds no usable key: delete it to have a new one made")
    return key
