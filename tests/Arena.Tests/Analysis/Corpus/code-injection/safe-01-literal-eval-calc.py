import ast


def main():
    raw = input("Enter a list of numbers: ")
    numbers = ast.literal_eval(raw)
    print(sum(numbers) / len(numbers))


if __name__ == "__main__":
    main()
