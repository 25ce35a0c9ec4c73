namespace CodeMode.Runtimes.JavaScript.Compilation;

/// <summary>An ES2015+ construct found in the code: where it starts, what it is, and how to write it in ES5.</summary>
internal readonly record struct ModernSyntaxFinding(int Index, string Feature, string Instead);
