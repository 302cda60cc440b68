"""Forms of the tension app, one module per part of it. Import from the module, not from here."""
