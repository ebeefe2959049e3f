using Portal.Core.Imports;

namespace Portal.Core.Workforce;

public sealed record SyntheticWorkforce(IReadOnlyList<PersonnelRecord> People, IReadOnlyList<SyntheticIncident> Incidents);
