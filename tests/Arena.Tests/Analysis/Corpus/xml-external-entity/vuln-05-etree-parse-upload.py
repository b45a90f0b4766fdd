tree = ET.parse(uploaded_file)
for node in tree.getroot().findall("./user"):
    print(node.get("id"))
