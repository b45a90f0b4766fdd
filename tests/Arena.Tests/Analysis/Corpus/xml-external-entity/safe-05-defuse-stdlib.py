import defusedxml

defusedxml.defuse_stdlib()

import xml.etree.ElementTree as ET  # noqa: E402


def parse(data):
    return ET.fromstring(data)
