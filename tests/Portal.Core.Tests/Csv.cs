using System.Text;

namespace Portal.Core.Tests;

/// <summary>Builds small import files in tests, line by line, exactly as a person would type them.</summary>
public static class Csv
{
    public const string PersonnelHeader = "pay_number,given_name,family_name,personnel_type,rank_or_grade,unit,work_location,vetting_level,email,sensitive_role,status";

    public static string Person(string payNumber, string given = "Alex", string family = "Smith", string type = "officer", string rank = "Constable",
        string unit = "Emergency Response", string location = "Northgate Police Station", string vetting = "NPPV2", string? email = null,
        string role = "none", string status = "active") =>
        string.Join(',', payNumber, Quote(given), Quote(family), type, Quote(rank), Quote(unit), Quote(location), vetting,
            email ?? $"person{payNumber.ToLowerInvariant()}@force.example", role, status);

    public static MemoryStream File(params string[] lines) => new(Encoding.UTF8.GetBytes(string.Join("\r\n", lines) + "\r\n"));

    public static MemoryStream Bytes(byte[] bytes) => new(bytes);

    private static string Quote(string value) =>
        value.Contains(',') || value.Contains('"') || value.Contains('\n') ? "\"" + value.Replace("\"", "\"\"") + "\"" : value;
}
