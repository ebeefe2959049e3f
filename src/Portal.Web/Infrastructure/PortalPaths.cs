namespace Portal.Web.Infrastructure;

/// <summary>Where the web root and the data folder are, in `dotnet run`, in tests and in published output.</summary>
public static class PortalPaths
{
    /// <summary>
    /// The top-level wwwroot: beside the application when published, otherwise at the repository root
    /// (the folder holding Portal.sln) above the build output.
    /// </summary>
    public static string FindWebRoot()
    {
        var published = Path.Combine(AppContext.BaseDirectory, "wwwroot");
        if (Directory.Exists(published))
        {
            return published;
        }

        return FindRepositoryRoot(AppContext.BaseDirectory) is { } root ? Path.Combine(root, "wwwroot") : published;
    }

    public static string? FindRepositoryRoot(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Portal.sln")))
            {
                return dir.FullName;
            }
        }

        return null;
    }

    /// <summary>A relative data path is taken from the repository root when running from source, else the content root.</summary>
    public static string ResolveDataPath(IHostEnvironment environment, string path) =>
        Path.IsPathRooted(path) ? path : Path.GetFullPath(Path.Combine(FindRepositoryRoot(environment.ContentRootPath) ?? environment.ContentRootPath, path));
}
