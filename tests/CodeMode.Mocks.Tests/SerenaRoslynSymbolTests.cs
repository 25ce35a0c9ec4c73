using System.Text.Json;
using CodeMode.Mocks.Serena;

namespace CodeMode.Mocks.Tests;

/// <summary>Serena's symbol tools over shapes a line-based parser gets wrong, answered from Roslyn syntax trees.</summary>
public sealed class SerenaRoslynSymbolTests
{
    private const string Source = """
        namespace Billing
        {
            /* class Ghost { } */
            [Serializable]
            public sealed class Invoice
                : IComparable<Invoice>
            {
                private const int Precision = 2, Scale = 4;

                public int CompareTo(Invoice? other) => Total.CompareTo(other?.Total);

                public decimal Total { get; init; }

                public string Describe() => "Total of the Invoice: " + Total; // Invoice in a comment

                public sealed class Line
                {
                    public decimal Amount(decimal net,
                                          decimal tax)
                    {
                        return net + tax;
                    }
                }

                public event EventHandler? Paid;
            }
        }

        """;

    private readonly SerenaMockServer _serena = new();

    public SerenaRoslynSymbolTests() =>
        _serena.Call("create_text_file", JsonSerializer.Serialize(new { relative_path = "src/Shop/Billing/Invoice.cs", content = Source })).Ok();

    [Fact]
    public void Overview_SeesBlockNamespacesMultiDeclaratorFieldsAndEvents_NotCommentedCode()
    {
        var overview = JsonElement.Parse(_serena.Call("get_symbols_overview", """{"relative_path":"src/Shop/Billing/Invoice.cs","depth":1}""").Ok().Text());

        var invoice = Assert.Single(overview.GetProperty("Class").EnumerateArray()).GetProperty("Invoice");
        Assert.Equal(["Precision", "Scale"], invoice.GetProperty("Constant").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal(["CompareTo", "Describe"], invoice.GetProperty("Method").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal(["Line"], invoice.GetProperty("Class").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal(["Paid"], invoice.GetProperty("Event").EnumerateArray().Select(c => c.GetString()));
    }

    [Fact]
    public void FindSymbol_NestedNamePathWithBody_SpansAMultiLineSignature()
    {
        var found = JsonElement.Parse(_serena.Call("find_symbol", """{"name_path_pattern":"Invoice/Line/Amount","include_body":true}""").Ok().Text());

        var amount = Assert.Single(found.EnumerateArray());
        Assert.Equal("Invoice/Line/Amount", amount.GetProperty("name_path").GetString());
        Assert.Equal("Method", amount.GetProperty("kind").GetString());
        Assert.StartsWith("public decimal Amount(decimal net,", amount.GetProperty("body").GetString());
        Assert.EndsWith("return net + tax;\n            }", amount.GetProperty("body").GetString());

        var bySubstring = JsonElement.Parse(_serena.Call("find_symbol", """{"name_path_pattern":"Invoice/Desc","substring_matching":true,"relative_path":"src/Shop/Billing"}""").Ok().Text());
        Assert.Equal("Invoice/Describe", Assert.Single(bySubstring.EnumerateArray()).GetProperty("name_path").GetString());
    }

    [Fact]
    public void FindReferencingSymbols_CountsIdentifiersOnly_NotStringsOrComments()
    {
        var references = JsonElement.Parse(_serena.Call("find_referencing_symbols", """{"name_path":"Invoice/Total","relative_path":"src/Shop/Billing/Invoice.cs"}""").Ok().Text());

        var methods = references.GetProperty("src/Shop/Billing/Invoice.cs").GetProperty("Method").EnumerateArray().Select(m => m.GetProperty("name_path").GetString()).ToList();
        Assert.Equal(["Invoice/CompareTo", "Invoice/Describe"], methods);

        var invoiceUses = JsonElement.Parse(_serena.Call("find_referencing_symbols", """{"name_path":"Invoice","relative_path":"src/Shop/Billing/Invoice.cs"}""").Ok().Text());
        var users = invoiceUses.GetProperty("src/Shop/Billing/Invoice.cs").EnumerateObject().SelectMany(kind => kind.Value.EnumerateArray()).Select(s => s.GetProperty("name_path").GetString()).ToList();
        // The base list and CompareTo's parameter use the type; the string and the comment in Describe do not.
        Assert.Equal(["Invoice", "Invoice/CompareTo"], users.Order());
    }

    [Fact]
    public void AmbiguousNamePath_SuggestsHowToPickOne()
    {
        var classAndConstructor = _serena.Call("insert_before_symbol", """{"name_path":"Order","relative_path":"src/Shop/Models/Order.cs","body":"// x"}""").Error().Text();
        Assert.EndsWith("Order, Order/Order. Use a more specific name path such as '/Order'.", classAndConstructor);

        var overloads = _serena.Call("insert_before_symbol", """{"name_path":"ApplyTax","relative_path":"src/Shop/Services/PriceCalculator.cs","body":"// x"}""").Error().Text();
        Assert.EndsWith("Use an overload index such as 'PriceCalculator/ApplyTax[0]'.", overloads);

        Assert.Equal("OK", _serena.Call("insert_before_symbol", """{"name_path":"/Order","relative_path":"src/Shop/Models/Order.cs","body":"// x"}""").Ok().Text());
    }
}
