namespace Portal.Web.Infrastructure.DevSignIn;

/// <summary>The development sign-in: pick a persona, or any pay number with chosen roles. Development only.</summary>
public sealed class DevSignInOptions
{
    public const string SectionName = "DevSignIn";
    public const string Path = "/dev/sign-in";

    public bool Enabled { get; set; }

    public static DevSignInOptions From(IConfiguration configuration) =>
        configuration.GetSection(SectionName).Get<DevSignInOptions>() ?? new DevSignInOptions();
}
