"""The guide's page template (`assets/jupyter/voila/templates/milia`), installed where Voila looks for templates.

Voila finds a page template by its name in the Jupyter data folders (`share/jupyter/voila/templates/<name>`,
the way published Voila templates are installed), so plain `voila notebooks/guide.ipynb`, JupyterLab's Voila
preview and Binder find this one with no start script once it is there. The guide is installed editable (its
words, pictures and notebooks stay in this repository), and an editable install copies no data files, so
`install()` links the repository's template into the environment's data folder: `make install` and Binder's
`postBuild` run `python -m milia_kit.page_template`; `serve.py` checks it before the guide starts.
"""
from __future__ import annotations

import sys
from pathlib import Path

from .paths import ASSETS

NAME = "milia"
SOURCE = ASSETS / "jupyter" / "voila" / "templates" / NAME


class TemplateNotInstalled(RuntimeError):
    pass


def found() -> Path | None:
    """The `milia` template Voila would use (the first on the Jupyter data path), if any."""
    from jupyter_core.paths import jupyter_path

    for folder in jupyter_path("voila", "templates"):
        candidate = Path(folder) / NAME
        if (candidate / "index.html.j2").is_file():
            return candidate
    return None


def target(prefix: str | Path = sys.prefix) -> Path:
    return Path(prefix) / "share" / "jupyter" / "voila" / "templates" / NAME


def install(prefix: str | Path = sys.prefix) -> Path:
    """Link this repository's template into `prefix`'s Jupyter data folder (once; again if it points elsewhere)."""
    link = target(prefix)
    if link.is_symlink() and link.resolve() == SOURCE.resolve():
        return link
    if link.is_symlink() or link.is_file():
        link.unlink()  # a link to an older copy of the repository
    elif link.exists():
        raise TemplateNotInstalled(f"{link} is a folder, not this guide's template: move it away and run "
                                   "`make install` again")
    link.parent.mkdir(parents=True, exist_ok=True)
    link.symlink_to(SOURCE, target_is_directory=True)
    return link


def require_installed() -> Path:
    """The template Voila will use; installed first if missing. Raises `TemplateNotInstalled` with one plain line."""
    where = found()
    if where and where.resolve() == SOURCE.resolve():
        return where
    if where:
        raise TemplateNotInstalled(f"Voila would use another page template named {NAME!r} ({where}): remove it, "
                                   "then run `make install`")
    try:
        return install()
    except OSError as error:
        raise TemplateNotInstalled(f"the guide's page template could not be installed at {target()} ({error}): "
                                   "run `make install`") from error


if __name__ == "__main__":
    print(f"the guide's page template: {install()} -> {SOURCE}")
