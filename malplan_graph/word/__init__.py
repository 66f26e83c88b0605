"""Word målplaner in and out: the template, the reader, the import into the graph, the writer."""
