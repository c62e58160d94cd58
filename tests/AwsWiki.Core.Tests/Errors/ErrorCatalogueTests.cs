using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Text.RegularExpressions;

namespace AwsWiki.Core.Tests.Errors;

/// <summary>The error catalogue (AwsWiki.Errors): read by reflection, so every template added later is checked too.</summary>
public sealed class ErrorCatalogueTests
{
    private static readonly Regex Placeholder = new(@"(?<!\{)\{(\d+)(?:[,:][^}]*)?\}(?!\})");

    private static IEnumerable<FieldInfo> Fields() =>
        typeof(AwsWiki.Errors).GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.FieldType == typeof(ErrorTemplate));

    public static TheoryData<string> TemplateNames()
    {
        var data = new TheoryData<string>();
        foreach (var field in Fields())
        {
            data.Add(field.Name);
        }

        return data;
    }

    private static ErrorTemplate Template(string name) => (ErrorTemplate)typeof(AwsWiki.Errors).GetField(name)!.GetValue(null)!;

    [Fact]
    public void Catalogue_HasTemplates_AllReadOnly()
    {
        Assert.NotEmpty(Fields());
        Assert.All(Fields(), f => Assert.True(f.IsInitOnly, f.Name + " must be readonly"));
    }

    [Theory]
    [MemberData(nameof(TemplateNames))]
    public void Id_IsTheFieldName(string name) => Assert.Equal(name, Template(name).Id);

    [Fact]
    public void Ids_AreUnique()
    {
        var ids = Fields().Select(f => ((ErrorTemplate)f.GetValue(null)!).Id).ToList();
        Assert.Equal(ids.Count, ids.Distinct(StringComparer.OrdinalIgnoreCase).Count());
    }

    [Theory]
    [MemberData(nameof(TemplateNames))]
    public void Template_FormatsWithItsPlaceholders(string name)
    {
        var template = Template(name);
        var numbers = Placeholder.Matches(template.Message).Select(m => int.Parse(m.Groups[1].Value)).Distinct().OrderBy(n => n).ToList();
        // Numbered from 0 without gaps, so each argument has its place.
        Assert.Equal(Enumerable.Range(0, numbers.Count), numbers);
        var args = numbers.Select(n => (object?)("arg" + n)).ToArray();
        var failure = template.New("target", args);
        Assert.Equal(name, failure.ErrorId);
        Assert.Equal(template.Kind, failure.Kind);
        Assert.Equal("target", failure.Target);
        foreach (var n in numbers)
        {
            Assert.Contains("arg" + n, failure.Message);
        }

        Assert.DoesNotMatch(@"\{\d+\}", failure.Message);
    }

    [Theory]
    [MemberData(nameof(TemplateNames))]
    public void Template_MessageIsASentence(string name)
    {
        var message = Template(name).Message;
        Assert.False(string.IsNullOrWhiteSpace(message));
        // A sentence may open with a quoted value ('{0}' is not ...) or a parameter (-AccessKey ...).
        Assert.True(char.IsUpper(message[0]) || message[0] is '{' or '\'' or '-' or '$', message);
        Assert.Matches(@"[.?!:)]$|\{\d+\}$", message);
    }

    [Fact]
    public void Wrap_KeepsTheCause()
    {
        var cause = new InvalidOperationException("inner");
        var failure = AwsWiki.Errors.ProfileNotFound.Wrap(cause, "work", "work");
        Assert.Same(cause, failure.InnerException);
        Assert.StartsWith("Profile 'work' exists in neither", failure.Message);
        Assert.Equal(FailureKind.ObjectNotFound, failure.Kind);
    }

    [Fact]
    public void New_ShowsArgumentsSafely_AndNumbersInvariantly()
    {
        var failure = AwsWiki.Errors.RequestTimedOut.New("e", "EC2\u001b[31m", "https://ec2\nx", 2.5);
        Assert.Contains("The EC2\\u001b[31m request to https://ec2\\nx timed out after 2.5 s.", failure.Message);
        Assert.Equal(FailureKind.OperationTimeout, failure.Kind);
        Assert.Contains("''", AwsWiki.Errors.ProfileNotFound.New(null, (object?)null).Message);
    }
}
