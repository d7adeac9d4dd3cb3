"""Lesson physics: the models each lesson builds on the engine (the top level of `helpers`).

One module per topic; each module's docstring says which lessons use it.

==================  ======================================================================
module              model (lessons)
==================  ======================================================================
``bands``           the tight-binding chain (band, group velocity, density of states), the
                    effective mass, the square lattice and the 2DEG (lesson 0, the primer)
``resistance``      contact resistance, one and many scatterers, Ohm's law from
                    reflection (lesson 1, "Resistance is reflection")
``reservoirs``      two reservoirs with their own mu and kT, the Fermi window,
                    thermoelectric current (lesson 2, "Reservoirs and the Fermi window")
``qpc``             strip subbands, the quantum point contact, the conductance staircase
                    (lesson 3, "Counting channels, quantized conductance")
``smatrix_stats``   barrier amplitudes, coherent against incoherent composition (lesson 4,
                    "The scattering matrix"); transmission eigenvalue statistics, Fano
                    factor (lesson 5); its mean free path also serves lesson 7
``noise``           partition noise, thermal and shot noise, the Fano factor of the lattice
                    QPC (lesson 5, "Transmission eigenvalues and shot noise")
``resonant_level``  a resonant level and small molecules between chains: self-energy,
                    Breit-Wigner, phase, DOS (lesson 6, "NEGF, self-energy and the Caroli
                    formula")
``localization``    ballistic, diffusive and localized wires, weak localization
                    (lesson 7, "When coherence traps: localization")
``probes``          dephasing with Büttiker probes, elastic against inelastic at finite bias
                    and temperature (lesson 8, "The fine print")
``coulomb``         Coulomb blockade, the orthodox model of a single-electron transistor,
                    blockade thermometry (lesson 9, "Coulomb blockade")
``terminals``       voltage probes on a one-channel wire (weak and invasive, beside a
                    barrier), a cross at +-B (lesson 10, "Many terminals")
``quantum_hall``    Landau levels, edge channels, Hall bar sweeps, current maps, a point
                    contact in a field (lesson 11, "The quantum Hall effect as edge channels")
``topological``     the BHZ model: band inversion, strip bands, helical edges, disorder of
                    three kinds (lesson 12, "Topological protection without a field")
``andreev``         the Blonder-Tinkham-Klapwijk model of a normal-superconductor
                    interface, the BCS density of states, the lattice junction, Beenakker's
                    formula for a disordered normal region (lesson 13, "Andreev reflection")
==================  ======================================================================

Models import the engine (and each other), never `helpers.widgets`, `helpers.explorers`,
`helpers.checks` or `helpers.grading`, and never ipywidgets, matplotlib or IPython
(tests/test_layers.py checks this). Import a model by its module, e.g.
``from helpers.models.qpc import qpc_curve``.
"""
