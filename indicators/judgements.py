"""The recent trend of an indicator, in words.

Method: the last five values for the area (one sex, age and category, in period
order) are fitted with an ordinary least-squares line. The slope's 95%
confidence interval uses Student's t with n - 2 = 3 degrees of freedom
(t = 3.182). If the interval excludes zero the trend is
"Increasing" or "Decreasing", and with a polarity "getting better" or "getting
worse"; otherwise "No significant change". Fewer than five values: no trend.

This stands in for Fingertips' own trend test (a chi-squared test for trend on
counts and denominators), which needs counts that many local values lack.
"""

import math

POINTS = 5
T_95 = 3.182  # Student's t, two-sided 95%, n - 2 = 3 degrees of freedom


def trend(values, polarity):
    """values: IndicatorValue rows for one area and breakdown, oldest first."""
    points = [v.value for v in values if v.value is not None][-POINTS:]
    if len(points) < POINTS:
        return "Not enough data for a trend (five points are needed)"
    xs = range(POINTS)
    mean_x, mean_y = sum(xs) / POINTS, sum(points) / POINTS
    sxx = sum((x - mean_x) ** 2 for x in xs)
    slope = (
        sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, points, strict=True)) / sxx
    )
    residuals = [
        y - (mean_y + slope * (x - mean_x)) for x, y in zip(xs, points, strict=True)
    ]
    error = math.sqrt(sum(r * r for r in residuals) / (POINTS - 2) / sxx)
    if abs(slope) <= T_95 * error:
        return "No significant change"
    rising = slope > 0
    words = "Increasing" if rising else "Decreasing"
    if polarity == "no_judgement":
        return words
    better = rising == (polarity == "higher_is_better")
    return f"{words} and getting {'better' if better else 'worse'}"
