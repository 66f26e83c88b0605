"""Import of Word målplaner through the browser, behind the admin login, with CSRF protection
and the app's size limit. The import itself is the core's, atomic as on the command line.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from flask import Blueprint, redirect, render_template, request, url_for
from flask_babel import gettext as _

from malplan_graph import labels, render
from malplan_graph.word import importer

from . import logins
from .pages import language, store

bp = Blueprint("upload", __name__)

#: At most this many files in one upload.
MAX_FILES = 200


@bp.route("/login", methods=["GET", "POST"])
def login():
    if not logins.enabled():
        return render_template("upload/disabled.html"), 403
    error = None
    if request.method == "POST":
        # Guesses are slowed by the rate limit on this view (logins.init_app), not by sleeping.
        if logins.right_password(request.form.get("password", "")):
            logins.open_login()
            return redirect(url_for("upload.upload"))
        error = _("Wrong password.")
    return render_template("upload/login.html", error=error), 401 if error else 200


@bp.post("/logout")
def logout():
    logins.close_login()
    return redirect(url_for("pages.index"))


@bp.route("/import", methods=["GET", "POST"])
def upload():
    if not logins.enabled():
        return render_template("upload/disabled.html"), 403
    if not logins.is_admin():
        return redirect(url_for("upload.login"))
    if request.method == "GET":
        return render_template("upload/import.html", results=None)
    files = [item for item in request.files.getlist("files") if item and item.filename]
    if not files:
        return render_template("upload/import.html", results=None, error=_("Choose one or more Word files.")), 400
    if len(files) > MAX_FILES:
        return render_template(
            "upload/import.html", results=None, error=_("At most %(n)s files at a time.", n=MAX_FILES)
        ), 400
    dry_run = request.form.get("dry_run") == "1"
    with tempfile.TemporaryDirectory(prefix="malplan-upload-") as folder:
        paths = []
        for number, item in enumerate(files):
            # Keep the author's file name (it names the plan), but never a path.
            name = item.filename.replace("\\", "/").rsplit("/", 1)[-1].strip() or "upload.docx"
            target = Path(folder) / str(number)
            target.mkdir()
            item.save(target / name)
            paths.append(target / name)
        results = importer.import_plans(store(), paths, dry_run=dry_run)
    lang = language()
    return render_template(
        "upload/import.html",
        results=results,
        dry_run=dry_run,
        lang=lang,
        summary=render.import_summary(results, lang, dry_run),
        note_text=lambda note: render.note_text(note, lang),
        kind_of=lambda cls: labels.label(cls, lang),
    )


@bp.post("/import/accept")
def accept():
    """A suggestion of the import report accepted ("Mente du «…»?"): the created resource is
    merged into the candidate, its name kept as an alternative name (issue 11)."""
    if not logins.enabled():
        return render_template("upload/disabled.html"), 403
    if not logins.is_admin():
        return redirect(url_for("upload.login"))
    accepted = importer.accept_suggestion(
        store(), request.form.get("created", ""), request.form.get("candidate", ""), language()
    )
    return render_template("upload/import.html", results=None, accepted=accepted)
