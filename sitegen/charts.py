"""Static SVG charts drawn from the data at site build time (matplotlib; text kept as text, no timestamps).

Every chart is drawn twice: at the width of the page's content column on a desktop (680 px), and at the width of
a phone's content column (350 px) with its labels set above the bars, so that on a phone it fits the screen with
text at the same 12 px instead of shrinking or scrolling sideways. Each SVG carries a title and a description.
"""

from __future__ import annotations

import io
import re
import textwrap
from functools import cache

import matplotlib

matplotlib.use("Agg")
import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from .data import entity_names, table
from .formatting import amount, fact_value
from .labels import coded_plain, record_plain
from .safe import attr, text

WIDE_PX, NARROW_PX = 680, 350    # the content column on a desktop (688 px) and on a 390 px phone (358 px)
INCH = 96                        # CSS pixels per inch: an SVG of W pt shows at W * 4/3 px
TEXT_PT = 9                      # 12 px: the one text size of every chart; titles are bold, not larger
PALETTE = ("#1f77b4", "#2ca02c", "#d62728", "#6b6b6b", "#9467bd", "#8c564b")
FLAGGED = ("contradicted", "garbled_in_source")
RECORD = "#222222"
STYLE = {"svg.hashsalt": "technonat-data", "svg.fonttype": "none", "font.size": TEXT_PT,
         "axes.titlesize": TEXT_PT, "axes.titleweight": "bold", "axes.labelsize": TEXT_PT,
         "xtick.labelsize": TEXT_PT, "ytick.labelsize": TEXT_PT, "legend.fontsize": TEXT_PT,
         "legend.title_fontsize": TEXT_PT, "figure.titlesize": TEXT_PT, "figure.titleweight": "bold",
         "axes.spines.top": False, "axes.spines.right": False}


def case_colours() -> dict[str, str]:
    """A colour per case of the events table, in the order of the schema's vocabulary."""
    from .data import specs

    cases = specs()["events"].column("case").enum or ()
    return {case: PALETTE[i % len(PALETTE)] for i, case in enumerate(cases)}


def figure(width_px: int, height_in: float, **kwargs: object) -> tuple[plt.Figure, object]:
    """A figure exactly as wide as the content column it is drawn for."""
    return plt.subplots(figsize=(width_px / INCH, height_in), layout="constrained", **kwargs)


def svg(fig: plt.Figure, title: str, description: str) -> str:
    """The figure as SVG text with a ``<title>`` and ``<desc>``, identical from build to build."""
    buffer = io.StringIO()
    fig.savefig(buffer, format="svg", metadata={"Date": None})
    plt.close(fig)
    drawn = buffer.getvalue()
    head = (f'<title id="title">{text(title)}</title><desc id="desc">{text(description)}</desc>')
    return re.sub(r"(<svg [^>]*?)>", rf'\1 role="img" aria-labelledby="title desc">{head}', drawn, count=1)


def checks_of(column: str) -> pd.DataFrame:
    """The checks of facts or events, indexed by the record id."""
    checks = table("checks")
    return checks[checks[column].notna()].set_index(column)


def fitted(name: str, width_px: float) -> str:
    """``name`` shortened at a word, with an ellipsis, until it is at most ``width_px`` wide in the charts' type."""
    from matplotlib.backends.backend_agg import RendererAgg
    from matplotlib.font_manager import FontProperties

    renderer, font = RendererAgg(100, 100, INCH), FontProperties(size=TEXT_PT)
    while len(name) > 8 and renderer.get_text_width_height_descent(name, font, ismath=False)[0] > width_px:
        name = textwrap.shorten(name, len(name) - 2, placeholder="…")
    return name


def label(row: object) -> str:
    """An event's label: its title (or id) and its date as stated, the date once."""
    name = record_plain(row, row.event_id)
    return name if str(row.date) in name else f"{name} ({row.date})"


def timeline(narrow: bool = False) -> str:
    """Every dated event on one time axis, in date order, coloured by case; contradicted dates marked."""
    events = table("events").sort_values(["date_start", "date_end", "event_id"], kind="stable").reset_index(drop=True)
    checks, colours = checks_of("event_id"), case_colours()
    step = 1.9 if narrow else 1.0  # on a phone each label sits on its own line above its bar
    with plt.rc_context(STYLE):
        fig, axes = figure(NARROW_PX if narrow else WIDE_PX, (0.27 * step if narrow else 0.27) * len(events) + 1.9)
        for i, row in enumerate(events.itertuples()):
            y = i * step
            width = (row.date_end - row.date_start) + pd.Timedelta(days=1)
            colour = colours.get(str(row.case), PALETTE[-1])
            axes.barh(y, width, left=row.date_start, height=0.62, color=colour, alpha=0.35)
            axes.plot(row.date_start, y, "o", color=colour, markersize=4)
            if narrow:  # in the axes' width, kept out of the layout so the bars keep the whole width
                axes.text(0, y - 0.5, fitted(label(row), NARROW_PX - 24), va="bottom", ha="left", in_layout=False,
                          transform=axes.get_yaxis_transform())
            if row.event_id in checks.index and checks.loc[row.event_id, "verdict"] in FLAGGED:
                axes.plot(row.date_start, y, "x", color="#c62828", markersize=9, markeredgewidth=2)
                record = checks.loc[row.event_id, "external_date"]
                if isinstance(record, str) and re.fullmatch(r"\d{4}(-\d{2})?(-\d{2})?", record[:10]):
                    axes.plot(pd.Timestamp(record[:7] if len(record) >= 7 else record), y, "D", markersize=6,
                              markerfacecolor="none", markeredgecolor=RECORD)
        if narrow:
            axes.set_yticks([])
            axes.spines["left"].set_visible(False)
        else:
            axes.set_yticks(range(len(events)), [fitted(label(r), WIDE_PX * 0.5) for r in events.itertuples()])
        axes.set_ylim((len(events) - 0.4) * step, -0.6 - (1.2 if narrow else 0))
        axes.xaxis.set_major_locator(mdates.YearLocator(20 if narrow else 10))
        axes.xaxis.set_minor_locator(mdates.YearLocator(5))
        axes.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))
        axes.grid(axis="x", which="both", color="#e0e0e0")
        handles = [Patch(color=c, alpha=0.6, label=coded_plain("events", "case", k)) for k, c in colours.items()]
        handles += [Line2D([], [], marker="x", color="#c62828", markeredgewidth=2, linestyle="", label="date contradicted"),
                    Line2D([], [], marker="D", markerfacecolor="none", markeredgecolor=RECORD, linestyle="",
                           label="date in the record")]
        fig.legend(handles=handles, loc="outside lower center", ncol=1 if narrow else 3, frameon=False)
        fig.suptitle("Dated events of the article, in date order", x=0.01, ha="left")
        flagged = sum(1 for e in events["event_id"] if e in checks.index and checks.loc[e, "verdict"] in FLAGGED)
        return svg(fig, "Timeline of the article's dated events",
                   f"{len(events)} dated events from {events['date_start'].min():%Y} to {events['date_end'].max():%Y}, "
                   f"one bar each over the period its date names, coloured by case; {flagged} dates the cross-checks "
                   "contradict are crossed, with the record's date beside them. The table below lists every event.")


def hbars(axes: object, labels: list[str], values: list[float], texts: list[str], colours: list[str],
          hatches: list[str], narrow: bool) -> None:
    """Horizontal bars with a value label each, top to bottom; on a phone each label stands above its bar."""
    if not values:  # a release without these facts: an empty panel that says so
        axes.text(0.5, 0.5, "no such figures in this release", ha="center", va="center", transform=axes.transAxes)
        axes.set_yticks([])
        return
    if narrow:  # each label above its bar, wrapped to the phone's width
        labels = [textwrap.fill(name.replace("\n", " "), 46) for name in labels]
    step = 1.5 + 0.5 * max(name.count("\n") + 1 for name in labels) if narrow else 1.0
    ys = [i * step for i in range(len(values))]
    bars = axes.barh(ys, values, color=colours, hatch=hatches, edgecolor=RECORD, linewidth=0.6, height=0.8)
    axes.bar_label(bars, texts, padding=4)
    if narrow:
        axes.set_yticks([])
        for y, name in zip(ys, labels, strict=True):
            axes.text(0, y - 0.5, name, va="bottom", ha="left")
        axes.set_ylim(ys[-1] + 0.6, -step + 0.4)
    else:
        axes.set_yticks(ys, labels)
        axes.invert_yaxis()
    axes.set_xlim(0, max(values) * (1.6 if narrow else 1.45))


def elpida_financing(narrow: bool = False) -> str:
    """Elpida's June 2009 financing, one bar per funder, as the article states the amounts."""
    facts = table("facts")
    rows = facts[(facts["entity_id"] == "elpida") & (facts["date"] == "2009-06")
                 & facts["metric"].isin(["investment", "loan"])].sort_values("value", ascending=False)
    names = entity_names()
    with plt.rc_context(STYLE):
        fig, axes = figure(NARROW_PX if narrow else WIDE_PX, 0.8 * len(rows) + 1.3 if narrow else 2.4)
        hbars(axes, [textwrap.fill(record_plain(r, r.fact_id), 30) for r in rows.itertuples()],
              list(rows["value"].astype(float) / 1e9), [fact_value(r) for r in rows.itertuples()],
              [PALETTE[0]] * len(rows), [""] * len(rows), narrow)
        axes.set_xlabel("billion yen, as the article states")
        axes.set_title("Elpida's financing, June 2009", loc="left")
        return svg(fig, "Elpida's financing, June 2009", "One bar per funder: " + "; ".join(
            f"{names[r.counterparty_id]}, {coded_plain('facts', 'metric', r.metric).lower()}: {fact_value(r)}"
            for r in rows.itertuples()) + ".")


SLOTS = {"FY2019": "earlier", "FY2021": "later"}


def image_sensor_shares(narrow: bool = False) -> str:
    """Sony's and Samsung's image-sensor market shares, earlier and later, each with the record's figure beside it.

    Sony's figures are dated FY2019 and FY2021; Samsung's 'from' and 'to' figures carry no year in the article, so
    they stand in the same earlier and later slots, labelled as undated.
    """
    facts = table("facts")
    samsung = facts["fact_id"].isin(["samsung_image_sensor_share_from", "samsung_image_sensor_share_to"])
    rows = facts[(facts["metric"] == "market_share") & (facts["date"].isin(["FY2019", "FY2021"]) | samsung)].copy()
    rows["date"] = rows["date"].astype(object).where(~samsung[rows.index], rows["fact_id"].map(
        {"samsung_image_sensor_share_from": "FY2019", "samsung_image_sensor_share_to": "FY2021"}))
    checks = checks_of("fact_id")
    names = entity_names()
    said = []
    with plt.rc_context(STYLE):
        fig, axes = figure(NARROW_PX if narrow else WIDE_PX, 4.2 if narrow else 3.2)
        companies = list(dict.fromkeys(rows["entity_id"]))
        slots = ((-0.33, "FY2019", "#1f77b4", False), (-0.11, "FY2019", "#1f77b4", True),
                 (0.11, "FY2021", "#ff7f0e", False), (0.33, "FY2021", "#ff7f0e", True))
        for offset, year, colour, record in slots:
            part = rows[rows["date"] == year].set_index("entity_id").reindex(companies)
            if record:
                values = [float(checks.loc[f, "external_value"]) if f in checks.index
                          and pd.notna(checks.loc[f, "external_value"]) else float("nan") for f in part["fact_id"]]
                texts = ["" if v != v else amount(v, "percent") for v in values]
                style = {"color": "white", "edgecolor": colour, "hatch": "xx", "label": f"{SLOTS[year]}, the record"}
            else:
                values = list(part["value"].astype(float))
                texts = [("≥" if q == "at_least" else "") + amount(v, "percent")
                         for v, q in zip(values, part["value_qualifier"], strict=True)]
                style = {"color": colour, "label": f"{SLOTS[year]}, the article ('at least' hatched)",
                         "hatch": ["//" if q == "at_least" else "" for q in part["value_qualifier"]]}
                said += [f"{names[c]} {SLOTS[year]} {t}" for c, t in zip(companies, texts, strict=True)]
            bars = axes.bar([i + offset for i in range(len(companies))], values, width=0.2, **style)
            axes.bar_label(bars, texts, padding=2, rotation=90 if narrow else 0)
        years = {"samsung": "no years given"}
        axes.set_xticks(range(len(companies)), [f"{names[c]}\n({years.get(c, 'FY2019, FY2021')})" for c in companies])
        axes.set_ylabel("market share, %")
        axes.set_ylim(0, 95 if narrow else 75)
        axes.legend(loc="upper left", frameon=False, ncol=1 if narrow else 2)
        axes.set_title("Image-sensor market share" + ("" if narrow else " (Samsung's figures carry no year)"), loc="left")
        return svg(fig, "Image-sensor market shares", "The article's shares beside the record's: " + "; ".join(said)
                   + ". Samsung's figures carry no year in the article.")


def kumamoto_subsidies(narrow: bool = False) -> str:
    """The Kumamoto cost and subsidy figures as stated, with the record's figure beside each; yen and dollars apart."""
    notes = table("source_notes").set_index("note_id")
    ids = list(notes.loc["kumamoto_subsidy_figures_inconsistent", "fact_ids"])
    facts = table("facts").set_index("fact_id").loc[ids]
    checks = checks_of("fact_id")
    bars: dict[str, list[tuple[str, float, str, bool]]] = {"JPY": [], "USD": []}
    for fact_id, row in facts[facts["unit"].isin(["JPY", "USD"])].iterrows():
        view = type("Row", (), {k: row[k] for k in ("unit", "value_qualifier", "value", "value_low", "value_high")})
        name = record_plain(row, fact_id) if narrow else textwrap.fill(record_plain(row, fact_id), 52)
        bars[str(row["unit"])].append((f"{name}\n(the article)", float(row["value"]), fact_value(view), False))
        if fact_id in checks.index and pd.notna(checks.loc[fact_id, "external_value"]):
            unit, value = str(checks.loc[fact_id, "external_unit"]), float(checks.loc[fact_id, "external_value"])
            verdict = coded_plain("checks", "verdict", checks.loc[fact_id, "verdict"]).lower()
            bars[unit].append((f"{name}\n(the record: {verdict})", value, amount(value, unit), True))
    with plt.rc_context(STYLE):
        tall = 1.1 if narrow else 0.5
        fig, panels = figure(NARROW_PX if narrow else WIDE_PX, tall * max(len(b) for b in bars.values()) * 2 + 1.4,
                             nrows=2, height_ratios=[len(bars["JPY"]), len(bars["USD"])])
        for axes, unit in zip(panels, ("JPY", "USD"), strict=True):
            items = bars[unit]
            hbars(axes, [i[0] for i in items], [i[1] / 1e9 for i in items], [i[2] for i in items],
                  ["white" if i[3] else PALETTE[2] for i in items], ["xx" if i[3] else "" for i in items], narrow)
            axes.set_xlabel(f"billion {unit}")
        heading = "TSMC Kumamoto: cost and subsidies as stated and in the record"
        fig.suptitle(textwrap.fill(heading, 44) if narrow else heading + " (they contradict each other)", x=0.01, ha="left")
        return svg(fig, "TSMC Kumamoto: cost and subsidies", "; ".join(
            f"{i[0].replace(chr(10), ' ')}: {i[2]}" for unit in ("JPY", "USD") for i in bars[unit]) + ".")


CHARTS = {"timeline": timeline, "elpida-financing": elpida_financing, "image-sensor-shares": image_sensor_shares,
          "kumamoto-subsidies": kumamoto_subsidies}


@cache
def drawn(name: str, narrow: bool = False) -> str:
    """A chart's SVG (the phone version with ``narrow``), drawn once per build."""
    return CHARTS[name](narrow)


def files() -> dict[str, str]:
    """Site path -> SVG of every chart, desktop and phone versions."""
    return {f"charts/{name}{'-narrow' if narrow else ''}.svg": drawn(name, narrow)
            for name in CHARTS for narrow in (False, True)}


def size(svg_text: str) -> tuple[int, int]:
    """An SVG's width and height in CSS pixels (matplotlib writes points)."""
    width, height = (float(re.search(rf'{k}="([\d.]+)pt"', svg_text).group(1)) for k in ("width", "height"))
    return round(width * 4 / 3), round(height * 4 / 3)


def chart_html(name: str, alt: str, depth: str = "../") -> str:
    """HTML showing a chart: the phone version below 45em, the desktop version above, each at its natural size."""
    width, height = size(drawn(name))
    narrow_w, narrow_h = size(drawn(name, True))
    return (f'<figure class="chart" markdown="0"><picture><source media="(max-width: 44.9375em)" '
            f'srcset="{depth}charts/{name}-narrow.svg" width="{narrow_w}" height="{narrow_h}">'
            f'<img src="{depth}charts/{name}.svg" alt="{attr(alt)}" width="{width}" height="{height}">'
            "</picture></figure>\n")
