"""gunicorn settings (docs/deploy.md, section 6), sized for the 2-core machine; `bench/load.py`
uses them too. WEB_CONCURRENCY and GUNICORN_THREADS override the sizing.

Rendering a page is CPU work under the GIL: one process per core; a few threads per process
keep the core busy while a request waits on the database or Redis. More processes than cores
only add context switches and memory (measured: README, *Performance*).
"""

import os

wsgi_app = "hub.wsgi:application"
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", os.cpu_count() or 2))
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
# Behind nginx: short keep-alive, a request stuck for a minute is killed and logged.
keepalive = 5
timeout = 60
# Recycle workers now and then (a slow leak in a dependency cannot grow forever).
max_requests = 2000
max_requests_jitter = 200
