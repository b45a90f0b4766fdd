def main():
    print("Simple calculator, type 'quit' to exit")
    while True:
        expr = input("> ")
        if expr == "quit":
            break
        print(eval(expr))


if __name__ == "__main__":
    main()
