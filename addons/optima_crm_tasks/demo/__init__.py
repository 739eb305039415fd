from . import optima_demo
