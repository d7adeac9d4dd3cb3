"""Explorer factories (controls + plot + one physics call), one module per lesson topic.

Modules: ``bands`` (lesson 0, the primer), ``resistance`` (1), ``reservoirs`` (2),
``channels`` (3), ``smatrix`` (4), ``noise`` (5), ``negf`` (6), ``localization`` (7),
``fine_print`` (8), ``coulomb`` (9), ``terminals`` (10), ``quantum_hall`` (11),
``topological`` (12), ``andreev`` (13);
each computes through the engine and `helpers.models`.
"""
