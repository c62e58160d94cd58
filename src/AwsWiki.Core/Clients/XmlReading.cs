using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Xml.Linq;

namespace AwsWiki.Clients;

/// <summary>
/// Namespace-agnostic reading of Query and REST-XML responses: the services put their own
/// namespace on every element, and only local names matter to the clients.
/// </summary>
internal static class XmlReading
{
    public static XElement Parse(string body) => XDocument.Parse(body).Root ?? throw new FormatException("The response has no XML root element.");

    public static XElement? Child(this XElement? element, string name)
    {
        return element?.Elements().FirstOrDefault(e => e.Name.LocalName == name);
    }

    public static IEnumerable<XElement> Children(this XElement? element, string name)
    {
        return element is null ? Enumerable.Empty<XElement>() : element.Elements().Where(e => e.Name.LocalName == name);
    }

    /// <summary>The <c>member</c> items of a Query protocol list element.</summary>
    public static IEnumerable<XElement> Members(this XElement? element, string listName) => element.Child(listName).Children("member");

    public static string? Text(this XElement? element, string name) => element.Child(name)?.Value;

    public static string RequiredText(this XElement? element, string name)
    {
        return element.Text(name) ?? throw new FormatException($"The response lacks <{name}>.");
    }

    public static int? Int(this XElement? element, string name)
    {
        var text = element.Text(name);
        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;
    }

    public static bool Bool(this XElement? element, string name) => string.Equals(element.Text(name), "true", StringComparison.OrdinalIgnoreCase);
}
