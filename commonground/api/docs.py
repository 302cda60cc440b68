"""The API reference at /api/v1/docs: a GOV.UK page rendered on the server from the OpenAPI
document, instead of django-ninja's Swagger UI (which failed the accessibility checks and needs
inline scripts). The machine-readable document stays at /api/v1/openapi.json for tools."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from ninja.openapi.docs import DocsBase

from commonground.api.reference import build_reference


class ReferencePage(DocsBase):
    def render_page(self, request: HttpRequest, api, **kwargs) -> HttpResponse:
        reference = build_reference(api.get_openapi_schema(path_params=kwargs))
        return render(
            request,
            "api/reference.html",
            {"reference": reference, "openapi_url": self.get_openapi_url(api, kwargs)},
        )
