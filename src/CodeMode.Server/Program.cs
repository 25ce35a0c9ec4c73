Console.WriteLine("placeholder until the server lands");
