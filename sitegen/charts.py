"""Static SVG charts drawn from the data at site build time (matplotlib; text kept as text, no timestamps).

Every chart is drawn at the width of the page's content column, so that it shows at its natural size on a
desktop (text at 12 px) and scrolls in its own box on a phone rather than shrinking. One type scale for all.
"""

from __future__ import annotations

import html
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
from .formatting import CASES as CASE_NAMES
from .formatting import amount, fact_value, title

WIDTH_PX = 680                   # the content column of the site at desktop widths (688 px)
INCH = 96                        # CSS pixels per inch: an SVG of W pt shows at W * 4/3 px
TEXT_PT = 9                      # 12 px: the one text size of every chart; titles are bold, not larger
CASE_COLOURS = {"context": "#6b6b6b", "elpida": "#1f77b4", "kioxia": "#2ca02c", "tsmc_kumamoto": "#d62728"}
FLAGGED = ("contradicted", "garbled_in_source")
RECORD = "#222222"
STYLE = {"svg.hashsalt": "technonat-data", "svg.fonttype": "none", "font.size": TEXT_PT,
         "axes.titlesize": TEXT_PT, "axes.titleweight": "bold", "axes.labelsize": TEXT_PT,
         "xtick.labelsize": TEXT_PT, "ytick.labelsize": TEXT_PT, "legend.fontsize": TEXT_PT,
         "legend.title_fontsize": TEXT_PT, "figure.titlesize": TEXT_PT, "figure.titleweight": "bold",
         "axes.spines.top": False, "axes.spines.right": False}


def figure(height_in: float, **kwargs: object) -> tuple[plt.Figure, object]:
    """A figure exactly as wide as the content column."""
    return plt.subplots(figsize=(WIDTH_PX / INCH, height_in), layout="constrained", **kwargs)


def svg(fig: plt.Figure) -> str:
    """The figure as SVG text, identical from build to build."""
    buffer = io.StringIO()
    fig.savefig(buffer, format="svg", metadata={"Date": None})
    plt.close(fig)
    return buffer.getvalue()


def checks_of(column: str) -> pd.DataFrame:
    """The checks of facts or events, indexed by the record id."""
    checks = table("checks")
    return checks[checks[column].notna()].set_index(column)


def timeline() -> str:
    """Every dated event on one time axis, in date order, coloured by case; contradicted dates marked."""
    events = table("events").sort_values(["date_start", "date_end", "event_id"], kind="stable").reset_index(drop=True)
    checks = checks_of("event_id")
    with plt.rc_context(STYLE):
        fig, axes = figure(0.27 * len(events) + 1.6)
        for y, row in enumerate(events.itertuples()):
            width = (row.date_end - row.date_start) + pd.Timedelta(days=1)
            colour = CASE_COLOURS[row.case]
            axes.barh(y, width, left=row.date_start, height=0.62, color=colour, alpha=0.35)
            axes.plot(row.date_start, y, "o", color=colour, markersize=4)
            if row.event_id in checks.index and checks.loc[row.event_id, "verdict"] in FLAGGED:
                axes.plot(row.date_start, y, "x", color="#c62828", markersize=9, markeredgewidth=2)
                record = checks.loc[row.event_id, "external_date"]
                if isinstance(record, str):
                    axes.plot(pd.Timestamp(record[:7] if len(record) >= 7 else record), y, "D", markersize=6,
                              markerfacecolor="none", markeredgecolor=RECORD)
        axes.set_yticks(range(len(events)), [label(r.event_id, r.date) for r in events.itertuples()])
        axes.invert_yaxis()
        axes.set_ylim(len(events) - 0.4, -0.6)
        axes.xaxis.set_major_locator(mdates.YearLocator(10))
        axes.xaxis.set_minor_locator(mdates.YearLocator(5))
        axes.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))
        axes.grid(axis="x", which="both", color="#e0e0e0")
        handles = [Patch(color=c, alpha=0.6, label=CASE_NAMES[k]) for k, c in CASE_COLOURS.items()]
        handles += [Line2D([], [], marker="x", color="#c62828", markeredgewidth=2, linestyle="", label="date contradicted"),
                    Line2D([], [], marker="D", markerfacecolor="none", markeredgecolor=RECORD, linestyle="",
                           label="date in the record")]
        fig.legend(handles=handles, loc="outside lower center", ncol=3, frameon=False)
        axes.set_title("Dated events of the article, in date order", loc="left")
        return svg(fig)


def label(event_id: str, date: str) -> str:
    """An event's label: its title and its date as stated, the date once."""
    name = title(event_id)
    return name if date in name else f"{name} ({date})"


def hbars(axes: object, labels: list[str], values: list[float], texts: list[str], colours: list[str],
          hatches: list[str]) -> None:
    """Horizontal bars with a value label each, top to bottom in the given order."""
    bars = axes.barh(range(len(values)), values, color=colours, hatch=hatches, edgecolor=RECORD, linewidth=0.6)
    axes.bar_label(bars, texts, padding=4)
    axes.set_yticks(range(len(values)), labels)
    axes.invert_yaxis()
    axes.set_xlim(0, max(values) * 1.45)


def elpida_financing() -> str:
    """Elpida's June 2009 financing, one bar per funder, as the article states the amounts."""
    facts = table("facts")
    rows = facts[(facts["entity_id"] == "elpida") & (facts["date"] == "2009-06")
                 & facts["metric"].isin(["investment", "loan"])].sort_values("value", ascending=False)
    names = entity_names()
    with plt.rc_context(STYLE):
        fig, axes = figure(2.4)
        hbars(axes, [textwrap.fill(f"{names[r.counterparty_id]}: {r.metric}", 30) for r in rows.itertuples()],
              list(rows["value"].astype(float) / 1e9), [fact_value(r) for r in rows.itertuples()],
              [CASE_COLOURS["elpida"]] * len(rows), [""] * len(rows))
        axes.set_xlabel("billion yen, as the article states")
        axes.set_title("Elpida's financing, June 2009", loc="left")
        return svg(fig)


SLOTS = {"FY2019": "earlier", "FY2021": "later"}


def image_sensor_shares() -> str:
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
    with plt.rc_context(STYLE):
        fig, axes = figure(3.2)
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
            bars = axes.bar([i + offset for i in range(len(companies))], values, width=0.2, **style)
            axes.bar_label(bars, texts, padding=2)
        years = {"samsung": "no years given"}
        axes.set_xticks(range(len(companies)), [f"{names[c]}\n({years.get(c, 'FY2019, FY2021')})" for c in companies])
        axes.set_ylabel("market share, %")
        axes.set_ylim(0, 75)
        axes.legend(loc="upper left", frameon=False, ncol=2)
        axes.set_title("Image-sensor market share (Samsung's figures carry no year)", loc="left")
        return svg(fig)


def kumamoto_subsidies() -> str:
    """The Kumamoto cost and subsidy figures as stated, with the record's figure beside each; yen and dollars apart."""
    notes = table("source_notes").set_index("note_id")
    ids = list(notes.loc["kumamoto_subsidy_figures_inconsistent", "fact_ids"])
    facts = table("facts").set_index("fact_id").loc[ids]
    checks = checks_of("fact_id")
    bars: dict[str, list[tuple[str, float, str, bool]]] = {"JPY": [], "USD": []}
    for fact_id, row in facts[facts["unit"].isin(["JPY", "USD"])].iterrows():
        view = type("Row", (), {k: row[k] for k in ("unit", "value_qualifier", "value", "value_low", "value_high")})
        bars[str(row["unit"])].append((f"{title(fact_id)}\n(the article)", float(row["value"]), fact_value(view), False))
        if fact_id in checks.index and pd.notna(checks.loc[fact_id, "external_value"]):
            unit, value = str(checks.loc[fact_id, "external_unit"]), float(checks.loc[fact_id, "external_value"])
            verdict = str(checks.loc[fact_id, "verdict"]).replace("_", " ")
            bars[unit].append((f"{title(fact_id)}\n(the record: {verdict})", value, amount(value, unit), True))
    with plt.rc_context(STYLE):
        fig, panels = figure(0.5 * max(len(b) for b in bars.values()) * 2 + 1.2, nrows=2,
                             height_ratios=[len(bars["JPY"]), len(bars["USD"])])
        for axes, unit in zip(panels, ("JPY", "USD"), strict=True):
            items = bars[unit]
            hbars(axes, [i[0] for i in items], [i[1] / 1e9 for i in items], [i[2] for i in items],
                  ["white" if i[3] else CASE_COLOURS["tsmc_kumamoto"] for i in items],
                  ["xx" if i[3] else "" for i in items])
            axes.set_xlabel(f"billion {unit}")
        fig.suptitle("TSMC Kumamoto: cost and subsidies as stated (they contradict each other) and in the record",
                     x=0.01, ha="left")
        return svg(fig)


CHARTS = {"timeline": timeline, "elpida-financing": elpida_financing, "image-sensor-shares": image_sensor_shares,
          "kumamoto-subsidies": kumamoto_subsidies}


@cache
def drawn(name: str) -> str:
    """A chart's SVG, drawn once per build."""
    return CHARTS[name]()


def size(svg_text: str) -> tuple[int, int]:
    """An SVG's width and height in CSS pixels (matplotlib writes points)."""
    width, height = (float(re.search(rf'{k}="([\d.]+)pt"', svg_text).group(1)) for k in ("width", "height"))
    return round(width * 4 / 3), round(height * 4 / 3)


def chart_html(name: str, alt: str) -> str:
    """Markdown showing a chart at its natural size in a box that scrolls on narrow screens."""
    width, height = size(drawn(name))
    return (f'<div class="chart" markdown>\n![{html.escape(alt)}](charts/{name}.svg){{ width="{width}" '
            f'height="{height}" }}\n</div>\n')
