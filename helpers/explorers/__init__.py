"""Explorer factories (controls + plot + one physics call), one module per lesson."""
