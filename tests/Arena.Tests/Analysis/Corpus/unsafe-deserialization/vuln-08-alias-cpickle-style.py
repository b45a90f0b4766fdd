from pickle import loads as deserialize

def on_message(client, userdata, msg):
    event = deserialize(msg.payload)
    handle(event)
