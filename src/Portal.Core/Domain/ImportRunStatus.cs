namespace Portal.Core.Domain;

public enum ImportRunStatus
{
    /// <summary>Uploaded; the whole file is being checked.</summary>
    Checking,

    /// <summary>Checked: the report is ready. Applied only if it has no problems and an administrator says so.</summary>
    Checked,

    /// <summary>Being written, in one transaction.</summary>
    Applying,

    Applied,

    /// <summary>Set aside without importing; its file is deleted.</summary>
    Discarded,

    /// <summary>The check or the import stopped on an error; nothing was written.</summary>
    Failed,
}
