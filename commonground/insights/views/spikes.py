"""Spike detection for analysts: weeks in which hate incidents in a borough (in all or one strand)
rose above their expected level. A thin adapter: read the method, call one query, render; when
the figures for the latest week are not worked out yet, ask the worker for them."""

from django.shortcuts import render

from commonground.core.access import scope_for
from commonground.core.roles import Permission
from commonground.core.views.staff import staff_view
from commonground.insights.actions.spikes import ask_for_spikes
from commonground.insights.forms.spikes import MethodForm
from commonground.insights.queries import spikes as queries


@staff_view(Permission.VIEW_INSIGHTS)
def spikes(request):
    scope = scope_for(request.user)
    form = MethodForm(request.GET)
    data = None
    if form.is_valid():
        method = form.cleaned_data["method"] or "farrington"
        data = queries.spikes_page(scope, method=method)
        if data.needs_refresh:
            ask_for_spikes(actor=request.user, method=method)
    return render(request, "insights/staff/spikes.html", {"form": form, "data": data, "page": "spikes"})
