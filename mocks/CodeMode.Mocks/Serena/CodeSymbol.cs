namespace CodeMode.Mocks.Serena;

/// <summary>One symbol of a file, as Serena's language server reports it: LSP kind, name path, 0-based line range.</summary>
internal sealed class CodeSymbol
{
    public static readonly Dictionary<int, string> KindNames = new()
    {
        [1] = "File", [2] = "Module", [3] = "Namespace", [4] = "Package", [5] = "Class", [6] = "Method", [7] = "Property",
        [8] = "Field", [9] = "Constructor", [10] = "Enum", [11] = "Interface", [12] = "Function", [13] = "Variable",
        [14] = "Constant", [15] = "String", [16] = "Number", [17] = "Boolean", [18] = "Array", [19] = "Object", [20] = "Key",
        [21] = "Null", [22] = "EnumMember", [23] = "Struct", [24] = "Event", [25] = "Operator", [26] = "TypeParameter",
    };

    public required string Name { get; init; }

    public required int Kind { get; init; }

    public required string RelativePath { get; init; }

    public required int StartLine { get; init; }

    public required int EndLine { get; init; }

    /// <summary>Column of the name on <see cref="StartLine"/>.</summary>
    public required int NameColumn { get; init; }

    /// <summary>The declaration up to its body, e.g. <c>public decimal ApplyTax(decimal net)</c>.</summary>
    public required string Signature { get; init; }

    public CodeSymbol? Parent { get; init; }

    public List<CodeSymbol> Children { get; } = [];

    /// <summary>Set for overloads: the index among same-named siblings.</summary>
    public int? OverloadIndex { get; set; }

    public string KindName => KindNames[Kind];

    public string PathSegment => OverloadIndex is { } index ? $"{Name}[{index}]" : Name;

    public string NamePath => Parent is null ? PathSegment : $"{Parent.NamePath}/{PathSegment}";

    public bool IsType => Kind is 5 or 10 or 11 or 23;

    public IEnumerable<CodeSymbol> SelfAndDescendants() => Children.SelectMany(child => child.SelfAndDescendants()).Prepend(this);

    public bool Contains(int line) => line >= StartLine && line <= EndLine;
}
