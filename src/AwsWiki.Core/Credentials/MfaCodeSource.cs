using System;

namespace AwsWiki.Credentials;

/// <summary>
/// Where an MFA code comes from: -MfaTokenCode, else the host's prompt (which the cmdlet hands
/// in, and which answers null where it cannot ask, e.g. a non-interactive session).
/// </summary>
public sealed class MfaCodeSource
{
    private readonly string? _given;
    private readonly Func<string, string, string?>? _prompt;

    /// <param name="given">The -MfaTokenCode value, if any.</param>
    /// <param name="prompt">(profile name, MFA serial) to a code, or null where no one can be asked.</param>
    public MfaCodeSource(string? given, Func<string, string, string?>? prompt)
    {
        _given = string.IsNullOrWhiteSpace(given) ? null : given!.Trim();
        _prompt = prompt;
    }

    public static MfaCodeSource None { get; } = new(null, null);

    internal string CodeFor(string profileName, string mfaSerial)
    {
        var code = _given;
        if (code is null && _prompt is not null)
        {
            code = _prompt(profileName, mfaSerial)?.Trim();
        }

        if (string.IsNullOrEmpty(code))
        {
            throw Errors.MfaTokenCodeRequired.New(profileName, profileName, mfaSerial);
        }

        return code!;
    }
}
