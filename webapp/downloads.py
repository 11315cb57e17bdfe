"""Sending a stored document back: always as a download, never shown in the browser's page, with a
type the browser may not second-guess, under a name safe for the header."""
import io

from flask import send_file

from workflows import uploads


def send_document(document):
    # A type we did not check (files stored before contents were checked) goes as plain bytes.
    known = document.content_type in uploads.SIGNATURES
    response = send_file(io.BytesIO(document.data), mimetype=document.content_type if known else
                         "application/octet-stream", as_attachment=True,
                         download_name=uploads.clean_filename(document.filename, document.content_type))
    response.headers["X-Content-Type-Options"] = "nosniff"
    # Opened directly anyway (a PDF viewer tab), it runs no script and reaches nothing of ours.
    response.headers["Content-Security-Policy"] = "sandbox; default-src 'none'"
    return response


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def send_xlsx(book_or_bytes, name: str):
    """An .xlsx the product made (an openpyxl Workbook, or its bytes) as a download named `name`."""
    if not isinstance(book_or_bytes, bytes):
        out = io.BytesIO()
        book_or_bytes.save(out)
        book_or_bytes = out.getvalue()
    return send_file(io.BytesIO(book_or_bytes), as_attachment=True, mimetype=XLSX, download_name=name)
