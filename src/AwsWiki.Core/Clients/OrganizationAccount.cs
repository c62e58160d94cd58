namespace AwsWiki.Clients;

/// <summary>One account of an AWS organization, as ListAccounts returns it.</summary>
public sealed class OrganizationAccount
{
    public OrganizationAccount(string id, string? name, string? email, string? status)
    {
        Id = id;
        Name = name;
        Email = email;
        Status = status;
    }

    public string Id { get; }

    public string? Name { get; }

    public string? Email { get; }

    /// <summary>ACTIVE, SUSPENDED or PENDING_CLOSURE.</summary>
    public string? Status { get; }
}
