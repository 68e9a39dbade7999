"""Texts of the web test store (a module of its own: every test directory has a conftest)."""

XSS = '<script>window.pwned=1</script><img src=x onerror="window.pwned=2">'
# front matter (not shown), a non-BMP character and a CRLF before the body's sentences
FRONT = "---\ntitle: Talks resume\n---\n"
BODY = "Caf\u00e9 talks \U0001F642 resumed.\r\nKyiv rejects any freeze of the line. Moscow is silent."
