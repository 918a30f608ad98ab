"""The marker detectors, one module per competency plus helper modules where one grew large (agreements 3.x, trust 4.x, presence 5.x,
listening 6.x, awareness 7.x, growth 8.x) and their shared helpers; they register themselves in
`coachlens.analysis.registry` when imported."""
