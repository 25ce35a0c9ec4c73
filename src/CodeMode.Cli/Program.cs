using CodeMode.Cli;

return await CodeModeCli.InvokeAsync(args, Console.Out, Console.Error);
