using System.Collections.Generic;
using System.Linq;
using System.Text;
using AwsWiki.Profiles;

namespace AwsWiki.Core.Tests.Profiles;

/// <summary>
/// IniDocument reads as Python's RawConfigParser does for botocore, and writes by copying bytes.
/// The expected values are configparser's documented behaviour.
/// </summary>
public sealed class IniDocumentTests
{
    private static string Text(byte[] bytes) => Encoding.UTF8.GetString(bytes);

    private static string Value(IniDocument document, string section, string key) =>
        document.FindSection(section)!.Options.Single(o => o.Key == key).Value;

    [Fact]
    public void Parse_CliFile_SectionsAndValues()
    {
        var document = IniDocument.Parse("[default]\nregion = us-east-1\noutput = json\n\n[profile work]\nregion=ap-northeast-2\n");
        Assert.Equal(new[] { "default", "profile work" }, document.Sections.Select(s => s.Name));
        Assert.Equal("us-east-1", Value(document, "default", "region"));
        Assert.Equal("ap-northeast-2", Value(document, "profile work", "region"));
        Assert.Empty(document.Problems);
        Assert.False(document.IsRejected);
    }

    [Fact]
    public void Parse_KeysAreLowerCased_AsConfigparserStoresThem()
    {
        var document = IniDocument.Parse("[default]\nRegion = eu-west-1\n");
        Assert.Equal("region", document.Sections[0].Options[0].Key);
    }

    [Theory]
    [InlineData("region: us-west-2", "region", "us-west-2")]
    [InlineData("a = b:c", "a", "b:c")]
    [InlineData("a:b=c", "a", "b=c")]
    [InlineData("key =", "key", "")]
    [InlineData("  key\t=\tv  ", "key", "v")]
    [InlineData("region = us-east-1 # not a comment", "region", "us-east-1 # not a comment")]
    public void Parse_FirstDelimiterSplits_AndInlineCommentsStayInTheValue(string line, string key, string value)
    {
        var document = IniDocument.Parse("[s]\n" + line + "\n");
        var option = Assert.Single(document.Sections[0].Options);
        Assert.Equal(key, option.Key);
        Assert.Equal(value, option.Value);
    }

    [Theory]
    [InlineData("# comment", IniLineKind.Comment)]
    [InlineData("; comment", IniLineKind.Comment)]
    [InlineData("   ", IniLineKind.Blank)]
    [InlineData("\u001c", IniLineKind.Blank)]
    public void Parse_CommentAndBlankLines(string line, IniLineKind kind)
    {
        var document = IniDocument.Parse("[s]\n" + line + "\na = 1\n");
        Assert.Equal(kind, document.Lines[1].Kind);
        Assert.Empty(document.Problems);
    }

    [Fact]
    public void Parse_SectionNameIsNotTrimmed()
    {
        var document = IniDocument.Parse("[ spaced ]\na = 1\n");
        Assert.Equal(" spaced ", document.Sections[0].Name);
        Assert.Null(document.FindSection("spaced"));
    }

    [Fact]
    public void Parse_IndentedLineContinuesTheValue()
    {
        var document = IniDocument.Parse("[s]\nkey = first\n  second\n\tthird\nother = x\n");
        Assert.Equal("first\nsecond\nthird", Value(document, "s", "key"));
        Assert.Equal(IniLineKind.Continuation, document.Lines[2].Kind);
        var option = document.Sections[0].Options[0];
        Assert.Equal(1, option.Line);
        Assert.Equal(3, option.LastLine);
    }

    [Fact]
    public void GetValues_NestedBlock_IsADictionary()
    {
        var document = IniDocument.Parse("[default]\ns3 =\n  max_concurrent_requests = 20\n  addressing_style = path\n");
        var values = document.GetValues(document.Sections[0]);
        var nested = Assert.IsType<Dictionary<string, string>>(values["s3"]);
        Assert.Equal("20", nested["max_concurrent_requests"]);
        Assert.Equal("path", nested["addressing_style"]);
    }

    [Fact]
    public void Parse_NestedLineWithoutEquals_IsRejected()
    {
        var document = IniDocument.Parse("[default]\ns3 =\n  not a setting\n");
        Assert.True(document.IsRejected);
        Assert.Equal(2, document.Problems.Single().LineNumber);
    }

    [Fact]
    public void GetValues_DefaultSectionIsInherited_AndOverridden()
    {
        var document = IniDocument.Parse("[DEFAULT]\nregion = us-east-1\noutput = json\n[work]\nregion = eu-west-1\n");
        Assert.Single(document.Sections);
        Assert.NotNull(document.Defaults);
        var values = document.GetValues(document.FindSection("work")!);
        Assert.Equal("eu-west-1", values["region"]);
        Assert.Equal("json", values["output"]);
    }

    [Fact]
    public void Parse_DuplicateSection_IsRejectedAtItsLine()
    {
        var document = IniDocument.Parse("[a]\nx = 1\n[a]\ny = 2\n");
        var problem = Assert.Single(document.Problems);
        Assert.Equal(3, problem.LineNumber);
        Assert.True(document.IsRejected);
    }

    [Fact]
    public void Parse_DuplicateKey_IsRejected_AndTheLastValueWins()
    {
        var document = IniDocument.Parse("[a]\nx = 1\nX = 2\n");
        Assert.Equal(3, Assert.Single(document.Problems).LineNumber);
        Assert.Equal("2", Value(document, "a", "x"));
    }

    [Theory]
    [InlineData("region = us-east-1\n[a]\n", 1)]
    [InlineData("[a]\njust words\n", 2)]
    [InlineData("[a]\n= value\n", 2)]
    [InlineData("[]\n", 1)]
    public void Parse_WhatTheCliRefuses_IsReportedByLine(string text, int line)
    {
        var document = IniDocument.Parse(text);
        Assert.True(document.IsRejected);
        Assert.Contains(document.Problems, p => p.LineNumber == line && !p.IsEncoding);
    }

    [Fact]
    public void Parse_ProblemMessages_NeverQuoteTheLine()
    {
        var document = IniDocument.Parse("[a]\nwJalrXUtnFEMIsecretKEY\n");
        Assert.DoesNotContain("wJalrXUtnFEMIsecretKEY", document.Problems.Single().Message);
    }

    [Fact]
    public void Parse_Bom_IsAnEncodingProblem_NotARejection()
    {
        var bytes = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Encoding.UTF8.GetBytes("[a]\nx = 1\n")).ToArray();
        var document = IniDocument.Parse(bytes);
        Assert.True(document.HasBom);
        Assert.True(Assert.Single(document.Problems).IsEncoding);
        Assert.False(document.IsRejected);
        Assert.Equal("a", document.Sections[0].Name);
    }

    [Fact]
    public void Parse_InvalidUtf8_ReportedOnce_AndBytesKept()
    {
        var bytes = Encoding.UTF8.GetBytes("[a]\nx = ").Concat(new byte[] { 0xE9 }).Concat(Encoding.UTF8.GetBytes("\ny = ")).Concat(new byte[] { 0xC0, 0x80 }).Concat(new byte[] { 0x0A }).ToArray();
        var document = IniDocument.Parse(bytes);
        var problem = Assert.Single(document.Problems);
        Assert.True(problem.IsEncoding);
        Assert.Equal(2, problem.LineNumber);
        Assert.False(document.Lines[1].IsUtf8);
        Assert.False(document.Lines[2].IsUtf8); // overlong encoding of NUL: Python refuses it too
        Assert.Equal(bytes, document.RemoveLines(new List<(int, int)>()));
    }

    [Theory]
    [InlineData("[a]\r\nx = 1\r\ny = 2\r\n", "\r\n")]
    [InlineData("[a]\nx = 1\r\ny = 2\n", "\n")]
    [InlineData("[a]\rx = 1\ry = 2\r", "\r")]
    [InlineData("[a]", "\n")]
    public void Newline_IsTheFilesMostCommonEnding(string text, string expected) => Assert.Equal(expected, IniDocument.Parse(text).Newline);

    [Fact]
    public void ReplaceValue_KeepsKeySpacingAndEveryOtherByte()
    {
        var document = IniDocument.Parse("# mine\r\n[default]\r\nRegion  =  us-east-1\r\noutput=json");
        var option = document.Sections[0].Options[0];
        Assert.Equal("# mine\r\n[default]\r\nRegion  =  eu-west-1\r\noutput=json", Text(document.ReplaceValue(option, "eu-west-1")));
    }

    [Fact]
    public void ReplaceValue_DropsTheOldContinuationLines()
    {
        var document = IniDocument.Parse("[a]\nkey = one\n  two\nnext = 3\n");
        Assert.Equal("[a]\nkey = new\nnext = 3\n", Text(document.ReplaceValue(document.Sections[0].Options[0], "new")));
    }

    [Fact]
    public void ReplaceValue_KeepsTheBom()
    {
        var bytes = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Encoding.UTF8.GetBytes("[a]\nx = 1\n")).ToArray();
        var document = IniDocument.Parse(bytes);
        var result = document.ReplaceValue(document.Sections[0].Options[0], "2");
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, result.Take(3));
        Assert.Equal("[a]\nx = 2\n", Encoding.UTF8.GetString(result, 3, result.Length - 3));
    }

    [Theory]
    [InlineData("[a]\nx = 1\n", 1, "[a]\nx = 1\ny = 2\n")]
    [InlineData("[a]\r\nx = 1\r\n", 0, "[a]\r\ny = 2\r\nx = 1\r\n")]
    [InlineData("[a]\nx = 1", 1, "[a]\nx = 1\ny = 2")]
    public void InsertLine_UsesTheNeighboursEnding(string text, int after, string expected) =>
        Assert.Equal(expected, Text(IniDocument.Parse(text).InsertLine(after, "y = 2")));

    [Fact]
    public void RemoveLines_DropsRanges_AndKeepsTheMissingFinalNewline()
    {
        var document = IniDocument.Parse("[a]\nx = 1\n[b]\ny = 2");
        Assert.Equal("[a]\nx = 1", Text(document.RemoveLines(new List<(int, int)> { (2, 3) })));
        Assert.Equal("[b]\ny = 2", Text(document.RemoveLines(new List<(int, int)> { (0, 1) })));
    }

    [Theory]
    [InlineData("", "[profile new]\nregion = x\n")]
    [InlineData("[a]\nx = 1\n", "[a]\nx = 1\n\n[profile new]\nregion = x\n")]
    [InlineData("[a]\nx = 1", "[a]\nx = 1\n\n[profile new]\nregion = x\n")]
    [InlineData("[a]\r\nx = 1\r\n\r\n", "[a]\r\nx = 1\r\n\r\n[profile new]\r\nregion = x\r\n")]
    public void AppendSection_WritesAsTheCliDoes(string text, string expected) =>
        Assert.Equal(expected, Text(IniDocument.Parse(text).AppendSection("profile new", new[] { "region = x" })));

    [Theory]
    [InlineData("\nx = 1\n y=2", 2)]
    [InlineData("\n\n", 0)]
    public void ParseNested_CountsSettings(string value, int count) => Assert.Equal(count, IniDocument.ParseNested(value)!.Count);

    [Fact]
    public void ParseNested_LineWithoutEquals_IsNull() => Assert.Null(IniDocument.ParseNested("\nx = 1\nbroken"));
}
