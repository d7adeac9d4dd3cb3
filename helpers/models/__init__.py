"""Lesson physics built on the engine: the models the lessons and exercises use."""
