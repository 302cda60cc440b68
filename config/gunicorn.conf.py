# Production web server settings; every value can be overridden on the command line.
import os

bind = os.environ.get("BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
threads = int(os.environ.get("WEB_THREADS", "4"))
worker_class = "gthread"
timeout = 30
# Keep idle connections from the proxy (or a load test) open longer than their clients' reuse
# window, so a reused connection is never closed under them.
keepalive = int(os.environ.get("WEB_KEEPALIVE", "75"))
accesslog = "-"
# Never log query strings. Status links carry secrets in their path: the logger redacts them
# (/status/[redacted]/) from every access and error line.
access_log_format = '%(h)s "%(m)s %(U)s %(H)s" %(s)s %(b)s %(L)ss'
logger_class = "config.gunicorn_logging.RedactingLogger"
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
