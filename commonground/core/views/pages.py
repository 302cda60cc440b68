from django.shortcuts import render


def start(request):
    return render(request, "pages/start.html")


def accessibility(request):
    return render(request, "pages/accessibility.html")


def privacy(request):
    return render(request, "pages/privacy.html")


def cookies(request):
    return render(request, "pages/cookies.html")
