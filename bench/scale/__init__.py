"""The data-scale benchmark's parts (bench/data_scale.py runs them): the ten-year builder, the pages, the report."""
