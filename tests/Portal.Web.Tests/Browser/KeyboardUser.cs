using System.Text.Json;
using Microsoft.Playwright;

namespace Portal.Web.Tests.Browser;

/// <summary>
/// Moves through a page as someone with only a keyboard does: Tab from control to control until the one wanted has
/// focus, arrow keys within a group of radios. Every control passed on the way must show that it has focus (WCAG 2.4.7):
/// its look with focus must differ from its look without; those that do not are listed in <see cref="Unseen"/>.
/// </summary>
public sealed class KeyboardUser(IPage page)
{
    private const int MostTabs = 120;

    /// <summary>
    /// The focused control's accessible name (its label, aria-label or text) and whether focus changes how it (or its
    /// label, which is what a GOV.UK radio or checkbox draws) looks.
    /// </summary>
    private const string Focused = """
        () => {
          const e = document.activeElement;
          if (!e || e === document.body) return { name: '', type: '', checked: false, visible: true };
          const label = e.labels && e.labels.length ? e.labels[0] : null;
          const name = (e.getAttribute('aria-label') || (label ? label.innerText : '') || e.innerText || e.value || '').trim().replace(/\s+/g, ' ');
          const look = () => [[e, null], [label, '::before'], [label, '::after'], [label, null]]
            .filter(([element]) => element)
            .map(([element, pseudo]) => {
              const s = getComputedStyle(element, pseudo);
              return [s.outlineStyle, s.outlineColor, s.outlineWidth, s.boxShadow, s.backgroundColor, s.color, s.textDecorationLine, s.borderColor, s.borderWidth].join('|');
            }).join('/');
          const withFocus = look();
          e.blur();
          const without = look();
          e.focus({ preventScroll: true });
          return { name, type: (e.getAttribute('type') || e.tagName).toLowerCase(), group: e.getAttribute('name') || '', checked: !!e.checked, visible: withFocus !== without };
        }
        """;

    /// <summary>Controls that had focus and did not show it, with the page they were on.</summary>
    public List<string> Unseen { get; } = [];

    /// <summary>Presses Tab until the control whose name starts with this has focus.</summary>
    public async Task TabToAsync(string name) => await TabUntilAsync(f => f.Name.StartsWith(name, StringComparison.Ordinal), $"'{name}'");

    /// <summary>Tabs into a group of radios, then moves with the arrow keys (which choose as they move) to this option.</summary>
    public async Task ChooseAsync(string group, string option)
    {
        var focused = await TabUntilAsync(f => f.Type == "radio" && f.Group == group, $"the radios {group}");
        for (var moves = 0; moves < 20; moves++)
        {
            if (focused.Name.StartsWith(option, StringComparison.Ordinal))
            {
                if (!focused.Checked)
                {
                    await page.Keyboard.PressAsync("Space");
                }

                return;
            }

            await page.Keyboard.PressAsync("ArrowDown");
            focused = await ReadAsync();
        }

        Assert.Fail($"The arrow keys never reached '{option}' among the radios {group} on {page.Url}.");
    }

    private async Task<Focus> TabUntilAsync(Func<Focus, bool> wanted, string what)
    {
        for (var tabs = 0; tabs < MostTabs; tabs++)
        {
            await page.Keyboard.PressAsync("Tab");
            var focused = await ReadAsync();
            if (wanted(focused))
            {
                return focused;
            }
        }

        Assert.Fail($"Pressing Tab {MostTabs} times on {page.Url} never reached {what}.");
        return null!;
    }

    private async Task<Focus> ReadAsync()
    {
        var state = await page.EvaluateAsync<JsonElement>(Focused);
        var focus = new Focus(state.GetProperty("name").GetString()!, state.GetProperty("type").GetString()!,
            state.TryGetProperty("group", out var group) ? group.GetString()! : "", state.GetProperty("checked").GetBoolean());
        if (!state.GetProperty("visible").GetBoolean())
        {
            Unseen.Add($"{page.Url}: {focus.Type} '{focus.Name}'");
        }

        return focus;
    }

    private sealed record Focus(string Name, string Type, string Group, bool Checked);
}
