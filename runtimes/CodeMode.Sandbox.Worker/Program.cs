Console.Error.WriteLine("x");
