"""The price lists shipped with answer-plan, as TOML files (load_tariff reads them by name)."""
