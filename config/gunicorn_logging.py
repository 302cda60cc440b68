"""The web server's logger: access and error lines never carry a status link's secret.

Every atom of the access log format (the path, the request line, the referrer, headers and
environ values alike) is redacted, so changing `access_log_format` cannot bring a secret back."""

from gunicorn.glogging import Logger

from commonground.core.log_redaction import RedactStatusLinks, redact


class RedactingLogger(Logger):
    def setup(self, cfg):
        super().setup(cfg)
        for log in (self.error_log, self.access_log):
            if not any(isinstance(existing, RedactStatusLinks) for existing in log.filters):
                log.addFilter(RedactStatusLinks())

    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        return {key: redact(value) if isinstance(value, str) else value for key, value in atoms.items()}
