"""Views of the insights app: public statistics, editions and staff dashboards."""
