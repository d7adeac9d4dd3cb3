"""Lesson physics: the models each lesson builds on the engine (the top level of `helpers`)."""
