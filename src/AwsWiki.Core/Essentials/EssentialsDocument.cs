using System;
using System.IO;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace AwsWiki.Essentials;

/// <summary>
/// The module's SSM Command document that runs the essentials script: the script with
/// {{ ExtraPackages }} and {{ InstallDocker }} placeholders, as one aws:runShellScript step. Its
/// version name carries the content's SHA-256, so the module knows whether SSM has this exact text,
/// and commands and associations name the version they run.
/// </summary>
internal sealed class EssentialsDocument
{
    public const string DefaultName = "AwsWiki-AmazonLinuxEssentials";

    /// <summary>The step name; SSM uses it in the S3 output keys.</summary>
    public const string StepName = "installEssentials";

    private EssentialsDocument(string name, string content)
    {
        Name = name;
        Content = content;
        using var sha = SHA256.Create();
        Hash = BitConverter.ToString(sha.ComputeHash(Encoding.UTF8.GetBytes(content))).Replace("-", string.Empty).ToLowerInvariant();
    }

    public string Name { get; }

    /// <summary>The document JSON (schema 2.2), byte for byte what CreateDocument/UpdateDocument send.</summary>
    public string Content { get; }

    /// <summary>SHA-256 of <see cref="Content"/>, lower-case hex (what SSM reports as the document's Hash).</summary>
    public string Hash { get; }

    /// <summary>The SSM version name for this content: awswiki-&lt;sha256&gt;.</summary>
    public string VersionName => "awswiki-" + Hash;

    public static EssentialsDocument Create(string? name = null) => new(name ?? DefaultName, BuildContent());

    private static string BuildContent()
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions
        {
            Indented = true,
            // The script's <, >, & and quotes stay readable in the SSM console; JSON needs no escaping for them.
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        }))
        {
            json.WriteStartObject();
            json.WriteString("schemaVersion", "2.2");
            json.WriteString("description",
                "AwsWiki: installs the Amazon Linux essentials (" + string.Join(" ", EssentialsScript.BasePackages) +
                ", extra packages, docker) on Amazon Linux 2 and 2023. Managed by the AwsWiki module (Install-/Register-AmazonLinuxEssentials); the version name carries the content hash.");
            json.WriteStartObject("parameters");
            WriteParameter(json, "ExtraPackages", "Packages to install besides the base set, separated by spaces.", string.Empty,
                allowedPattern: "^[A-Za-z0-9._+: -]{0,4000}$");
            json.WriteStartObject("InstallDocker");
            json.WriteString("type", "String");
            json.WriteString("description", "yes to install and start docker and add ec2-user to the docker group.");
            json.WriteString("default", "yes");
            json.WriteStartArray("allowedValues");
            json.WriteStringValue("yes");
            json.WriteStringValue("no");
            json.WriteEndArray();
            json.WriteEndObject();
            WriteParameter(json, "executionTimeout", "Seconds the script may run (30 to 172800).", "3600",
                allowedPattern: "^([3-9][0-9]|[1-9][0-9]{2,4}|1[0-6][0-9]{4}|17[01][0-9]{3}|172[0-7][0-9]{2}|172800)$");
            json.WriteEndObject();
            json.WriteStartArray("mainSteps");
            json.WriteStartObject();
            json.WriteString("action", "aws:runShellScript");
            json.WriteString("name", StepName);
            json.WriteStartObject("precondition");
            json.WriteStartArray("StringEquals");
            json.WriteStringValue("platformType");
            json.WriteStringValue("Linux");
            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteStartObject("inputs");
            json.WriteString("timeoutSeconds", "{{ executionTimeout }}");
            json.WriteStartArray("runCommand");
            foreach (var line in EssentialsScript.WrapForShell(EssentialsScript.DocumentTemplateText))
            {
                json.WriteStringValue(line);
            }

            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray()).Replace("\r\n", "\n");
    }

    private static void WriteParameter(Utf8JsonWriter json, string name, string description, string defaultValue, string allowedPattern)
    {
        json.WriteStartObject(name);
        json.WriteString("type", "String");
        json.WriteString("description", description);
        json.WriteString("default", defaultValue);
        json.WriteString("allowedPattern", allowedPattern);
        json.WriteEndObject();
    }
}
