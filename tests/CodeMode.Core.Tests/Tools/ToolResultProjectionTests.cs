using System.Text;
using System.Text.Json;
using CodeMode.Abstractions.Tools;
using CodeMode.Core.Tools;

namespace CodeMode.Core.Tests.Tools;

public sealed class ToolResultProjectionTests
{
    [Fact]
    public void ToScriptValue_StructuredContent_WinsOverText()
    {
        var result = new ToolResult([ToolContent.FromText("Memory stored successfully!")], JsonElement.Parse("""{"memory_id":"m1","message":"ok"}"""));

        Assert.Equal("""{"memory_id":"m1","message":"ok"}""", Project(result));
    }

    [Fact]
    public void ToScriptValue_JsonText_IsParsedAndMinified()
    {
        var result = ToolResult.Text("{\n  \"results\": [\n    {\n      \"id\": 1,\n      \"name\": \"Support  desk\"\n    }\n  ],\n  \"note\": \"a \\\" b\"\n}");

        Assert.Equal("""{"results":[{"id":1,"name":"Support  desk"}],"note":"a \" b"}""", Project(result));
    }

    [Theory]
    [InlineData("OK", "\"OK\"")]
    [InlineData("3 passed in 0.41s", "\"3 passed in 0.41s\"")]
    [InlineData("{not json}", "\"{not json}\"")]
    [InlineData("{} trailing", "\"{} trailing\"")]
    [InlineData("[1, 2,]", "\"[1, 2,]\"")]
    [InlineData("[1 2]", "\"[1 2]\"")]
    [InlineData("1 2", "\"1 2\"")]
    [InlineData("{\"a\": tr ue}", "\"{\\\"a\\\": tr ue}\"")]
    [InlineData("{\"a\": 1 // note\n}", "\"{\\\"a\\\": 1 // note\\n}\"")]
    [InlineData("null pointer", "\"null pointer\"")]
    [InlineData("", "\"\"")]
    [InlineData("42", "42")]
    [InlineData(" true ", "true")]
    [InlineData("\"quoted\"", "\"quoted\"")]
    [InlineData("[1, 2, 3]", "[1,2,3]")]
    [InlineData("Line \"one\"\nünïcode <b>", "\"Line \\\"one\\\"\\nünïcode <b>\"")]
    public void ToScriptValue_SingleText_IsItsJsonValueOrAString(string text, string expected)
    {
        Assert.Equal(expected, Project(ToolResult.Text(text)));
    }

    [Fact]
    public void ToScriptValue_SeveralTextBlocks_AreAnArrayOfTheirValues()
    {
        var result = new ToolResult([ToolContent.FromText("[a] first"), ToolContent.FromText("{\"n\": 2}")]);

        Assert.Equal("""["[a] first",{"n":2}]""", Project(result));
    }

    [Fact]
    public void ToScriptValue_OtherContent_IsAPlainObject()
    {
        var image = new ToolContent("image", MimeType: "image/png", Data: "iVBORw0KGgo=");
        var resource = new ToolContent("resource", Text: "hello", MimeType: "text/plain", Uri: "file:///a.txt");

        Assert.Equal("""{"type":"image","mimeType":"image/png","data":"iVBORw0KGgo="}""", Project(new ToolResult([image])));
        Assert.Equal("""{"type":"resource","mimeType":"text/plain","uri":"file:///a.txt","text":"hello"}""", Project(new ToolResult([resource])));
    }

    [Fact]
    public void ToScriptValue_MixedContent_IsAnArray()
    {
        var result = new ToolResult([ToolContent.FromText("caption"), new ToolContent("audio", MimeType: "audio/wav", Data: "UklGR")]);

        Assert.Equal("""["caption",{"type":"audio","mimeType":"audio/wav","data":"UklGR"}]""", Project(result));
    }

    [Fact]
    public void ToScriptValue_NoContent_IsNull()
    {
        Assert.Equal("null", Project(new ToolResult([])));
    }

    [Fact]
    public void ToScriptElement_IsTheSameValue()
    {
        var text = ToolResult.Text("{ \"a\": [1, 2] }");
        var structured = new ToolResult([], JsonElement.Parse("""{"b":true}"""));
        var plain = ToolResult.Text("plain");

        Assert.Equal(2, ToolResultProjection.ToScriptElement(text).GetProperty("a")[1].GetInt32());
        Assert.True(ToolResultProjection.ToScriptElement(structured).GetProperty("b").GetBoolean());
        Assert.Equal("plain", ToolResultProjection.ToScriptElement(plain).GetString());
    }

    [Fact]
    public void ToScriptValue_IsComputedOncePerResult()
    {
        var result = ToolResult.Text("{\"a\": 1}");

        Assert.Same(ToolResultProjection.ToScriptValue(result), ToolResultProjection.ToScriptValue(result));
    }

    [Fact]
    public void ToScriptValue_IsAlwaysValidJson()
    {
        string[] texts = ["{", "[[[", "\"unterminated", "-", "1e", "tru", "\u0001 control", "{\"a\":1}{\"b\":2}"];
        foreach (var text in texts)
        {
            using var document = JsonDocument.Parse(ToolResultProjection.ToScriptValue(ToolResult.Text(text)));
            Assert.Equal(JsonValueKind.String, document.RootElement.ValueKind);
            Assert.Equal(text, document.RootElement.GetString());
        }
    }

    [Fact]
    public void ErrorMessage_JoinsTheTextBlocks()
    {
        var result = new ToolResult([ToolContent.FromText("Error: Memory not found"), ToolContent.FromText("(id 42)")], IsError: true);

        Assert.Equal("Error: Memory not found\n(id 42)", ToolResultProjection.ErrorMessage(result));
    }

    [Fact]
    public void ErrorMessage_WithoutText_FallsBackToStructuredContentOrAPlainSentence()
    {
        var structured = new ToolResult([], JsonElement.Parse("""{"error":"content_too_large"}"""), IsError: true);

        Assert.Equal("""{"error":"content_too_large"}""", ToolResultProjection.ErrorMessage(structured));
        Assert.Equal("The tool reported an error without a message.", ToolResultProjection.ErrorMessage(new ToolResult([], IsError: true)));
    }

    private static string Project(ToolResult result) => Encoding.UTF8.GetString(ToolResultProjection.ToScriptValue(result));
}
