"""The coordination register in and out as HXL-tagged tables (CSV and XLSX), read through the
HXL standard's own library (libhxl)."""
