using System;
using System.Globalization;
using System.Linq;

namespace AwsWiki;

/// <summary>
/// One entry of the error catalogue (<see cref="Errors"/>): a stable ErrorId, its category and its
/// one message. Arguments fill {0}, {1}, ... and are shown as <see cref="UserText.Show"/> shows
/// them (control characters escaped, cut to a readable length), because many of them are what
/// the user typed or a file held.
/// </summary>
internal sealed class ErrorTemplate
{
    internal ErrorTemplate(string id, FailureKind kind, string message)
    {
        Id = id;
        Kind = kind;
        Message = message;
    }

    public string Id { get; }

    public FailureKind Kind { get; }

    /// <summary>The message with numbered placeholders.</summary>
    public string Message { get; }

    public AwsWikiException New(object? target, params object?[] args) => new(Id, Kind, target, Format(args));

    /// <summary>The same, keeping the exception that caused it (never shown, kept for -Debug and $Error).</summary>
    public AwsWikiException Wrap(Exception? inner, object? target, params object?[] args) => new(Id, Kind, target, Format(args), inner);

    internal string Format(object?[] args) =>
        string.Format(CultureInfo.InvariantCulture, Message, args.Select(Show).ToArray());

    private static object? Show(object? value) => value switch
    {
        null => string.Empty,
        string text => UserText.Show(text),
        ComposedText composed => composed.Text,
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => UserText.Show(value.ToString() ?? string.Empty),
    };
}
