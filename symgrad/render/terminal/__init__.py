"""Terminal text of stationary points, verdicts, descent traces and k-means."""
