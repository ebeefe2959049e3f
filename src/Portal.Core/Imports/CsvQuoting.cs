namespace Portal.Core.Imports;

/// <summary>
/// Where RFC 4180 quoting goes wrong in one record, read from the record's text as the file has it: a quote mark that
/// opens a value and is never closed (so the value runs to the end of the file), or a quote mark inside a value that is
/// not itself in quotes. The reader only knows that something was wrong; this says what, and in which value.
/// </summary>
internal static class CsvQuoting
{
    /// <param name="NeverClosed">True for a quote left open to the end of the file; false for a quote out of place.</param>
    /// <param name="Column">The value (from 1) the quote mark is in.</param>
    /// <param name="LinesIn">How many lines after the record's first line the quote mark is.</param>
    public sealed record Fault(bool NeverClosed, int Column, int LinesIn);

    public static Fault? Check(string record)
    {
        var (column, linesIn, atStart, quoted) = (1, 0, true, false);
        var opened = (Column: 0, LinesIn: 0);
        for (var i = 0; i < record.Length; i++)
        {
            var c = record[i];
            if (quoted)
            {
                if (c == '\n')
                {
                    linesIn++;
                }
                else if (c == '"' && i + 1 < record.Length && record[i + 1] == '"')
                {
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                    if (i + 1 < record.Length && record[i + 1] is not (',' or '\r' or '\n'))
                    {
                        return new(false, column, linesIn);
                    }
                }

                continue;
            }

            switch (c)
            {
                case ',':
                    (column, atStart) = (column + 1, true);
                    break;
                case '"' when atStart:
                    (quoted, atStart, opened) = (true, false, (column, linesIn));
                    break;
                case '"':
                    return new(false, column, linesIn);
                case '\r' or '\n':
                    break;
                default:
                    atStart = false;
                    break;
            }
        }

        return quoted ? new(true, opened.Column, opened.LinesIn) : null;
    }
}
