doc = minidom.parseString(xml_text)
names = [n.firstChild.data for n in doc.getElementsByTagName("name")]
