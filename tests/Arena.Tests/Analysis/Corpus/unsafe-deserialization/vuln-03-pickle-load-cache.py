import os
import pickle

MODEL_CACHE = "model.pkl"


def load_model():
    if os.path.exists(MODEL_CACHE):
        with open(MODEL_CACHE, "rb") as fh:
            return pickle.load(fh)
    return None
