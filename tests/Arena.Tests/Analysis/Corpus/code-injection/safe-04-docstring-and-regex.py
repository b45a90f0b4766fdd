DANGEROUS = re.compile(r"\b(eval|exec)\s*\(")

def looks_dangerous(source):
    """Return True if SOURCE calls eval( or exec( directly."""
    return bool(DANGEROUS.search(source))
