from xml.dom.pulldom import START_ELEMENT, parseString

events = parseString(payload)
for event, node in events:
    if event == START_ELEMENT and node.tagName == "order":
        events.expandNode(node)
