print("quipu")
