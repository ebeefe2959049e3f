namespace Portal.Core.Notices;

/// <summary>A template split into its text and its placeholders (see <see cref="NoticeTemplate.Compile"/>).</summary>
public sealed class CompiledNoticeTemplate
{
    private readonly (string? Text, Func<NoticeValues, string>? Value)[] parts;

    internal CompiledNoticeTemplate((string? Text, Func<NoticeValues, string>? Value)[] parts) => this.parts = parts;

    public string Render(NoticeValues values)
    {
        var builder = new System.Text.StringBuilder();
        foreach (var (text, value) in parts)
        {
            builder.Append(text ?? value!(values));
        }

        return builder.ToString();
    }
}
