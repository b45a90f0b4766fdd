model.load_state_dict(torch.load("weights.pt", weights_only=True))
model.eval()
with torch.no_grad():
    preds = model(batch).argmax(dim=1)
