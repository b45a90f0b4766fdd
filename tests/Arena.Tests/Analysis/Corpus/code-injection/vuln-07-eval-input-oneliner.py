numbers = eval(input("Enter a list of numbers: "))
print(sum(numbers) / len(numbers))
