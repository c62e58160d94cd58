using Amazon.Runtime;

namespace AwsWiki.Credentials;

/// <summary>
/// Credentials resolved once for a cmdlet call and shared by every region and item it handles,
/// so an assume-role profile assumes its role (and asks for an MFA code) once per call.
/// </summary>
public sealed class ResolvedCredentials
{
    internal ResolvedCredentials(AWSCredentials credentials, string? profileName, string source, Profiles.ProfileFiles? files = null)
    {
        Files = files;
        Credentials = credentials;
        ProfileName = profileName;
        Source = source;
    }

    internal AWSCredentials Credentials { get; }

    /// <summary>The profile files as read while resolving, so region and retry settings do not read them again.</summary>
    internal Profiles.ProfileFiles? Files { get; }

    /// <summary>The profile the credentials came from, when they came from one.</summary>
    public string? ProfileName { get; }

    /// <summary>Where the credentials came from, for verbose output (never the keys themselves).</summary>
    public string Source { get; }
}
