using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;

namespace Portal.Core.Imports;

/// <summary>
/// Reads one import file as a stream of records, with the line each record starts on, after checking what
/// can only be checked once: that it is text, UTF-8, comma-separated, and has exactly the expected columns.
/// Every problem goes to the report with its line and column; nothing here throws for bad input.
/// </summary>
internal sealed class CsvImportFile : IDisposable
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly StreamReader reader;
    private readonly CsvParser parser;
    private readonly ImportReport report;
    private readonly string[] expected;
    private readonly int[] position;
    private int nextLine = 1;
    private bool failed;

    private CsvImportFile(Stream stream, string[] expectedColumns, ImportReport report)
    {
        this.report = report;
        expected = expectedColumns;
        position = new int[expectedColumns.Length];
        reader = new StreamReader(stream, StrictUtf8, detectEncodingFromByteOrderMarks: true, bufferSize: 64 * 1024, leaveOpen: true);
        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            Delimiter = ",",
            Mode = CsvMode.RFC4180,
            IgnoreBlankLines = true,
            BadDataFound = args => BadData = true,
        };
        parser = new CsvParser(reader, config);
    }

    /// <summary>The line (from 1) on which the current record starts.</summary>
    public int Line { get; private set; }

    /// <summary>True when the current record broke RFC 4180 quoting (a stray quote in an unquoted value).</summary>
    public bool BadData { get; private set; }

    public int FieldCount => parser.Count;

    public IReadOnlyList<string> ExpectedColumns => expected;

    /// <summary>
    /// Opens the file, rewinding it to the start; returns null (with the reason in the report) when it cannot
    /// be read as the expected CSV at all: empty, binary, a spreadsheet, wrong delimiter, wrong columns.
    /// </summary>
    public static CsvImportFile? Open(Stream stream, string[] expectedColumns, ImportReport report)
    {
        if (!stream.CanSeek)
        {
            throw new ImportFileException("An import file must be seekable: it is read once to check it and once to apply it.");
        }

        stream.Position = 0;
        if (stream.Length == 0)
        {
            report.AddProblem(1, 1, "", "The file is empty. Choose the CSV file exported from the source system and try again.");
            return null;
        }

        if (LooksBinary(stream, out var binaryMessage))
        {
            report.AddProblem(1, 1, "", binaryMessage);
            return null;
        }

        if (FindUnreadableByte(stream) is { } unreadable)
        {
            var (line, column, name, character) = PlaceOf(stream, unreadable.Offset);
            report.AddProblem(line, column, name, unreadable.IsNul
                ? $"This value holds a NUL character (character {character} of the value), which is not text. Check that the file is the CSV exported from the source system, remove the character and try again."
                : $"This value is not valid UTF-8 text: character {character} of the value cannot be read. Save the file as \"CSV UTF-8 (comma delimited)\" and try again.");
            return null;
        }

        stream.Position = 0;
        var file = new CsvImportFile(stream, expectedColumns, report);
        if (!file.ReadHeader())
        {
            file.Dispose();
            return null;
        }

        return file;
    }

    /// <summary>Where the first byte that is not valid UTF-8, or is a NUL, is (as an offset in the file), or null.</summary>
    private static (long Offset, bool IsNul)? FindUnreadableByte(Stream stream)
    {
        stream.Position = 0;
        var buffer = new byte[64 * 1024];
        var chars = new char[buffer.Length];
        long consumed = 0;
        var carried = 0;
        int read;
        while ((read = stream.Read(buffer, carried, buffer.Length - carried)) > 0 || carried > 0)
        {
            var length = carried + read;
            var final = read == 0;
            var status = System.Text.Unicode.Utf8.ToUtf16(buffer.AsSpan(0, length), chars, out var bytesRead, out _, replaceInvalidSequences: false, isFinalBlock: final);
            if (buffer.AsSpan(0, bytesRead).IndexOf((byte)0) is var nul and >= 0)
            {
                return (consumed + nul, true);
            }

            if (status == System.Buffers.OperationStatus.InvalidData)
            {
                return (consumed + bytesRead, false);
            }

            // A character split across two reads is carried into the next.
            carried = length - bytesRead;
            Array.Copy(buffer, bytesRead, buffer, 0, carried);
            consumed += bytesRead;
            if (final)
            {
                break;
            }
        }

        return null;
    }

    /// <summary>
    /// Where a byte of the file is, as every problem says where: its line, its column (the value it is in, counted from
    /// 1 as the header counts columns) with that column's name from the header, and which character of the value it is.
    /// </summary>
    private static (int Line, int Column, string ColumnName, int Character) PlaceOf(Stream stream, long offset)
    {
        stream.Position = 0;
        var before = new byte[offset];
        stream.ReadExactly(before);
        var lineStart = Array.LastIndexOf(before, (byte)'\n') + 1;
        var line = before.Count(b => b == (byte)'\n') + 1;
        var (column, valueStart) = ValueAt(before.AsSpan(lineStart));
        var character = Encoding.UTF8.GetCharCount(before, lineStart + valueStart, before.Length - lineStart - valueStart) + 1;
        var header = line == 1 ? [] : Encoding.UTF8.GetString(before, 0, Array.IndexOf(before, (byte)'\n')).TrimStart('\uFEFF').Split(',');
        var name = column <= header.Length ? header[column - 1].Trim().Trim('"') : "";
        return (line, column, name, character);
    }

    /// <summary>Which value (from 1) the end of a line's text is in, and where that value's text starts (after any opening quote).</summary>
    private static (int Column, int ValueStart) ValueAt(ReadOnlySpan<byte> line)
    {
        var (column, start, quoted) = (1, 0, false);
        for (var i = 0; i < line.Length; i++)
        {
            if (line[i] == (byte)'"')
            {
                quoted = !quoted;
            }
            else if (line[i] == (byte)',' && !quoted)
            {
                (column, start) = (column + 1, i + 1);
            }
        }

        return (column, start < line.Length && line[start] == (byte)'"' ? start + 1 : start);
    }

    public static string Sha256Of(Stream stream)
    {
        stream.Position = 0;
        var hash = SHA256.HashData(stream);
        stream.Position = 0;
        return Convert.ToHexStringLower(hash);
    }

    /// <summary>Moves to the next record; false at the end of the file or after an unreadable byte.</summary>
    public bool Read()
    {
        if (failed)
        {
            return false;
        }

        BadData = false;
        bool more;
        try
        {
            more = parser.Read();
        }
        catch (DecoderFallbackException)
        {
            report.AddProblem(parser.RawRow + 1, 1, "", "This line is not valid UTF-8 text. Save the file as \"CSV UTF-8 (comma delimited)\" and try again.");
            failed = true;
            return false;
        }

        if (!more)
        {
            return false;
        }

        // RawRow is the line a record ends on; a quoted value can hold line breaks, so count back.
        var raw = parser.RawRecord.AsSpan().TrimEnd("\r\n");
        var breaks = raw.Count('\n');
        Line = Math.Max(parser.RawRow - breaks, nextLine);
        nextLine = parser.RawRow + 1;
        return true;
    }

    /// <summary>The value of an expected column (by its index in the expected list), trimmed.</summary>
    public string Get(int expectedIndex) => parser[position[expectedIndex]].Trim();

    /// <summary>The 1-based column in the file where an expected column sits.</summary>
    public int ColumnOf(int expectedIndex) => position[expectedIndex] + 1;

    public void Problem(int expectedIndex, string message) => ProblemAt(Line, expectedIndex, message);

    /// <summary>A problem with an expected column on an earlier line, found after the file has moved on.</summary>
    public void ProblemAt(int line, int expectedIndex, string message) =>
        report.AddProblem(line, ColumnOf(expectedIndex), expected[expectedIndex], message);

    public void RowProblem(int column, string message) => report.AddProblem(Line, column, "", message);

    /// <summary>Reports a record that cannot be read field by field; returns false if so.</summary>
    public bool CheckShape()
    {
        // CsvHelper reports a stray quote only when the field is read.
        for (var i = 0; i < parser.Count; i++)
        {
            _ = parser[i];
        }

        if (BadData)
        {
            var quoting = CsvQuoting.Check(parser.RawRecord);
            var column = quoting?.Column ?? 1;
            var name = column <= headerCount ? headerNames[column - 1] : "";
            // A value left open runs to the end of the file, taking its last line break with it: every line break in
            // the record is inside it, where Line takes the last as the record's own end.
            var line = (quoting is { NeverClosed: true } ? parser.RawRow - parser.RawRecord.Count('\n') : Line) + (quoting?.LinesIn ?? 0);
            report.AddProblem(line, column, name, quoting is { NeverClosed: true }
                ? "A quote mark opens this value and is never closed, so everything after it to the end of the file is read as this one value. Add the closing quote mark at the end of the value, or remove the opening one, and try again."
                : "A quote mark appears inside a value that is not itself in quotes. Put the whole value in double quotes and double any quote marks inside it (\"O\"\"Brien\").");
            return false;
        }

        if (parser.Count != headerCount)
        {
            var column = Math.Min(parser.Count, headerCount) + 1;
            RowProblem(column, $"This row has {parser.Count} values but the header has {headerCount}. Check for a comma inside a value that is not in quotes, or a missing value.");
            return false;
        }

        return true;
    }

    private int headerCount;
    private string[] headerNames = [];

    private bool ReadHeader()
    {
        if (!Read())
        {
            if (!failed)
            {
                report.AddProblem(1, 1, "", "The file has no header row. The first line must be: " + string.Join(',', expected));
            }

            return false;
        }

        headerCount = parser.Count;
        var names = new string[headerCount];
        for (var i = 0; i < headerCount; i++)
        {
            names[i] = parser[i].Trim().TrimStart('\uFEFF');
        }

        headerNames = names;

        if (headerCount == 1 && expected.Length > 1)
        {
            var delimiter = names[0].Contains(';') ? "semicolons" : names[0].Contains('\t') ? "tabs" : names[0].Contains('|') ? "vertical bars" : null;
            if (delimiter is not null)
            {
                report.AddProblem(1, 1, "", $"The values in this file are separated by {delimiter}, not commas. Save it as \"CSV UTF-8 (comma delimited)\" and try again.");
                return false;
            }
        }

        Array.Fill(position, -1);
        var ok = true;
        var seen = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < headerCount; i++)
        {
            var index = Array.FindIndex(expected, e => string.Equals(e, names[i], StringComparison.OrdinalIgnoreCase));
            if (seen.TryGetValue(names[i], out var first))
            {
                report.AddProblem(1, i + 1, names[i], $"The column \"{names[i]}\" appears twice (also in column {first + 1}). Remove one of them.");
                ok = false;
                continue;
            }

            seen[names[i]] = i;
            if (index < 0)
            {
                var shown = names[i].Length == 0 ? "(blank)" : $"\"{names[i]}\"";
                report.AddProblem(1, i + 1, names[i], $"The column {shown} is not one this import uses. The header must be: {string.Join(',', expected)}");
                ok = false;
            }
            else
            {
                position[index] = i;
            }
        }

        for (var e = 0; e < expected.Length; e++)
        {
            if (position[e] < 0)
            {
                report.AddProblem(1, headerCount + 1, expected[e], $"The column \"{expected[e]}\" is missing. The header must be: {string.Join(',', expected)}");
                ok = false;
            }
        }

        return ok;
    }

    private static bool LooksBinary(Stream stream, out string message)
    {
        Span<byte> head = stackalloc byte[4096];
        var read = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        head = head[..read];
        if (head.StartsWith("PK\u0003\u0004"u8))
        {
            message = "This is a spreadsheet workbook or zip file, not a CSV file. Open it and save it as \"CSV UTF-8 (comma delimited)\", then try again.";
            return true;
        }

        var utf16 = head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || head.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]);
        if (utf16)
        {
            message = "This file is saved as UTF-16 (\"Unicode text\"). Save it as \"CSV UTF-8 (comma delimited)\" and try again.";
            return true;
        }

        if (head.Contains((byte)0))
        {
            message = "This is a binary file, not a CSV text file. Choose the CSV file exported from the source system and try again.";
            return true;
        }

        message = "";
        return false;
    }

    public void Dispose()
    {
        parser.Dispose();
        reader.Dispose();
    }
}
