namespace AwsWiki;

/// <summary>A message argument the module wrote itself, so not cut or escaped (see <see cref="UserText.Composed"/>).</summary>
internal sealed class ComposedText
{
    internal ComposedText(string text) => Text = text;

    public string Text { get; }

    public override string ToString() => Text;
}
