namespace Portal.Core.Audit;

/// <summary>What a check of the whole audit chain found.</summary>
public sealed record AuditVerification(long EventsChecked, long LastSequence, string LastHash, IReadOnlyList<AuditChainProblem> Problems, int ProblemCount)
{
    public bool Intact => ProblemCount == 0;
}
