using System;

namespace AwsWiki.Sso;

/// <summary>
/// One entry of the AWS CLI's SSO token cache, with the client registration cached beside the
/// token as the CLI caches it. Holds secrets: never written to any stream (ToString names none).
/// </summary>
internal sealed class SsoToken
{
    public string StartUrl { get; set; } = string.Empty;

    public string Region { get; set; } = string.Empty;

    public string AccessToken { get; set; } = string.Empty;

    public DateTime ExpiresAtUtc { get; set; }

    public string? ClientId { get; set; }

    public string? ClientSecret { get; set; }

    public DateTime? RegistrationExpiresAtUtc { get; set; }

    public string? RefreshToken { get; set; }

    /// <summary>Usable for a while yet (botocore refreshes within 15 minutes of expiry).</summary>
    public bool IsValid(DateTime nowUtc, TimeSpan? margin = null) => AccessToken.Length > 0 && ExpiresAtUtc - nowUtc > (margin ?? TimeSpan.Zero);

    /// <summary>A refresh token and a registration that has not expired: a new token without the browser.</summary>
    public bool CanRefresh(DateTime nowUtc) =>
        !string.IsNullOrEmpty(RefreshToken) && !string.IsNullOrEmpty(ClientId) && !string.IsNullOrEmpty(ClientSecret) &&
        RegistrationExpiresAtUtc is { } expires && expires > nowUtc;

    public override string ToString() => $"SSO token for {StartUrl} ({Region}), expires {ExpiresAtUtc:u}";
}

/// <summary>A client registration (RegisterClient's answer) as the CLI caches it.</summary>
internal sealed class SsoRegistration
{
    public string ClientId { get; set; } = string.Empty;

    public string ClientSecret { get; set; } = string.Empty;

    public DateTime ExpiresAtUtc { get; set; }

    public override string ToString() => $"SSO client registration, expires {ExpiresAtUtc:u}";
}
