import xml.etree.ElementTree as ET


def to_xml(items):
    root = ET.Element("items")
    for item in items:
        node = ET.SubElement(root, "item", sku=item["sku"])
        ET.SubElement(node, "qty").text = str(item["qty"])
    return ET.tostring(root, encoding="unicode")
