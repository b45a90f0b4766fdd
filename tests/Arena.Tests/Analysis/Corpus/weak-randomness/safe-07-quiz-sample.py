questions = random.sample(QUESTION_BANK, k=10)
for i, q in enumerate(questions, 1):
    print(f"{i}. {q['text']}")
