namespace Portal.Web.Infrastructure;

/// <summary>
/// Marks a handler that changes a record only if it is still at the version the form was shown with: the form must
/// carry <see cref="Field"/> as a whole number. A version that is missing or cannot be read is never taken as 0 (which is
/// a new record's version, so a forged value would skip the check): the change is refused as a stale one is.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ChecksFormVersionAttribute(string field) : Attribute
{
    /// <summary>The form field that carries the version, as posted ("Version", "Input.Version").</summary>
    public string Field { get; } = field;
}
