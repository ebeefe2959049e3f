using Portal.Core.Imports;

namespace Portal.Web.Infrastructure.Security;

/// <summary>Marks a page whose form carries a file: it may take an upload as large as <see cref="ImportOptions.MaxUploadMegabytes"/>.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class TakesUploadsAttribute : Attribute;
