using Portal.Core.Imports;

namespace Portal.Core.DemoData;

public sealed record SyntheticWorkforce(IReadOnlyList<PersonnelRecord> People, IReadOnlyList<SyntheticIncident> Incidents);
