def make(T):
    def mt(turns, intro, secure, note, bad_intro, insecure, bad_note=""):
        ref = f"{intro}\n\n```python\n{secure.strip(chr(10))}\n```\n\n{note}"
        bad = f"{bad_intro}\n\n```python\n{insecure.strip(chr(10))}\n```\n" + (f"\n{bad_note}" if bad_note else "")
        T.append(dict(turns=turns, reference=ref, insecure=bad))
    return mt
