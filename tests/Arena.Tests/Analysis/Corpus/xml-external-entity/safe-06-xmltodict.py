doc = xmltodict.parse(response_text)
print(doc["feed"]["title"])
