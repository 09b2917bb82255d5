print("tertial")
