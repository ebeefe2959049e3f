namespace Portal.Core.Jobs;

/// <summary>What one run of the ladder job did: steps that fell due, steps done, and steps no longer needed.</summary>
public sealed record LadderRun(int Written, int Done, int Cancelled);
