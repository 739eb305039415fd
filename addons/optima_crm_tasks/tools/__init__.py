from . import cycle
