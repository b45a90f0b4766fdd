from lxml import etree

PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)


def parse_invoice(data: bytes):
    root = etree.fromstring(data, PARSER)
    return {child.tag: child.text for child in root}
