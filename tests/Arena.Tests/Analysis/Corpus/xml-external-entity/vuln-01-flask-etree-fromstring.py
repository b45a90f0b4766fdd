import xml.etree.ElementTree as ET

from flask import Flask, jsonify, request

app = Flask(__name__)


@app.post("/import")
def import_items():
    root = ET.fromstring(request.data)
    items = [{"sku": e.get("sku"), "qty": int(e.findtext("qty", "0"))} for e in root.iter("item")]
    return jsonify(imported=len(items))
