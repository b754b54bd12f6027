"""Static SVG charts drawn from the data at site build time (matplotlib; text kept as text, no timestamps)."""

from __future__ import annotations

import io

import matplotlib

matplotlib.use("Agg")
import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import pandas as pd

from .data import entity_names, table

CASE_COLOURS = {"context": "#7f7f7f", "elpida": "#1f77b4", "kioxia": "#2ca02c", "tsmc_kumamoto": "#d62728"}
STYLE = {"svg.hashsalt": "technonat-data", "svg.fonttype": "none", "font.size": 10, "axes.spines.top": False,
         "axes.spines.right": False}


def svg(figure: plt.Figure) -> str:
    """The figure as SVG text, identical from build to build."""
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", bbox_inches="tight", metadata={"Date": None})
    plt.close(figure)
    return buffer.getvalue()


def timeline() -> str:
    """Every dated event on one time axis, one row per event, grouped and coloured by case."""
    events = table("events").sort_values(["case", "date_start", "event_id"], kind="stable").reset_index(drop=True)
    with plt.rc_context(STYLE):
        figure, axes = plt.subplots(figsize=(10, 0.34 * len(events) + 1.5))
        for y, row in enumerate(events.itertuples()):
            width = (row.date_end - row.date_start) + pd.Timedelta(days=1)
            colour = CASE_COLOURS[row.case]
            axes.barh(y, width, left=row.date_start, height=0.6, color=colour, alpha=0.35)
            axes.plot(row.date_start, y, "o", color=colour, markersize=4)
        axes.set_yticks(range(len(events)), [f"{r.date}  {r.event_id.replace('_', ' ')}" for r in events.itertuples()])
        axes.invert_yaxis()
        axes.xaxis.set_major_locator(mdates.YearLocator(5))
        axes.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))
        axes.grid(axis="x", color="#dddddd")
        handles = [plt.Rectangle((0, 0), 1, 1, color=c, alpha=0.6) for c in CASE_COLOURS.values()]
        axes.legend(handles, list(CASE_COLOURS), title="case", loc="upper center", bbox_to_anchor=(0.5, -0.06), ncol=4)
        axes.set_title("Dated events of the article (bars span the period at the stated precision)")
        return svg(figure)


def elpida_financing() -> str:
    """Elpida's June 2009 financing, one bar per funder, as the article states the amounts."""
    facts = table("facts")
    rows = facts[(facts["entity_id"] == "elpida") & (facts["date"] == "2009-06")
                 & facts["metric"].isin(["investment", "loan"])].sort_values("value", ascending=False)
    names = entity_names()
    labels = [f"{names[r.counterparty_id]}\n({r.metric})" for r in rows.itertuples()]
    with plt.rc_context(STYLE):
        figure, axes = plt.subplots(figsize=(7, 2.8))
        bars = axes.barh(labels, rows["value"].astype(float) / 1e9, color=CASE_COLOURS["elpida"])
        axes.bar_label(bars, [f"¥{v / 1e9:,.0f} bn" for v in rows["value"]], padding=3)
        axes.invert_yaxis()
        axes.set_xlabel("billion yen")
        axes.set_title("Elpida's financing, June 2009")
        return svg(figure)


def image_sensor_shares() -> str:
    """Sony's and Samsung's image-sensor market shares, FY2019 and FY2021."""
    facts = table("facts")
    rows = facts[(facts["metric"] == "market_share") & facts["date"].isin(["FY2019", "FY2021"])]
    names = entity_names()
    with plt.rc_context(STYLE):
        figure, axes = plt.subplots(figsize=(6, 3))
        companies = list(dict.fromkeys(rows["entity_id"]))
        for offset, year in ((-0.2, "FY2019"), (0.2, "FY2021")):
            part = rows[rows["date"] == year].set_index("entity_id").reindex(companies)
            positions = [i + offset for i in range(len(companies))]
            bars = axes.bar(positions, part["value"].astype(float), width=0.38, label=year,
                            hatch=["//" if q == "at_least" else "" for q in part["value_qualifier"]],
                            color="#1f77b4" if year == "FY2019" else "#ff7f0e")
            axes.bar_label(bars, [("≥" if q == "at_least" else "") + f"{v:g}%"
                                  for v, q in zip(part["value"], part["value_qualifier"], strict=True)])
        axes.set_xticks(range(len(companies)), [names[c] for c in companies])
        axes.set_ylabel("market share, %")
        axes.legend()
        axes.set_title("Image-sensor market share (hatched: 'at least'; Samsung's years inferred)")
        return svg(figure)


def kumamoto_subsidies() -> str:
    """The Kumamoto cost and subsidy figures exactly as stated, yen and dollars in separate panels."""
    notes = table("source_notes").set_index("note_id")
    ids = list(notes.loc["kumamoto_subsidy_figures_inconsistent", "fact_ids"])
    facts = table("facts").set_index("fact_id").loc[ids]
    money = facts[facts["unit"].isin(["JPY", "USD"])]
    with plt.rc_context(STYLE):
        figure, panels = plt.subplots(1, 2, figsize=(9, 2.8), width_ratios=[3, 1])
        for axes, unit, symbol in ((panels[0], "JPY", "¥"), (panels[1], "USD", "US$")):
            part = money[money["unit"] == unit]
            labels = [f"{i.replace('_', ' ')}" for i in part.index]
            bars = axes.barh(labels, part["value"].astype(float) / 1e9, color=CASE_COLOURS["tsmc_kumamoto"])
            axes.bar_label(bars, [f"{symbol}{v / 1e9:,.1f} bn" for v in part["value"]], padding=3)
            axes.set_xlabel(f"billion {unit}")
            axes.invert_yaxis()
        figure.suptitle("TSMC Kumamoto: cost and subsidy figures as stated (they contradict each other)")
        return svg(figure)


CHARTS = {"timeline": timeline, "elpida-financing": elpida_financing, "image-sensor-shares": image_sensor_shares,
          "kumamoto-subsidies": kumamoto_subsidies}
