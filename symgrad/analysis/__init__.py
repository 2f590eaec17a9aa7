"""Analysis: stationary points and their classification (``stationary``, results in
``extrema``), descent traces (``trace``) and k-means (``kmeans``)."""
