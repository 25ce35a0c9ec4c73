using CodeMode.Mcp.Apis;

namespace CodeMode.Mcp.Tests.Apis;

/// <summary>Schema → TypeScript over the schemas that trip naive converters.</summary>
public sealed class TypeScriptDeclarationTests
{
    private static string InputOf(string schema, string? output = null)
    {
        var generator = new ApiDeclarationGenerator(new FakeToolCatalog(FakeToolCatalog.Tool("t", schema, output)));
        var text = generator.Generate(ApiLanguage.TypeScript).Text;
        var line = text.Split('\n').Single(l => l.StartsWith("  t(", StringComparison.Ordinal));
        return line;
    }

    [Fact]
    public void Generate_RequiredAndOptionalProperties_MarksOptionalWithQuestionMark()
    {
        var line = InputOf("""{"type":"object","properties":{"a":{"type":"string"},"b":{"type":"integer"}},"required":["a"]}""");

        Assert.Equal("  t({ a: string; b?: number });", line);
    }

    [Fact]
    public void Generate_NothingRequired_BriefWritesTheBareObject_FullMakesInputOptional()
    {
        const string schema = """{"type":"object","properties":{"a":{"type":"string"}}}""";
        var generator = new ApiDeclarationGenerator(new FakeToolCatalog(FakeToolCatalog.Tool("t", schema)));

        Assert.Equal("  t({ a?: string });", InputOf(schema));
        Assert.Contains("  t(input?: { a?: string }): Promise<unknown>;", generator.Generate(ApiLanguage.TypeScript, detail: ApiDetail.Full).Text);
    }

    [Fact]
    public void Generate_NoProperties_TakesNoInput()
    {
        Assert.Equal("  t();", InputOf("""{"type":"object","properties":{}}"""));
    }

    [Fact]
    public void Generate_InternalRefs_AreResolvedThroughDefsAndDefinitions()
    {
        var line = InputOf("""
            {"type":"object","required":["p"],"properties":{"p":{"$ref":"#/$defs/point"},"q":{"$ref":"#/definitions/name"}},
             "$defs":{"point":{"type":"object","required":["x"],"properties":{"x":{"type":"number"}}}},
             "definitions":{"name":{"type":"string"}}}
            """);

        Assert.Equal("  t({ p: { x: number }; q?: string });", line);
    }

    [Fact]
    public void Generate_ExternalOrBrokenRef_BecomesUnknown()
    {
        var line = InputOf("""{"type":"object","properties":{"a":{"$ref":"https://example.com/x.json"},"b":{"$ref":"#/$defs/missing"}}}""");

        Assert.Contains("a?: unknown; b?: unknown", line);
    }

    [Fact]
    public void Generate_CyclicRef_IsCutAtTheSecondVisit()
    {
        var line = InputOf("""
            {"type":"object","properties":{"root":{"$ref":"#/$defs/node"}},
             "$defs":{"node":{"type":"object","properties":{"name":{"type":"string"},"children":{"type":"array","items":{"$ref":"#/$defs/node"}}}}}}
            """);

        Assert.Contains("root?: { name?: string; children?: unknown[] }", line);
    }

    [Fact]
    public void Generate_SelfReferencingRoot_Terminates()
    {
        var line = InputOf("""{"$ref":"#"}""");

        Assert.Equal("  t(unknown);", line);
    }

    [Fact]
    public void Generate_DeepNesting_StopsAtTheDepthGuard()
    {
        var schema = "{\"type\":\"string\"}";
        for (var i = 0; i < 25; i++)
        {
            schema = "{\"type\":\"object\",\"properties\":{\"n\":" + schema + "}}";
        }

        var line = InputOf(schema);

        Assert.Contains("n?: unknown", line);
        Assert.DoesNotContain("string", line);
    }

    [Fact]
    public void Generate_AnyOfWithNull_IsAUnionWithNull()
    {
        var line = InputOf("""{"type":"object","properties":{"end":{"anyOf":[{"type":"integer"},{"type":"null"}],"default":null}}}""");

        Assert.Contains("end?: number | null", line);
    }

    [Fact]
    public void Generate_OneOfObjects_IsAUnionAndArraysOfUnionsAreParenthesised()
    {
        var line = InputOf("""
            {"type":"object","properties":{"shapes":{"type":"array","items":{"oneOf":[
              {"type":"object","required":["r"],"properties":{"r":{"type":"number"}}},
              {"type":"object","required":["w"],"properties":{"w":{"type":"number"}}}]}}}}
            """);

        Assert.Contains("shapes?: ({ r: number } | { w: number })[]", line);
    }

    [Fact]
    public void Generate_AllOf_IsAnIntersection()
    {
        var line = InputOf("""
            {"allOf":[{"type":"object","required":["a"],"properties":{"a":{"type":"string"}}},
                      {"type":"object","properties":{"b":{"type":"boolean"}}}]}
            """);

        Assert.Contains("t({ a: string } & { b?: boolean })", line);
    }

    [Fact]
    public void Generate_EnumConstAndTypeArrays_AreLiteralsAndUnions()
    {
        var line = InputOf("""
            {"type":"object","properties":{"kind":{"type":"string","enum":["a","b\"c"]},"v":{"const":2},"m":{"type":["string","null"]},"n":{"type":"string","nullable":true}}}
            """);

        Assert.Contains("""kind?: "a" | "b\"c"; v?: 2; m?: string | null; n?: string | null""", line);
    }

    [Fact]
    public void Generate_Tuples_FromPrefixItemsAndItemsArrays()
    {
        var line = InputOf("""
            {"type":"object","properties":{"a":{"type":"array","prefixItems":[{"type":"number"},{"type":"string"}]},"b":{"type":"array","items":[{"type":"boolean"}]}}}
            """);

        Assert.Contains("a?: [number, string]; b?: [boolean]", line);
    }

    [Fact]
    public void Generate_AdditionalPropertiesAndBooleanSchemas()
    {
        var line = InputOf("""
            {"type":"object","properties":{"map":{"type":"object","additionalProperties":{"type":"integer"}},"bag":{"type":"object"},"closed":{"type":"object","additionalProperties":false},"any":true,"none":false}}
            """);

        Assert.Contains("map?: { [key: string]: number }; bag?: object; closed?: {}; any?: unknown; none?: never", line);
    }

    [Fact]
    public void Generate_OddPropertyNames_AreQuoted()
    {
        var line = InputOf("""{"type":"object","properties":{"x-y":{"type":"string"},"1st":{"type":"string"},"$ok":{"type":"string"}}}""");

        Assert.Contains("""{ "x-y"?: string; "1st"?: string; $ok?: string }""", line);
    }

    [Fact]
    public void Generate_Full_WritesEachPropertyOnALineWithItsNoteFormatAndDefault()
    {
        var generator = new ApiDeclarationGenerator(new FakeToolCatalog(FakeToolCatalog.Tool(
            "fetch_page",
            """
            {"type":"object","required":["url"],"properties":{
              "url":{"type":"string","format":"uri","description":"Page to fetch."},
              "limit":{"type":"integer","default":10},
              "filter":{"type":"object","properties":{"since":{"type":"string","format":"date-time","description":"Oldest."}}}}}
            """,
            description: "Fetches a page.\nSecond line.")));

        var text = generator.Generate(ApiLanguage.TypeScript, detail: ApiDetail.Full).Text;

        Assert.Equal(
            """
            declare const demo: {
              /**
               * Fetches a page.
               * Second line.
               */
              fetch_page(input: {
                url: string; // Page to fetch. @format uri
                limit?: number; // @default 10
                filter?: { /** Oldest. @format date-time */ since?: string };
              }): Promise<unknown>;
            };

            """.Replace("\r", string.Empty, StringComparison.Ordinal),
            text);
    }

    [Fact]
    public void Generate_HostileDescription_CannotCloseTheComment()
    {
        var generator = new ApiDeclarationGenerator(new FakeToolCatalog(FakeToolCatalog.Tool(
            "t", """{"type":"object"}""", description: "ok */ declare const evil: 1; /*")));

        var text = generator.Generate(ApiLanguage.TypeScript, detail: ApiDetail.Full).Text;

        Assert.DoesNotContain("ok */", text);
        Assert.Contains(@"ok *\/ declare const evil", text);
    }

    [Fact]
    public void Generate_OutputSchema_BecomesThePromiseType()
    {
        var line = InputOf("""{"type":"object"}""", """{"type":"object","required":["id"],"properties":{"id":{"type":"string"}}}""");

        Assert.Equal("  t(object): Promise<{ id: string }>;", line);
    }

    [Fact]
    public void Generate_ToolNameThatIsNoIdentifier_IsQuotedAsTheProxyExposesIt()
    {
        var generator = new ApiDeclarationGenerator(new FakeToolCatalog(FakeToolCatalog.Tool("get-page.v2", """{"type":"object","properties":{}}""")));

        Assert.Contains("""  "get-page.v2"();""", generator.Generate(ApiLanguage.TypeScript).Text);
        Assert.Contains("""demo["get-page.v2"]()""", generator.Generate(ApiLanguage.JavaScript).Text);
    }

    [Fact]
    public void Generate_Brief_KeepsTypesAndTheFirstSentenceOnly()
    {
        var generator = new ApiDeclarationGenerator(new FakeToolCatalog(FakeToolCatalog.Tool(
            "t",
            """{"type":"object","properties":{"a":{"type":"string","description":"Alpha."},"o":{"type":"object","properties":{"b":{"type":"string","description":"Beta."}}}}}""",
            description: "Does t. Then more detail that only describe shows.")));

        var text = generator.Generate(ApiLanguage.TypeScript).Text;

        Assert.Equal(
            "declare const demo: { // every call returns a Promise; untyped ones resolve to JSON\n"
            + "  // Does t\n  t({ a?: string; o?: { b?: string } });\n};\n",
            text);
    }

    [Fact]
    public void Describe_Full_KeepsThePromiseOfAnUntypedResult()
    {
        var generator = new ApiDeclarationGenerator(new FakeToolCatalog(FakeToolCatalog.Tool("t", """{"type":"object","properties":{"a":{"type":"string"}}}""")));

        Assert.True(generator.TryDescribe("demo", "t", ApiLanguage.TypeScript, out var document));

        Assert.Contains("  t(input?: { a?: string }): Promise<unknown>;", document.Text);
        Assert.DoesNotContain("untyped", document.Text);
    }
}
