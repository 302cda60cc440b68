"""Views are adapters: parse the request, call one query or action, render."""
