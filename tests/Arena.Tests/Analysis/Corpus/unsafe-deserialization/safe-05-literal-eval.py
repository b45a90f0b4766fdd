import ast


def parse_settings(text):
    """Parse a dict literal such as "{'retries': 3, 'verbose': True}"."""
    value = ast.literal_eval(text)
    if not isinstance(value, dict):
        raise ValueError("expected a dict literal")
    return value
